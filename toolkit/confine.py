"""Every file the toolkit reads is a regular file inside the project.

A journal builds manuscripts it did not write: a path in `article.yaml`, a
section that is a symlink, an image reference may point anywhere. Each is
resolved (symlinks followed) and must land on a regular file below the
project root — never a directory, a FIFO, a device or a file elsewhere —
and be no larger than its kind allows, before a byte of it is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MB = 1024 * 1024
# The largest file of each kind read (a whole book fits in each many times over).
LIMITS = {
    "article metadata": 1 * MB,
    "section": 5 * MB,
    "bibliography": 50 * MB,
    "citation style": 5 * MB,
    "image": 50 * MB,
    "web font": 5 * MB,  # a subset of the text face, from build/.cache/fonts (toolkit/web_fonts.py)
}


class Refused(Exception):
    """A path the toolkit will not read; `reason` says why, for a diagnostic."""

    def __init__(self, reason: str, line: int = 0, column: int = 0):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column


def confined(root: Path, path: Path | str, kind: str, shown: str = "") -> Path:
    """The resolved file `path` (absolute, or relative to `root`) names, if it may be read;
    `shown` is how the sources wrote it, for the message."""
    shown = shown or str(path)
    if "\x00" in str(path):
        raise Refused(f"{kind} path contains a NUL character")
    candidate = Path(path)
    full = candidate if candidate.is_absolute() else root / candidate
    try:
        resolved = full.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise Refused(f"{kind} {quote(shown)} cannot be resolved ({exc.__class__.__name__})") from None
    if not resolved.is_relative_to(root.resolve()):
        lexical = Path(os.path.normpath(full.absolute()))
        via = " (a symbolic link leads out of it)" if lexical.is_relative_to(root.resolve()) else ""
        raise Refused(f"{kind} {quote(shown)} is outside the project{via}")
    try:
        info = resolved.stat()
    except FileNotFoundError:
        what = "is a symbolic link to nothing" if full.is_symlink() else "does not exist"
        raise Refused(f"{kind} {quote(shown)} {what}") from None
    except OSError as exc:
        raise Refused(f"{kind} {quote(shown)} cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f"{kind} {quote(shown)} is not a regular file ({_file_type(info.st_mode)})")
    limit = LIMITS.get(kind)
    if limit and info.st_size > limit:
        raise Refused(f"{kind} {quote(shown)} is {info.st_size / MB:.1f} MB, more than the "
                      f"{limit // MB} MB a {kind} may have")
    return resolved


def writable(root: Path, path: Path) -> bool:
    """Whether writing `path` lands inside the project (symbolic links on its way followed:
    a build/ linked elsewhere is not), on no folder, pipe or device."""
    try:
        return path.resolve().is_relative_to(root.resolve()) and (path.is_file() or not path.exists())
    except (OSError, RuntimeError):  # a symlink loop
        return False


def read_text(root: Path, path: Path | str, kind: str) -> str:
    """A confined file's text (a leading byte-order mark dropped); Refused says why not."""
    full = confined(root, path, kind)
    try:
        with open(full, "rb") as handle:
            data = handle.read(LIMITS.get(kind, 50 * MB) + 1)
    except OSError as exc:
        raise Refused(f"{kind} {quote(str(path))} cannot be read ({exc.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise Refused(f"{kind} is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8",
                      line, column) from None
    if "\x00" in text:
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        raise Refused(f"{kind} contains a NUL character", line, at - text.rfind("\n", 0, at))
    return text.removeprefix("\ufeff")


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"


def quote(text: str) -> str:
    """A name as written, in quotes, with control characters escaped so it stays on one line."""
    return "'" + escape_controls(text) + "'"


def shown_path(path: Path | str) -> str:
    """A path for a `path:line:col:` line: as it is when plain, else in double quotes
    with control characters escaped, so no file name can forge a line or a position."""
    text = str(path)
    if text.isprintable() and not any(c in text for c in ':"') and text == text.strip():
        return text
    return '"' + escape_controls(text).replace('"', '\\"') + '"'


def escape_controls(text: str) -> str:
    """Control characters (a newline in a file name) as escapes: output lines cannot be forged."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)
