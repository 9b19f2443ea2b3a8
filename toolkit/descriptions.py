"""What a GOST description needs of a CSL item beyond a field-by-field mapping.

The journal style (numeric-alphabetical) describes entries as GOST R 7.0.5-2008
does. CSL 1.0.2 cannot count names, tell an institution from a person, choose a
term by a field's value or split an archival location, so the item says these
things itself; the additions are standard CSL variables other styles read as
they always do:

- `authority`: an entry GOST files under its title — its authors are a body
  ({R Core Team}) or four or more persons — names who is responsible for it;
  the style then starts with the title and puts the authors after " / ".
- a volume of a set (`maintitle`): the set's title is the `title`, the
  volume's own the `volume-title` ("Set. Vol. 2: Volume").
- `editortype = {compiler}`: the editors are the `compiler`s.
- a patronymic word (oğlu, qızı) is left out of a given name: "Z. H.".
- an archival location becomes the numbers of its parts (toolkit.archives).
- a thesis `type` that is a degree code becomes its designation (toolkit.theses).
- an arXiv eprint that is not a journal article is a preprint (CSL `article`),
  its identifier written as arXiv writes it.
- a DOI is bare: no https://doi.org/ or doi: before it.
"""

from __future__ import annotations

import re

from .archives import holding
from .theses import designation

NAME_VARIABLES = ("author", "editor", "translator", "compiler", "container-author")
PATRONYMIC = {"oğlu", "qızı", "oglu", "qizi", "оглы", "кызы"}
PREPRINT_ENTRIES = {"misc", "online", "unpublished", "report", "techreport", "article"}
_DOI_PREFIX = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def describe(item: dict, fields: dict[str, str], kind: str, edition_language: str) -> None:
    """Add to the CSL `item` of a BibTeX entry (its `fields`, its entry type `kind`)
    what the journal style needs and CSL cannot work out."""
    _volume_of_a_set(item, fields)
    if fields.get("editortype", "").strip().lower() == "compiler" and "editor" in item:
        item["compiler"] = item.pop("editor")
    for variable in NAME_VARIABLES:
        for name in item.get(variable, []):
            _drop_patronymic_word(name)
    _filed_under_title(item)
    if item["type"] == "manuscript" and "archive_location" in item:
        parts = holding(item["archive_location"])
        if parts and not any(variable in item for variable in parts):
            item.update(parts)  # the location as written stays, for other styles and exports
    if item["type"] == "thesis":
        written = fields.get("type", "").strip() or kind
        if named := designation(written, edition_language):
            item["genre"] = named
    _preprint(item, fields, kind)
    if "DOI" in item:
        item["DOI"] = _DOI_PREFIX.sub("", item["DOI"])


def _volume_of_a_set(item: dict, fields: dict[str, str]) -> None:
    main = fields.get("maintitle", "").strip()
    if item["type"] != "book" or not main or "title" not in item:
        return
    from .csl_items import decode

    set_title = decode(main) + (f": {decode(fields['mainsubtitle'])}" if fields.get("mainsubtitle") else "")
    item["volume-title"] = item["title"]
    item["title"] = set_title
    if item.get("collection-title") == set_title:  # not a series
        del item["collection-title"]


def _drop_patronymic_word(name: dict) -> None:
    words = name.get("given", "").split()
    if len(words) > 1 and words[-1].lower() in PATRONYMIC:
        name["given"] = " ".join(words[:-1])


def _filed_under_title(item: dict) -> None:
    from .csl_items import person_name

    authors = item.get("author", [])
    bodies = bool(authors) and all("literal" in name for name in authors)
    if bodies or len(authors) >= 4:
        item.setdefault("authority", "; ".join(person_name(name) for name in authors))


def _preprint(item: dict, fields: dict[str, str], kind: str) -> None:
    scheme = (fields.get("eprinttype") or fields.get("archiveprefix") or "").strip().lower()
    eprint = fields.get("eprint", "").strip()
    if scheme != "arxiv" or not eprint or kind not in PREPRINT_ENTRIES or item["type"] == "article-journal":
        return
    item["type"] = "article"
    primary_class = (fields.get("eprintclass") or fields.get("primaryclass") or "").strip()
    item["number"] = f"arXiv:{eprint}" + (f" [{primary_class}]" if primary_class else "")
