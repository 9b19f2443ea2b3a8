"""One command's work on a project: what `build`, `submit`, `refs` and `preview` share.

A session chooses the languages, resolves the citation style once, runs the
checks once, refuses what may not be built, prepares each language's edition
once (a submission's PDF and DOCX read the same one), and writes its outputs
atomically, an OS error mapped to a BuildError. Within `with session:` the
project's own labels apply (an edition made outside would print the profile's).
"""

from __future__ import annotations

import copy
from contextlib import ExitStack
from functools import cached_property
from pathlib import Path

from .atomic import write_atomically
from .confine import writable
from .diagnostics import Diagnostic, Severity, count
from .errors import ProjectError
from .model import Project
from .styles import project_style

# problems no draft can show: a source file that may not be read would be a silent
# gap; nesting that deep would keep pandoc busy for hours
ALWAYS_REFUSED = {"refused-source", "deep-nesting"}


class BuildError(Exception):
    """An engine failed: nothing of the failed editions was written; `written` lists the
    outputs of the others, which were (a failure in one edition keeps no other waiting)."""

    def __init__(self, message: str, diagnostic: Diagnostic | None = None, written: list[Path] | None = None,
                 failures: list[tuple[str, Diagnostic | None]] | None = None):
        super().__init__(message)
        self._diagnostic = diagnostic
        self.written = written or []
        self.failures = failures or [(message, diagnostic)]

    @property
    def diagnostic(self) -> Diagnostic | None:
        """Where the failure was traced to (an engine limit on a section), if it was."""
        return self._diagnostic or getattr(self.__cause__, "diagnostic", None)

    def format(self) -> str:
        """Every failure, each at its place when it was traced to one."""
        if len(self.failures) == 1:
            return self.diagnostic.format() if self.diagnostic else f"error: {self}"
        return "\n".join(d.format() if d else f"error: {m}" for m, d in self.failures)


class BuildRefused(Exception):
    """Errors a strict run (a strict build, a submission) may not pass, or problems no
    run may: nothing is written."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{count(diagnostics)[0]} errors")
        self.diagnostics = diagnostics


class Session:
    def __init__(self, project: Project, style: str | None = None, strict: bool = False):
        self.project = project
        self.strict = strict
        self.csl = project_style(project, style)  # a ProjectError, before anything is made
        self._editions: dict = {}
        self._context = ExitStack()

    def __enter__(self) -> Session:
        from .labels import authors_labels

        self._context.enter_context(authors_labels(self.project))
        return self

    def __exit__(self, *exc) -> None:
        self._context.close()

    def languages(self, requested: list[str] | None = None) -> list[str]:
        """The languages asked for, in order and once each (all the project's when none)."""
        if not requested:
            return list(self.project.manuscripts)
        for language in requested:
            if language not in self.project.manuscripts:
                known = ", ".join(self.project.manuscripts)
                raise ProjectError(f"no '{language}' edition in this project (editions: {known})")
        return list(dict.fromkeys(requested))

    @cached_property
    def incomplete(self) -> frozenset[str]:
        """Entries every edition marks as incomplete."""
        from .checks.bibliography import incomplete_keys

        return frozenset(incomplete_keys(self.project.bibliography))

    def check(self, checks=None) -> list[Diagnostic]:
        """The checks' findings (`checks`: some of them, else all)."""
        from .checks import CHECKS, run_checks

        return run_checks(self.project, self.strict, CHECKS if checks is None else checks)

    def refuse(self, diagnostics: list[Diagnostic]) -> None:
        """BuildRefused when a strict run has errors, or any run problems none may pass:
        a source that may not be read, nesting no engine survives, a mistyped key of
        article.yaml (no edition can guess what it meant)."""
        if self.strict and any(d.severity is Severity.ERROR for d in diagnostics):
            raise BuildRefused([d for d in diagnostics if d.severity is Severity.ERROR])
        if blocking := [d for d in diagnostics if d.code in ALWAYS_REFUSED or d in self.project.metadata.problems]:
            raise BuildRefused(blocking)

    def edition(self, language: str):
        """The language's prepared edition, made once for every writer that reads it."""
        if language not in self._editions:
            from .edition import prepare

            self._editions[language] = prepare(self.project, language, self.csl, set(self.incomplete))
        return self._editions[language]

    def anonymised(self) -> Session:
        """This session over the project without its authors: a blind-review copy's."""
        from .anonymise import anonymised

        blind = copy.copy(self)
        blind.project, blind._editions, blind._context = anonymised(self.project), {}, ExitStack()
        return blind

    def write(self, outputs: dict[Path, bytes]) -> list[Path]:
        """Every output or none, by absolute path; returned relative to the project. None
        is written through a folder linked out of the project."""
        if outside := [path for path in outputs if not writable(self.project.root, path)]:
            shown = outside[0].relative_to(self.project.root)
            raise BuildError(f"could not write the outputs: {shown} would be written outside the project "
                             "(a folder on its way is a symbolic link out of it, or it is not a file)")
        try:
            write_atomically(outputs)
        except OSError as exc:
            raise BuildError(f"could not write the outputs: {exc}") from exc
        return [path.relative_to(self.project.root) for path in outputs]
