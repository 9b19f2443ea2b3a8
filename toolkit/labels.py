"""Generated labels (Xülasə / Abstract, Ədəbiyyat / References, …) per language.

Each language profile's labels.yaml holds them (toolkit/languages/<code>/);
English fills in any label a profile lacks, and every label of a language
with no profile, so an edition always has words for what it generates.
"""

from __future__ import annotations

import copy
from functools import cache

from .languages import ENGLISH, profile

FALLBACK = ENGLISH


def _merged(base: dict, own: dict) -> dict:
    """`own` over `base`, nested tables (crossref, languages) key by key."""
    out = copy.deepcopy(base)
    for key, value in own.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        elif value not in (None, ""):
            out[key] = value
    return out


@cache
def labels(language: str) -> dict[str, str]:
    english = profile(FALLBACK)
    base = english.labels if english is not None else {}
    own = profile(language)
    return _merged(base, own.labels if own is not None else {})
