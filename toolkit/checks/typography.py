"""Ranges take an en dash (1923–1939) everywhere; the sources should agree."""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..model import Project
from ..typography import line_col, range_hyphens

HINT = "run 'toolkit fix --typography' to rewrite every such range (it prints each change)"


def check(project: Project) -> list[Diagnostic]:
    found = []
    for manuscript in project.manuscripts.values():
        for section in manuscript.sections:
            for change in range_hyphens(section.text):
                line, column = line_col(section.text, change.offset)
                found.append(Diagnostic(section.path, line, column, Severity.WARNING, "range-hyphen",
                                        f"range {change.old} has a hyphen; ranges take an en dash: {change.new}",
                                        hint=HINT))
    for language, meta in project.metadata.languages.items():
        for field, values in (("title", [meta.title]), ("short-title", [meta.short_title]),
                              ("abstract", [meta.abstract]), ("keywords", list(meta.keywords))):
            for value in values:
                for change in range_hyphens(value or ""):
                    pos = meta.positions.get(field) or meta.positions["language"]
                    found.append(Diagnostic(pos.path, pos.line, pos.column, Severity.WARNING, "range-hyphen",
                                            f"{language} {field}: range {change.old} has a hyphen; "
                                            f"ranges take an en dash: {change.new}", hint=HINT))
    return found
