"""Every citation resolves; every entry is cited."""

from __future__ import annotations

import difflib

from ..diagnostics import Diagnostic, Severity
from ..model import Project


def check(project: Project) -> list[Diagnostic]:
    entries = project.bibliography.by_key()
    keys = list(entries)
    found: list[Diagnostic] = []
    cited: set[str] = set()
    for manuscript in project.manuscripts.values():
        for citation in manuscript.citations:
            cited.add(citation.key)
            if citation.key in entries:
                continue
            close = difflib.get_close_matches(citation.key, keys, n=1, cutoff=0.5)
            pos = citation.position
            found.append(Diagnostic(
                pos.path, pos.line, pos.column, Severity.ERROR, "unknown-citation",
                f"citation of unknown key '{citation.key}'"
                + (f"; did you mean '{close[0]}'?" if close else ""),
                hint=f"no entry '{citation.key}' in {project.bibliography.path}",
            ))
    lent = {entry.fields["crossref"].value.strip().lower()
            for entry in project.bibliography.entries if entry.key in cited and "crossref" in entry.fields}
    for entry in project.bibliography.entries:
        if entry.key not in cited and entry.key.lower() not in lent:
            pos = entry.position
            found.append(Diagnostic(pos.path, pos.line, pos.column, Severity.WARNING, "uncited-entry",
                                    f"entry '{entry.key}' is never cited"))
    return found
