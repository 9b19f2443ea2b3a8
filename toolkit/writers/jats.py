"""JATS XML (1.3, journal publishing) for a journal's production system.

Made from the same Markdown as the editions, but shaped for JATS: the titles,
abstracts and keywords of every language go into the front matter
(`trans-title-group`, `trans-abstract`, `kwd-group xml:lang`), quotations
become `disp-quote` with an `attrib`, and references are `element-citation`s
built by citeproc from the CSL items (pandoc's `element_citations`). Figures,
tables and equations are numbered as in the editions (crossref.py) and carry
their number as a `label`; cross-references are `xref`s with their `ref-type`;
a figure's `graphic` names its file under `graphics/` in the submission. The
acknowledgements section becomes the back's `ack`, the funding section the
front's `funding-statement`s (JATS keeps both out of the body).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from ..checks.resources import resolve_resource
from ..csl_items import TRANSLATED_TITLE, csl_items, decode
from ..rich_text import plain, plain_item
from ..edition import Edition, shared_transforms
from ..edition_source import citation_inputs, markdown_args, pandoc_markdown
from ..front_matter import edition_metadata
from ..pandoc_ast import walk
from ..quotations import quotation_source, set_quotations
from ..sanitise import sanitise_ast
from . import jats_front
from .. import formulas
from ..engines import pandoc
from ..labels import labels
from ..languages import all_profiles, primary
from ..manuscript import MANUSCRIPT_DIR
from ..rich_text import FORMULA_OPEN, FORMULA_WORD, formula_tex
from ..model import Project
from ..scratch import scratch
from .base import asset

# the edition metadata JATS takes as it is; the rest of the front matter is its own (jats_front.py)
_JATS_METADATA = ("title", "lang", "link-citations")
# generated for the editions; JATS carries them in the front matter or the back
_NOT_BODY = {"abstract", "keywords", "other-language"}


def _jats_shape(language: str):
    def visit(node: dict):
        if node["t"] != "Div":
            return node
        (ident, classes, attrs), content = node["c"]
        if set(classes) & _NOT_BODY or ident == "refs":
            return {"t": "Null"}
        if "quotation" in classes:
            quoted = [b for block in content if block["t"] == "BlockQuote" for b in block["c"]]
            if said := quotation_source(dict(attrs), language):
                quoted.append({"t": "RawBlock", "c": ["jats", f"<attrib>{escape(said, quote=False)}</attrib>"]})
            return {"t": "BlockQuote", "c": quoted}
        return node
    return visit


# a section's or div's id or class that makes it acknowledgements or funding, in any profile's language
_CLOSING = {name: kind for p in all_profiles() for name, kind in p.section_kinds.items()}
_MARK = "toolkit-closing-"


def _closing_kind(ident: str, classes: list[str]) -> str:
    return next((_CLOSING[n.lower()] for n in [ident, *classes] if n.lower() in _CLOSING), "")


def _mark_closing(node: dict):
    """Acknowledgements and funding sections marked for `_closing_sections` (pandoc writes
    a heading's `sec-type` and a div's `content-type`)."""
    if node["t"] in ("Header", "Div"):
        attr = node["c"][1] if node["t"] == "Header" else node["c"][0]
        if kind := _closing_kind(attr[0], attr[1]):
            attr[2] = [*attr[2], ["sec-type" if node["t"] == "Header" else "content-type", f"{_MARK}{kind}"]]
    return node


# what a funding statement may hold in JATS Publishing; anything else becomes its text
_STATEMENT_ELEMENTS = {"email", "ext-link", "uri", "bold", "fixed-case", "italic", "monospace", "overline", "roman",
                       "sans-serif", "sc", "strike", "underline", "ruby", "named-content", "styled-content", "sub",
                       "sup"}


def _closing_sections(root) -> None:
    """Acknowledgements out of the body into `ack` in the back; the funding section's
    paragraphs into the front's `funding-group` as its `funding-statement`s."""
    from lxml import etree

    back, meta, acks = root.find("back"), root.find("front/article-meta"), 0
    for element in root.xpath(f"body//*[starts-with(@sec-type, '{_MARK}') or starts-with(@content-type, '{_MARK}')]"):
        kind = (element.get("sec-type") or element.get("content-type")).removeprefix(_MARK)
        element.getparent().remove(element)
        if kind == "acknowledgements":
            ack = etree.Element("ack", {"id": element.get("id")} if element.get("id") else {})
            ack.extend(list(element))
            ack.tail = "\n"
            back.insert(acks, ack)
            acks += 1
            continue
        group = meta.find("funding-group")
        if group is None:
            group = etree.SubElement(meta, "funding-group")
        for paragraph in element.iter("p"):
            statement = etree.SubElement(group, "funding-statement")
            statement.text, statement.tail = paragraph.text, "\n"
            statement.extend(list(paragraph))
            for inner in [e for e in statement.iterdescendants() if e.tag not in _STATEMENT_ELEMENTS]:
                _unwrap(inner)


def _without_reference_heading(blocks: list[dict]) -> list[dict]:
    return [b for b in blocks if not (b["t"] == "Header" and b["c"][1][0] == "references") and b["t"] != "Null"]


def _graphics(project: Project, language: str, files: dict[str, Path]):
    """Each image named by its place in the submission (`graphics/<path in the project>`),
    its file added to `files`; an image outside the project as its description."""
    anchor = MANUSCRIPT_DIR / language / "section.md"

    def visit(node: dict):
        if node["t"] != "Image":
            return node
        attr, alt, (target, title) = node["c"]
        full, _ = resolve_resource(project.root, anchor, target)
        if full is None:
            return {"t": "Span", "c": [attr, alt]}
        name = "graphics/" + full.relative_to(project.root.resolve()).as_posix()
        files[name] = full
        return {"t": "Image", "c": [attr, alt, [name, title]]}
    return visit


def _unwrap(element) -> None:
    """`element` replaced by what it holds: its text, children and tail stay in place."""
    parent = element.getparent()
    at = parent.index(element)
    previous = parent[at - 1] if at > 0 else None

    def add_text(after, text: str | None) -> None:  # after the element `after`, or first in `parent`
        if not text:
            return
        if after is None:
            parent.text = (parent.text or "") + text
        else:
            after.tail = (after.tail or "") + text

    children, tail = list(element), element.tail
    add_text(previous, element.text)
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(at + offset, child)
    add_text(children[-1] if children else previous, tail)


_REF_TYPES = {"fig": "fig", "table-wrap": "table", "disp-formula": "disp-formula", "sec": "sec"}


def _numbered(root) -> None:
    """Numbers in JATS's own places: a figure's or table's as its `label` (not in the
    caption's text), an equation's as the `label` of its `disp-formula`, which takes the
    identifier; each cross-reference's `xref` with the `ref-type` of what it names."""
    from lxml import etree

    for named in root.xpath("//named-content[@content-type='caption-label']"):
        owner = next((a for a in named.iterancestors() if a.tag in ("fig", "table-wrap")), None)
        if owner is None:
            continue
        label = etree.Element("label")
        label.text = (named.text or "").strip().rstrip(".")
        named.text, named.tail = None, (named.tail or "").lstrip()
        _unwrap(named)
        owner.insert(0, label)
    for wrap in root.iter("table-wrap"):
        table = wrap.find("table")
        if table is not None and table.get("id") and not wrap.get("id"):
            wrap.set("id", table.attrib.pop("id"))
    for named in root.xpath("//named-content[@content-type='equation']"):
        formula, number = named.find("disp-formula"), named.find("named-content[@content-type='equation-number']")
        if formula is None:
            continue
        if named.get("id"):
            formula.set("id", named.get("id"))
        if number is not None:
            label = etree.Element("label")
            label.text = number.text
            formula.insert(0, label)
            named.remove(number)
        _unwrap(named)
    for named in root.xpath("//named-content[@content-type='crossref-group']"):
        _unwrap(named)
    kinds = {element.get("id"): element.tag for element in root.iter() if element.get("id")}
    for xref in root.iter("xref"):
        if (kind := _REF_TYPES.get(kinds.get(xref.get("rid"), ""))) and not xref.get("ref-type"):
            xref.set("ref-type", kind)


def _enrich(xml: bytes, project: Project, language: str) -> bytes:
    """What pandoc's element citations leave out: translated titles as
    `trans-title` / `trans-source` (not run into the title), archival holdings,
    and no empty elements."""
    from lxml import etree

    parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
    root = etree.fromstring(xml, parser)
    items = {item["id"]: plain_item(item) for item in csl_items(project.bibliography, language)}
    entries = project.bibliography.by_key()
    for element in root.iterfind("back/ref-list/ref/element-citation//*"):
        _formulas_in(element, language)
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    _numbered(root)
    _closing_sections(root)
    jats_front.fitted(root)
    for ref in root.iterfind("back/ref-list/ref"):
        key = (ref.get("id") or "").removeprefix("ref-")
        citation, item, entry = ref.find("element-citation"), items.get(key), entries.get(key)
        if citation is None or item is None or entry is None:
            continue
        kind = PUBLICATION_TYPES.get(citation.get("publication-type", ""))
        if kind is None and item.get("type") == "article" and item.get("number", "").startswith("arXiv:"):
            kind = "preprint"
        citation.set("publication-type", kind or "other")
        for element in list(citation):
            if not (element.text or "").strip() and len(element) == 0:
                citation.remove(element)
        translated = next((entry.fields[n].value for n in TRANSLATED_TITLE if n in entry.fields), None)
        suffix = f" [{plain(decode(translated))}]" if translated else None
        for tag, trans_tag in (("article-title", "trans-title"), ("source", "trans-source")):
            element = citation.find(tag)
            if suffix and element is not None and (element.text or "").endswith(suffix) and len(element) == 0:
                element.text = element.text[: -len(suffix)]
                added = etree.Element(trans_tag)
                added.set(lang, primary(language))  # the edition whose profile prints translated titles
                added.text = plain(decode(translated))
                added.tail = element.tail
                element.addnext(added)
        holding = ", ".join(item[v] for v in ("archive", "archive_location") if item.get(v))
        if holding:
            comment = etree.SubElement(citation, "comment", {"content-type": "archive"})
            comment.text = holding
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8")


# CSL's types (what pandoc writes) as JATS4R's publication types
PUBLICATION_TYPES = {
    "article-journal": "journal", "article-magazine": "magazine", "article-newspaper": "newspaper",
    "periodical": "journal", "book": "book", "chapter": "book", "entry-encyclopedia": "book",
    "entry-dictionary": "book", "paper-conference": "confproc", "thesis": "thesis", "report": "report",
    "webpage": "webpage", "post-weblog": "webpage", "dataset": "data", "software": "software",
    "patent": "patent", "standard": "standard", "manuscript": "manuscript", "pamphlet": "book",
    "personal_communication": "communication", "legislation": "legal-doc", "legal_case": "legal-doc"}
_MML = "http://www.w3.org/1998/Math/MathML"
_ANNOTATIONS = ("annotation", "annotation-xml")


def _mml(element, parent) -> None:
    """pandoc's MathML (default namespace, TeX annotation) as JATS writes it: `mml:`, no annotation."""
    from lxml import etree

    name = etree.QName(element).localname
    if name in _ANNOTATIONS:
        return
    if name == "semantics":  # only there to hold the annotation
        for child in element:
            _mml(child, parent)
        return
    made = etree.SubElement(parent, f"{{{_MML}}}{name}", dict(element.attrib))
    made.text, made.tail = element.text, element.tail
    for child in element:
        _mml(child, made)


def _formula(tex: str, language: str):
    """A field's formula as `inline-formula`, TeX and MathML side by side (as pandoc writes the
    body's), or the editions' marker where it cannot be converted (`check` reports it)."""
    from lxml import etree

    converted = formulas.convert([(tex, False)])[tex, False]
    if converted.mathml is None:
        marker = etree.Element("named-content", {"content-type": "unconverted-formula"})
        marker.text = f"[{labels(language)['unconverted-formula']}]"
        return marker
    formula = etree.Element("inline-formula")
    alternatives = etree.SubElement(formula, "alternatives")
    etree.SubElement(alternatives, "tex-math").text = tex
    math = etree.fromstring(converted.mathml.encode("utf-8"))
    made = etree.SubElement(alternatives, f"{{{_MML}}}math", dict(math.attrib), nsmap={"mml": _MML})
    for child in math:
        _mml(child, made)
    return formula


def _formulas_in(element, language: str) -> None:
    """The words csl_items made of a field's formulas, in the text of a reference, as formulas."""
    for holder, attr in [(element, "text"), *((child, "tail") for child in element)]:
        text = getattr(holder, attr) or ""
        if FORMULA_OPEN not in text:
            continue
        parts = FORMULA_WORD.split(text)  # text, TeX, text, …, text
        setattr(holder, attr, parts[0])
        previous = holder if attr == "tail" else None
        for i in range(1, len(parts), 2):
            made = _formula(formula_tex(parts[i]), language)
            made.tail = parts[i + 1]
            if previous is None:
                element.insert(0, made)
            else:
                previous.addnext(made)
            previous = made


def _meta_value(value):
    """JSON as pandoc metadata, each string as it is (MetaString: not read as Markdown)."""
    if isinstance(value, dict):
        return {"t": "MetaMap", "c": {key: _meta_value(v) for key, v in value.items()}}
    if isinstance(value, list):
        return {"t": "MetaList", "c": [_meta_value(v) for v in value]}
    if isinstance(value, bool):
        return {"t": "MetaBool", "c": value}
    return {"t": "MetaString", "c": str(value)}


def render_jats(project: Project, language: str, csl: Path, graphics: dict[str, Path] | None = None) -> bytes:
    """The article as JATS XML; `graphics`, when given, receives the image files it names
    (their names in the submission -> the project's files)."""
    source = pandoc_markdown(project, language)
    metadata = {k: v for k, v in edition_metadata(project, language).items() if k in _JATS_METADATA}
    metadata.update(jats_front.markup_fields(project, language))
    with scratch() as folder:
        ast = json.loads(pandoc.run(["--to=json", *markdown_args(folder, metadata)], stdin=source,
                                    cwd=project.root).output)
        # the editions' formulas and numbers; `check` reports what cannot be converted, unknown labels
        ast, _, _ = shared_transforms(ast, project, language)
        ast = sanitise_ast(ast)  # raw HTML and TeX left in the front matter as text, as in the editions
        ast["meta"] = jats_front.settle(ast["meta"], project, walk)
        # text, not Markdown: an ISSN or a holder's name is what it says
        ast["meta"].update((key, _meta_value(value))
                           for key, value in jats_front.plain_fields(project, language).items())
        ast["blocks"] = walk(ast["blocks"], _graphics(project, language, {} if graphics is None else graphics))
        # the quotations set as in the editions (their translation noted once, in a footnote)
        ast["blocks"] = walk(set_quotations(ast["blocks"], language), _mark_closing)
        ast["blocks"] = _without_reference_heading(walk(ast["blocks"], _jats_shape(language)))
        # the JATS writer reads the references again itself, which --sandbox allows only
        # from the document: they go into its metadata instead of a --bibliography file
        items, style = citation_inputs(project, language, csl, formulas=True)  # formulas: _formulas_in
        ast["meta"]["references"] = _meta_value([plain_item(item) for item in items])
        (folder / "style.csl").write_bytes(style)
        result = pandoc.run(["--from=json", "--to=jats_publishing+element_citations", "--standalone", "--mathml",
                             f"--template={asset('templates', 'jats.xml')}", "--citeproc",
                             f"--csl={folder / 'style.csl'}"], stdin=json.dumps(ast), cwd=project.root)
    return _enrich(result.output, project, language)


def render(edition: Edition, project: Project, files: dict[str, Path]) -> bytes:
    """The registry's entry: JATS reads the sources itself (its citations stay citations)."""
    return render_jats(project, edition.language, edition.csl, files)
