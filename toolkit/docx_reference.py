"""The journal's Word look: a reference document for pandoc's DOCX writer.

pandoc styles a DOCX after a reference document; its own default is a
blue-headed Calibri/Cambria letter-size look. This one is made from pandoc's
default by restyling it as a submission manuscript: A4, 2.5 cm margins,
Charis SIL 12 pt (it has the ⟨ ⟩ the editions print, which Times New Roman
lacks) at 1.5 line spacing, ragged right as manuscripts are set (no
hyphenation), black headings a step larger per level, the page number in the
footer, and named styles for everything the editions use (Title, Subtitle,
Author, Corresponding Author, Abstract, Keywords, headings, Block Text for
quotations, Quotation Source, Bibliography). Built once per
process, deterministically.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FOOTER_ID = "rIdFooter1"
FONT = "Charis SIL"
CM = 567  # twentieths of a point per centimetre

# style id -> (name, based on, paragraph properties, run properties); sizes in half-points
STYLES: dict[str, tuple[str, str | None, dict, dict]] = {
    "Normal": ("Normal", None, {}, {}),
    "BodyText": ("Body Text", "Normal", {"ind": {"firstLine": 709}, "jc": "left"}, {}),
    "FirstParagraph": ("First Paragraph", "BodyText", {"ind": {"firstLine": 0}}, {}),
    "Compact": ("Compact", "BodyText", {"ind": {"firstLine": 0}}, {}),
    "Title": ("Title", "Normal", {"jc": "center", "spacing": {"after": 240}, "keepNext": True}, {"sz": 36, "b": True}),
    "Subtitle": ("Subtitle", "Title", {"spacing": {"after": 240}}, {"sz": 28, "b": False}),
    "Author": ("Author", "Normal", {"jc": "center", "keepNext": True, "spacing": {"after": 120}}, {}),
    "CorrespondingAuthor": ("Corresponding Author", "Author", {"spacing": {"before": 120, "after": 240}}, {"sz": 20}),
    "Date": ("Date", "Normal", {"jc": "center", "spacing": {"after": 240}}, {}),
    "AbstractTitle": ("Abstract Title", "Normal", {"keepNext": True}, {"b": True}),
    "Abstract": ("Abstract", "Normal", {"ind": {"left": CM, "right": CM}, "jc": "left", "spacing": {"before": 240}},
                 {"sz": 22}),
    "Keywords": ("Keywords", "Abstract", {"spacing": {"before": 120, "after": 360}}, {}),
    "Heading1": ("heading 1", "Normal", {"keepNext": True, "keepLines": True, "spacing": {"before": 360, "after": 120},
                                         "outlineLvl": 0}, {"sz": 32, "b": True}),
    "Heading2": ("heading 2", "Normal", {"keepNext": True, "keepLines": True, "spacing": {"before": 240, "after": 120},
                                         "outlineLvl": 1}, {"sz": 28, "b": True}),
    "Heading3": ("heading 3", "Normal", {"keepNext": True, "keepLines": True, "spacing": {"before": 240, "after": 60},
                                         "outlineLvl": 2}, {"sz": 24, "b": True, "i": True}),
    "BlockText": ("Block Text", "Normal", {"ind": {"left": CM, "right": CM}, "jc": "left",
                                           "spacing": {"before": 120, "after": 120, "line": 276}}, {"sz": 22}),
    # under the quotation at its indent, as the web and print editions set it, with a
    # line's space before the text goes on
    "QuotationSource": ("Quotation Source", "Normal", {"ind": {"left": CM, "right": CM}, "jc": "left",
                                                       "spacing": {"after": 240, "line": 240}}, {"sz": 20}),
    "Bibliography": ("Bibliography", "Normal", {"ind": {"left": 425, "hanging": 425}, "spacing": {"after": 60}},
                     {"sz": 22}),
    "FootnoteText": ("footnote text", "Normal", {"spacing": {"line": 240}}, {"sz": 20}),
    "Footer": ("footer", "Normal", {"jc": "center"}, {"sz": 20}),
}


def _el(tag: str, **attrs):
    from lxml import etree

    element = etree.Element(f"{{{W}}}{tag}")
    for key, value in attrs.items():
        element.set(f"{{{W}}}{key}", str(value))
    return element


def _style(style_id: str, name: str, based_on: str | None, ppr: dict, rpr: dict):
    style = _el("style", type="paragraph", styleId=style_id)
    if style_id == "Normal":
        style.set(f"{{{W}}}default", "1")
    style.append(_el("name", val=name))
    if based_on:
        style.append(_el("basedOn", val=based_on))
    style.append(_el("qFormat"))
    p = _el("pPr")
    for flag in ("keepNext", "keepLines"):
        if ppr.get(flag):
            p.append(_el(flag))
    if "spacing" in ppr:
        p.append(_el("spacing", **ppr["spacing"]))
    if "ind" in ppr:
        p.append(_el("ind", **ppr["ind"]))
    if "jc" in ppr:
        p.append(_el("jc", val=ppr["jc"]))
    if "outlineLvl" in ppr:
        p.append(_el("outlineLvl", val=ppr["outlineLvl"]))
    style.append(p)
    r = _el("rPr")
    for flag in ("b", "i"):
        if flag in rpr:
            r.append(_el(flag, val="1" if rpr[flag] else "0"))
    r.append(_el("color", val="000000"))
    if "sz" in rpr:
        r.append(_el("sz", val=rpr["sz"]))
        r.append(_el("szCs", val=rpr["sz"]))
    style.append(r)
    return style


def _styles_xml(data: bytes) -> bytes:
    from lxml import etree

    root = etree.fromstring(data)
    defaults = root.find(f"{{{W}}}docDefaults")
    rpr = defaults.find(f"{{{W}}}rPrDefault/{{{W}}}rPr")
    fonts = rpr.find(f"{{{W}}}rFonts")
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    for key in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(f"{{{W}}}{key}", FONT)
    ppr = defaults.find(f"{{{W}}}pPrDefault/{{{W}}}pPr")
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(_el("spacing", after=0, line=360, lineRule="auto"))
    for style_id, (name, based_on, p, r) in STYLES.items():
        new = _style(style_id, name, based_on, p, r)
        old = root.find(f"{{{W}}}style[@{{{W}}}styleId='{style_id}']")
        if old is not None:
            old.addprevious(new)
            root.remove(old)
        else:
            root.append(new)
    for heading in root.iterfind(f"{{{W}}}style"):  # pandoc's blue heading characters, too
        for color in heading.iterfind(f".//{{{W}}}color"):
            color.attrib.clear()
            color.set(f"{{{W}}}val", "000000")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _document_xml(data: bytes) -> bytes:
    """A4 with 2.5 cm margins and the page-number footer, for the section pandoc copies
    into every document."""
    from lxml import etree

    root = etree.fromstring(data)
    for section in root.iter(f"{{{W}}}sectPr"):
        for tag in ("pgSz", "pgMar", "footerReference"):
            for old in section.findall(f"{{{W}}}{tag}"):
                section.remove(old)
        section.insert(0, _el("pgMar", top=1418, right=1418, bottom=1418, left=1418, header=709, footer=709,
                              gutter=0))
        section.insert(0, _el("pgSz", w=11906, h=16838))
        footer = _el("footerReference", type="default")  # first: the schema's order
        footer.set(f"{{{R}}}id", FOOTER_ID)
        section.insert(0, footer)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# the footer: the page number (a PAGE field), centred
FOOTER = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W}" xmlns:r="{R}">'
          '<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
          '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
          '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>').encode()


def _with_footer(name: str, data: bytes) -> bytes:
    """The footer's relationship and content type beside the reference document's own."""
    if name == "word/_rels/document.xml.rels":
        return data.replace(b"</Relationships>", f'<Relationship Type="{R}/footer" Id="{FOOTER_ID}" '
                            f'Target="footer1.xml" /></Relationships>'.encode())
    if name == "[Content_Types].xml":
        return data.replace(b"</Types>", b'<Override PartName="/word/footer1.xml" ContentType="application/'
                            b'vnd.openxmlformats-officedocument.wordprocessingml.footer+xml" /></Types>')
    return data


@cache
def reference_docx() -> bytes:
    from .engines import pandoc

    default = pandoc.run(["--print-default-data-file=reference.docx"]).output
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(default)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        parts = {info.filename: source.read(info) for info in source.infolist()} | {"word/footer1.xml": FOOTER}
        for name in sorted(parts):
            data = _with_footer(name, parts[name])
            if name == "word/styles.xml":
                data = _styles_xml(data)
            elif name == "word/document.xml":
                data = _document_xml(data)
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()
