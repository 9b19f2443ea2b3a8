"""What an import reads from a manuscript, before it is written as a project.

Each reader (markdown.py: pandoc Markdown with YAML front matter; docx.py: a
Word file) turns its source into an `ImportedArticle`; `project.py` writes it
as a toolkit project. The report is diagnostics, located in the source: what
was mapped, what was guessed (and from where), what could not be kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic


@dataclass
class ImportedAuthor:
    name: str  # as printed (Markdown)
    affiliation: str = ""  # the institutions' names, joined by "; "
    orcid: str = ""
    email: str = ""
    extra: dict = field(default_factory=dict)  # corresponding, equal-contrib, roles …: kept, never fatal


@dataclass
class ImportedSection:
    slug: str  # the file's name without number and extension: "introduction"
    markdown: str  # the section's text, its top-level heading first


@dataclass
class ImportedArticle:
    language: str  # BCP 47 tag of the text ("en" where the source does not say, reported as a guess)
    title: str = ""  # Markdown
    subtitle: str = ""
    abstract: str = ""  # Markdown
    keywords: list[str] = field(default_factory=list)
    date: str = ""  # ISO 8601, normalised from whatever form the source wrote
    authors: list[ImportedAuthor] = field(default_factory=list)
    sections: list[ImportedSection] = field(default_factory=list)
    bibliography: dict[str, bytes] = field(default_factory=dict)  # file name in bibliography/ -> its bytes
    files: dict[str, bytes] = field(default_factory=dict)  # project-relative path (figures/…) -> bytes
    style: str = ""  # a CSL style the source names (copied as a file into files, or a style name)
    report: list[Diagnostic] = field(default_factory=list)  # mapped, guessed, lost: at their place in the source
    title_guessed: bool = False  # the source names no title: article.yaml says title-status: working
