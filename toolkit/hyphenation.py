"""Azerbaijani hyphenation patterns, generated from the syllable rules.

No hyphenation dictionary for Azerbaijani exists (Pyphen has none, nor for
Turkish), and WeasyPrint silently does not hyphenate a language it has no
dictionary for. Like the TeX patterns for Turkish and Turkmen, these are
generated from rules, not word lists:

- every syllable has exactly one vowel (a e ə ı i o ö u ü);
- a single consonant between vowels begins the next syllable (ki-tab);
- of a consonant cluster between vowels, the last consonant begins the next
  syllable (dost-luq, konf-rans);
- two vowels side by side belong to two syllables (şə-ra-i-ti);
- a word-initial cluster is never split (struk-tu-ra, not st-ruk-);
- never fewer than two letters at either end of a line (Pyphen's left/right).

Run `python -m toolkit.hyphenation` to regenerate
`toolkit/assets/hyphenation/hyph_az_AZ.dic` after changing the rules.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

VOWELS = "aeəıioöuü"
CONSONANTS = "bcçdfgğhxjkqlmnprsştvyzw"
LANGUAGE = "az_AZ"


def patterns() -> list[str]:
    """Liang patterns: odd numbers allow a break, even numbers forbid one."""
    out = [f"1{c}{v}" for c in CONSONANTS for v in VOWELS]  # break before a consonant starting a syllable
    out += [f"{a}1{b}" for a in VOWELS for b in VOWELS]  # between two vowels
    out += [f".{a}{b}2" for a in CONSONANTS for b in CONSONANTS]  # not inside a word-initial cluster
    return out


def dictionary_text() -> str:
    return "UTF-8\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 2\n" + "\n".join(patterns()) + "\n"


def dictionary_path() -> Path:
    return Path(str(files("toolkit") / "assets" / "hyphenation" / f"hyph_{LANGUAGE}.dic"))


def _turkic_dictionary(path: Path):
    import pyphen

    class TurkicHyphDict(pyphen.HyphDict):
        """Lower-cases as Azerbaijani does: I is the capital of ı, İ of i.

        Python's lower() turns İ into two characters (i + combining dot), which
        would shift every break after it by one.
        """

        def positions(self, word):
            return super().positions(word.replace("I", "ı").replace("İ", "i"))

    return TurkicHyphDict(path)


def register() -> None:
    """Make Pyphen (and so WeasyPrint) hyphenate `lang="az"` with these patterns."""
    import pyphen

    path = dictionary_path()
    if pyphen.LANGUAGES.get(LANGUAGE) == path:
        return
    for name in (LANGUAGE, "az"):
        pyphen.LANGUAGES[name] = path
        pyphen.LANGUAGES_LOWERCASE[name.lower()] = name
    pyphen.hdcache[path] = _turkic_dictionary(path)


if __name__ == "__main__":
    dictionary_path().parent.mkdir(parents=True, exist_ok=True)
    dictionary_path().write_text(dictionary_text(), encoding="utf-8")
    print(f"wrote {dictionary_path()} ({len(patterns())} patterns)")
