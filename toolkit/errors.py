"""Errors that stop a command before any check can run (exit status 2)."""

from __future__ import annotations

from pathlib import Path


class ProjectError(Exception):
    """A usage or configuration problem, reported as path:line:col."""

    def __init__(self, message: str, path: Path | str = "", line: int = 0, column: int = 0, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path else None
        self.line = line
        self.column = column
        self.hint = hint

    def format(self) -> str:
        from .confine import escape_controls, shown_path

        where = f"{shown_path(self.path)}:{self.line}:{self.column}: " if self.path else ""
        text = f"{where}error: {escape_controls(self.message)}"
        if self.hint:
            text += f"\n    hint: {escape_controls(self.hint)}"
        return text
