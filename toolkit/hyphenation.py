"""Hyphenation dictionaries of the language profiles, some generated from syllable rules.

WeasyPrint hyphenates with Pyphen and silently does not hyphenate a language
Pyphen has no dictionary for (it has none for Azerbaijani or Turkish). So each
profile names its dictionary: a file in its folder (toolkit/languages/<code>/)
or one of Pyphen's own. Where no dictionary exists, as for Azerbaijani and
Turkish, the profile gives its vowels and consonants and the patterns are
generated from the syllable rules, as the TeX patterns for Turkish and
Turkmen are, not learnt from word lists:

- every syllable has exactly one vowel;
- a single consonant between vowels begins the next syllable (ki-tab);
- of a consonant cluster between vowels, the last consonant begins the next
  syllable (dost-luq, konf-rans, Türk-çe);
- two vowels side by side belong to two syllables (şə-ra-i-ti, sa-at);
- a word-initial cluster is never split (struk-tu-ra, not st-ruk-);
- never fewer than two letters at either end of a line (Pyphen's left/right).

Run `python -m toolkit.hyphenation` to regenerate every generated dictionary
after changing the rules or a profile's letters.
"""

from __future__ import annotations

from pathlib import Path

from .languages import Profile, all_profiles, profile

DEFAULT = "az"  # the language the generator was first written for


def patterns(language: str = DEFAULT) -> list[str]:
    """Liang patterns: odd numbers allow a break, even numbers forbid one."""
    own = profile(language)
    rules = own.syllables if own is not None else None
    if rules is None:
        raise ValueError(f"the profile of '{language}' has no syllable rules")
    vowels, consonants = rules.vowels, rules.consonants
    out = [f"1{c}{v}" for c in consonants for v in vowels]  # break before a consonant starting a syllable
    out += [f"{a}1{b}" for a in vowels for b in vowels]  # between two vowels
    out += [f".{a}{b}2" for a in consonants for b in consonants]  # not inside a word-initial cluster
    return out


def dictionary_text(language: str = DEFAULT) -> str:
    return "UTF-8\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 2\n" + "\n".join(patterns(language)) + "\n"


def dictionary_path(language: str = DEFAULT) -> Path | None:
    own = profile(language)
    return own.hyphenation_file if own is not None else None


def generated() -> list[Profile]:
    """The profiles whose dictionary is generated here."""
    return [p for p in all_profiles() if p.syllables is not None and p.hyphenation_file is not None]


def _cased_dictionary(path: Path, case: dict[str, str]):
    import pyphen

    class CasedHyphDict(pyphen.HyphDict):
        """Lower-cases as the language does (Turkic: I is the capital of ı, İ of i).

        Python's lower() turns İ into two characters (i + combining dot), which
        would shift every break after it by one.
        """

        def positions(self, word):
            for capital, small in case.items():
                word = word.replace(capital, small)
            return super().positions(word)

    return CasedHyphDict(path)


def register() -> None:
    """Make Pyphen (and so WeasyPrint) hyphenate each profile's language (`lang="az"`)
    with the dictionary its profile ships."""
    import pyphen

    for own in all_profiles():
        path = own.hyphenation_file
        if path is None or not path.is_file():
            continue
        name = path.stem.removeprefix("hyph_")  # az_AZ
        if pyphen.LANGUAGES.get(name) == path and path in pyphen.hdcache:
            continue
        for alias in (name, own.code):
            pyphen.LANGUAGES[alias] = path
            pyphen.LANGUAGES_LOWERCASE[alias.lower()] = alias
        pyphen.hdcache[path] = _cased_dictionary(path, own.case) if own.case else pyphen.HyphDict(path)


if __name__ == "__main__":
    for own in generated():
        own.hyphenation_file.write_text(dictionary_text(own.code), encoding="utf-8")
        print(f"wrote {own.hyphenation_file} ({len(patterns(own.code))} patterns)")
