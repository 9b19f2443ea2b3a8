"""One language's edition as a pandoc document, ready for every writer.

The model is turned into pandoc Markdown once, parsed by pandoc once (with
citeproc), fenced (resources outside the project are refused) and marked
(incomplete references shown as such). Writers start from that AST.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .checks.resources import resolve_resource
from .diagnostics import Diagnostic, Severity
from .engines import pandoc
from .labels import labels
from .csl_items import csl_items
from .locales import localized_style
from .typography import MONTHS, NBSP, tie_dates_and_citations
from .manuscript import MANUSCRIPT_DIR
from .model import LanguageMetadata, Project

_RAW_TARGET = re.compile(r"""\b(?:src|href|data|poster)\s*=\s*["']?([^"'\s>]+)|url\(\s*["']?([^"')\s]+)""", re.I)


@dataclass
class Edition:
    language: str
    ast: dict
    unresolved: list[str] = field(default_factory=list)  # citation keys pandoc could not find
    refused: list[Diagnostic] = field(default_factory=list)  # resources kept out
    warnings: list[str] = field(default_factory=list)  # other engine warnings


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _abstract_block(meta: LanguageMetadata) -> str:
    words = labels(meta.language)
    parts = []
    if meta.abstract:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", meta.abstract) if p.strip()]
        paragraphs[0] = f"**{words['abstract']}.** {paragraphs[0]}"
        parts.append(f'::: {{.abstract lang={meta.language} custom-style="Abstract"}}\n'
                     + "\n\n".join(paragraphs) + "\n:::")
    if meta.keywords:
        parts.append(f'::: {{.keywords lang={meta.language} custom-style="Keywords"}}\n'
                     f"**{words['keywords']}:** {', '.join(meta.keywords)}.\n:::")
    return "\n\n".join(parts)


def pandoc_markdown(project: Project, language: str) -> str:
    """The edition as one pandoc Markdown text: front matter, sections, references, other abstracts."""
    meta = project.metadata
    own = meta.languages[language]
    words = labels(language)
    header = ["---", f"title: {_yaml_string(own.title)}", f"lang: {language}", "link-citations: true",
              f"toc-title: {_yaml_string(words['contents'])}"]
    header.append("alternate:")
    for other in project.manuscripts:
        header += [f"  - lang: {other}", f"    href: ../{other}/article.html",
                   f"    name: {_yaml_string(labels(other)['language-name'])}"]
        if other != language:
            header.append("    other: true")
    header.append(f"language-switch: {_yaml_string(words['language-switch'])}")
    if meta.authors:
        header.append("author:")
        header += [f"  - {_yaml_string(a.name)}" for a in meta.authors]
        header.append("author-detail:")
        for a in meta.authors:
            header.append(f"  - name: {_yaml_string(a.name)}")
            if a.affiliation:
                header.append(f"    affiliation: {_yaml_string(a.affiliation)}")
    # running heads of the print edition; document properties (PDF, DOCX)
    header.append(f"running-title: {_yaml_string(own.short_title or own.title)}")
    names = ", ".join(a.name for a in meta.authors)
    header.append(f"running-authors: {_yaml_string(names or meta.journal or own.short_title or own.title)}")
    if own.abstract:
        header.append(f"subject: {_yaml_string(' '.join(own.abstract.split()))}")
    if own.keywords:
        header.append("keywords:")
        header += [f"  - {_yaml_string(k)}" for k in own.keywords]
    header.append("---")
    blocks = ["\n".join(header), _abstract_block(own)]
    blocks += [section.text.strip() for section in project.manuscripts[language].sections]
    blocks.append(f"# {words['references']} {{#references .unnumbered}}\n\n::: {{#refs}}\n:::")
    for other, other_meta in meta.languages.items():
        if other != language and (other_meta.abstract or other_meta.keywords):
            blocks.append(f"::: {{.other-language lang={other}}}\n{_abstract_block(other_meta)}\n:::")
    return "\n\n".join(b for b in blocks if b) + "\n"


def walk(node, visit):
    """Apply `visit` to every element dict bottom-up; it may return a replacement."""
    if isinstance(node, list):
        return [walk(item, visit) for item in node]
    if isinstance(node, dict):
        if "t" in node:
            if "c" in node:
                node = {**node, "c": walk(node["c"], visit)}
            return visit(node)
        return {k: walk(v, visit) for k, v in node.items()}
    return node


def _text_span(text: str, cls: str) -> dict:
    return {"t": "Span", "c": [["", [cls], []], [{"t": "Str", "c": text}]]}


class _Fence:
    """Keeps every resource of the document inside the project."""

    def __init__(self, project: Project, language: str):
        self.root = project.root
        self.anchor = MANUSCRIPT_DIR / language / "section.md"
        self.label = labels(language)["refused-image"]
        self.refused: list[Diagnostic] = []

    def _refuse(self, target: str, why: str) -> None:
        self.refused.append(Diagnostic(self.anchor.parent, 0, 0, Severity.ERROR, "refused-resource",
                                       f"resource {why}", "keep images inside the project"))

    def __call__(self, node: dict):
        kind = node["t"]
        if kind == "Image":
            attr, alt, (target, title) = node["c"]
            full, why = resolve_resource(self.root, self.anchor, target)
            if full is None:
                self._refuse(target, why)
                return _text_span(f"[{self.label}: {target}]", "refused-resource")
            return {"t": "Image", "c": [attr, alt, [str(full), title]]}
        if kind in ("RawInline", "RawBlock"):
            fmt, text = node["c"]
            for match in _RAW_TARGET.finditer(text):
                target = match.group(1) or match.group(2)
                if target.startswith("#"):
                    continue
                full, why = resolve_resource(self.root, self.anchor, target)
                if full is None:
                    self._refuse(target, why)
                    span = _text_span(f"[{self.label}: {target}]", "refused-resource")
                    return span if kind == "RawInline" else {"t": "Plain", "c": [span]}
        return node


def run_on(blocks: list[dict], inline: dict) -> list[dict]:
    """`blocks` with `inline` added after their last text (inside a closing div,
    such as a reference's right-hand part), or as a line of its own."""
    blocks = list(blocks)
    last = blocks[-1] if blocks else None
    if last and last["t"] in ("Para", "Plain"):
        blocks[-1] = {"t": last["t"], "c": last["c"] + [{"t": "Space"}, inline]}
    elif last and last["t"] == "Div" and last["c"][1] and last["c"][1][-1]["t"] in ("Para", "Plain"):
        blocks[-1] = {"t": "Div", "c": [last["c"][0], run_on(last["c"][1], inline)]}
    else:
        blocks.append({"t": "Plain", "c": [inline]})
    return blocks


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
        marker = _text_span(f"⟨{label}⟩" if has_body else f"⟨{key}: {label}⟩", "incomplete-reference")
        return {"t": "Div", "c": [[ident, classes, attrs], run_on(content, marker)]}
    return visit


def _written_date(date: str, language: str) -> str:
    """1941-08-10 as "10 avqust 1941" / "10 August 1941"; other forms as written."""
    months = MONTHS.get(language.split("-")[0], MONTHS["en"])
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", date.strip()):
        year, month, day = m.group(1), months[int(m.group(2)) - 1], m.group(3)
        return f"{int(day)}{NBSP}{month}{NBSP}{year}" if day else f"{month}{NBSP}{year}"
    return date


def quotation_source(attributes: dict[str, str], language: str) -> str:
    """Who said a quotation and when: "İsmet İnönü, 10 avqust 1941"; "" when unknown."""
    speaker, date = attributes.get("speaker", ""), attributes.get("date", "")
    return ", ".join(p for p in (speaker[:1].upper() + speaker[1:], _written_date(date, language)) if p)


def _attribute_quotations(language: str):
    """Under a quotation: who said it and when, and what it was translated from."""
    words = labels(language)

    def visit(node: dict):
        if node["t"] != "Div":
            return node
        (ident, classes, attrs), content = node["c"]
        if "quotation" not in classes:
            return node
        attributes = dict(attrs)
        added = []
        if said := quotation_source(attributes, language):
            added.append({"t": "Div", "c": [["", ["quotation-source"], [["custom-style", "Quotation Source"]]],
                                            [{"t": "Para", "c": [{"t": "Str", "c": f"— {said}"}]}]]})
        if source := attributes.get("translated-from"):
            names = words["languages"]
            text = words["translated-quotation"].format(source=names.get(source, source))
            if original := attributes.get("original-language"):
                text += "; " + words["original-language"].format(language=names.get(original, original))
            note = {"t": "Para", "c": [{"t": "Emph", "c": [{"t": "Str", "c": text + "."}]}]}
            added.append({"t": "Div", "c": [["", ["quotation-note"], [["custom-style", "Quotation Note"]]], [note]]})
        return {"t": "Div", "c": [[ident, classes, attrs], content + added]} if added else node
    return visit


# set by --citeproc's inputs; meaningless (temporary paths) in a written document
PROCESS_METADATA = ("bibliography", "csl")


def citeproc_args(folder: Path, project: Project, language: str, csl: Path) -> list[str]:
    """pandoc's citeproc options: the CSL items and the style (with the toolkit's
    locale embedded), written into `folder`."""
    bib = folder / "references.json"
    bib.write_text(json.dumps(csl_items(project.bibliography, language), ensure_ascii=False), encoding="utf-8")
    if (style := localized_style(csl, language)) is not None:
        csl = folder / "style.csl"
        csl.write_bytes(style)
    return ["--citeproc", f"--csl={csl}", f"--bibliography={bib}"]


def prepare(project: Project, language: str, csl: Path, incomplete: set[str]) -> Edition:
    source = pandoc_markdown(project, language)
    with tempfile.TemporaryDirectory(prefix="toolkit-") as tmp:
        result = pandoc.run(["--from=markdown", "--to=json", *citeproc_args(Path(tmp), project, language, csl)],
                            stdin=source, cwd=project.root)
    ast = json.loads(result.output)
    for name in PROCESS_METADATA:
        ast["meta"].pop(name, None)
    fence = _Fence(project, language)
    ast["blocks"] = walk(ast["blocks"], fence)
    ast["blocks"] = walk(ast["blocks"], _mark_incomplete(incomplete, labels(language)["incomplete-reference"]))
    ast["blocks"] = walk(ast["blocks"], _attribute_quotations(language))
    ast["blocks"] = walk(ast["blocks"], tie_dates_and_citations)
    unresolved, other = [], []
    for warning in result.warnings:
        if m := re.match(r"Citeproc: citation (.+) not found", warning):
            unresolved.append(m.group(1))
        else:
            other.append(warning)
    return Edition(language, ast, unresolved, fence.refused, other)
