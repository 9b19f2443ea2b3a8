"""Looking at real processes and folders from the tests (Linux /proc; no mocks)."""

from __future__ import annotations

import time
from pathlib import Path


def alive(pid: int) -> bool:
    """Whether `pid` is a running process (a zombie, already dead, is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def children(parent: int, name: str = "pandoc", argument: str = "--sandbox") -> list[int]:
    """Running processes called `name` whose parent is `parent` and whose command line has
    `argument` (the toolkit's own pandoc runs, not pypandoc's `pandoc --version` probes)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            head, tail = (entry / "stat").read_text().rsplit(")", 1)
        except OSError:
            continue
        if head.split("(", 1)[1] == name and int(tail.split()[1]) == parent and alive(int(entry.name)):
            try:
                arguments = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if not argument or argument.encode() in arguments:
                found.append(int(entry.name))
    return found


def wait_for(condition, timeout: float, what: str):
    """Poll `condition` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what} after {timeout} s")


def scratch_folders(tmp: Path, pid: int) -> list[Path]:
    return sorted(tmp.glob(f"toolkit-{pid}-*"))
