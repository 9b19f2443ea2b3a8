"""Quotations carry a stable id and the citation of their source."""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..model import Project


def check(project: Project) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for manuscript in project.manuscripts.values():
        first_seen = {}
        for quotation in manuscript.quotations:
            pos = quotation.position
            if not quotation.id:
                found.append(Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "quotation-without-id",
                                        "quotation has no identifier",
                                        hint='give it one: ::: {#q-name .quotation speaker="…" date="…"}'))
            elif quotation.id in first_seen:
                first = first_seen[quotation.id]
                found.append(Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "duplicate-quotation-id",
                                        f"quotation id '{quotation.id}' is already used at {first.path}:{first.line}"))
                found.append(Diagnostic(first.path, first.line, first.column, Severity.ERROR, "duplicate-quotation-id",
                                        f"quotation id '{quotation.id}' is used again at {pos.path}:{pos.line}"))
            else:
                first_seen[quotation.id] = pos
            if not quotation.citations:
                found.append(Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "quotation-without-citation",
                                        f"quotation '{quotation.id or '?'}' does not cite its source",
                                        hint="add the citation inside the quotation, e.g. “…” [@key]."))
    return found
