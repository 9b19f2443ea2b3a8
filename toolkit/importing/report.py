"""The import report's diagnostics, located in the source, one kind each.

Every reader says what it did with each thing it read: mapped (a note),
guessed (a warning: the author should confirm it), not kept (a warning: the
toolkit has no place for it). A source that cannot be imported at all raises
`ImportFailed` with its located errors; nothing is written then.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic, Severity

MAPPED, GUESSED, NOT_KEPT, FAILED = "import-mapped", "import-guessed", "import-not-kept", "import-failed"


class ImportFailed(Exception):
    """The source cannot be imported; its problems, located."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


def mapped(path: Path, line: int, message: str, column: int = 1) -> Diagnostic:
    return Diagnostic(path, line, column if line else 0, Severity.NOTE, MAPPED, message)


def guessed(path: Path, line: int, message: str, hint: str = "", column: int = 1) -> Diagnostic:
    return Diagnostic(path, line, column if line else 0, Severity.WARNING, GUESSED, message, hint)


def not_kept(path: Path, line: int, message: str, hint: str = "", column: int = 1) -> Diagnostic:
    return Diagnostic(path, line, column if line else 0, Severity.WARNING, NOT_KEPT, message, hint)


def failed(path: Path, line: int, message: str, hint: str = "", column: int = 1) -> ImportFailed:
    return ImportFailed([Diagnostic(path, line, column if line else 0, Severity.ERROR, FAILED, message, hint)])
