"""The JATS front matter: titles, authors, abstracts and keywords of every language.

The fields are read by pandoc as the editions read them (toolkit/front_matter.py),
so their emphasis, formulas (`inline-formula`), citations (`xref`) and links
reach the JATS; raw HTML and TeX in them stay text. Where JATS takes text only,
it gets the plain text: an author's `string-name`. A footnote in any of these
fields becomes an `fn` of the `author-notes`, called by an `xref` where it
stood (JATS has no footnote inside a title or a name).
"""

from __future__ import annotations

import re
from html import escape

from .. import orcid
from ..aliases import field_with_main_keys
from ..front_matter import corresponding, text_markdown
from ..labels import labels
from ..licences import LICENCES
from ..model import Author, Bibliography, LanguageMetadata, Project
from ..plain_text import math_text, plain

# pandoc reads these as Markdown (run 1), in the order the front matter is read;
# the rest of the front matter is plain values
MARKUP = ("title", "author-detail", "abstract", "keywords", "trans")


def _abstract(meta: LanguageMetadata, bib: Bibliography) -> str:
    # a trailing newline makes pandoc read an abstract as paragraphs (<p>), as JATS wants
    abstract = field_with_main_keys(meta.abstract, bib)
    paragraphs = [text_markdown(p.strip()) for p in re.split(r"\n\s*\n", abstract) if p.strip()]
    return "\n\n".join(paragraphs) + "\n"


def _keywords(meta: LanguageMetadata, bib: Bibliography) -> list[str]:
    return [" ".join(text_markdown(field_with_main_keys(k, bib)).split("\n")) for k in meta.keywords]


def markup_fields(project: Project, language: str) -> dict:
    """The fields pandoc reads as Markdown: own and translated titles, abstracts,
    keywords; authors' names and affiliations."""
    meta, bib = project.metadata, project.bibliography
    own = meta.languages[language]
    front: dict = {"abstract": _abstract(own, bib), "keywords": _keywords(own, bib), "trans": [
        {"lang": code, "title": field_with_main_keys(other.title, bib), "abstract": _abstract(other, bib),
         "keywords": _keywords(other, bib)}
        for code, other in meta.languages.items() if code != language]}
    if meta.authors:
        front["author-detail"] = [{"name": field_with_main_keys(a.name, bib),
                                   **({"affiliation": field_with_main_keys(a.affiliation, bib)} if a.affiliation
                                      else {})}
                                  for a in meta.authors]
    return front


def plain_fields(project: Project, language: str) -> dict:
    """The front matter JATS takes as text, each value on one line: the journal, the date,
    the permissions, the funders, the references' heading."""
    meta, journal = project.metadata, project.metadata.journal_meta
    front: dict = {"reference-section-title": labels(language)["references"]}
    front.update((f"journal-{key}", getattr(journal, key)) for key in ("title", "id", "issn", "eissn", "publisher")
                 if getattr(journal, key))
    if meta.date:
        year, _, rest = meta.date.partition("-")
        month, _, day = rest.partition("-")
        front["pub-date"] = {"iso": meta.date, "year": year, **({"month": month} if month else {}),
                             **({"day": day} if day else {})}
    if permissions := _permissions(meta):
        front["permissions"] = permissions
    if meta.funding:
        front["awards"] = [{"funder": f.funder, **({"award-id": f.award_id} if f.award_id else {})}
                           for f in meta.funding]
    return _one_line(front)


def _permissions(meta) -> dict:
    """JATS4R's permissions: the copyright statement, year and holder (the year only with
    a holder, given or from `date`), the licence by its URL."""
    found: dict = {}
    if meta.copyright_holder:
        year = meta.copyright_year or meta.date[:4]
        found.update({"statement": " ".join(p for p in ("©", year, meta.copyright_holder) if p),
                      "holder": meta.copyright_holder, **({"year": year} if year else {})})
    if meta.license:
        name, url = LICENCES[meta.license]
        found["license"] = {"name": name, "url": url}
    return found


def _one_line(value):
    """Every text in `value` with its line breaks and runs of spaces as one space."""
    if isinstance(value, dict):
        return {key: _one_line(v) for key, v in value.items()}
    if isinstance(value, list):
        return [_one_line(v) for v in value]
    return " ".join(value.split())


def _string(text: str) -> dict:
    return {"t": "MetaString", "c": text}


def _raw(text: str) -> dict:
    return {"t": "RawInline", "c": ["jats", text]}


class _Notes:
    """Takes each footnote out of the front matter: an `xref` in its place, its text
    an `fn` of the author notes (labelled a, b, c …, apart from the body's 1, 2, 3)."""

    def __init__(self):
        self.blocks: list[dict] = []
        self.count = 0

    def __call__(self, node: dict) -> dict:
        if node["t"] != "Note":
            return node
        self.count += 1
        ident, label = f"fn-front-{self.count}", _letter(self.count)
        self.blocks += [{"t": "RawBlock", "c": ["jats", f'<fn id="{ident}"><label>{label}</label>']},
                        *[b if b["t"] in ("Para", "Plain") else {"t": "Para", "c": [_string_inline(plain(b))]}
                          for b in node["c"]],
                        {"t": "RawBlock", "c": ["jats", "</fn>"]}]
        return _raw(f'<xref ref-type="fn" rid="{ident}">{label}</xref>')


def _string_inline(text: str) -> dict:
    return {"t": "Str", "c": text}


def _letter(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def settle(meta: dict, project: Project, walk) -> dict:
    """The parsed front matter shaped for the JATS template: plain names (with the
    ORCID and e-mail), the corresponding authors' and footnotes as author notes."""
    notes = _Notes()
    marked = corresponding(project.metadata.authors)
    meta = {**meta, **{key: walk(meta[key], notes) for key in MARKUP if key in meta}}
    detail = meta.get("author-detail")
    if detail:
        entries = detail["c"] if detail["t"] == "MetaList" else [detail]
        shaped = []
        for entry, author in zip(entries, project.metadata.authors):
            fields = dict(entry["c"])
            calls: list[dict] = []

            def collect(node: dict) -> dict:
                if node["t"] == "RawInline" and node["c"][1].startswith('<xref ref-type="fn"'):
                    calls.append(node)
                return node
            walk(fields.get("name"), collect)  # a name's footnote calls stand after its string-name
            fields["name"] = _string(plain(fields.get("name")))
            if calls:
                fields["notes"] = {"t": "MetaInlines", "c": calls}
            if author.orcid:
                fields["orcid"] = _string(orcid.bare(author.orcid))
            if author.email:
                fields["email"] = _string(author.email)
            if author in marked:
                fields["corresp"] = _string(f"cor{marked.index(author) + 1}")
            shaped.append({"t": "MetaMap", "c": fields})
        meta["author-detail"] = {"t": "MetaList", "c": shaped}
    blocks = _corresp(marked, plain(meta.get("lang"))) + notes.blocks
    if blocks:
        meta["author-notes"] = {"t": "MetaBlocks", "c": blocks}
    return meta


def _corresp(marked: list[Author], language: str) -> list[dict]:
    """Each corresponding author's `corresp` in the author notes, called from their `contrib`."""
    label = escape(labels(language)["corresponding-author"])
    return [{"t": "RawBlock", "c": ["jats", f'<corresp id="cor{n}"><label>*</label>{label}: '
                                            f"<email>{escape(author.email)}</email></corresp>"]}
            for n, author in enumerate(marked, 1)]


# what JATS does not take inside an element: a formula there becomes its text, a link its words
# (an institution takes only sub- and superscripts: its emphasis becomes text too)
_NOT_IN = {"institution": ("inline-formula", "ext-link", "italic", "bold", "sc", "monospace", "underline",
                           "strike", "named-content", "styled-content"),
           "kwd": ("inline-formula", "xref", "ext-link")}
# text that is one line: titles, names, identifiers (JATS4R: no line break in them)
_ONE_LINE = ("article-title", "trans-title", "journal-id", "journal-title", "issn", "publisher-name", "aff",
             "string-name", "kwd", "copyright-statement", "copyright-holder", "funding-source", "award-id",
             "funding-statement", "license-p")


def fitted(root) -> None:
    """Formulas and links where the JATS model has no room for them (an affiliation, a
    keyword) as their text: `Y₀`, the words of the link; a footnote's call in an
    affiliation after its institution; one line where JATS wants one."""
    for institution in list(root.iter("institution")):
        for call in reversed(list(institution.iter("xref"))):
            _remove_keeping_tail(call)
            call.tail = None
            institution.addnext(call)
    for tag, unwanted in _NOT_IN.items():
        for container in list(root.iter(tag)):
            for element in reversed(list(container.iter(*unwanted))):  # the innermost first
                text = math_text(element.findtext(".//tex-math") or "") if element.tag == "inline-formula" \
                    else "".join(element.itertext())
                element.tail = text + (element.tail or "")
                _remove_keeping_tail(element)
    for tag in _ONE_LINE:
        for element in root.iter(tag):
            _on_one_line(element)


def _remove_keeping_tail(element) -> None:
    """`element` out of its parent; the text after it stays where it was."""
    parent, tail, before = element.getparent(), element.tail or "", element.getprevious()
    if before is not None:
        before.tail = (before.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _on_one_line(element) -> None:
    """The element's text with each run of white space (a line break too) as one space,
    none at its ends, and no `break`; a formula's TeX and MathML as they are."""
    for brk in list(element.iter("break")):
        brk.tail = " " + (brk.tail or "")
        _remove_keeping_tail(brk)

    def spaced(text: str | None) -> str | None:
        return re.sub(r"\s+", " ", text) if text else text

    def visit(node) -> None:
        if node.tag != "inline-formula":
            node.text = spaced(node.text)
            for child in node:
                visit(child)
        if node is not element:
            node.tail = spaced(node.tail)
    visit(element)
    element.text = (element.text or "").lstrip() or None
    last = element[-1] if len(element) else None
    if last is None:
        element.text = (element.text or "").rstrip() or None
    else:
        last.tail = (last.tail or "").rstrip() or None
