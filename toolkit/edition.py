"""One language's edition as a pandoc document, ready for every writer.

The model is turned into pandoc Markdown once (edition_source.py), parsed by
pandoc once, its figures, tables and equations numbered and cross-references
written out (crossref.py), its citations resolved by citeproc, fenced
(resource_fence.py: resources outside the project are refused, figures
embedded) and marked (incomplete references shown as such). Writers start
from that AST; a session prepares it once for them all (session.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import crossref, formulas
from .culprit import locate
from .diagnostics import Diagnostic, Severity
from .edition_source import MARKDOWN, PROCESS_METADATA, citeproc_args, markdown_args, markdown_source
from .engine_warnings import located
from .engines import pandoc
from .entrysets import cited_sets, expand_sets, render_members
from .figures import sized
from .front_matter import FrontText, edition_metadata, front_texts, settle
from .labels import labels
from .locales import localized_style
from .manuscript import MANUSCRIPT_DIR
from .model import Project
from .pandoc_ast import run_on, text_span, walk
from .quotations import set_quotations
from .resource_fence import ResourceFence
from .sanitise import sanitise_ast
from .scratch import scratch
from .typography import tie_dates_and_citations


@dataclass
class Edition:
    language: str
    ast: dict
    unresolved: list[str] = field(default_factory=list)  # citation keys pandoc could not find
    refused: list[Diagnostic] = field(default_factory=list)  # resources kept out
    # the engines' other warnings, at their place; the writers add theirs (a copy made
    # with dataclasses.replace shares this list)
    warnings: list[Diagnostic] = field(default_factory=list)
    formula_errors: list[Diagnostic] = field(default_factory=list)  # formulas pandoc cannot convert, at their place
    texts: FrontText = field(default_factory=FrontText)  # the front matter as plain text
    csl: Path | None = None  # the citation style it was made with


def _mark_incomplete(incomplete: set[str], label: str):
    def visit(node: dict):
        if node["t"] != "Div":
            return node
        (ident, classes, attrs), content = node["c"]
        key = ident.removeprefix("ref-")
        if "csl-entry" not in classes or key not in incomplete:
            return node
        # the marker runs on after the entry's text (in its right-hand part, if it has one)
        has_body = any(b["t"] == "Div" and "csl-right-inline" in b["c"][0][1] for b in content)
        marker = text_span(f"⟨{label}⟩" if has_body else f"⟨{key}: {label}⟩", "incomplete-reference")
        return {"t": "Div", "c": [[ident, classes, attrs], run_on(content, marker)]}
    return visit


def _unknown_labels(project: Project, language: str, unresolved: list[str]) -> list[Diagnostic]:
    """A cross-reference to a label nothing has, at each place it is written."""
    out = []
    for label in dict.fromkeys(unresolved):
        places = [(s.path, r.position) for s in project.manuscripts[language].sections for r in s.crossrefs
                  if r.label == label] or [(MANUSCRIPT_DIR / language, None)]
        for path, pos in places:
            out.append(Diagnostic(path, pos.line if pos else 0, pos.column if pos else 0, Severity.WARNING,
                                  "unknown-label", f"cross-reference to unknown label {label} (shown as {label}?)"))
    return out


def shared_transforms(document: dict, project: Project, language: str):
    """What every writer's document goes through, before citeproc (which would take `@fig:map`
    for a citation): math environments become formulas, numbered then as equations, and
    unconvertible ones markers; figures, tables, equations and sections are numbered and
    cross-referenced. Returns the document, the formulas' errors and the numbering."""
    document, formula_errors = formulas.in_edition(document, project, language)
    numbered, numbering = crossref.number(document, language)
    return numbered, formula_errors, numbering


def prepare(project: Project, language: str, csl: Path, incomplete: set[str]) -> Edition:
    source, sources = markdown_source(project, language)
    with scratch() as folder:
        try:
            parsed = pandoc.run(["--to=json", *markdown_args(folder, edition_metadata(project, language))],
                                stdin=source, cwd=project.root)
            numbered, formula_errors, numbering = shared_transforms(json.loads(parsed.output), project, language)
            result = pandoc.run(["--from=json", "--to=json", *citeproc_args(folder, project, language, csl)],
                                stdin=json.dumps(numbered), cwd=project.root)
            rendered, _ = formulas.in_references(json.loads(result.output), language)  # `check` locates failures
        except pandoc.PandocLimit as limit:  # name the section that causes it
            raise locate(project, language, limit, MARKDOWN) from None
        if sets := cited_sets(project, language):  # a cited @set: one reference of its members' texts
            members = render_members(project, language, localized_style(csl, language) or csl.read_bytes(),
                                     sets, folder)
    ast = rendered
    if sets:
        ast = expand_sets(ast, sets, members)
    for name in PROCESS_METADATA:
        ast["meta"].pop(name, None)
    fence = ResourceFence(project, language)
    ast["blocks"] = walk(ast["blocks"], fence)
    ast["meta"] = walk(ast["meta"], fence)
    ast["blocks"] = walk(ast["blocks"], sized)
    ast["blocks"] = walk(ast["blocks"], _mark_incomplete(incomplete, labels(language)["incomplete-reference"]))
    ast["blocks"] = set_quotations(ast["blocks"], language)
    ast["blocks"] = walk(ast["blocks"], tie_dates_and_citations)
    ast = sanitise_ast(ast)  # metadata as text; no event handler, style or unsafe link
    texts = front_texts(ast, project, language)
    ast = settle(ast, texts)  # the page title and running heads as plain text
    unresolved = [m.group(1) for w in result.warnings if (m := re.match(r"Citeproc: citation (.+) not found", w))]
    warnings = located(project, language, "pandoc", parsed.warnings, sources)
    warnings += located(project, language, "pandoc", result.warnings)
    warnings += _unknown_labels(project, language, numbering.unresolved)
    return Edition(language, ast, unresolved, fence.refused, warnings, formula_errors=formula_errors, texts=texts,
                   csl=csl)
