"""ORCID iDs: their form and their check character (ISO 7064 MOD 11-2), as ORCID defines them.

A mistyped iD links an author's work to somebody else's record; the last
character of every iD is computed from the other fifteen digits, so most
typing mistakes are found without asking the registry (nothing is fetched).
"""

from __future__ import annotations

import re

_FORM = re.compile(r"(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])")


def check_character(digits: str) -> str:
    """The check character of the iD's first fifteen digits."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def problem(value: str) -> str:
    """What is wrong with an ORCID iD as written; "" when it is a valid one."""
    m = _FORM.fullmatch(value.strip())
    if not m:
        return "is not an ORCID iD: four groups of four digits, the last character a digit or X (0000-0002-1825-0097)"
    digits = m.group(1).replace("-", "")
    if check_character(digits[:15]) != digits[15]:
        return (f"has the check character {digits[15]} where its digits give {check_character(digits[:15])}: "
                "a digit is mistyped")
    return ""


def bare(value: str) -> str:
    """The iD without the `https://orcid.org/` an author may have written, for printing after it."""
    m = _FORM.fullmatch(value.strip())
    return m.group(1) if m else value.strip()
