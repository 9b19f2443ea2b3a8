"""Source files the toolkit will not read, and YAML blocks in sections, which may set nothing."""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..model import Project


def check(project: Project) -> list[Diagnostic]:
    found = list(project.refused)
    for manuscript in project.manuscripts.values():
        for section in manuscript.sections:
            found += [Diagnostic(p.path, p.line, p.column, Severity.ERROR, "section-metadata",
                                 "a section may not set metadata: this YAML block is not read",
                                 "put titles, abstracts and keywords in manuscript/article.yaml; "
                                 "to show a rule, write *** instead of ---")
                      for p in section.metadata_blocks]
    return found
