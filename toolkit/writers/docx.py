"""The Word edition, for submission and editing, in the journal's look.

Its first page shows the title and each author's name, affiliation and ORCID
iD with their markup (emphasis, formulas as Word equations, citations,
footnotes), the corresponding author marked and their e-mail below, as the
web and print editions show them. After pandoc: the document properties —
title, authors, subject (the abstract), keywords — are the plain text of
those fields (toolkit/front_matter.py; pandoc would put a formula's TeX
there), `docProps/app.xml` names the toolkit instead of pandoc's template
values (Word 12, a word count of another document), and each language is
tagged as Word tags it (az-Latn-AZ, not az), so its spelling checker knows it.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

from ..docx_reference import reference_docx
from ..edition import Edition
from ..pandoc_ast import walk
from ..figures import for_word
from ..front_matter import FrontText
from ..languages import profile
from ..model import Project
from ..plain_text import plain
from ..scratch import scratch
from .base import from_ast

# the metadata Word is given; anything else would become a custom property
# (running heads, the language switch, ...)
PROPERTIES = ("title", "lang")
_CORE = "docProps/core.xml"
_APP = "docProps/app.xml"
_LANG = re.compile(rb'(<w:lang\b[^>]*?\bw:val=")([^"]*)"')
# the application properties: the toolkit wrote it; Word counts pages and words when it saves
APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
       '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
       'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
       '<Application>toolkit</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>'
       '<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>'
       '<LinksUpToDate>false</LinksUpToDate></Properties>').encode()
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


def _link(text: str, url: str) -> dict:
    return {"t": "Link", "c": [["", [], []], [{"t": "Str", "c": text}], [url, ""]]}


_MARK = {"t": "Superscript", "c": [{"t": "Str", "c": "*"}]}


def _authors(meta: dict) -> dict | None:
    """Each author as Word's Author paragraph: the name (marked when corresponding), the
    affiliation and the ORCID iD each on a line below."""
    detail = meta.get("title-authors")
    if not detail:
        return None
    entries = [item["c"] for item in (detail["c"] if detail["t"] == "MetaList" else [detail])
               if item["t"] == "MetaMap"]
    lines = []
    for entry in entries:
        line = _inlines(entry.get("name")) + ([_MARK] if entry.get("corresponding") else [])
        if entry.get("affiliation"):
            line += [{"t": "LineBreak"}] + _inlines(entry["affiliation"])
        if entry.get("orcid"):
            url = f"https://orcid.org/{plain(entry['orcid'])}"
            line += [{"t": "LineBreak"}, _link(url, url)]
        lines.append({"t": "MetaInlines", "c": line})
    return {"t": "MetaList", "c": lines}


def _corresponding(meta: dict) -> list[dict]:
    """Under the authors: "* Corresponding author: e-mail" (front_matter.edition_metadata)."""
    value = meta.get("corresponding")
    if not value:
        return []
    fields = value["c"]
    emails = [plain(e) for e in (fields["email"]["c"] if fields["email"]["t"] == "MetaList" else [fields["email"]])]
    line = [_MARK, {"t": "Space"}] + _inlines(fields["label"]) + [{"t": "Str", "c": ":"}]
    for n, email in enumerate(emails):
        line += [{"t": "Str", "c": ","}] if n else []
        line += [{"t": "Space"}, _link(email, f"mailto:{email}")]
    return [{"t": "Div", "c": [["", ["corresponding"], [["custom-style", "Corresponding Author"]]],
                               [{"t": "Para", "c": line}]]}]


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


def word_language(tag: str) -> str:
    """A language tag as Word writes it in w:lang: az-Latn-AZ for az (its profile's);
    a tag that names its region already is Word's as it is."""
    found = profile(tag)
    return found.word_language if found and "-" not in tag else tag


def _languages(xml: bytes) -> bytes:
    """Each w:lang's tag as Word's, the rest of the part byte for byte as pandoc wrote it."""
    return _LANG.sub(lambda m: m.group(1) + word_language(m.group(2).decode()).encode() + b'"', xml)


def with_properties(docx: bytes, texts: FrontText) -> bytes:
    """The Word file with its core properties the plain text of the front matter, the
    toolkit's application properties and Word's language tags; every other part as
    pandoc wrote it (names, dates and compression kept)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == _CORE:
                data = _core(data, texts)
            elif info.filename == _APP:
                data = APP
            elif info.filename.startswith("word/") and info.filename.endswith(".xml"):
                data = _languages(data)
            archive.writestr(info, data)
    return out.getvalue()


def word_ast(edition: Edition) -> Edition:
    """The transforms of the Word edition: figures Word can show, the authors and the
    corresponding author's line, only the metadata Word is given."""
    meta = {k: v for k, v in edition.ast["meta"].items() if k in PROPERTIES}
    if authors := _authors(edition.ast["meta"]):
        meta["author"] = authors
    blocks = walk(edition.ast["blocks"], _for_word)
    return replace(edition, ast={**edition.ast, "meta": meta, "blocks": _corresponding(edition.ast["meta"]) + blocks})


def render(word: Edition, project: Project) -> bytes:
    """The DOCX from the Word edition's document (`word_ast`)."""
    with scratch() as folder:
        reference = folder / "reference.docx"
        reference.write_bytes(reference_docx())
        docx = from_ast(word, ["--to=docx", f"--resource-path={project.root}", f"--reference-doc={reference}"],
                        project)
    return with_properties(docx, word.texts)
