"""Citations of `ids` aliases, mapped to their entries' keys before any engine sees them.

biber lets `[@alias]` cite the entry whose `ids` lists it; pandoc's citeproc and
citeproc-py know only the items' own ids. So the model's citations carry the
entry's key (and the alias as written, for the check), and the Markdown an
edition hands pandoc has each alias replaced, at its place, by that key.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .model import Bibliography, Citation, Manuscript, Section


def _main(citation: Citation, bib: Bibliography, keys: set[str]) -> Citation:
    if citation.key in keys or citation.key not in bib.aliases:
        return citation
    return replace(citation, key=bib.aliases[citation.key], alias=citation.key)


def with_main_keys(manuscript: Manuscript, bib: Bibliography) -> Manuscript:
    """The manuscript with every alias citation pointing at its entry's key."""
    if not bib.aliases:
        return manuscript
    keys = {entry.key for entry in bib.entries}
    sections = []
    for section in manuscript.sections:
        quotations = tuple(replace(q, citations=tuple(_main(c, bib, keys) for c in q.citations))
                           for q in section.quotations)
        sections.append(replace(section, citations=tuple(_main(c, bib, keys) for c in section.citations),
                                quotations=quotations))
    return replace(manuscript, sections=tuple(sections))


def text_with_main_keys(section: Section) -> str:
    """The section's Markdown with each alias citation (`@alias`, `@{alias}`) written
    as its entry's key, so pandoc's citeproc finds the item."""
    aliased = [c for c in section.citations if c.alias]
    if not aliased:
        return section.text
    text = section.text
    starts, at = [0], text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    for citation in sorted(aliased, key=lambda c: (c.position.line, c.position.column), reverse=True):
        line = citation.position.line - 1
        if not 0 <= line < len(starts):
            continue
        at = starts[line] + citation.position.column - 1
        if text[at:at + 1] != "@":
            continue
        start = at + 2 if text[at + 1:at + 2] == "{" else at + 1
        if text[start:start + len(citation.alias)] == citation.alias:
            text = text[:start] + citation.key + text[start + len(citation.alias):]
    return text


def field_with_main_keys(text: str, bib: Bibliography) -> str:
    """A metadata field's Markdown with each alias citation written as its entry's key."""
    if not bib.aliases or "@" not in text:
        return text
    from .manuscript import field_citations
    from .model import Position

    keys = {entry.key for entry in bib.entries}
    for at, citation in reversed(field_citations(text, Position(Path(), 0, 0))):
        if citation.key not in keys and citation.key in bib.aliases:
            text = text[:at] + bib.aliases[citation.key] + text[at + len(citation.key):]
    return text
