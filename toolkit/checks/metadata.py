"""Titles, abstracts, keywords per language; authors."""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..model import Position, Project


def _at(pos: Position, severity: Severity, code: str, message: str, hint: str = "", strict: bool = False) -> Diagnostic:
    return Diagnostic(pos.path, pos.line, pos.column, severity, code, message, hint, strict_error=strict)


def check(project: Project) -> list[Diagnostic]:
    meta = project.metadata
    top = Position(meta.path, 1, 1)
    found: list[Diagnostic] = []
    if not meta.authors:
        found.append(_at(meta.positions.get("authors", top), Severity.WARNING, "missing-authors",
                         "the article has no authors", "list them under 'authors:' (name, affiliation, orcid)",
                         strict=True))
    for author in meta.authors:
        if not author.name:
            found.append(_at(meta.positions.get("authors", top), Severity.ERROR, "missing-author-name",
                             "an author has no name"))
    for language, lang in meta.languages.items():
        where = lang.positions["language"]
        for name, value in (("title", lang.title), ("abstract", lang.abstract), ("keywords", lang.keywords)):
            if not value:
                found.append(_at(lang.positions.get(name, where), Severity.ERROR, f"missing-{name}",
                                 f"no {name} for language '{language}'"))
        if lang.title and meta.title_status == "working":
            found.append(_at(lang.positions.get("title", where), Severity.WARNING, "working-title",
                             f"the {language} title is a working title", "set 'title-status: final' once it is settled",
                             strict=True))
    return found
