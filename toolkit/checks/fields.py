"""Validators for single BibTeX field values: each returns a problem or None."""

from __future__ import annotations

import calendar
import re
import unicodedata
from urllib.parse import urlsplit

_YEAR = re.compile(r"\d{4}")
_DATE_PART = re.compile(r"(?P<y>-?\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
# compiled once: a large bibliography asks them thousands of times
_PAGE_LIST = re.compile(r"\s*[;,]\s*")
_ISBN_SEPARATORS = re.compile(r"[\s-]")
_ISBN10 = re.compile(r"\d{9}[\dXx]")
_ISBN13 = re.compile(r"97[89]\d{10}")
_SPACE = re.compile(r"\s")


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


# Unicode's dash punctuation (category Pd), which biber's range parser splits on
DASHES = ("\u002d\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2e17\u2e1a\u2e3a\u2e3b\u2e40"
          "\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead")
_D, _ND = f"[{DASHES}]", f"[^{DASHES}]"
# biber's _range (Biber/Input/file/bibtex.pm), tried in this order
_RANGE_FORMS = (re.compile(rf"\A\s*({_ND}+)\s*\Z"),  # a single value, no dash
                re.compile(rf"\A\s*(\{{[^}}]+\}}|[^{DASHES} ]+)\s*({_D}+)\s*(\{{[^}}]+\}}|{_ND}*)\s*\Z"),
                re.compile(rf"\A\s*(.+)({_D}{{2,}})(.+)\s*\Z", re.S),  # M-1--M-14
                re.compile(rf"\A\s*(.+)({_D}+)(.+)\s*\Z", re.S))
_ROMAN_NUMERAL = re.compile(r"M{0,3}(?:D?C{0,3}|C[DM])(?:L?X{0,3}|X[LC])(?:V?I{0,3}|I[VX])", re.I)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def biber_ranges(value: str) -> list[tuple[str, str | None] | None]:
    """`pages` as biber reads it: a list (split on `,` and `;`) of (start, end) —
    end None for a single page, "" for an open range (42--) — or None for a part
    biber calls malformed and prints as written."""
    parts = _PAGE_LIST.split(value)
    while parts and parts[-1] == "":  # Perl's split drops trailing empty fields
        parts.pop()
    out: list[tuple[str, str | None] | None] = []
    for part in parts:
        part = part.replace("~", " ")
        match = next((m for form in _RANGE_FORMS if (m := form.match(part))), None)
        if match is None:
            out.append(None)
            continue
        start = _unbraced(match.group(1))
        end = _unbraced(match.group(3)) if match.re.groups > 1 and match.group(2) else None
        out.append((start, end) if start not in ("", "0") else None)  # Perl's false strings
    return out


def _unbraced(text: str) -> str:
    return text[1:-1] if len(text) > 2 and text[0] == "{" and text[-1] == "}" and "}" not in text[1:-1] else text


def _numeral(text: str) -> int | None:
    """A page number biber's rangelen can count: decimal digits or a Roman numeral."""
    text = unicodedata.normalize("NFKD", text)
    if text.isdecimal():
        return int(text)
    if text and _ROMAN_NUMERAL.fullmatch(text):
        values = [_ROMAN_VALUES[c] for c in text.lower()]
        return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return None


def reversed_range(start: str, end: str) -> bool:
    """biber's rangelen: an end below the start is first read as abbreviated
    (135--38 is 135--138, 22--4 is 22--24), digit by digit; still below, it is reversed."""
    first, last = _numeral(start), _numeral(end)
    if first is None or last is None:
        return False
    if last < first:
        head, tail = str(first)[::-1], list(str(last)[::-1])
        for i, digit in enumerate(head):
            if i >= len(tail):
                tail.append(digit)
            elif tail[i] == "0":  # Perl's `next if $n[$i]`: a 0 is false and is filled in too
                tail[i] = digit
        last = int("".join(tail)[::-1])
    return last < first


def pages(value: str) -> str | None:
    """Only what biber cannot read, a reversed range or a placeholder: everything
    else ("Cover 3", "M-1--M-14", "42--", "579\\psqq") biber prints."""
    if "?" in value:
        return f"pages '{value}' hold a placeholder ('?'), not the pages"
    for found in biber_ranges(value):
        if found is None:
            return f"pages '{value}' cannot be read as pages or ranges (biber prints them as written)"
        start, end = found
        if end and reversed_range(start, end):
            return f"page range '{start}--{end}' ends before it starts"
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
    digits = _ISBN_SEPARATORS.sub("", value.strip())
    if _ISBN10.fullmatch(digits):
        total = sum((10 - i) * (10 if c in "Xx" else int(c)) for i, c in enumerate(digits))
        return None if total % 11 == 0 else f"ISBN '{value}' has a wrong check digit"
    if _ISBN13.fullmatch(digits):
        total = sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(digits))
        return None if total % 10 == 0 else f"ISBN '{value}' has a wrong check digit"
    return f"ISBN '{value}' is neither 10 nor 13 digits (13-digit ISBNs start with 978 or 979)"


def url(value: str) -> str | None:
    value = value.strip()
    if _SPACE.search(value):
        return f"URL '{value}' contains spaces"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https", "ftp") or not parts.netloc:
        return f"URL '{value}' is not an absolute http, https or ftp address"
    return None
