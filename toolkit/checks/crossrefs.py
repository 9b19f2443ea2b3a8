"""Every cross-reference names a label of its edition; no label is given twice.

A reference to a label that does not exist would print as "fig:map?" and one
label on two figures would number one of them under the other's name; both
are errors where they are written, with the closest label suggested.
"""

from __future__ import annotations

import difflib

from ..crossref import normal
from ..diagnostics import Diagnostic, Severity
from ..model import Manuscript, Position, Project


def _language(manuscript: Manuscript) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    first: dict[str, Position] = {}  # each label where it is first given
    for section in manuscript.sections:
        for label in section.labels:
            pos = label.position
            if label.id in first:
                was = first[label.id]
                found.append(Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "duplicate-label",
                                        f"label '{label.id}' is already used at {was.path}:{was.line}",
                                        hint="give each figure, table, equation and section its own label"))
            else:
                first[label.id] = pos
    # \ref{…} may also name a heading by its identifier, as the build allows
    known = list(first) + [h.id for s in manuscript.sections for h in s.headings if h.id not in first]
    for section in manuscript.sections:
        for reference in section.crossrefs:
            if normal(reference.label) in first or reference.label in known:
                continue
            close = difflib.get_close_matches(normal(reference.label), list(first), n=1, cutoff=0.5)
            pos = reference.position
            found.append(Diagnostic(
                pos.path, pos.line, pos.column, Severity.ERROR, "unknown-label",
                f"cross-reference to unknown label '{reference.label}'"
                + (f"; did you mean '{close[0]}'?" if close else ""),
                hint="label a figure ![…](…){#fig:name}, a table caption : … {#tbl:name}, "
                     "an equation $$ … $$ {#eq:name} or a heading {#sec:name}"))
    return found


def check(project: Project) -> list[Diagnostic]:
    return [d for manuscript in project.manuscripts.values() for d in _language(manuscript)]
