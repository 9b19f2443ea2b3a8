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

import re
from contextlib import contextmanager
from contextvars import ContextVar
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


def _own_dictionary(path: Path, case: dict[str, str], exceptions: dict[str, list[int]]):
    import pyphen

    stems = sorted((w for w in exceptions if w.endswith("*")), key=len, reverse=True)

    def _exception(word: str) -> list[int] | None:
        if word in exceptions:
            return exceptions[word]
        stem = next((s for s in stems if word.startswith(s[:-1])), None)
        return None if stem is None else exceptions[stem]

    class OwnHyphDict(pyphen.HyphDict):
        """The patterns, lower-casing as the language does (Turkic: I is the capital
        of ı, İ of i), breaking the profile's exceptions only where it says and the
        proper names being laid out (`kept_whole`) nowhere.

        Python's lower() turns İ into two characters (i + combining dot), which
        would shift every break after it by one.
        """

        own = True  # register() made it

        def positions(self, word):
            if word in _KEPT.get():
                return []
            for capital, small in case.items():
                word = word.replace(capital, small)
            if (points := _exception(word.lower())) is not None:
                return [pyphen.DataInt(point) for point in points]
            return super().positions(word)

    return OwnHyphDict(path)


def register() -> None:
    """Make Pyphen (and so WeasyPrint) hyphenate each profile's language (`lang="az"`,
    `lang="en"`) with the dictionary its profile names and its exceptions. Pyphen's
    own fallback for `en` is en_GB ("Uni-on"); the English profile names en_US."""
    import pyphen

    for own in all_profiles():
        path = own.hyphenation_file
        if path is None and own.hyphenation_standard in pyphen.LANGUAGES:
            path = pyphen.LANGUAGES[own.hyphenation_standard]
        if path is None or not path.is_file():
            continue
        name = path.stem.removeprefix("hyph_")  # az_AZ
        if pyphen.LANGUAGES.get(own.code) == path and getattr(pyphen.hdcache.get(path), "own", False):
            continue
        for alias in (name, own.code):
            pyphen.LANGUAGES[alias] = path
            pyphen.LANGUAGES_LOWERCASE[alias.lower()] = alias
        pyphen.hdcache[path] = _own_dictionary(path, own.case, own.hyphenation_exceptions)


# --- the print edition: proper names kept whole -----------------------------

# the words the print edition being laid out keeps whole (`kept_whole`): every
# dictionary of `register` reads it, so no name needs an element of its own (a
# span a name would split the text into runs, which costs WeasyPrint time and memory)
_KEPT: ContextVar[frozenset[str]] = ContextVar("kept whole", default=frozenset())
_OPENING = "\"'“‘«„([¿¡"
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_INITIAL = re.compile(r"^\W*\w\.$")  # "M. Litvinov": an initial ends no sentence
_EDGES = re.compile(r"^\W+|\W+$")
_NESTED = {"Emph": None, "Strong": None, "Underline": None, "Strikeout": None, "SmallCaps": None,
           "Superscript": None, "Subscript": None, "Quoted": 1, "Link": 1, "Span": 1}


def _capitalised(text: str) -> bool:
    word = text.lstrip(_OPENING)
    return bool(word) and word[0].isupper()


def _names(inlines: list, state: dict, names: set) -> None:
    """Gathers into `names` the words of `inlines` capitalised mid-sentence."""
    for node in inlines:
        kind = node.get("t")
        if kind == "Str":
            text = node["c"]
            if _capitalised(text) and not state["start"]:
                names.add(_EDGES.sub("", text))
            state["start"] = bool(_SENTENCE_END.search(text)) and not _INITIAL.match(text)
        elif kind in _NESTED:
            at = _NESTED[kind]
            own = state
            if kind == "Span" and "footnote" in node["c"][0][1]:
                own = {"start": True}  # a note begins a sentence of its own
            _names(node["c"][at] if at is not None else node["c"], own, names)


def proper_names(tree) -> frozenset[str]:
    """The proper names of a document (pandoc JSON blocks or metadata): the words
    capitalised mid-sentence (Istanbul, Union), which `kept_whole` keeps unhyphenated
    there and where the same word begins a sentence."""
    from .pandoc_ast import walk

    names: set[str] = set()

    def paragraph(node):
        if isinstance(node, dict) and node.get("t") in ("Para", "Plain"):
            _names(node["c"], {"start": True}, names)
        return node

    walk(tree, paragraph)
    return frozenset(names)


@contextmanager
def kept_whole(words: frozenset[str]):
    """Within this (the print edition's layout), `words` as written are never hyphenated."""
    token = _KEPT.set(frozenset(words))
    try:
        yield
    finally:
        _KEPT.reset(token)


if __name__ == "__main__":
    for own in generated():
        own.hyphenation_file.write_text(dictionary_text(own.code), encoding="utf-8")
        print(f"wrote {own.hyphenation_file} ({len(patterns(own.code))} patterns)")
