"""One language's edition as a pandoc document, ready for every writer.

The model is turned into pandoc Markdown once, parsed by pandoc once, its
figures, tables and equations numbered and cross-references written out
(crossref.py), its citations resolved by citeproc, fenced (resources outside
the project are refused; figures embedded, figures.py) and marked (incomplete
references shown as such). Writers start from that AST.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .aliases import text_with_main_keys
from .checks.resources import resolve_resource
from .confine import escape_controls, quote
from . import crossref
from .culprit import locate
from .diagnostics import Diagnostic, Severity
from .engine_warnings import SourceMap, located
from .engines import citeproc, pandoc
from . import formulas
from .engines.mupdf import FigureError
from .figures import embed, sized
from .entrysets import cited_sets, expand_sets, render_members
from .labels import labels
from .csl_items import csl_items
from .rich_text import FORMULA_OPEN
from .locales import localized_style
from .typography import tie_dates_and_citations, written_date
from .manuscript import MANUSCRIPT_DIR
from .front_matter import FrontText, abstract_block, edition_metadata, front_citations, front_texts, settle
from .model import Project
from .pandoc_ast import walk
from .sanitise import sanitise_ast
from .scratch import scratch

# A section's own YAML block may set nothing (not the references, title or
# language): the toolkit hands pandoc the metadata, and the check reports the block.
MARKDOWN = "markdown-yaml_metadata_block"
_RAW_TARGET = re.compile(r"""\b(?:src|srcset|href|data|poster)\s*=\s*["']?([^"'\s>]+)|url\(\s*["']?([^"')\s]+)""", re.I)


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


def markdown_args(folder: Path, metadata: dict) -> list[str]:
    """How pandoc reads an edition's Markdown: the metadata from a file the toolkit
    wrote (into `folder`), never from a YAML block in a section."""
    path = folder / "metadata.json"
    path.write_text(json.dumps(metadata, ensure_ascii=False), encoding="utf-8")
    return [f"--from={MARKDOWN}", f"--metadata-file={path}"]


def _field_place(project: Project, language: str) -> tuple[Path, int, int]:
    """Where a language's abstract (or, without one, its keywords) is in article.yaml."""
    own = project.metadata.languages[language]
    pos = own.positions.get("abstract") or own.positions.get("keywords") or own.positions["language"]
    return pos.path, pos.line, pos.column


def markdown_source(project: Project, language: str) -> tuple[str, SourceMap]:
    """The edition's body as one pandoc Markdown text — abstract, sections, references,
    other abstracts — and where each of its lines came from."""
    meta = project.metadata
    own = meta.languages[language]
    words = labels(language)
    blocks: list[str] = []
    sources = SourceMap()

    def add(text: str, *where, exact: bool = True) -> None:
        if text:
            blocks.append(text)
            sources.add(text, *where, exact=exact)

    add(abstract_block(own, project.bibliography), *_field_place(project, language), exact=False)
    for section in project.manuscripts[language].sections:
        full = text_with_main_keys(section)
        add(full.strip(), section.path, full[:len(full) - len(full.lstrip())].count("\n") + 1)
    add(f"# {words['references']} {{#references .unnumbered}}\n\n::: {{#refs}}\n:::")
    for other, other_meta in meta.languages.items():
        if other != language and (other_meta.abstract or other_meta.keywords):
            add(f"::: {{.other-language lang={other}}}\n{abstract_block(other_meta, project.bibliography)}\n:::",
                *_field_place(project, other), exact=False)
    return "\n\n".join(blocks) + "\n", sources


def pandoc_markdown(project: Project, language: str) -> str:
    """The edition's body as one pandoc Markdown text (`markdown_source`)."""
    return markdown_source(project, language)[0]


def _text_span(text: str, cls: str) -> dict:
    return {"t": "Span", "c": [["", [cls], []], [{"t": "Str", "c": text}]]}


class _Fence:
    """Keeps every resource of the document inside the project: each image becomes
    a `data:` URI of a project file, so no engine ever opens a path or a URL."""

    def __init__(self, project: Project, language: str):
        self.root = project.root
        self.anchor = MANUSCRIPT_DIR / language / "section.md"
        self.label = labels(language)["refused-image"]
        self.refused: list[Diagnostic] = []
        self.embedded: dict[Path, str] = {}

    def _refuse(self, target: str, why: str, code: str = "refused-resource",
                hint: str = "keep images inside the project") -> dict:
        self.refused.append(Diagnostic(self.anchor.parent, 0, 0, Severity.ERROR, code, why, hint))
        return _text_span(f"[{self.label}: {escape_controls(target)}]", "refused-resource")

    def _data_uri(self, full: Path) -> str:
        """The file as the editions embed it (figures.embed: a PDF figure as SVG)."""
        if full not in self.embedded:
            self.embedded[full] = embed(full.name, full.read_bytes())
        return self.embedded[full]

    def _image(self, attr: list, alt: list, target: str, title: str) -> dict:
        full, why = resolve_resource(self.root, self.anchor, target)
        if full is None:
            return self._refuse(target, why)
        try:
            uri = self._data_uri(full)
        except FigureError as error:
            return self._refuse(target, f"{quote(target)}: {error}", "unreadable-image",
                                "export the figure again as PDF, SVG, PNG or JPEG")
        return {"t": "Image", "c": [attr, alt, [uri, title]]}

    def __call__(self, node: dict):
        kind = node["t"]
        if kind == "Image":
            attr, alt, (target, title) = node["c"]
            return self._image(attr, alt, target, title)
        if kind in ("RawInline", "RawBlock") and node["c"][0] in ("html", "html5"):
            text = node["c"][1]
            if image := _lone_img(text):
                attr, alt, target, title = image
                inline = self._image(attr, alt, target, title)
                return inline if kind == "RawInline" else {"t": "Plain", "c": [inline]}
            for match in _RAW_TARGET.finditer(text):
                target = match.group(1) or match.group(2)
                if target.startswith("#") or match.group(0).lower().startswith("href"):
                    continue
                _, why = resolve_resource(self.root, self.anchor, target)
                span = self._refuse(target, why or f"{quote(target)} is referred to from raw HTML: write the "
                                                   "image as ![alt](path) or a single <img> tag")
                return span if kind == "RawInline" else {"t": "Plain", "c": [span]}
        return node


def _lone_img(text: str) -> tuple[list, list, str, str] | None:
    """A raw `<img src=… alt=…>` as the parts of a pandoc Image, or None."""
    if not re.fullmatch(r"\s*<img\b[^<>]*>\s*", text, re.I):
        return None
    from html.parser import HTMLParser

    found: dict[str, str] = {}

    class _Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.update((name, value or "") for name, value in attrs)

        handle_startendtag = handle_starttag

    _Parser().feed(text)
    if not found.get("src"):
        return None
    keep = [[name, found[name]] for name in ("width", "height") if found.get(name)]
    alt = [{"t": "Str", "c": found["alt"]}] if found.get("alt") else []
    return [found.get("id", ""), found.get("class", "").split(), keep], alt, found["src"], found.get("title", "")


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


def quotation_source(attributes: dict[str, str], language: str) -> str:
    """Who said a quotation and when: "İsmet İnönü, 10 avqust 1941"; "" when unknown."""
    speaker, date = attributes.get("speaker", ""), attributes.get("date", "")
    return ", ".join(p for p in (speaker[:1].upper() + speaker[1:], written_date(date, language)) if p)


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


# the CSL variable that carries the toolkit's reference order to pandoc
ORDER_VARIABLE = "toolkit-order"


def citation_inputs(project: Project, language: str, csl: Path,
                    formulas: bool = False) -> tuple[list[dict], bytes]:
    """The CSL items and the style (with the toolkit's locale embedded) pandoc's citeproc gets;
    with `formulas`, the fields' formulas as words the edition draws (csl_items).

    Where the style sorts its reference list, the toolkit decides the order
    (`engines.citeproc.bibliography_order`, the edition's alphabet) and pandoc
    is given it, so the edition and `toolkit refs` number the entries alike."""
    items = csl_items(project.bibliography, language, formulas=formulas)
    as_text = items if not formulas or FORMULA_OPEN not in json.dumps(items, ensure_ascii=False) else \
        csl_items(project.bibliography, language)  # sorted as `toolkit refs` sorts, formulas as text
    style = localized_style(csl, language) or csl.read_bytes()
    cited = list(dict.fromkeys(c.key for c in (*project.manuscripts[language].citations,
                                                *front_citations(project, language))))
    known = {str(item["id"]) for item in items}
    order = citeproc.bibliography_order(as_text, style, language, [k for k in cited if k in known])
    if order:
        rank = {key: f"{n:06d}" for n, key in enumerate(order, 1)}
        for item in items:
            item[ORDER_VARIABLE] = rank.get(str(item["id"]), "999999")
        style = citeproc.imposed(style, ORDER_VARIABLE)
    return items, style


def citeproc_args(folder: Path, project: Project, language: str, csl: Path) -> list[str]:
    """pandoc's citeproc options, their files written into `folder`."""
    items, style = citation_inputs(project, language, csl, formulas=True)
    bib = folder / "references.json"
    bib.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    path = folder / "style.csl"
    path.write_bytes(style)
    return ["--citeproc", f"--csl={path}", f"--bibliography={bib}"]


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
    fence = _Fence(project, language)
    ast["blocks"] = walk(ast["blocks"], fence)
    ast["meta"] = walk(ast["meta"], fence)
    ast["blocks"] = walk(ast["blocks"], sized)
    ast["blocks"] = walk(ast["blocks"], _mark_incomplete(incomplete, labels(language)["incomplete-reference"]))
    ast["blocks"] = walk(ast["blocks"], _attribute_quotations(language))
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
