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

from ..aliases import field_with_main_keys
from ..front_matter import text_markdown
from ..labels import labels
from ..model import Bibliography, LanguageMetadata, Project
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
    """The front matter JATS takes as it is: the journal, the date, the references' heading."""
    meta = project.metadata
    front: dict = {"reference-section-title": labels(language)["references"]}
    if meta.journal:
        front["journal"] = meta.journal
    if meta.date:
        year, _, rest = meta.date.partition("-")
        month, _, day = rest.partition("-")
        front["pub-date"] = {"iso": meta.date, "year": year, **({"month": month} if month else {}),
                             **({"day": day} if day else {})}
    return front


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
    ORCID and e-mail), footnotes as author notes."""
    notes = _Notes()
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
            for key in ("orcid", "email"):
                if getattr(author, key):
                    fields[key] = _string(getattr(author, key))
            shaped.append({"t": "MetaMap", "c": fields})
        meta["author-detail"] = {"t": "MetaList", "c": shaped}
    if notes.blocks:
        meta["author-notes"] = {"t": "MetaBlocks", "c": notes.blocks}
    return meta


# what JATS does not take inside an element: a formula there becomes its text, a link its words
_NOT_IN = {"aff": ("inline-formula",), "kwd": ("inline-formula", "xref", "ext-link")}


def fitted(root) -> None:
    """Formulas and links where the JATS model has no room for them (an affiliation, a
    keyword) as their text: `Y₀`, the words of the link."""
    for tag, unwanted in _NOT_IN.items():
        for container in list(root.iter(tag)):
            for element in list(container.iter(*unwanted)):
                text = math_text(element.findtext(".//tex-math") or "") if element.tag == "inline-formula" \
                    else "".join(element.itertext())
                parent, tail = element.getparent(), element.tail or ""
                before = element.getprevious()
                if before is not None:
                    before.tail = (before.tail or "") + text + tail
                else:
                    parent.text = (parent.text or "") + text + tail
                parent.remove(element)
