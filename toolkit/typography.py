"""Typographic conventions of the editions: en dash in ranges, no line break
inside a date or before a citation, dates written as each language's profile
writes them.

Ranges are a matter of the sources (`check` reports hyphens, `toolkit fix
--typography` rewrites them); non-breaking spaces are put in by the build, so
sources stay plain to type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .languages import ENGLISH, all_profiles, profile

# 1923-1939, 12-30; not ISO dates (1925-12-17), ORCIDs or longer chains
RANGE = re.compile(r"(?<![\d\-–])(\d{1,4})-(\d{1,4})(?![\d–]|-\d)")
# what is not prose in pandoc Markdown: attributes, code, link targets, div fences
_NOT_PROSE = re.compile(r"\{[^{}\n]*\}|`+[^`\n]*`+|\]\([^)\n]*\)|^:::.*$|<[^>\n]*>", re.M)
# month names as each profile's dates write them (toolkit/languages/<code>/profile.yaml)
MONTHS = {p.code: list(p.months) for p in all_profiles() if len(p.months) == 12}


@dataclass(frozen=True)
class Change:
    offset: int  # in the text
    old: str
    new: str


def _prose_mask(text: str) -> str:
    return _NOT_PROSE.sub(lambda m: " " * len(m.group()), text)


def range_hyphens(text: str) -> list[Change]:
    """Numeric ranges written with a hyphen in prose, and their en-dash form."""
    return [Change(m.start(), m.group(), f"{m.group(1)}–{m.group(2)}") for m in RANGE.finditer(_prose_mask(text))]


def apply(text: str, changes: list[Change]) -> str:
    for change in sorted(changes, key=lambda c: c.offset, reverse=True):
        text = text[:change.offset] + change.new + text[change.offset + len(change.old):]
    return text


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --- the build: non-breaking spaces in the pandoc AST -----------------------

NBSP = "\u00a0"


_MONTH_NAMES = {m.lower() for p in all_profiles() for m in (*p.months, *p.standalone_months)}


def written_date(date: str, language: str) -> str:
    """1941-08-10 as the language writes it ("10 avqust 1941", "10 августа 1941 г."),
    its spaces unbreakable; other forms as written. A language with no profile
    writes English dates."""
    own = profile(language)
    if own is None or len(own.months) != 12:
        own = profile(ENGLISH)
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", date.strip())
    if own is None or not m or not 1 <= int(m.group(2)) <= 12:
        return date
    year, month, day = m.group(1), int(m.group(2)) - 1, m.group(3)
    if day:
        text = own.date_format("day-month-year").format(day=int(day), month=own.months[month], year=year)
    else:
        text = own.date_format("month-year").format(month=own.standalone_months[month], year=year)
    return text.replace(" ", NBSP)


def _is_day(node) -> bool:
    return node.get("t") == "Str" and re.fullmatch(r"\d{1,2},?", node["c"]) is not None


def _is_month(node, months) -> bool:
    return node.get("t") == "Str" and node["c"].lower().rstrip(",") in months


def _is_year(node) -> bool:
    return node.get("t") == "Str" and re.match(r"\d{3,4}\b", node["c"]) is not None


def _tie(inlines: list) -> list:
    months = _MONTH_NAMES
    out = list(inlines)
    for i, node in enumerate(out):
        if node.get("t") != "Space":
            continue
        before = out[i - 1] if i else {}
        after = out[i + 1] if i + 1 < len(out) else {}
        if (after.get("t") == "Cite"
                or (_is_day(before) and _is_month(after, months))  # 17 dekabr
                or (_is_month(before, months) and (_is_year(after) or _is_day(after)))):  # dekabr 1925, December 17
            out[i] = {"t": "Str", "c": NBSP}
    return out


_INLINES_AT = {"Para": None, "Plain": None, "Emph": None, "Strong": None, "Header": 2, "Span": 1, "Quoted": 1}


def tie_dates_and_citations(node):
    """AST visitor: every inline list gets its date and citation spaces tied."""
    kind = node.get("t") if isinstance(node, dict) else None
    if kind not in _INLINES_AT:
        return node
    at = _INLINES_AT[kind]
    if at is None:
        return {"t": kind, "c": _tie(node["c"])}
    content = list(node["c"])
    content[at] = _tie(content[at])
    return {"t": kind, "c": content}


_RANGE = re.compile(r"\d+(?:[.,]\d+)?[–—-]\d+(?:[.,]\d+)?")  # 1923–1946, 12–30, 1.5–2


def unbroken_ranges(node: dict) -> dict:
    """For `walk`: a numeric range never broken at its dash ("1923–⏎1946" on a phone, in a
    printed title): set in a span the stylesheets keep on one line; its text unchanged."""
    if node["t"] != "Str" or not _RANGE.search(node["c"]):
        return node
    pieces, at = [], 0
    for m in _RANGE.finditer(node["c"]):
        if m.start() > at:
            pieces.append({"t": "Str", "c": node["c"][at:m.start()]})
        pieces.append({"t": "Span", "c": [["", ["nowrap"], []], [{"t": "Str", "c": m.group()}]]})
        at = m.end()
    if at < len(node["c"]):
        pieces.append({"t": "Str", "c": node["c"][at:]})
    return {"t": "Span", "c": [["", [], []], pieces]}
