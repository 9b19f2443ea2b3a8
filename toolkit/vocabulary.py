"""What the parity check knows of a language's words: month names, scale words, abbreviations.

The vocabulary is data, one `toolkit/languages/<code>/numbers.yaml` per
language, read with the rest of the language's profile (toolkit.languages). A language
without one still has its digits compared, and its sentences split at every
period before a capital.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache


def small_first(word: str) -> str:
    """The word with its first letter small, as a list writes it ("Dekabrda" -> "dekabrda"):
    a capital İ gives i, not i with a combining dot."""
    return word[:1].lower().replace("\u0307", "") + word[1:]


@dataclass(frozen=True)
class Vocabulary:
    language: str
    months: dict[str, int] = field(default_factory=dict)  # every written form -> month number
    scales: dict[str, int] = field(default_factory=dict)  # every written form -> power of ten
    abbreviations: frozenset[str] = frozenset()  # with their period: "s.", "Dr.", "т.е."
    ordinal_dot: bool = False  # "19. yüzyıl": a number's period is never a sentence's end

    def _lookup(self, table: dict[str, int], word: str) -> int | None:
        word = word.split("'")[0].split("’")[0]
        found = table.get(word)
        return found if found is not None else table.get(small_first(word))

    def month(self, word: str) -> int | None:
        return self._lookup(self.months, word)

    def scale(self, word: str) -> int | None:
        return self._lookup(self.scales, word)

    def is_abbreviation(self, token: str) -> bool:
        """`token` ends with its period: "s.", "Dr.", "т.е."."""
        return token in self.abbreviations or small_first(token) in self.abbreviations


def _forms(table: object) -> dict[str, int]:
    if not isinstance(table, dict):
        return {}
    return {str(form): int(value) for value, forms in table.items() for form in (forms or [])}


@cache
def vocabulary(language: str) -> Vocabulary:
    """The vocabulary of a language tag (tr-TR reads tr/); empty for a language with no numbers.yaml."""
    from .languages import profile

    code = language.split("-")[0].lower()
    found = profile(language)
    data = (found.numbers if found is not None else None) or {}
    return Vocabulary(code, _forms(data.get("months")), _forms(data.get("scales")),
                      frozenset(str(a) for a in data.get("abbreviations") or ()), bool(data.get("ordinal-dot")))
