"""The Word edition, for submission and editing, in the journal's look.

Its first page shows the title and each author's name and affiliation with
their markup (emphasis, formulas as Word equations, citations, footnotes);
its document properties — title, authors, subject (the abstract), keywords —
are the plain text of those fields (toolkit/front_matter.py), written into
`docProps/core.xml` after pandoc, which would put a formula's TeX there.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

from ..docx_reference import reference_docx
from ..edition import Edition
from ..pandoc_ast import walk
from ..figures import for_word
from ..front_matter import FrontText
from ..model import Project
from ..scratch import scratch
from .base import from_ast

# the metadata Word is given; anything else would become a custom property
# (running heads, the language switch, ...)
PROPERTIES = ("title", "lang")
_CORE = "docProps/core.xml"
_NS = {"dc": "http://purl.org/dc/elements/1.1/",
       "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}


def _for_word(node: dict) -> dict:
    """Figures Word may not show (an SVG, a PDF figure's SVG) as PNG."""
    if node["t"] == "Image":
        attr, alt, (url, title) = node["c"]
        return {"t": "Image", "c": [attr, alt, [for_word(url), title]]}
    return node


def _inlines(value: dict | None) -> list[dict]:
    """A metadata value as a run of inlines (paragraphs joined by a space)."""
    if not value:
        return []
    if value["t"] == "MetaString":
        return [{"t": "Str", "c": value["c"]}]
    if value["t"] == "MetaInlines":
        return value["c"]
    out: list[dict] = []
    for block in value["c"] if value["t"] == "MetaBlocks" else []:
        if block["t"] in ("Para", "Plain"):
            out += ([{"t": "Space"}] if out else []) + block["c"]
    return out


def _authors(meta: dict) -> dict | None:
    """Each author as Word's Author paragraph: the name, the affiliation on a line below."""
    detail = meta.get("title-authors")
    if not detail:
        return None
    entries = [item["c"] for item in (detail["c"] if detail["t"] == "MetaList" else [detail])
               if item["t"] == "MetaMap"]
    return {"t": "MetaList", "c": [
        {"t": "MetaInlines", "c": _inlines(entry.get("name"))
         + ([{"t": "LineBreak"}] + _inlines(entry["affiliation"]) if entry.get("affiliation") else [])}
        for entry in entries]}


def _core(xml: bytes, texts: FrontText) -> bytes:
    from lxml import etree

    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    values = {"dc:title": texts.title, "dc:creator": "; ".join(texts.names), "dc:subject": texts.abstract,
              "cp:keywords": ", ".join(texts.keywords)}
    for name, text in values.items():
        prefix, local = name.split(":")
        element = root.find(f"{{{_NS[prefix]}}}{local}")
        if not text:
            if element is not None:
                root.remove(element)
            continue
        if element is None:
            element = etree.SubElement(root, f"{{{_NS[prefix]}}}{local}")
        element.text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def with_properties(docx: bytes, texts: FrontText) -> bytes:
    """The Word file with its core properties the plain text of the front matter;
    every other part as pandoc wrote it (names, dates and compression kept)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            archive.writestr(info, _core(data, texts) if info.filename == _CORE else data)
    return out.getvalue()


def word_ast(edition: Edition) -> Edition:
    """The transforms of the Word edition: figures Word can show, only the metadata Word is given."""
    meta = {k: v for k, v in edition.ast["meta"].items() if k in PROPERTIES}
    if authors := _authors(edition.ast["meta"]):
        meta["author"] = authors
    return replace(edition, ast={**edition.ast, "meta": meta, "blocks": walk(edition.ast["blocks"], _for_word)})


def render(word: Edition, project: Project) -> bytes:
    """The DOCX from the Word edition's document (`word_ast`)."""
    with scratch() as folder:
        reference = folder / "reference.docx"
        reference.write_bytes(reference_docx())
        docx = from_ast(word, ["--to=docx", f"--resource-path={project.root}", f"--reference-doc={reference}"],
                        project)
    return with_properties(docx, word.texts)
