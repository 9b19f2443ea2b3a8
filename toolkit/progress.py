"""What `toolkit build` shows while it runs: a live table on a terminal, one line per
edition in a log, nothing with --quiet.

The build engine reports each edition (a language in a format) as it starts, finishes
or is found up to date; these classes only show it. Each is a context manager, so a
live display is closed even when the build fails.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO


def output_path(language: str, fmt: str) -> Path:
    """The edition's file, as the build writes it (relative to the project)."""
    from .build import BUILD_DIR
    from .writers import WRITERS

    return BUILD_DIR / language / WRITERS[fmt].filename


class Display:
    """What the build engine calls (`build.Progress`), showing nothing; the displays
    below show what they override. Calls may come from any thread."""

    def started(self, language: str, fmt: str) -> None:
        pass

    def finished(self, language: str, fmt: str, seconds: float) -> None:
        pass

    def up_to_date(self, language: str, fmt: str) -> None:
        pass

    def __enter__(self) -> "Display":
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class Silent(Display):
    """--quiet: the build shows nothing of its editions, only errors and the summary."""


@dataclass
class LinePrinter(Display):
    """A line per edition as it finishes, for logs and pipes, where a live display
    would write its redrawing codes into the file."""

    stream: IO[str] | None = None  # None: sys.stdout when printing (pytest swaps it)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def finished(self, language: str, fmt: str, seconds: float) -> None:
        self._print(f"built {output_path(language, fmt)} ({seconds:.2f} s)")

    def up_to_date(self, language: str, fmt: str) -> None:
        self._print(f"up to date: {output_path(language, fmt)}")

    def _print(self, line: str) -> None:
        with self._lock:
            print(line, file=self.stream or sys.stdout, flush=True)


@dataclass
class _Row:
    path: Path
    start: float
    seconds: float | None = None  # None while it is being built
    fresh: bool = False  # up to date: not built at all


class LiveDisplay(Display):
    """A table on the terminal, redrawn in place: every edition with its time, those
    being built with the time so far."""

    def __init__(self, console=None) -> None:
        from rich.console import Console

        self.console = console or Console()
        self._rows: dict[tuple[str, str], _Row] = {}
        self._lock = threading.Lock()
        self._live = None

    def __enter__(self) -> "LiveDisplay":
        return self  # the redrawing thread starts at the first edition (`_shown`), not before

    def _shown(self) -> None:
        """Start redrawing: only once the build calls, which is after it has forked its
        workers (a fork copies what other threads hold, so the build forks only while none runs)."""
        if self._live is None:
            from rich.live import Live

            self._live = Live(self, console=self.console, refresh_per_second=8, transient=False)
            self._live.__enter__()

    def __exit__(self, *exc: object) -> None:
        if self._live is not None:
            self._live.__exit__(*exc)
            self._live = None

    def started(self, language: str, fmt: str) -> None:
        with self._lock:
            self._rows[language, fmt] = _Row(output_path(language, fmt), time.perf_counter())
        self._refresh()

    def finished(self, language: str, fmt: str, seconds: float) -> None:
        with self._lock:
            row = self._rows.setdefault((language, fmt), _Row(output_path(language, fmt), time.perf_counter()))
            row.seconds = seconds
        self._refresh()

    def up_to_date(self, language: str, fmt: str) -> None:
        with self._lock:
            self._rows[language, fmt] = _Row(output_path(language, fmt), time.perf_counter(), 0.0, fresh=True)
        self._refresh()

    def _refresh(self) -> None:
        self._shown()
        self._live.refresh()

    def __rich__(self):
        """The table as it stands (rich calls this at every redraw)."""
        from rich.table import Table

        table = Table.grid(padding=(0, 2))
        table.add_column()
        table.add_column(justify="right")
        now = time.perf_counter()
        with self._lock:
            rows = list(self._rows.values())
        for row in rows:
            if row.fresh:
                table.add_row(str(row.path), "[dim]up to date[/]")
            elif row.seconds is None:
                table.add_row(f"[yellow]{row.path}[/]", f"[yellow]building {now - row.start:.1f} s[/]")
            else:
                table.add_row(f"[green]{row.path}[/]", f"{row.seconds:.2f} s")
        return table


def for_terminal(quiet: bool) -> Display:
    """The display that suits where the output goes: a live table only when both
    standard streams are a terminal (one of them in a file is a log)."""
    if quiet:
        return Silent()
    if _is_terminal(sys.stdout) and _is_terminal(sys.stderr):
        from rich.console import Console

        return LiveDisplay(Console(file=sys.stdout))
    return LinePrinter()


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
