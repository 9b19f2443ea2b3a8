"""SIGTERM and SIGHUP end a command the way Ctrl-C does.

By default they kill Python outright: no `finally` runs, so an engine's child
would be left running, a scratch folder left behind and a staged output left
half-written. Raised as KeyboardInterrupt instead, they unwind the command.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Interrupted(KeyboardInterrupt):
    """The command was asked to stop by `signum`."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def exit_status(interrupt: KeyboardInterrupt) -> int:
    """128 + the signal's number, as a shell reports a command a signal ended."""
    return 128 + getattr(interrupt, "signum", signal.SIGINT)


@contextmanager
def interruptible() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise Interrupted; the old handlers come back after.

    Should the work swallow it (an engine that catches everything), the block
    still ends with Interrupted: the command stops as asked, if later.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    requested: list[int] = []

    def stop(signum, frame):
        for number in SIGNALS:  # the first request is enough: the clean-up runs undisturbed
            signal.signal(number, signal.SIG_IGN)
        requested.append(signum)
        raise Interrupted(signum)

    previous = {number: signal.signal(number, stop) for number in SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if requested:
        raise Interrupted(requested[0])
