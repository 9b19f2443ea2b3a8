"""Every edition's language has a citation locale (else citations fall back to English)."""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..locales import has_citation_locale
from ..model import Project


def check(project: Project) -> list[Diagnostic]:
    found = []
    for language in project.manuscripts:
        if not has_citation_locale(language):
            pos = project.metadata.languages[language].positions["language"]
            found.append(Diagnostic(pos.path, pos.line, pos.column, Severity.WARNING, "no-citation-locale",
                                    f"no citation locale for '{language}': its citations and reference list "
                                    "would use English terms",
                                    hint="add the locale to the language's profile: toolkit/languages/<code>/locales-<code>-<REGION>.xml, "
                                         "named by its citation-locale"))
    return found
