"""BibTeX entries as CSL items (CSL-JSON), the one input both citation processors get.

pandoc and citeproc-py each read BibTeX their own way; handing both the same
CSL items makes the terminal proof (`toolkit refs`) show what the editions
print, and lets the toolkit decide what neither knows: babel `langid` names
as language codes, and a translated title for an edition whose language
profile prints them (the English one).
"""

from __future__ import annotations

import re
from contextvars import ContextVar

from .descriptions import describe
from .eprints import eprint_variables
from .labels import labels
from .languages import language_code, primary, profile
from .model import Bibliography, Entry

TYPES = {
    "article": "article-journal", "periodical": "periodical", "suppperiodical": "article-journal",
    "book": "book", "mvbook": "book", "collection": "book", "mvcollection": "book", "proceedings": "book",
    "mvproceedings": "book", "reference": "book", "mvreference": "book", "manual": "book",
    "booklet": "pamphlet", "inbook": "chapter", "bookinbook": "chapter", "suppbook": "chapter",
    "incollection": "chapter", "suppcollection": "chapter", "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "online": "webpage", "electronic": "webpage", "www": "webpage",
    "report": "report", "techreport": "report", "thesis": "thesis", "phdthesis": "thesis",
    "mastersthesis": "thesis", "unpublished": "manuscript", "misc": "document", "patent": "patent",
    "dataset": "dataset", "software": "software", "letter": "personal_communication",
}
SUBTYPES = {"newspaper": "article-newspaper", "magazine": "article-magazine"}
# `type` values biblatex treats as keys for a localised string
GENRES = {"phdthesis": "thesis-phd", "mathesis": "thesis-ma", "mastersthesis": "thesis-ma",
          "techreport": "report-technical"}
NAMES = {"author": "author", "editor": "editor", "translator": "translator", "bookauthor": "container-author"}
DATES = {"date": "issued", "urldate": "accessed", "origdate": "original-date", "eventdate": "event-date"}
PLAIN = {"volume": "volume", "edition": "edition", "pagetotal": "number-of-pages",
         "isbn": "ISBN", "issn": "ISSN", "note": "note", "annotation": "annote",
         "annote": "annote", "abstract": "abstract", "series": "collection-title", "version": "version",
         "archive": "archive", "archive_location": "archive_location", "archive-location": "archive_location",
         "shorttitle": "title-short", "eventtitle": "event-title", "venue": "event-place"}
TRANSLATED_TITLE = ("translatedtitle", "translated-title")
TRANSLATION = "translated-title"  # the CSL-M variable: the title's translation, where the edition shows one


def exchanged(item: dict) -> dict:
    """An item as an exchange format takes it: the original title in `title`, its
    translation in `translated-title` (the edition prints them together)."""
    translation = item.get(TRANSLATION)
    suffix = f" [{translation}]"
    if translation and str(item.get("title", "")).endswith(suffix):
        return {**item, "title": item["title"][:-len(suffix)]}
    return item
# as pandoc's BibTeX reader: a book-like entry's number is its number in a series;
# an article's number and issue are both its CSL issue ("3, Spring")
SERIES_NUMBERED = {"book", "collection", "proceedings", "reference", "mvbook", "mvcollection", "mvproceedings",
                   "mvreference", "bookinbook", "inbook", "incollection", "inproceedings", "inreference",
                   "suppbook", "suppcollection"}
ISSUED = {"article", "periodical", "suppperiodical", "review"}
# all of them, joined, as pandoc's reader does (howpublished is printed whatever else is there)
PUBLISHERS = ("school", "institution", "organization", "howpublished", "publisher")
VERBATIM = {"url": "URL", "doi": "DOI"}  # addresses: no LaTeX decoding (a ~ or -- is part of them)
_ONLY_URL = re.compile(r"\s*(?:\\url\{([^{}]*)\}|(https?://\S+))\s*")


# whether the items being made are for an edition, which draws formulas (csl_items' `formulas`)
_FORMULAS: ContextVar[bool] = ContextVar("formulas", default=False)


def _decoder(markup: bool):
    from .latex import decode as decode_latex

    return lambda value: decode_latex(value, markup, markup and _FORMULAS.get()).text


def decode(value: str) -> str:
    """LaTeX as BibTeX writes it (`{\\c c}`, `\\emph`, `$K_{1,3}$`, `{DNA}`) as CSL rich text
    (`<i>`, `<sub>`, `<span class="nocase">` …): toolkit.latex decodes it, losing no text."""
    return _decoder(True)(value)


def _names(value: str) -> list[dict]:
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    plain = _decoder(False)  # a name is plain text: CSL formats names itself
    out = []
    for written in split_multiple_persons_names(value):
        written = written.strip()
        if written.startswith("{") and written.endswith("}") and written.count("{") == 1:
            out.append({"literal": plain(written)})  # {Soviet Government}: an organisation
            continue
        try:
            parts = parse_single_name_into_parts(written, strict=False)
        except Exception:
            out.append({"literal": plain(written)})
            continue
        name = {"family": plain(" ".join(parts.last)), "given": plain(" ".join(parts.first)),
                "non-dropping-particle": plain(" ".join(parts.von)), "suffix": plain(" ".join(parts.jr))}
        out.append({k: v for k, v in name.items() if v})
    return out


_ISO = re.compile(r"(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _date(value: str) -> dict | None:
    parts = []
    for side in value.strip().split("/")[:2]:
        m = _ISO.fullmatch(side.strip())
        if not m:
            return None if not parts else {"date-parts": parts}
        parts.append([int(g) for g in m.groups() if g])
    return {"date-parts": parts} if parts else None


def _month(value: str) -> int | None:
    value = decode(value).strip().lower()
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    months = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    return months.index(value[:3]) + 1 if value[:3] in months else None


def _issued(fields: dict[str, str]) -> dict | None:
    if "date" in fields:
        return _date(fields["date"])
    year = fields.get("year", "").strip()
    if not re.fullmatch(r"-?\d{1,4}", year):
        return {"literal": decode(year)} if year else None
    parts = [int(year)]
    if (month := _month(fields.get("month", ""))) is not None:
        parts.append(month)
        if fields.get("day", "").strip().isdigit():
            parts.append(int(fields["day"]))
    return {"date-parts": [parts]}


def _title(fields: dict[str, str], main: str, sub: str, addon: str) -> str:
    title = decode(fields[main]) if main in fields else ""
    if sub in fields:
        title += ": " + decode(fields[sub])
    if addon in fields:
        title += ". " + decode(fields[addon])
    return title


def _numbers(item: dict, fields: dict[str, str], kind: str) -> None:
    """number and issue, both kept, where pandoc's BibTeX reader puts them."""
    number, issue = (decode(fields[n]) if fields.get(n, "").strip() else "" for n in ("number", "issue"))
    if kind in ISSUED or item["type"].startswith("article"):
        if number or issue:
            item["issue"] = ", ".join(p for p in (number, issue) if p)
        return
    if number:
        item["collection-number" if kind in SERIES_NUMBERED else "number"] = number
    if issue:
        item["issue"] = issue


def _addresses(item: dict, fields: dict[str, str]) -> None:
    """url and doi as written; a howpublished that is only a \\url{…}, or an eprint,
    gives the address when there is no url; the eprint's identifier is kept."""
    for name, variable in VERBATIM.items():
        if value := fields.get(name, "").strip().strip("{}").strip():
            item[variable] = value
    howpublished = _ONLY_URL.fullmatch(fields.get("howpublished", ""))
    if howpublished:
        address = howpublished.group(1) or howpublished.group(2)
        if item.setdefault("URL", address) == address:
            del fields["howpublished"]  # an address, not a publisher
    eprint = eprint_variables(fields)
    label = eprint.pop("label", "")
    for variable, value in eprint.items():
        item.setdefault(variable, value)
    if label and "number" not in item:
        item["number"] = label
    elif label and "note" not in item:
        item["note"] = label


def csl_item(entry: Entry, edition_language: str) -> dict:
    fields = {name: f.value for name, f in entry.fields.items()}
    kind = entry.type if entry.type != "set" else fields.get("entrytype", "set")  # a set reads as its first member
    item: dict = {"id": entry.key, "type": TYPES.get(kind, "document")}
    if kind == "article" and fields.get("entrysubtype", "").strip().lower() in SUBTYPES:
        item["type"] = SUBTYPES[fields["entrysubtype"].strip().lower()]
    if kind in ("misc", "unpublished") and "archive" in fields:
        item["type"] = "manuscript"
    for name, variable in NAMES.items():
        if name in fields:
            item[variable] = _names(fields[name])
    for name, variable in DATES.items():
        if name in fields and (date := _date(fields[name])):
            item[variable] = date
    if "issued" not in item and (issued := _issued(fields)):
        item["issued"] = issued
    for name, variable in PLAIN.items():
        if name in fields and variable not in item:
            item[variable] = decode(fields[name])
    title = _title(fields, "title", "subtitle", "titleaddon")
    language = language_code(fields.get("langid") or fields.get("language") or "")
    if language:
        item["language"] = language
    translated = next((fields[n] for n in TRANSLATED_TITLE if n in fields), None)
    edition = profile(edition_language)  # its profile says whether it prints translated titles
    if translated and edition is not None and edition.translated_titles \
            and primary(language or edition_language) != primary(edition_language):
        title += f" [{decode(translated)}]"  # as the edition prints it; exports keep them apart
        item[TRANSLATION] = decode(translated)
    if title:
        item["title"] = title
    container = (_title(fields, "journaltitle", "journalsubtitle", "")
                 or _title(fields, "journal", "", "")
                 or _title(fields, "booktitle", "booksubtitle", "booktitleaddon")
                 or _title(fields, "maintitle", "mainsubtitle", ""))
    if container and item["type"] != "book":
        item["container-title"] = container
    elif container:
        item.setdefault("collection-title", container)
    if "pages" in fields:
        item["page"] = re.sub(r"\s*(?:--|–|—)\s*", "-", decode(fields["pages"].replace("--", "-")))
    _numbers(item, fields, kind)
    _addresses(item, fields)
    publishers = [decode(fields[n]) for n in PUBLISHERS if fields.get(n, "").strip()]
    if publishers:
        item["publisher"] = "; ".join(publishers)
    place = fields.get("location") or fields.get("address")
    if place:
        item["publisher-place"] = decode(place)
    genre = fields.get("type", "").strip() or {"phdthesis": "phdthesis", "mastersthesis": "mathesis",
                                                 "techreport": "techreport"}.get(kind, "")
    if genre:
        key = GENRES.get(genre.lower())
        item["genre"] = labels(edition_language)[key] if key else decode(genre)
    describe(item, fields, kind, edition_language)  # what CSL cannot work out (toolkit.descriptions)
    return item


def person_name(person: dict) -> str:
    """A CSL name as "Family, Given" (an organisation as written)."""
    if "literal" in person:
        return person["literal"]
    family = " ".join(p for p in (person.get("non-dropping-particle", ""), person.get("family", "")) if p)
    return ", ".join(p for p in (family, person.get("given", ""), person.get("suffix", "")) if p)


def csl_items(bibliography: Bibliography, edition_language: str, keys=None, formulas: bool = False) -> list[dict]:
    """CSL items for the entries named (all when `keys` is None), in bibliography order.

    With `formulas` (the editions), a formula in a field is a word pandoc's citeproc
    leaves alone and `toolkit.formulas.in_references` draws; else it is text."""
    wanted = None if keys is None else set(keys)
    token = _FORMULAS.set(formulas)
    try:
        return [csl_item(e, edition_language) for e in bibliography.entries if wanted is None or e.key in wanted]
    finally:
        _FORMULAS.reset(token)
