"""Temporary folders the toolkit works in, and the sweeping up of abandoned ones.

Every folder is `toolkit-<pid>-…` in the system's temporary directory and is
removed when its `with` block ends. A run killed with SIGKILL cannot clean up
after itself, so each command first removes the folders of this user whose
process no longer exists.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_NAME = re.compile(r"toolkit-(\d+)-.+")


@contextmanager
def scratch() -> Iterator[Path]:
    """A fresh private folder, removed with everything in it when the block ends."""
    with tempfile.TemporaryDirectory(prefix=f"toolkit-{os.getpid()}-") as folder:
        yield Path(folder)


def _started(pid: int) -> float | None:
    """When process `pid` started (seconds since the epoch), where /proc says."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        boot = next(float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError, StopIteration):
        return None


def _owner_alive(pid: int, made: float) -> bool:
    """Whether the process that made a folder at `made` may still be running."""
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # gone, or never a process number
        return False
    except PermissionError:  # someone else's process: alive
        return True
    started = _started(pid)
    # a process that started after the folder was made reuses the number: not its owner
    return started is None or started <= made + 1


def sweep(folder: Path | None = None) -> list[Path]:
    """Remove this user's `toolkit-<pid>-*` folders whose process is gone; return them."""
    folder = Path(folder or tempfile.gettempdir())
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _NAME.fullmatch(entry.name)
        if not match or int(match.group(1)) == os.getpid():
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue
        if _owner_alive(int(match.group(1)), info.st_mtime):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed
