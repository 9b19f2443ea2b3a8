"""The preview's watcher: named folders, not recursively, watched from the moment it is made.

It is made before the first build and before the address is printed, so no
save after the start is missed (watchfiles' `watch()` would only start
watching once its generator is first advanced, in the watcher's thread).
"""

from __future__ import annotations

import threading
from pathlib import Path

from watchfiles._rust_notify import RustNotify

DEBOUNCE_MS = 1600  # the longest a burst of changes is gathered before a rebuild
STEP_MS = 20  # the quiet that ends a burst: an editor's save is several writes in a few ms
TIMEOUT_MS = 500  # how often the stop request is looked at while nothing changes


class Watcher:
    def __init__(self, folders: frozenset[Path]):
        self.folders = folders
        self._notify = RustNotify(sorted(str(f) for f in folders), False, False, 300, False, True)

    def changes(self, stop: threading.Event) -> set[Path] | None:
        """The files changed in the next burst (maybe none); None once `stop` is set."""
        result = self._notify.watch(DEBOUNCE_MS, STEP_MS, TIMEOUT_MS, stop)
        if result == "stop" or stop.is_set():
            return None
        if isinstance(result, str):  # "timeout", "signal"
            return set()
        return {Path(path) for _, path in result}

    def close(self) -> None:
        try:
            self._notify.close()
        except RuntimeError:  # closed already
            pass
