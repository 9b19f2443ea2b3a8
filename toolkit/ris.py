"""The bibliography as RIS, for reference managers (EndNote, Zotero, Mendeley).

Only the tags of the RIS specification (Thomson Reuters, 2012), as its readers map
them: editors A2 (secondary authors), translators A4, a translated title TT, the
archive DB (name of database) and the place in it AN (accession number)."""

from __future__ import annotations

from .csl_items import person_name
from .rich_text import plain_item

RIS_TYPES = {"article-journal": "JOUR", "article-newspaper": "NEWS", "article-magazine": "MGZN", "book": "BOOK",
             "chapter": "CHAP", "paper-conference": "CPAPER", "thesis": "THES", "report": "RPRT",
             "webpage": "ELEC", "manuscript": "UNPB", "document": "GEN", "entry-encyclopedia": "ENCYC",
             "pamphlet": "PAMP", "dataset": "DATA", "software": "COMP", "patent": "PAT"}


def _date(item: dict, variable: str) -> str:
    parts = (item.get(variable) or {}).get("date-parts") or [[]]
    first = parts[0]
    return "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(first)) if first else ""


def ris(items: list[dict]) -> str:
    """RIS records, one per CSL item, in the items' order."""
    records = []
    for item in map(plain_item, items):
        lines = [("TY", RIS_TYPES.get(item.get("type", ""), "GEN")), ("ID", item["id"])]
        lines += [("AU", person_name(p)) for p in item.get("author", [])]
        lines += [("A2", person_name(p)) for p in item.get("editor", [])]
        lines += [("A4", person_name(p)) for p in item.get("translator", [])]
        for variable, tag in (("title", "TI"), ("translated-title", "TT"), ("container-title", "T2"),
                              ("collection-title", "T3"),
                              ("volume", "VL"), ("issue", "IS"), ("edition", "ET"), ("publisher", "PB"),
                              ("publisher-place", "CY"), ("DOI", "DO"), ("ISBN", "SN"), ("ISSN", "SN"),
                              ("URL", "UR"), ("language", "LA"), ("genre", "M3"), ("archive", "DB"),
                              ("archive_location", "AN"), ("note", "N1"), ("annote", "N1"), ("abstract", "AB"),
                              ("number-of-pages", "SP")):
            if item.get(variable):
                lines.append((tag, str(item[variable])))
        if page := item.get("page"):
            first, _, last = page.partition("-")
            lines.append(("SP", first))
            if last:
                lines.append(("EP", last))
        if year := _date(item, "issued"):
            lines += [("PY", year.split("/")[0]), ("DA", year)]
        if accessed := _date(item, "accessed"):
            lines.append(("Y2", accessed))
        lines.append(("ER", ""))
        records.append("\n".join(f"{tag}  - {value}" for tag, value in lines))
    return "\n\n".join(records) + "\n" if records else ""
