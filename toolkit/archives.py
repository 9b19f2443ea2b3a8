"""An archival location ("Ф. 568. Оп. 1. Д. 1. Л. 18") as the numbers of its parts.

The journal style prints fond, inventory, file, box and leaf with the edition's
terms (F. 568. Siy. 1. İş 1 in Azerbaijani, F. 568. Op. 1. D. 1 in English), so
the location written in the data in any of the four languages is read into its
numbers here; a location in any other form (an archive's own codes, a verso
"об.") is left as written.
"""

from __future__ import annotations

import re

# part -> the abbreviations and words the four languages write for it (lower case, no period)
LABELS = {
    "fond": ("ф", "f", "fond", "fon"),
    "inventory": ("оп", "op", "siy", "opis", "siyahı"),
    "file": ("д", "d", "iş", "is", "delo", "dosya"),
    "box": ("картон", "karton", "box", "kutu"),
    "leaf": ("л", "лл", "l", "ll", "v", "vr", "varak", "vərəq"),
}
# the CSL variable each part is given as. CSL has none for an archive's fond, inventory,
# box or file, so they travel in variables the common styles (apa, chicago, mla, ieee,
# harvard, vancouver) never print for a manuscript, which keep printing the location as
# written; the journal style prints each with its term. Leaves are the document's pages.
VARIABLES = {"fond": "division", "inventory": "section", "file": "call-number",
             "box": "printing-number", "leaf": "page"}
_BY_LABEL = {label: part for part, labels in LABELS.items() for label in labels}
_PART = re.compile(r"\s*(?P<label>[^\W\d_]+)\.?\s*(?P<value>\d+[a-zа-я]?(?:\s*[-–]\s*\d+[a-zа-я]?)?)\s*[.,;]?",
                   re.IGNORECASE)


def holding(location: str) -> dict[str, str] | None:
    """{"division": "568", "section": "1", "call-number": "1", "page": "18"} for
    "Ф. 568. Оп. 1. Д. 1. Л. 18"; None unless every part of the location is one of these."""
    found: dict[str, str] = {}
    at = 0
    text = location.strip()
    while at < len(text):
        match = _PART.match(text, at)
        if not match:
            return None
        part = _BY_LABEL.get(match["label"].lower())
        if part is None or part in found:
            return None
        found[part] = re.sub(r"\s*[-–]\s*", "-", match["value"])
        at = match.end()
    if not found or "fond" not in found:
        return None
    return {VARIABLES[part]: value for part, value in found.items()}
