"""Validators for single BibTeX field values: each returns a problem or None."""

from __future__ import annotations

import calendar
import re
from urllib.parse import urlsplit

_YEAR = re.compile(r"\d{4}")
_DATE_PART = re.compile(r"(?P<y>-?\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")
_ROMAN = r"[ivxlcdm]+|[IVXLCDM]+"
_PAGE = re.compile(rf"(?:\d+|{_ROMAN}|[A-Za-z]{{0,3}}\d+[A-Za-z]?)")
_RANGE_SEP = re.compile(r"\s*(?:--|–|—|-)\s*")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


def year(value: str) -> str | None:
    if not _YEAR.fullmatch(value.strip()):
        return f"year '{value}' is not a four-digit year"
    return None


def _date_part(text: str) -> str | None:
    m = _DATE_PART.fullmatch(text)
    if not m:
        return "is not YYYY, YYYY-MM or YYYY-MM-DD"
    if m["m"]:
        month = int(m["m"])
        if not 1 <= month <= 12:
            return f"has month {month}"
        if m["d"]:
            day = int(m["d"])
            last = calendar.monthrange(abs(int(m["y"])) or 2000, month)[1]
            if not 1 <= day <= last:
                return f"has day {day}, not a day of that month"
    return None


def date(value: str) -> str | None:
    value = value.strip()
    parts = value.split("/")
    if len(parts) > 2 or not any(parts):
        return f"date '{value}' is not an ISO 8601 date or range"
    for part in parts:
        if part in ("", "..") and len(parts) == 2:
            continue  # open range
        problem = _date_part(part)
        if problem:
            return f"date '{value}' {problem}"
    return None


def _page_number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def pages(value: str) -> str | None:
    for item in value.split(","):
        item = item.strip()
        bits = _RANGE_SEP.split(item)
        if len(bits) > 2 or not all(_PAGE.fullmatch(b) for b in bits):
            return f"pages '{value}' is not a page or a page range (e.g. 12--30)"
        if len(bits) == 2:
            first, last = _page_number(bits[0]), _page_number(bits[1])
            if first is not None and last is not None and last < first:
                return f"page range '{item}' ends before it starts"
    return None


def doi(value: str) -> tuple[str, str] | None:
    """(code, message) for a malformed DOI or a DOI written as a link."""
    value = value.strip()
    bare = _DOI_PREFIX.sub("", value)
    if not _DOI.fullmatch(bare):
        return "invalid-doi", f"DOI '{value}' is not of the form 10.NNNN/suffix"
    if bare != value:
        return "doi-prefix", f"DOI '{value}' is written with a prefix; write only '{bare}'"
    return None


def isbn(value: str) -> str | None:
    digits = re.sub(r"[\s-]", "", value.strip())
    if re.fullmatch(r"\d{9}[\dXx]", digits):
        total = sum((10 - i) * (10 if c in "Xx" else int(c)) for i, c in enumerate(digits))
        return None if total % 11 == 0 else f"ISBN '{value}' has a wrong check digit"
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(digits))
        return None if total % 10 == 0 else f"ISBN '{value}' has a wrong check digit"
    return f"ISBN '{value}' is neither 10 nor 13 digits (13-digit ISBNs start with 978 or 979)"


def url(value: str) -> str | None:
    value = value.strip()
    if re.search(r"\s", value):
        return f"URL '{value}' contains spaces"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https", "ftp") or not parts.netloc:
        return f"URL '{value}' is not an absolute http, https or ftp address"
    return None
