"""What pandoc is given for one language's edition: its Markdown, metadata and citation inputs.

The model becomes one pandoc Markdown text (abstract, sections, references,
other languages' abstracts) with a map of where each line came from; the
metadata goes in a file, never a YAML block; citeproc gets the CSL items and
the style with the toolkit's locale and reference order.
"""

from __future__ import annotations

import json
from pathlib import Path

from .aliases import field_with_main_keys, text_with_main_keys
from .csl_items import csl_items
from .engine_warnings import SourceMap
from .engines import citeproc
from .front_matter import abstract_block, front_citations, text_markdown
from .labels import labels
from .locales import localized_style
from .model import Project
from .rich_text import FORMULA_OPEN

# A section's own YAML block may set nothing (not the references, title or
# language): the toolkit hands pandoc the metadata, and the check reports the block.
MARKDOWN = "markdown-yaml_metadata_block"


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
            add(f"::: {{.other-language lang={other}}}\n{_other_title(other_meta, project.bibliography)}"
                f"{abstract_block(other_meta, project.bibliography)}\n:::", *_field_place(project, other), exact=False)
    return "\n\n".join(blocks) + "\n", sources


def _other_title(meta, bib) -> str:
    """Another language's title above its abstract, as journals print it; none when article.yaml
    has none (`check` reports it: missing-title)."""
    if not meta.title:
        return ""
    title = " ".join(text_markdown(field_with_main_keys(meta.title, bib)).split("\n"))
    return f'::: {{.other-title custom-style="Abstract Title"}}\n{title}\n:::\n\n'


def pandoc_markdown(project: Project, language: str) -> str:
    """The edition's body as one pandoc Markdown text (`markdown_source`)."""
    return markdown_source(project, language)[0]


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
