"""Authors and their affiliations, in the forms JOSS, Quarto, R Markdown and pandoc write.

An author is a name ("Jane Doe") or a mapping: `name` (text, or CSL-style
`given`/`family` parts), or JOSS's name parts (`given-names`, `surname`,
particles, `suffix`); `affiliation`/`affiliations` as names, as JOSS indices
("1, 2") or Quarto ids into the top-level `affiliations`, or a list of these;
`orcid`, `email`, `corresponding`, `equal-contrib`, `roles` kept. Whatever else
an author or an affiliation says is reported as not kept, never fatal.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Diagnostic
from .article import ImportedAuthor
from .front_matter import FrontMatter
from .report import guessed, mapped, not_kept

_GIVEN = ("given-names", "given", "first", "first-name")
_FAMILY = ("surname", "family", "last", "family-names", "last-name")
_PARTS = (*_GIVEN, "dropping-particle", "non-dropping-particle", *_FAMILY, "suffix", "literal")
_AFFILIATION_TEXT = ("department", "name", "address", "city", "region", "state", "country", "postal-code")
_AFFILIATION_KEYS = ("index", "id", "ref", "number")  # how an author points at one: used, not text
_FLAGS = {"corresponding": "corresponding", "equal-contrib": "equal-contrib", "equal-contributor": "equal-contrib",
          "equal_contrib": "equal-contrib"}


def read_authors(front: FrontMatter, source: Path) -> tuple[list[ImportedAuthor], list[Diagnostic]]:
    report: list[Diagnostic] = []
    table = _affiliations(front, source, report)
    keys = [k for k in ("author", "authors") if k in front.data]
    authors: list[ImportedAuthor] = []
    for key in keys:
        value = front.data[key]
        items = value if isinstance(value, list) else [value]
        for n, item in enumerate(items):
            where = (key, n) if isinstance(value, list) else (key,)
            author = _author(item, front, where, table, source, report)
            if author:
                authors.append(author)
    if authors:
        report.append(mapped(source, front.key_line(keys[0]), f"{len(authors)} author{'s' if len(authors) != 1 else ''}"
                             f" → authors in article.yaml"))
    return authors, report


def _affiliations(front: FrontMatter, source: Path, report: list[Diagnostic]) -> dict[str, str]:
    """The top-level affiliations by JOSS index, Quarto id and position (1, 2, …)."""
    value = front.data.get("affiliations", front.data.get("institute"))
    key = "affiliations" if "affiliations" in front.data else "institute"
    table: dict[str, str] = {}
    for n, item in enumerate(value if isinstance(value, list) else [value] if value else [], 1):
        text = _affiliation_text(item, front, (key, n - 1), source, report)
        table.setdefault(str(n), text)
        if isinstance(item, dict):
            for pointer in ("index", "id", "number"):
                if item.get(pointer) is not None:
                    table[str(item[pointer])] = text
    return table


def _affiliation_text(item: object, front: FrontMatter, where: tuple, source: Path, report: list[Diagnostic]) -> str:
    if not isinstance(item, dict):
        return _text(item)
    for extra in item:
        if extra not in _AFFILIATION_TEXT and extra not in _AFFILIATION_KEYS:
            report.append(not_kept(source, front.line(*where, extra),
                                   f"affiliation's '{extra}' ({_text(item[extra])}) has no place in article.yaml",
                                   "an affiliation is its text only"))
    return ", ".join(_text(item[k]) for k in _AFFILIATION_TEXT if item.get(k) not in (None, ""))


def _author(item: object, front: FrontMatter, where: tuple, table: dict[str, str], source: Path,
            report: list[Diagnostic]) -> ImportedAuthor | None:
    line = front.line(*where)
    if not isinstance(item, dict):
        return ImportedAuthor(_text(item)) if _text(item) else None
    name = _name(item.get("name"), item)
    if not name:
        report.append(not_kept(source, line, "an author without a name is left out",
                               "give the author a 'name'"))
        return None
    author = ImportedAuthor(name)
    names = [n for v in (item.get(k) for k in ("affiliation", "affiliations")) if v is not None
             for n in _affiliation_names(v, table, front, where, source, report)]
    author.affiliation = "; ".join(dict.fromkeys(n for n in names if n))
    author.orcid = re.sub(r"^https?://orcid\.org/", "", _text(item.get("orcid", "")))
    author.email = _text(item.get("email", ""))
    attributes = item.get("attributes") if isinstance(item.get("attributes"), dict) else {}
    for key, value in [*item.items(), *attributes.items()]:
        if key in _FLAGS and value:
            author.extra[_FLAGS[key]] = bool(value) if isinstance(value, bool) else _text(value).lower() in ("true", "yes")
    roles = [r for k in ("roles", "role") if item.get(k) is not None for r in _roles(item[k])]
    if roles:
        author.extra["roles"] = roles
    used = {"name", "affiliation", "affiliations", "orcid", "email", "attributes", "roles", "role", *_FLAGS, *_PARTS}
    for key in item:
        if key not in used:
            report.append(not_kept(source, front.line(*where, key),
                                   f"author '{name}': '{key}' ({_text(item[key])}) has no place in article.yaml",
                                   "an author has name, affiliation, orcid, email, corresponding, equal-contrib and roles"))
    for key, value in attributes.items():
        if key not in _FLAGS:
            report.append(not_kept(source, front.line(*where, "attributes", key),
                                   f"author '{name}': attribute '{key}' ({_text(value)}) has no place in article.yaml"))
    return author


def _name(value: object, item: dict) -> str:
    """The name as printed: text, or its parts in order (given, particles, family, suffix)."""
    parts = value if isinstance(value, dict) else item if value is None else None
    if parts is None:
        return _text(value)
    if parts.get("literal"):
        return _text(parts["literal"])
    given = next((_text(parts[k]) for k in _GIVEN if parts.get(k)), "")
    family = next((_text(parts[k]) for k in _FAMILY if parts.get(k)), "")
    words = [given, _text(parts.get("dropping-particle", "")), _text(parts.get("non-dropping-particle", "")), family]
    name = " ".join(w for w in words if w)
    suffix = _text(parts.get("suffix", ""))
    return f"{name}, {suffix}" if name and suffix else name


def _affiliation_names(value: object, table: dict[str, str], front: FrontMatter, where: tuple, source: Path,
                       report: list[Diagnostic]) -> list[str]:
    if isinstance(value, list):
        return [n for v in value for n in _affiliation_names(v, table, front, where, source, report)]
    if isinstance(value, dict):
        pointer = value.get("ref", value.get("id"))
        if pointer is not None and str(pointer) in table and not value.get("name"):
            return [table[str(pointer)]]
        return [_affiliation_text(value, front, where, source, report)]
    text = _text(value)
    if re.fullmatch(r"\s*\d+(\s*[,;]\s*\d+)*\s*", text):  # JOSS: 1, or "1, 2"
        found = []
        for index in re.findall(r"\d+", text):
            if index in table:
                found.append(table[index])
            else:
                report.append(guessed(source, front.line(*where), f"affiliation {index} is not in 'affiliations'; "
                                      f"it is kept as the text '{index}'", "number the affiliations with 'index:'"))
                found.append(index)
        return found
    return [table.get(text, text)]


def _roles(value: object) -> list[str]:
    """CRediT roles as text: "software", or {writing – original draft: lead} → "writing – original draft (lead)"."""
    if isinstance(value, list):
        return [r for v in value for r in _roles(v)]
    if isinstance(value, dict):
        if "role" in value:
            degree = value.get("degree-of-contribution", value.get("degree"))
            return [_text(value["role"]) + (f" ({_text(degree)})" if degree else "")]
        return [f"{_text(k)} ({_text(v)})" if v else _text(k) for k, v in value.items()]
    return [r.strip() for r in _text(value).split(",") if r.strip()]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    return " ".join(str(value).split())
