"""Build editions: for each language and format, from one prepared edition."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import formulas
from .atomic import write_atomically
from .checks import CHECKS, LAST, run_checks
from .checks.bibliography import incomplete_keys
from .diagnostics import Diagnostic, Severity, count
from .edition import Edition, prepare
from .engine_warnings import unique
from .errors import ProjectError
from .model import Project
from .styles import project_style
from .writers import DEFAULT_FORMATS, FORMATS, WRITERS, options_for
from .labels import with_authors_labels

BUILD_DIR = Path("build")
# problems no draft can show: a source file that may not be read would be a silent
# gap; nesting that deep would keep pandoc busy for hours
ALWAYS_REFUSED = {"refused-source", "deep-nesting"}


class BuildError(Exception):
    """An engine failed; nothing was written."""

    @property
    def diagnostic(self) -> Diagnostic | None:
        """Where the failure was traced to (an engine limit on a section), if it was."""
        return getattr(self.__cause__, "diagnostic", None)


class BuildRefused(Exception):
    """A strict build with errors left: nothing is written."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{count(diagnostics)[0]} errors")
        self.diagnostics = diagnostics


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # from the checks
    unresolved: dict[str, list[str]] = field(default_factory=dict)  # language -> keys
    refused: list[Diagnostic] = field(default_factory=list)  # shown as markers: resources, unconverted formulas
    warnings: list[Diagnostic] = field(default_factory=list)  # what the engines said, at its place


def select_languages(project: Project, requested: list[str] | None) -> list[str]:
    if not requested:
        return list(project.manuscripts)
    for language in requested:
        if language not in project.manuscripts:
            known = ", ".join(project.manuscripts)
            raise ProjectError(f"no '{language}' edition in this project (editions: {known})")
    return list(dict.fromkeys(requested))


@with_authors_labels
def build(project: Project, languages: list[str] | None = None, formats: list[str] | None = None,
          strict: bool = False, style: str | None = None, options: dict[str, str | None] | None = None
          ) -> BuildReport:
    """Each language's outputs in each format (default: the three editions), written only
    when all were made. `options` are the writers' options by their flag (`{"paper": "b5"}`)."""
    languages = select_languages(project, languages)
    formats = [f for f in FORMATS if f in (formats or DEFAULT_FORMATS)]
    csl = project_style(project, style)
    if "pdf" in formats:  # formulas typeset on the other cores, WeasyPrint imported, while the build goes on
        from .engines.weasyprint import preload

        formulas.typeset_ahead(project, languages)  # it forks: before any other thread
        preload()
    diagnostics = run_checks(project, strict, [c for c in CHECKS if c not in LAST])
    if strict and any(d.severity is Severity.ERROR for d in diagnostics):
        raise BuildRefused([d for d in diagnostics if d.severity is Severity.ERROR])
    # nor can it guess what a mistyped key of article.yaml meant
    if blocking := [d for d in diagnostics if d.code in ALWAYS_REFUSED or d in project.metadata.problems]:
        raise BuildRefused(blocking)
    incomplete = incomplete_keys(project.bibliography)
    report = BuildReport(diagnostics=diagnostics)
    outputs: dict[Path, bytes] = {}
    for language in languages:
        edition = Edition(language, {}, csl=csl)  # what a writer that reads the sources itself is given
        if any(WRITERS[fmt].reads_edition for fmt in formats):
            try:
                edition = prepare(project, language, csl, incomplete)
            except Exception as exc:  # an engine failure is reported, never a traceback
                raise BuildError(f"the {language} edition could not be prepared: {exc}") from exc
            report.unresolved[language] = edition.unresolved
            report.refused += edition.refused + edition.formula_errors
        folder = project.root / BUILD_DIR / language
        for fmt in formats:
            writer, companions = WRITERS[fmt], {}
            try:
                outputs[folder / writer.filename] = writer.render(edition, project, files=companions,
                                                                  **options_for(fmt, options or {}))
                outputs.update((folder / name, path.read_bytes()) for name, path in companions.items())
            except Exception as exc:
                raise BuildError(f"the {language} {fmt.upper()} edition failed: {exc}") from exc
        report.warnings += edition.warnings  # the writers' too
    last = run_checks(project, strict, LAST)  # the typesetting started ahead is done by now
    if strict and any(d.severity is Severity.ERROR for d in last):
        raise BuildRefused([d for d in last if d.severity is Severity.ERROR])
    report.diagnostics = sorted(diagnostics + last, key=Diagnostic.sort_key)
    report.warnings = sorted(unique(report.warnings), key=Diagnostic.sort_key)
    try:
        write_atomically(outputs)
    except OSError as exc:
        raise BuildError(f"could not write the editions: {exc}") from exc
    report.written = [p.relative_to(project.root) for p in outputs]
    return report
