"""Language profiles: everything the toolkit knows of a language, one folder each.

`toolkit/languages/<code>/profile.yaml` holds the language's settings,
`labels.yaml` its edition labels, and the folder any data files the profile
names (a CSL locale, a hyphenation dictionary); `numbers.yaml`, when present,
its month names and number words (the parity check's). Adding a language is
adding a folder: nothing else in the toolkit lists languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import yaml

ENGLISH = "en"  # the fallback for a label or language a profile lacks
# libyaml's loader where PyYAML has it: the toolkit's own files need no positions
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Syllables:
    """The letters a syllable-rule hyphenation dictionary is generated from."""
    vowels: str
    consonants: str


@dataclass(frozen=True)
class Profile:
    code: str  # the primary language subtag, the folder's name
    folder: Path
    settings: dict  # profile.yaml as written (the completeness test compares its keys)
    labels: dict  # labels.yaml as written
    numbers: dict | None = None  # numbers.yaml, when present

    @property
    def name(self) -> str:
        return self.settings.get("name", self.code)

    @property
    def script(self) -> str:
        """ISO 15924: Latn, Cyrl."""
        return self.settings.get("script", "Latn")

    @property
    def locale(self) -> str:
        """The HTML/Open Graph locale, az_AZ."""
        return self.settings.get("locale") or self.code

    @property
    def word_language(self) -> str:
        """The tag Word writes in w:lang (az-Latn-AZ, en-US); BCP 47 all the same."""
        return self.settings.get("word-language") or self.locale.replace("_", "-")

    @property
    def babel(self) -> str:
        return self.settings.get("babel", "")

    @property
    def citation_locale(self) -> str:
        """The CSL locale (az-AZ): the folder's locales-<it>.xml if shipped, else a standard one."""
        return self.settings.get("citation-locale", "")

    @property
    def citation_locale_file(self) -> Path | None:
        path = self.folder / f"locales-{self.citation_locale}.xml"
        return path if self.citation_locale and path.is_file() else None

    @property
    def hyphenation_file(self) -> Path | None:
        """The folder's hyphenation dictionary, if it ships one."""
        name = (self.settings.get("hyphenation") or {}).get("dictionary")
        return self.folder / name if name else None

    @property
    def hyphenation_standard(self) -> str:
        """The name of Pyphen's own dictionary the language uses (en_US), if it ships none."""
        return (self.settings.get("hyphenation") or {}).get("pyphen", "")

    @property
    def hyphenation_exceptions(self) -> dict[str, list[int]]:
        """Words (lower-cased) that break only where the profile's list marks them
        (`ta-ble`), or nowhere (`Atatürk`), with those places; a word ending in `*`
        stands for itself with any ending (Türkiyə*: Türkiyənin), never broken in it."""
        found = {}
        for entry in (self.settings.get("hyphenation") or {}).get("exceptions") or ():
            parts = self.lower(entry).split("-")
            found["".join(parts)] = [sum(map(len, parts[:i])) for i in range(1, len(parts))]
        return found

    @property
    def syllables(self) -> Syllables | None:
        """Set when the dictionary is generated from syllable rules (toolkit.hyphenation)."""
        rules = (self.settings.get("hyphenation") or {}).get("syllables")
        return Syllables(rules["vowels"], rules["consonants"]) if rules else None

    @property
    def case(self) -> dict[str, str]:
        """Capitals whose small letter is not Unicode's: Turkic I -> ı, İ -> i."""
        return dict(self.settings.get("case") or {})

    def lower(self, text: str) -> str:
        for capital, small in self.case.items():
            text = text.replace(capital, small)
        return text.lower()

    @property
    def alphabet(self) -> tuple[str, ...]:
        return tuple(self.settings.get("alphabet", "").split())

    @property
    def quotes(self) -> tuple[tuple[str, str], tuple[str, str]]:
        """(opening, closing) of the primary and the nested quotation."""
        marks = self.settings.get("quotes") or {}
        return tuple(marks.get("primary", "“”")), tuple(marks.get("secondary", "‘’"))

    @property
    def months(self) -> tuple[str, ...]:
        """Month names as a day-month-year date writes them (Russian: genitive)."""
        return tuple((self.settings.get("dates") or {}).get("months", ()))

    @property
    def standalone_months(self) -> tuple[str, ...]:
        """Month names as a month-year date writes them (Russian: nominative)."""
        dates = self.settings.get("dates") or {}
        return tuple(dates.get("standalone-months") or dates.get("months", ()))

    def date_format(self, kind: str) -> str:
        """`day-month-year` or `month-year`, with {day}, {month}, {year}."""
        return (self.settings.get("dates") or {}).get(kind, "")

    @property
    def section_names(self) -> frozenset[str]:
        """Section ids/classes the anonymiser drops (acknowledgements, funding), lower-cased."""
        return frozenset(self.section_kinds)

    @property
    def section_kinds(self) -> dict[str, str]:
        """Those ids/classes, lower-cased, each with its kind: `acknowledgements` or `funding`."""
        sections = self.settings.get("sections") or {}
        return {name.lower(): kind for kind, names in sections.items() for name in names or ()}

    @property
    def ascii(self) -> dict[str, str]:
        """Letters that decomposition does not turn into ASCII (ə -> e, ж -> zh), for file names."""
        return dict(self.settings.get("ascii") or {})

    @property
    def tell_tale(self) -> tuple[str, str, int]:
        """(regex character class, description, rank) of letters that give a title's language away."""
        found = self.settings.get("tell-tale") or {}
        return found.get("letters", ""), found.get("described", ""), int(found.get("rank", 99))

    @property
    def translated_titles(self) -> bool:
        """Whether the edition prints a reference's translated title after its own."""
        return bool(self.settings.get("translated-titles", False))


def _folder() -> Path:
    return Path(str(files("toolkit") / "languages"))


def _read(path: Path):
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


@cache
def shipped() -> tuple[str, ...]:
    """The codes of every profile folder."""
    return tuple(sorted(p.parent.name for p in _folder().glob("*/profile.yaml")))


@cache
def profile(language: str) -> Profile | None:
    """The profile of a language tag (tr-TR reads tr/), None when there is none."""
    code = language.split("-")[0].lower()
    folder = _folder() / code
    if not code.isalpha() or not (folder / "profile.yaml").is_file():
        return None
    settings = _read(folder / "profile.yaml")
    labels = _read(folder / "labels.yaml")
    numbers = _read(folder / "numbers.yaml") if (folder / "numbers.yaml").is_file() else None
    return Profile(code, folder, settings if isinstance(settings, dict) else {},
                   labels if isinstance(labels, dict) else {}, numbers if isinstance(numbers, dict) else None)


def all_profiles() -> list[Profile]:
    return [p for code in shipped() if (p := profile(code)) is not None]


# settings whose entries differ in kind from language to language
_OPEN_SETTINGS = {"hyphenation", "case", "ascii"}


def _missing_keys(have: dict, reference: dict, prefix: str = "", empty_missing: bool = False) -> list[str]:
    out = []
    for key, value in reference.items():
        if key not in have or have[key] is None or (empty_missing and have[key] in ("", [], {})):
            out.append(prefix + key)
        elif isinstance(value, dict) and isinstance(have[key], dict) and key not in _OPEN_SETTINGS:
            out += _missing_keys(have[key], value, f"{prefix}{key}.", empty_missing)
    return out


def missing(language: str) -> list[str]:
    """What a language's profile lacks against the English one: settings, labels
    (`labels.abstract`), data files; ["profile"] when it has none at all."""
    own, english = profile(language), profile(ENGLISH)
    if own is None:
        return ["profile"]
    if english is None or own.code == ENGLISH:
        reference_settings, reference_labels = {}, {}
    else:
        reference_settings, reference_labels = english.settings, english.labels
    gaps = _missing_keys(own.settings, reference_settings)
    gaps += _missing_keys(own.labels, reference_labels, "labels.", empty_missing=True)
    if own.citation_locale_file is None and not own.citation_locale:
        gaps.append("citation-locale")
    hyphenation = own.hyphenation_file
    if (hyphenation is None or not hyphenation.is_file()) and not own.hyphenation_standard:
        gaps.append("hyphenation dictionary")
    return list(dict.fromkeys(gaps))
