"""Languages: their profiles (toolkit.languages.profiles, one folder each) and
their names as bibliographies write them (babel/polyglossia `langid`), as codes.

An entry's language decides how processors case its title and whether the
English edition shows a translated title; biblatex writes it as a babel name
(`langid = {turkish}`), CSL wants a BCP 47 code (`tr`).
"""

from __future__ import annotations

import re
from functools import cache

from .profiles import ENGLISH, Profile, all_profiles, missing, profile, shipped

__all__ = ["BABEL", "ENGLISH", "Profile", "all_profiles", "guess_language", "language_code", "missing", "primary",
           "profile", "shipped"]

BABEL = {
    "azerbaijani": "az", "azeri": "az", "turkish": "tr", "russian": "ru", "ukrainian": "uk",
    "english": "en", "american": "en-US", "usenglish": "en-US", "british": "en-GB", "ukenglish": "en-GB",
    "german": "de", "ngerman": "de", "french": "fr", "italian": "it", "spanish": "es", "persian": "fa",
    "farsi": "fa", "arabic": "ar", "georgian": "ka", "armenian": "hy", "kazakh": "kk", "uzbek": "uz",
    "polish": "pl", "bulgarian": "bg", "greek": "el", "latin": "la", "dutch": "nl", "portuguese": "pt",
    "swedish": "sv", "czech": "cs", "hungarian": "hu", "romanian": "ro", "serbian": "sr", "chinese": "zh",
    "japanese": "ja", "hebrew": "he",
}
_BCP47 = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def lowered(text: str, language: str) -> str:
    """Small letters as the language has them (Turkic: I -> ı, İ -> i); Unicode's elsewhere."""
    own = profile(language)
    return own.lower(text) if own is not None else text.lower()


def language_code(langid: str) -> str | None:
    """`turkish` -> `tr`, `tr-TR` -> `tr-TR`; None for what is neither."""
    value = langid.strip()
    if value.lower() in BABEL:
        return BABEL[value.lower()]
    for known in all_profiles():  # a profile added as a folder brings its babel name
        if known.babel and value.lower() == known.babel.lower():
            return known.code
    return value if _BCP47.fullmatch(value) else None


def primary(code: str) -> str:
    return code.split("-")[0].lower()


@cache
def _tell_tales() -> tuple[tuple[re.Pattern, str], ...]:
    """Each profile's `tell-tale` letters, compiled, the most telling first."""
    return tuple((re.compile(p.tell_tale[0]), p.code)
                 for p in sorted(all_profiles(), key=lambda p: p.tell_tale[2]) if p.tell_tale[0])


def guess_language(text: str) -> str | None:
    """The language a title's letters give away (each profile's `tell-tale`: Cyrillic,
    Azerbaijani ə, Turkish ğ ı ş), the most telling first."""
    return next((code for letters, code in _tell_tales() if letters.search(text)), None)
