"""SIGTERM and SIGHUP unwind a command as Ctrl-C does (the whole-build cases: tests/engines/test_pandoc.py)."""

from __future__ import annotations

import os
import signal
import time

import pytest

from toolkit.interrupt import Interrupted, exit_status, interruptible


def test_a_signal_becomes_an_interrupt_and_the_handlers_come_back():
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Interrupted) as stopped:
        with interruptible():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.1)  # the handler runs here at the latest
            raise AssertionError("the signal did not interrupt")
    assert exit_status(stopped.value) == 128 + signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) is before


def test_an_interrupt_swallowed_on_the_way_still_ends_the_block():
    ran_on = False
    with pytest.raises(Interrupted) as stopped:
        with interruptible():
            try:
                os.kill(os.getpid(), signal.SIGHUP)
                time.sleep(0.1)
            except BaseException:  # as a few of WeasyPrint's clauses do
                pass
            ran_on = True
    assert ran_on and stopped.value.signum == signal.SIGHUP


def test_ctrl_c_keeps_its_status():
    assert exit_status(KeyboardInterrupt()) == 130
