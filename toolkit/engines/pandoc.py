"""The one gateway to pandoc (the binary inside pypandoc-binary).

All pandoc runs go through `run`, so options, errors and timing live here.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path


class PandocError(Exception):
    pass


@dataclass(frozen=True)
class PandocResult:
    output: bytes
    warnings: tuple[str, ...]


@cache
def pandoc_path() -> str:
    try:
        import pypandoc
    except ImportError:  # pragma: no cover - the set-up installs it
        raise PandocError("pypandoc-binary is not installed; run 'make build' to set up") from None
    path = pypandoc.get_pandoc_path()
    if not path:  # pragma: no cover
        raise PandocError("pandoc was not found inside pypandoc-binary")
    return path


def run(args: list[str], stdin: bytes | str | None = None, cwd: Path | None = None) -> PandocResult:
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    proc = subprocess.run([pandoc_path(), *args], input=stdin, capture_output=True, cwd=cwd)
    messages = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        raise PandocError(f"pandoc failed (exit {proc.returncode}): {messages}")
    warnings = tuple(m.removeprefix("[WARNING] ").strip() for m in messages.splitlines() if m.strip())
    return PandocResult(proc.stdout, warnings)
