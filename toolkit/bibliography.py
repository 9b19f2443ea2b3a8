"""Read BibTeX into the model with positions, keeping going past broken blocks."""

from __future__ import annotations

import logging
from pathlib import Path

from .errors import ProjectError
from .model import Bibliography, Entry, Field, ParseFailure, Position


def strip_delimiters(value: str) -> str:
    """`{Title}` or `"Title"` -> `Title`; anything else as written."""
    value = value.strip()
    if len(value) >= 2 and (value[0], value[-1]) in (("{", "}"), ('"', '"')):
        inner = value[1:-1]
        if value[0] == '"' or _balanced(inner):
            return inner.strip()
    return value


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return False
    return depth == 0


def _column(lines: list[str], line: int, needle: str) -> int:
    """1-based column of `needle` on a 0-based line, or 1."""
    if 0 <= line < len(lines):
        found = lines[line].find(needle)
        if found >= 0:
            return found + 1
    return 1


def _entry(block, path: Path, lines: list[str], line_offset: int = 0) -> Entry:
    start = block.start_line + line_offset
    fields = {}
    for f in block.fields:
        fline = (f.start_line or 0) + line_offset
        name = f.key.lower()
        column = _column(lines, fline, f.key)
        fields[name] = Field(name, strip_delimiters(str(f.value)), Position(path, fline + 1, column))
    return Entry(block.key, block.entry_type.lower(), fields, Position(path, start + 1, _column(lines, start, "@")),
                 block.raw)


def _first_line(message: str) -> str:
    return " ".join(message.split())


def parse_bibliography(text: str, path: Path) -> Bibliography:
    import bibtexparser
    from bibtexparser.model import DuplicateBlockKeyBlock, Entry as BlockEntry

    lines = text.splitlines()
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # failures become diagnostics
    try:
        library = bibtexparser.parse_string(text, parse_stack=[])
    except Exception as exc:  # the parser's own state errors: report, never a traceback
        raise ProjectError(f"the BibTeX parser failed on this file: {exc}", path) from None
    entries = [_entry(b, path, lines) for b in library.blocks if isinstance(b, BlockEntry)]
    duplicates, failures = [], []
    for block in library.failed_blocks:
        position = Position(path, block.start_line + 1, _column(lines, block.start_line, "@"))
        if isinstance(block, DuplicateBlockKeyBlock):
            again = bibtexparser.parse_string(block.raw, parse_stack=[])
            if again.entries:
                duplicates.append(_entry(again.entries[0], path, lines, block.start_line))
                continue
        error = getattr(block, "error", None)
        reason = getattr(error, "abort_reason", None) or (str(error) if error else "")
        reason = _first_line(reason.split(" Note:")[0]) or "this block cannot be parsed"
        failures.append(ParseFailure(position, reason))
    return Bibliography(path, tuple(entries), tuple(duplicates), tuple(failures))


def load_bibliography(root: Path, relpath: Path) -> Bibliography:
    full = root / relpath
    if not full.is_file():
        raise ProjectError(f"bibliography {relpath} not found")
    try:
        text = full.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ProjectError(f"bibliography is not UTF-8 text ({exc.reason})", relpath) from None
    return parse_bibliography(text, relpath)
