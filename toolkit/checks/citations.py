"""Every citation resolves; every entry is cited.

As with biber: a citation of an `ids` alias cites its entry (the check still
suggests the entry's own key), citing a `@set` cites its members, and a
`crossref` parent lent to a cited entry counts as cited.
"""

from __future__ import annotations

import difflib

from ..bibliography import set_members
from ..diagnostics import Diagnostic, Severity
from ..front_matter import front_citations
from ..model import Project


def check(project: Project) -> list[Diagnostic]:
    bib = project.bibliography
    entries = bib.by_key()
    keys = list(entries)
    found: list[Diagnostic] = []
    cited: set[str] = set()
    suggested: dict[str, list[str]] = {}
    every = [c for manuscript in project.manuscripts.values() for c in manuscript.citations]
    for citation in every + front_citations(project):  # a title's, an abstract's too
        pos = citation.position
        written = citation.alias or citation.key
        main = citation.key if citation.key in entries else bib.aliases.get(citation.key)
        if main is not None:
            cited.add(main)
            if written != main:
                found.append(Diagnostic(
                    pos.path, pos.line, pos.column, Severity.WARNING, "alias-citation",
                    f"'{written}' is an alias (ids) of '{main}'; cite it as '{main}'",
                    hint="the alias works, but the entry's own key is the one other tools know"))
            continue
        if citation.key not in suggested:  # one search per unknown key, however often it is cited
            suggested[citation.key] = difflib.get_close_matches(citation.key, keys, n=1, cutoff=0.5)
        close = suggested[citation.key]
        found.append(Diagnostic(
            pos.path, pos.line, pos.column, Severity.ERROR, "unknown-citation",
            f"citation of unknown key '{citation.key}'"
            + (f"; did you mean '{close[0]}'?" if close else ""),
            hint=f"no entry '{citation.key}' in " + ", ".join(str(p) for p in bib.paths or (bib.path,)),
        ))
    for members in (m for key, m in set_members(bib).items() if key in cited):
        cited.update(members)
    lent = {entry.fields["crossref"].value.strip().lower()
            for entry in bib.entries if entry.key in cited and "crossref" in entry.fields}
    for entry in bib.entries:
        if entry.key not in cited and entry.key.lower() not in lent and entry.type != "xdata":
            pos = entry.position
            found.append(Diagnostic(pos.path, pos.line, pos.column, Severity.WARNING, "uncited-entry",
                                    f"entry '{entry.key}' is never cited"))
    return found
