"""The one document model every check and writer works from.

Sources are parsed once into these values; nothing downstream re-reads a
source file. Every element carries its source position so diagnostics can
point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .diagnostics import Diagnostic


@dataclass(frozen=True)
class Position:
    path: Path  # relative to the project root
    line: int  # 1-based
    column: int  # 1-based


# --- bibliography -----------------------------------------------------------


@dataclass(frozen=True)
class Field:
    name: str  # lower-case field name as written (e.g. "journaltitle")
    value: str  # as written, without outer braces/quotes; @string and month macros expanded
    position: Position
    undefined: tuple[str, ...] = ()  # macro names used but never defined
    inherited_from: str = ""  # the crossref parent's key, when the field comes from it


@dataclass(frozen=True)
class Entry:
    key: str
    type: str  # lower-case entry type without "@" (e.g. "article")
    fields: dict[str, Field]
    position: Position  # of the "@"
    raw: str  # the entry's BibTeX text as written


@dataclass(frozen=True)
class ParseFailure:
    position: Position
    message: str
    code: str = "bib-syntax"  # or "duplicate-field", "refused-source" (a file that is not UTF-8)


@dataclass(frozen=True)
class Bibliography:
    path: Path
    entries: tuple[Entry, ...]  # first occurrence of each key, in file order
    duplicates: tuple[Entry, ...] = ()  # later entries whose key was already used
    failures: tuple[ParseFailure, ...] = ()  # blocks that could not be parsed
    strings: dict[str, str] = field(default_factory=dict)  # @string macros, lower-case names, expanded
    paths: tuple[Path, ...] = ()  # every file, in the order article.yaml lists them (path is the first)
    aliases: dict[str, str] = field(default_factory=dict)  # an `ids` alias -> its entry's key

    def by_key(self) -> dict[str, Entry]:
        return {entry.key: entry for entry in self.entries}

    def resolve(self, key: str) -> str | None:
        """The entry key a citation key means (itself, or the entry it is an alias of)."""
        if key in self.aliases:
            return self.aliases[key]
        return key if any(entry.key == key for entry in self.entries) else None


# --- manuscript -------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    key: str
    position: Position  # of the "@"
    text: str  # the whole bracketed citation as written, e.g. "[@a, s. 12; @b]"
    alias: str = ""  # the key as written when it is an `ids` alias (`key` is then the entry's key)


@dataclass(frozen=True)
class Quotation:
    """A fenced div `::: {#id .quotation speaker=".." date=".."}` holding a block quote."""

    id: str  # "" when the div has no identifier
    position: Position  # of the opening fence
    attributes: dict[str, str]
    citations: tuple[Citation, ...]
    text: str  # the Markdown inside the fences

    @property
    def speaker(self) -> str:
        return self.attributes.get("speaker", "")

    @property
    def date(self) -> str:
        return self.attributes.get("date", "")


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    id: str
    position: Position


@dataclass(frozen=True)
class Paragraph:
    text: str
    position: Position


@dataclass(frozen=True)
class Section:
    """One Markdown file of a language's manuscript."""

    path: Path
    name: str  # file stem; the same in every language
    text: str  # full Markdown text
    headings: tuple[Heading, ...]
    paragraphs: tuple[Paragraph, ...]  # body paragraphs, quotations included
    citations: tuple[Citation, ...]  # every citation, quotations included
    quotations: tuple[Quotation, ...]
    images: tuple["Image", ...] = ()
    metadata_blocks: tuple[Position, ...] = ()  # YAML blocks, which may set nothing
    labels: tuple["Label", ...] = ()  # figures, tables, equations and sections a cross-reference may name
    crossrefs: tuple["CrossReference", ...] = ()  # `@fig:map`, `\ref{tbl:trade}`, …


@dataclass(frozen=True)
class Image:
    target: str  # the URL or path as written
    position: Position
    alt: str | None = None  # its alt text or caption ("" when it has none); None: not an <img> or ![…](…)


@dataclass(frozen=True)
class Label:
    """What a cross-reference names: `{#fig:map}` on a figure, `{#tbl:…}` on a table's
    caption, `{#eq:…}` after display math, `{#sec:…}` on a heading."""

    id: str  # "fig:map"
    kind: str  # "fig", "tbl", "eq" or "sec"
    position: Position  # of the label's first character


@dataclass(frozen=True)
class CrossReference:
    label: str  # as written after the "@" or inside `\ref{…}`
    position: Position
    text: str  # the whole reference as written, e.g. "[@fig:a; @fig:b]"


@dataclass(frozen=True)
class Manuscript:
    language: str
    directory: Path
    sections: tuple[Section, ...]

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(c for s in self.sections for c in s.citations)

    @property
    def quotations(self) -> tuple[Quotation, ...]:
        return tuple(q for s in self.sections for q in s.quotations)


# --- metadata ---------------------------------------------------------------


@dataclass(frozen=True)
class Author:
    name: str
    affiliation: str = ""
    orcid: str = ""
    email: str = ""
    corresponding: bool = False
    equal_contrib: bool = False
    roles: tuple[str, ...] = ()
    # where each given key is in article.yaml, for check's messages
    positions: dict[str, Position] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class LanguageMetadata:
    language: str
    title: str
    abstract: str
    keywords: tuple[str, ...]
    notes: dict[str, str]  # free notes on where a field came from
    positions: dict[str, Position]  # field name -> where it is (or its parent)
    short_title: str = ""  # for running heads; the title when empty
    labels: dict[str, str] = field(default_factory=dict)  # the author's wording of edition labels, by name


@dataclass(frozen=True)
class Journal:
    """The journal as it identifies itself; JATS's `journal-meta` needs `id` and an ISSN."""

    title: str = ""
    id: str = ""
    issn: str = ""  # print
    eissn: str = ""  # electronic
    publisher: str = ""
    positions: dict[str, Position] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Funding:
    funder: str
    award_id: str = ""


@dataclass(frozen=True)
class Metadata:
    path: Path
    languages: dict[str, LanguageMetadata]  # in the order written; the first is the original
    authors: tuple[Author, ...]
    title_status: str  # "final" or "working"
    style: str  # CSL style name or project-relative path
    bibliography: Path  # project-relative; the first of `bibliographies`
    positions: dict[str, Position] = field(default_factory=dict)
    journal: str = ""  # the journal's name, for running heads when there are no authors
    date: str = ""  # publication date (ISO 8601), when known
    bibliographies: tuple[Path, ...] = ()  # every bibliography file, in the order given
    journal_meta: Journal = Journal()  # `journal` is its title
    license: str = ""  # an SPDX id of toolkit/licences.py
    copyright_holder: str = ""
    copyright_year: str = ""  # as given; JATS falls back on the year of `date`
    funding: tuple[Funding, ...] = ()
    # what is wrong in article.yaml (unknown keys, wrong types, bad values), each at its
    # place; `check` reports them, and a build refuses while there are any
    problems: tuple["Diagnostic", ...] = ()


@dataclass(frozen=True)
class Project:
    root: Path
    metadata: Metadata
    manuscripts: dict[str, Manuscript]  # languages that have sections
    bibliography: Bibliography
    # source files that may not be read (outside the project, not regular, not UTF-8):
    # reported by check, and build and submit refuse while there are any
    refused: tuple = ()

    @property
    def original_language(self) -> str:
        return next(iter(self.metadata.languages))
