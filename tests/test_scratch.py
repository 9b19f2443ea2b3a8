"""Scratch folders: named after their process, removed after use, swept up after a kill."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from toolkit.scratch import scratch, sweep


@pytest.fixture
def tmp(tmp_path, monkeypatch):
    """A private system temporary folder."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


@pytest.fixture
def dead_pid():
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


@pytest.fixture
def live_pid():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield proc.pid
    proc.kill()
    proc.wait()


def test_a_scratch_folder_is_named_after_the_process_and_removed(tmp):
    with scratch() as folder:
        assert folder.parent == tmp and folder.name.startswith(f"toolkit-{os.getpid()}-")
        (folder / "file").write_text("x")
    assert not folder.exists()


def test_sweep_removes_the_folders_of_processes_that_are_gone(tmp, dead_pid):
    gone = tmp / f"toolkit-{dead_pid}-abc"
    (gone / "sub").mkdir(parents=True)
    (gone / "sub" / "file").write_text("x")
    assert sweep() == [gone]
    assert not gone.exists()


def test_sweep_keeps_what_is_not_an_abandoned_folder_of_ours(tmp, dead_pid, live_pid):
    running = tmp / f"toolkit-{live_pid}-abc"
    mine = tmp / f"toolkit-{os.getpid()}-abc"
    a_file = tmp / f"toolkit-{dead_pid}-file"
    other = tmp / f"other-{dead_pid}-abc"
    target = tmp / "target"
    link = tmp / f"toolkit-{dead_pid}-link"
    for folder in (running, mine, other, target):
        folder.mkdir()
    a_file.write_text("x")
    link.symlink_to(target, target_is_directory=True)
    assert sweep() == []
    assert all(p.exists() for p in (running, mine, a_file, other, target, link))


def test_a_process_number_reused_since_the_folder_was_made_does_not_keep_it(tmp, live_pid):
    stale = tmp / f"toolkit-{live_pid}-abc"
    stale.mkdir()
    an_hour_ago = time.time() - 3600  # before the live process started: it cannot be the owner
    os.utime(stale, (an_hour_ago, an_hour_ago))
    assert sweep() == [stale]
