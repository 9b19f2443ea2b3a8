"""Generated labels (Xülasə / Abstract, Ədəbiyyat / References, …) per language.

Each language profile's labels.yaml holds them (toolkit/languages/<code>/);
English fills in any label a profile lacks, and every label of a language
with no profile, so an edition always has words for what it generates.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from contextvars import ContextVar
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
def _profile_labels(language: str) -> dict:
    english = profile(FALLBACK)
    base = english.labels if english is not None else {}
    own = profile(language)
    return _merged(base, own.labels if own is not None else {})


# the labels the article's authors give (`labels:` in article.yaml), by language, while
# its editions are made (`authors_labels`)
_AUTHORS: ContextVar[dict[str, dict[str, str]]] = ContextVar("authors_labels", default={})


@contextmanager
def authors_labels(project):
    """Within this, `labels` gives the project's own labels before its profiles'."""
    token = _AUTHORS.set({code: dict(meta.labels) for code, meta in project.metadata.languages.items()
                          if getattr(meta, "labels", None)})
    try:
        yield
    finally:
        _AUTHORS.reset(token)


def labels(language: str) -> dict:
    """The words an edition in `language` generates: the authors' own (inside
    `authors_labels`), else its profile's, else English."""
    base = _profile_labels(language)
    own = _AUTHORS.get().get(language)
    return _merged(base, own) if own else base
