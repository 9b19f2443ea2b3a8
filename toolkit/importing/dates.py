"""A manuscript's date, in whatever common form it was written, as ISO 8601.

A date is normalised only when its form says which day, month and year it is:
"11 October 2019", "October 11, 2019", "2019-10-11", "October 2019", "2019".
A date computed when the source is rendered ("today", "`r Sys.Date()`") or one
whose day and month could be swapped ("03/04/2019") is not guessed.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {name: n for n, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")), 1) for name in names}
_MONTH = r"(?P<month>[A-Za-z]+)\.?"
_FORMS = (
    re.compile(r"(?P<year>\d{4})(?:-(?P<mm>\d{1,2})(?:-(?P<day>\d{1,2}))?)?(?:[T ][\d:.]+Z?)?"),
    re.compile(r"(?P<year>\d{4})/(?P<mm>\d{1,2})/(?P<day>\d{1,2})"),
    re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})"),
    re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"),
    re.compile(rf"{_MONTH},?\s+(?P<year>\d{{4}})"),
)


def iso_date(value: object) -> str | None:
    """The date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; None when its form does not say."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    for form in _FORMS:
        match = form.fullmatch(text)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["mm"]) if parts.get("mm") else _MONTHS.get((parts.get("month") or "").lower())
        if parts.get("month") and month is None:
            return None
        year, day = int(parts["year"]), int(parts["day"]) if parts.get("day") else None
        try:
            if day:
                return dt.date(year, month, day).isoformat()
            if month:
                dt.date(year, month, 1)
                return f"{year:04d}-{month:02d}"
        except ValueError:
            return None
        return f"{year:04d}"
    return None


def computed(value: object) -> bool:
    """A date the rendering tool fills in: "today", Quarto's "last-modified", inline R code."""
    text = str(value).strip().lower()
    return text in ("today", "now", "last-modified") or text.startswith("`r ") or "sys.date" in text \
        or "sys.time" in text
