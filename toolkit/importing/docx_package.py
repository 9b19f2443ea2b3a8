"""What a Word file holds beside what pandoc reads: its core properties, its language,
its comments, its tracked changes, the objects pandoc drops, and its words.

pandoc's DOCX reader gives the text; this module reads the package (the .docx is a
zip of XML parts) so that the import can say what pandoc left out — a comment, a
text box, a chart — at its paragraph, and compare the words of the file with the
words imported. Paragraphs are numbered 1, 2, … in document order, counting those
in tables and text boxes: Word has no lines, so the number stands for one.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {
    "w": W,
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
_W = "{%s}" % W
# citation fields whose shown text pandoc replaces by the citation (docx+citations)
CITATION_FIELDS = ("ADDIN ZOTERO_ITEM", "ADDIN CSL_CITATION")
# reference lists Zotero and Mendeley write as a field: the editions make their own
BIBLIOGRAPHY_FIELDS = ("ADDIN ZOTERO_BIBL", "ADDIN MENDELEY BIBLIOGRAPHY", "ADDIN CSL_BIBLIOGRAPHY")
# graphicData URIs of objects pandoc does not read, by what an author calls them
_GRAPHICS = {
    "drawingml/2006/diagram": "a SmartArt diagram",
    "drawingml/2006/chart": "a chart",
    "drawingml/2014/chartex": "a chart",
    "wordprocessingGroup": "a group of shapes",
    "wordprocessingCanvas": "a drawing canvas",
}
_WORD = re.compile(r"\w+")
# the parts whose text the import keeps: the body, the foot- and endnotes
_TEXT_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")


@dataclass(frozen=True)
class CoreProperties:
    title: str = ""
    creator: str = ""
    keywords: tuple[str, ...] = ()
    language: str = ""
    subject: str = ""


@dataclass(frozen=True)
class Comment:
    author: str
    text: str
    paragraph: int  # where its range starts; 0 when it is anchored nowhere
    anchor: str  # the start of that paragraph's text


@dataclass(frozen=True)
class LostObject:
    what: str  # "a text box", "a chart" …
    paragraph: int
    text: str = ""  # the words it holds, where it holds any


@dataclass
class Package:
    core: CoreProperties
    style_language: str = ""  # w:lang of the default run properties or the Normal style
    comments: list[Comment] = field(default_factory=list)
    lost: list[LostObject] = field(default_factory=list)
    insertions: int = 0
    deletions: int = 0
    bibliography_fields: list[tuple[str, int]] = field(default_factory=list)  # (field, paragraph)
    paragraphs: list[str] = field(default_factory=list)  # body paragraphs' accepted text
    note_text: str = ""  # the foot- and endnotes' accepted text
    header_text: str = ""  # headers' and footers' text, which no section holds


class NotAWordFile(Exception):
    pass


def read_package(path: Path) -> Package:
    """Everything the import reads from the .docx package itself."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()
                     if name.endswith(".xml") and (name.startswith("word/") or name.startswith("docProps/"))}
    except (zipfile.BadZipFile, OSError) as error:
        raise NotAWordFile(f"not a Word (.docx) file: {error}") from None
    if "word/document.xml" not in parts:
        raise NotAWordFile("not a Word (.docx) file: it has no word/document.xml")
    try:
        trees = {name: etree.fromstring(data) for name, data in parts.items()}
    except etree.XMLSyntaxError as error:
        raise NotAWordFile(f"a part of the Word file is not XML: {error}") from None
    body = trees["word/document.xml"]
    numbers = {p: n for n, p in enumerate(body.iter(_W + "p"), start=1)}
    package = Package(_core(trees.get("docProps/core.xml")), _style_language(trees.get("word/styles.xml")))
    fields = {t: instruction for tree in trees.values() for t, instruction in _field_instructions(tree).items()}
    package.paragraphs = [_text(p, fields) for p in numbers]
    package.note_text = "\n".join(_text(p, fields) for name in _TEXT_PARTS[1:] if name in trees
                                  for p in trees[name].iter(_W + "p"))
    package.header_text = "\n".join(_text(p, fields) for name, tree in sorted(trees.items())
                                    if re.fullmatch(r"word/(header|footer)\d*\.xml", name)
                                    for p in tree.iter(_W + "p")).strip()
    package.comments = _comments(body, trees.get("word/comments.xml"), numbers, package.paragraphs)
    package.lost = _lost(body, numbers, fields)
    package.insertions = sum(1 for _ in body.iter(_W + "ins", _W + "moveTo"))
    package.deletions = sum(1 for _ in body.iter(_W + "del", _W + "moveFrom"))
    package.bibliography_fields = _bibliography_fields(body, numbers)
    return package


def words(text: str) -> Counter:
    """The words of a text, lower-cased, counted."""
    return Counter(w.lower() for w in _WORD.findall(text))


def _core(tree) -> CoreProperties:
    if tree is None:
        return CoreProperties()

    def value(tag: str) -> str:
        found = tree.find(tag, _NS)
        return " ".join((found.text or "").split()) if found is not None else ""

    keywords = tuple(k.strip() for k in re.split(r"[;,]", value("cp:keywords")) if k.strip())
    return CoreProperties(value("dc:title"), value("dc:creator"), keywords, value("dc:language"),
                          value("dc:subject"))


def _style_language(tree) -> str:
    if tree is None:
        return ""
    for where in ("w:docDefaults/w:rPrDefault/w:rPr/w:lang",
                  "w:style[@w:type='paragraph'][@w:default='1']/w:rPr/w:lang"):
        found = tree.find(where, _NS)
        if found is not None and found.get(_W + "val"):
            return found.get(_W + "val")
    return ""


def _field_instructions(root) -> dict:
    """Each w:t inside the shown result of a field -> that field's instruction (upper-cased)."""
    inside: dict = {}
    stack: list[list] = []  # [instruction, showing result]
    for element in root.iter(_W + "fldChar", _W + "instrText", _W + "t", _W + "fldSimple"):
        tag = element.tag[len(_W):]
        if tag == "fldChar":
            kind = element.get(_W + "fldCharType")
            if kind == "begin":
                stack.append(["", False])
            elif kind == "separate" and stack:
                stack[-1][1] = True
            elif kind == "end" and stack:
                stack.pop()
        elif tag == "instrText" and stack:
            stack[-1][0] += element.text or ""
        elif tag == "t":
            shown = [instruction for instruction, result in stack if result]
            simple = next((a.get(_W + "instr") for a in element.iterancestors(_W + "fldSimple")), None)
            if simple:
                shown.append(simple)
            if shown:
                inside[element] = " ".join(" ".join(s.split()) for s in shown).upper()
    return inside


def _text(paragraph, fields: dict) -> str:
    """A paragraph's text with tracked changes accepted, without the shown text of a
    citation or bibliography field (the import writes those as citations) and
    without the paragraphs nested in it (a text box's are numbered on their own)."""
    kept = []
    for t in paragraph.iter(_W + "t"):
        if next(t.iterancestors(_W + "p")) is not paragraph or any(True for _ in t.iterancestors(_W + "moveFrom")):
            continue
        if any(marker in fields.get(t, "") for marker in CITATION_FIELDS + BIBLIOGRAPHY_FIELDS):
            continue
        kept.append(t.text or "")
    return "".join(kept)


def _comments(body, tree, numbers: dict, texts: list[str]) -> list[Comment]:
    if tree is None:
        return []
    anchors: dict[str, int] = {}
    for mark in body.iter(_W + "commentRangeStart", _W + "commentReference"):
        paragraph = next(mark.iterancestors(_W + "p"), None)
        anchors.setdefault(mark.get(_W + "id"), numbers.get(paragraph, 0))
    found = []
    for comment in tree.iter(_W + "comment"):
        text = " ".join(" ".join(t.text or "" for t in p.iter(_W + "t")) for p in comment.iter(_W + "p"))
        number = anchors.get(comment.get(_W + "id"), 0)
        anchor = " ".join(texts[number - 1].split()[:6]) if number else ""
        found.append(Comment(comment.get(_W + "author") or "unknown", " ".join(text.split()), number, anchor))
    return found


def _lost(body, numbers: dict, fields: dict) -> list[LostObject]:
    """Objects pandoc's reader drops: text boxes, SmartArt, charts, embedded objects."""
    lost = []
    for element in body.iter():
        if not isinstance(element.tag, str) or any(True for _ in element.iterancestors("{%s}Fallback" % _NS["mc"])):
            continue  # Word writes a text box twice: as DrawingML and, as a fallback, as VML
        paragraph = next(element.iterancestors(_W + "p"), None)
        number = numbers.get(paragraph, 0)
        if element.tag == _W + "txbxContent":
            text = " ".join(_text(p, fields) for p in element.iter(_W + "p"))
            lost.append(LostObject("a text box", number, " ".join(text.split())))
        elif element.tag == "{%s}graphicData" % _NS["a"]:
            uri = element.get("uri", "")
            what = next((name for key, name in _GRAPHICS.items() if key in uri), None)
            if what:
                lost.append(LostObject(what, number))
        elif element.tag == _W + "object":
            lost.append(LostObject("an embedded object (OLE)", number))
    return lost


def _bibliography_fields(body, numbers: dict) -> list[tuple[str, int]]:
    found = []
    for instr in body.iter(_W + "instrText"):
        text = " ".join((instr.text or "").split()).upper()
        marker = next((m for m in BIBLIOGRAPHY_FIELDS if text.startswith(m)), None)
        if marker:
            found.append((marker, numbers.get(next(instr.iterancestors(_W + "p"), None), 0)))
    for simple in body.iter(_W + "fldSimple"):
        text = " ".join((simple.get(_W + "instr") or "").split()).upper()
        marker = next((m for m in BIBLIOGRAPHY_FIELDS if text.startswith(m)), None)
        if marker:
            found.append((marker, numbers.get(next(simple.iterancestors(_W + "p"), None), 0)))
    return found


def citation_ready(path: Path) -> bytes:
    """The Word file as pandoc should read it: each citation field's items identified by
    the item itself. Mendeley numbers the items of every citation from ITEM-1, and
    pandoc keeps one item per identifier, so two works cited as ITEM-1 in two places
    would become one; the item's URI (Mendeley's document id) or its data tell them apart."""
    import hashlib
    import io
    import json

    original = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        changed = False
        for instructions in _field_codes(body):
            code = "".join(i.text or "" for i in instructions)
            marker = re.match(r"\s*ADDIN\s+(?:ZOTERO_ITEM\s+)?CSL_CITATION\s*", code)
            if not marker or "ZOTERO_ITEM" in marker.group(0):
                continue  # Zotero's item ids are its library's: unique already
            try:
                citation = json.loads(code[marker.end():])
            except ValueError:
                continue
            for item in citation.get("citationItems") or []:
                data = item.get("itemData") if isinstance(item.get("itemData"), dict) else {}
                uri = (item.get("uris") or [""])[0] if isinstance(item.get("uris"), list) else ""
                uuid = re.search(r"uuid=([\w-]+)", str(uri))
                ident = uuid.group(1) if uuid else hashlib.sha1(
                    json.dumps({k: v for k, v in data.items() if k != "id"}, sort_keys=True).encode()).hexdigest()[:10]
                item["id"] = data["id"] = ident
                changed = True
            instructions[0].text = code[:marker.end()] + json.dumps(citation, ensure_ascii=False) + " "
            for rest in instructions[1:]:
                rest.text = ""
        if not changed:
            return original
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in archive.infolist():
                data = etree.tostring(body, xml_declaration=True, encoding="UTF-8", standalone=True) \
                    if info.filename == "word/document.xml" else archive.read(info)
                copy.writestr(info, data)
    return out.getvalue()


def _field_codes(root) -> list[list]:
    """The instrText elements of each complex field, field by field."""
    fields: list[list] = []
    stack: list[list] = []
    for element in root.iter(_W + "fldChar", _W + "instrText"):
        if element.tag == _W + "instrText":
            if stack:
                stack[-1].append(element)
            continue
        kind = element.get(_W + "fldCharType")
        if kind == "begin":
            stack.append([])
        elif kind in ("separate", "end") and stack:
            if stack[-1]:
                fields.append(stack[-1])
            if kind == "end":
                stack.pop()
            else:
                stack[-1] = []
    return fields
