"""Bounds on every engine run, in proportion to its input.

A manuscript the journal did not write can make an engine run for hours
(pandoc parses deeply nested brackets in exponential time) or eat all memory;
a run that passes its bound stops with a message instead.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

TIME_BASE = 30.0  # seconds every run may take, whatever its size
TIME_PER_BYTE = 1 / 50_000  # and one second more per 50 kB of input
TIME_VARIABLE = "TOOLKIT_TIME_LIMIT"  # overrides TIME_BASE (seconds)


def time_base() -> float:
    """TIME_BASE, or the seconds TOOLKIT_TIME_LIMIT gives (tests and operators lower it)."""
    value = os.environ.get(TIME_VARIABLE, "").strip()
    if not value:
        return TIME_BASE
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < 1e6:
        raise ValueError(f"{TIME_VARIABLE} must be a number of seconds greater than 0, not {value!r}")
    return seconds


def time_limit(size: int) -> tuple[float, str]:
    """The seconds a run on `size` bytes of input may take, and the rule, for messages."""
    base = time_base()
    return base + size * TIME_PER_BYTE, f"{base:g} s + 1 s per 50 kB of input"


class EngineLimit(Exception):
    """An engine run passed its time, memory or size bound; the work was stopped."""

    def __init__(self, engine: str, kind: str, what: str, rule: str):
        super().__init__(f"{what} (limit: {rule})")
        self.engine = engine
        self.kind = kind  # "time", "memory" or "size"
        self.what = what  # "pandoc took longer than 30 s"
        self.rule = rule  # "30 s + 1 s per 50 kB of input"

    def on(self, place: str) -> str:
        """The message for a located run: "pandoc took longer than 2 s on this section (limit: …)"."""
        return f"{self.what} on {place} (limit: {self.rule})"


class Deadline(BaseException):
    """The time of an in-process engine run is up. A BaseException, so that the
    engine's own `except Exception` clauses do not swallow it."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise Deadline in the block after `seconds` (SIGALRM; main thread only, elsewhere no bound).

    Should the engine swallow it (a few of WeasyPrint's clauses catch everything),
    it is raised again every quarter second, and once more when the block ends.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    active, fired = [True], [False]

    def alarm(signum, frame):
        if active[0]:
            fired[0] = True
            signal.setitimer(signal.ITIMER_REAL, 0.25)
            raise Deadline()

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, alarm)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        active[0] = False  # first: an alarm from now on is ignored
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # someone else's timer was running: give back what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))
    if fired[0]:  # the engine caught it and went on: what it made is incomplete
        raise Deadline()
