"""One preview per project: a lock under build/.preview that names the port it holds.

The lock is an advisory `flock` on build/.preview/lock, held for as long as the
preview runs: the kernel drops it when the process ends, however it ends, so a
lock file left by a dead process is simply taken over, never trusted.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
from dataclasses import dataclass
from pathlib import Path

LOCK = Path("build") / ".preview" / "lock"


@dataclass(frozen=True)
class Holder:
    """The preview that holds the project: its process and port (None while it is starting)."""

    pid: int | None
    port: int | None


class PreviewRunning(Exception):
    """Another preview holds this project."""

    def __init__(self, holder: Holder):
        self.holder = holder
        where = f"on http://127.0.0.1:{holder.port}/" if holder.port else "(it is starting)"
        pid = f" (process {holder.pid})" if holder.pid else ""
        super().__init__(f"a preview of this project is already running {where}{pid}")


class PreviewLock:
    """Taken with `acquire`, told the port with `announce`, let go with `release`."""

    def __init__(self, root: Path):
        self.root = root
        self.path = root / LOCK
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.parent.resolve().is_relative_to(self.root.resolve()):  # a symbolic link out
            raise OSError(errno.EPERM, "build/.preview leads out of the project")
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read(fd)
            os.close(fd)
            raise PreviewRunning(holder) from None
        self._fd = fd
        self._write({"pid": os.getpid()})

    def announce(self, port: int) -> None:
        self._write({"pid": os.getpid(), "port": port})

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None

    def _write(self, data: dict) -> None:
        payload = json.dumps(data).encode("ascii")
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, payload, 0)


def _read(fd: int) -> Holder:
    """What the holder wrote; a half-written or foreign file says nothing."""
    try:
        data = json.loads(os.pread(fd, 4096, 0) or b"{}")
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    pid, port = data.get("pid"), data.get("port")
    return Holder(pid if isinstance(pid, int) else None,
                  port if isinstance(port, int) and 0 < port < 65536 else None)
