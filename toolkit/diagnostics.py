"""Diagnostics are values: checks return them, the CLI prints them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from enum import Enum
from pathlib import Path

from .confine import escape_controls, shown_path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # information, never a problem: what an import mapped where


@dataclass(frozen=True)
class Diagnostic:
    path: Path  # relative to the project root where possible
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    severity: Severity
    code: str  # short kebab-case identifier, e.g. "unknown-citation"
    message: str
    hint: str = ""
    # Draft-tolerated problems (missing authors, incomplete references) are
    # warnings in a draft check and errors with --strict.
    strict_error: bool = False

    def in_mode(self, strict: bool) -> "Diagnostic":
        if strict and self.strict_error and self.severity is Severity.WARNING:
            return replace(self, severity=Severity.ERROR)
        return self

    def sort_key(self) -> tuple:
        return (str(self.path), self.line, self.column, self.code, self.message)

    def format(self) -> str:
        text = (f"{shown_path(self.path)}:{self.line}:{self.column}: {self.severity.value}: "
                f"{escape_controls(self.message)} [{self.code}]")
        if self.hint:
            text += f"\n    hint: {escape_controls(self.hint)}"
        return text

    def to_json(self) -> dict:
        data = asdict(self)
        data["path"] = str(self.path)
        data["severity"] = self.severity.value
        del data["strict_error"]
        return data


def finalise(diagnostics: list[Diagnostic], strict: bool) -> list[Diagnostic]:
    """Apply the draft/strict mode and sort by place."""
    return sorted((d.in_mode(strict) for d in diagnostics), key=Diagnostic.sort_key)


def count(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    return errors, sum(d.severity is Severity.WARNING for d in diagnostics)


def summary(diagnostics: list[Diagnostic]) -> str:
    errors, warnings = count(diagnostics)
    plural = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"  # noqa: E731
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"


def render_human(diagnostics: list[Diagnostic]) -> str:
    lines = [d.format() for d in diagnostics]
    lines.append(summary(diagnostics))
    return "\n".join(lines)


def render_json(diagnostics: list[Diagnostic]) -> str:
    errors, warnings = count(diagnostics)
    return json.dumps(
        {"diagnostics": [d.to_json() for d in diagnostics], "errors": errors, "warnings": warnings},
        ensure_ascii=False,
        indent=2,
    )
