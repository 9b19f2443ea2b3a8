"""BibTeX entries as CSL items (CSL-JSON), the one input both citation processors get.

pandoc and citeproc-py each read BibTeX their own way; handing both the same
CSL items makes the terminal proof (`toolkit refs`) show what the editions
print, and lets the toolkit decide what neither knows: babel `langid` names
as language codes, and a translated title for the English edition.
"""

from __future__ import annotations

import re
from functools import cache

from .labels import labels
from .languages import language_code, primary
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
PLAIN = {"volume": "volume", "edition": "edition", "pagetotal": "number-of-pages", "doi": "DOI",
         "isbn": "ISBN", "issn": "ISSN", "url": "URL", "note": "note", "annotation": "annote",
         "annote": "annote", "abstract": "abstract", "series": "collection-title", "version": "version",
         "archive": "archive", "archive_location": "archive_location", "archive-location": "archive_location",
         "shorttitle": "title-short", "eventtitle": "event-title", "venue": "event-place"}
TRANSLATED_TITLE = ("translatedtitle", "translated-title")


@cache
def _decoder():
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


def decode(value: str) -> str:
    """LaTeX as BibTeX writes it (`{\\c c}`, `\\&`, `--`, protecting braces) as plain Unicode."""
    if not re.search(r"[\\{}~$%]|--", value):
        return " ".join(value.split())
    try:
        text = _decoder().latex_to_text(value)
    except Exception:  # pylatexenc gives up on malformed input: keep the text, drop braces
        text = value.replace("{", "").replace("}", "")
    return " ".join(text.replace("\u00a0", " ").split())


def _names(value: str) -> list[dict]:
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    out = []
    for written in split_multiple_persons_names(value):
        written = written.strip()
        if written.startswith("{") and written.endswith("}") and written.count("{") == 1:
            out.append({"literal": decode(written)})  # {Soviet Government}: an organisation
            continue
        try:
            parts = parse_single_name_into_parts(written, strict=False)
        except Exception:
            out.append({"literal": decode(written)})
            continue
        name = {"family": decode(" ".join(parts.last)), "given": decode(" ".join(parts.first)),
                "non-dropping-particle": decode(" ".join(parts.von)), "suffix": decode(" ".join(parts.jr))}
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


def csl_item(entry: Entry, edition_language: str) -> dict:
    fields = {name: f.value for name, f in entry.fields.items()}
    kind = entry.type
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
    if translated and primary(edition_language) == "en" and primary(language or "en") != "en":
        title += f" [{decode(translated)}]"
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
    number = fields.get("number") or fields.get("issue")
    if number:
        key = "issue" if item["type"].startswith("article") else (
            "collection-number" if item["type"] == "book" else "number")
        item[key] = decode(number)
    if "issue" in fields and "number" in fields and item["type"].startswith("article"):
        item["issue"] = decode(fields["issue"])
    publisher = next((fields[n] for n in ("publisher", "institution", "school", "organization", "howpublished")
                      if n in fields), None)
    if publisher:
        item["publisher"] = decode(publisher)
    place = fields.get("location") or fields.get("address")
    if place:
        item["publisher-place"] = decode(place)
    genre = fields.get("type", "").strip() or {"phdthesis": "phdthesis", "mastersthesis": "mathesis",
                                                 "techreport": "techreport"}.get(kind, "")
    if genre:
        key = GENRES.get(genre.lower())
        item["genre"] = labels(edition_language)[key] if key else decode(genre)
    return item


def person_name(person: dict) -> str:
    """A CSL name as "Family, Given" (an organisation as written)."""
    if "literal" in person:
        return person["literal"]
    family = " ".join(p for p in (person.get("non-dropping-particle", ""), person.get("family", "")) if p)
    return ", ".join(p for p in (family, person.get("given", ""), person.get("suffix", "")) if p)


def csl_items(bibliography: Bibliography, edition_language: str, keys=None) -> list[dict]:
    """CSL items for the entries named (all when `keys` is None), in bibliography order."""
    wanted = None if keys is None else set(keys)
    return [csl_item(e, edition_language) for e in bibliography.entries if wanted is None or e.key in wanted]
