"""Every edition's language has a complete profile (toolkit/languages/<code>/).

A language without one still builds, but with English labels, English dates
and the English alphabet's order: the author is told what the edition borrows,
at the language's key in article.yaml.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..labels import labels
from ..languages import ENGLISH, missing, profile
from ..locales import has_citation_locale
from ..model import Project

_SHOWN = 4  # label names listed before "and N more"


def _hyphenates(language: str) -> bool:
    import pyphen

    return pyphen.language_fallback(language.replace("-", "_")) is not None


def _english_labels(own_labels: dict) -> list[str]:
    """The label names an edition would print in English: all but those article.yaml gives."""
    return [name for name in labels(ENGLISH) if name not in own_labels]


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:_SHOWN])
    return shown + (f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else "")


def _without_profile(language: str, own_labels: dict) -> str:
    borrowed = []
    if english := _english_labels(own_labels):
        borrowed.append(f"English labels ({_listed(english)})")
    borrowed += ["English dates", "the English alphabet's order", "English quotation marks"]
    lacking = []
    if not has_citation_locale(language):
        lacking.append("a citation locale")
    if not _hyphenates(language):
        lacking.append("a hyphenation dictionary")
    message = f"no language profile for '{language}': its edition uses {', '.join(borrowed)}"
    return message + (f"; it has no {' and no '.join(lacking)}" if lacking else "")


def check(project: Project) -> list[Diagnostic]:
    meta = project.metadata
    found = []
    for language, own in meta.languages.items():
        pos = own.positions.get("language") or meta.positions.get("languages")
        path, line, column = (pos.path, pos.line, pos.column) if pos else (meta.path, 0, 0)
        code = language.split("-")[0].lower()
        hint = (f"add a folder toolkit/languages/{code}/ with profile.yaml and labels.yaml, as the "
                "shipped languages have (README, \"Languages\"); labels: under the language in "
                "article.yaml supplies labels meanwhile")
        if profile(language) is None:
            message = _without_profile(language, dict(getattr(own, "labels", {}) or {}))
            found.append(Diagnostic(path, line, column, Severity.WARNING, "no-language-profile", message, hint=hint))
        elif gaps := missing(language):
            found.append(Diagnostic(path, line, column, Severity.WARNING, "incomplete-language-profile",
                                    f"the language profile of '{language}' lacks {', '.join(gaps)}; "
                                    "its edition uses English for what it lacks",
                                    hint=f"complete toolkit/languages/{code}/ after the English profile "
                                         "(toolkit/languages/en/)"))
    return found
