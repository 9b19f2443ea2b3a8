"""Read BibTeX into the model with positions, keeping going past broken blocks.

Values are kept as written (LaTeX and all) except that `@string` macros,
month macros and `#` concatenation are expanded and `crossref` parents lend
their fields, as BibTeX and biber do; so checks see what the processors see.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from .confine import read_text
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


MONTHS = {name: str(number) for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def _concatenated(raw: str) -> list[str]:
    """Split a value on BibTeX's `#` outside braces and quotes."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(raw[start:i])
            start = i + 1
    parts.append(raw[start:])
    return [p.strip() for p in parts]


def expand(raw: str, strings: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    """A field value with macros expanded, and the macro names nobody defined."""
    raw = raw.strip()
    parts = _concatenated(raw)
    if len(parts) == 1 and raw[:1] in ('{', '"'):
        return strip_delimiters(raw), ()
    out, undefined = [], []
    for part in parts:
        if part[:1] in ("{", '"') and part[-1:] in ("}", '"'):
            out.append(part[1:-1])
        elif part.isdigit():
            out.append(part)
        elif part.lower() in strings:
            out.append(strings[part.lower()])
        elif part.lower() in MONTHS:
            out.append(MONTHS[part.lower()])
        else:
            undefined.append(part)
            out.append(part)
    return "".join(out), tuple(undefined)


def _column(lines: list[str], line: int, needle: str) -> int:
    """1-based column of `needle` on a 0-based line, or 1."""
    if 0 <= line < len(lines):
        found = lines[line].find(needle)
        if found >= 0:
            return found + 1
    return 1


def _entry(block, path: Path, lines: list[str], strings: dict[str, str], line_offset: int = 0) -> Entry:
    start = block.start_line + line_offset
    fields = {}
    for f in block.fields:
        fline = (f.start_line or 0) + line_offset
        name = f.key.lower()
        column = _column(lines, fline, f.key)
        value, undefined = expand(str(f.value), strings)
        fields[name] = Field(name, value, Position(path, fline + 1, column), undefined)
    return Entry(block.key, block.entry_type.lower(), fields, Position(path, start + 1, _column(lines, start, "@")),
                 block.raw)


def _first_line(message: str) -> str:
    return " ".join(message.split())


_COMMENT = re.compile(r"@comment\s*([{(])", re.I)


def blank_comments(text: str) -> str:
    """`@comment{…}` blocks as spaces (newlines kept, so positions hold).

    biber skips a comment block to its closing brace; the parser would stop at
    an `@` inside it (a commented-out entry) and report the rest as broken.
    """
    out, at = [], 0
    for match in _COMMENT.finditer(text):
        if match.start() < at:
            continue
        opening = match.group(1)
        closing = "}" if opening == "{" else ")"
        depth, end = 0, len(text)
        for i in range(match.end() - 1, len(text)):
            depth += (text[i] == opening) - (text[i] == closing)
            if depth == 0:
                end = i + 1
                break
        out.append(text[at:match.start()])
        out.append(re.sub(r"[^\n]", " ", text[match.start():end]))
        at = end
    out.append(text[at:])
    return "".join(out)


def parse_bibliography(text: str, path: Path) -> Bibliography:
    import bibtexparser
    from bibtexparser.model import DuplicateBlockKeyBlock, Entry as BlockEntry

    lines = text.splitlines()
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # failures become diagnostics
    try:
        library = bibtexparser.parse_string(blank_comments(text), parse_stack=[])
    except Exception as exc:  # the parser's own state errors: report, never a traceback
        raise ProjectError(f"the BibTeX parser failed on this file: {exc}", path) from None
    strings: dict[str, str] = {}
    for block in library.strings:  # in file order, so a macro may use the ones before it
        strings[block.key.lower()] = expand(str(block.value), strings)[0]
    entries = [_entry(b, path, lines, strings) for b in library.blocks if isinstance(b, BlockEntry)]
    duplicates, failures = [], []
    for block in library.failed_blocks:
        position = Position(path, block.start_line + 1, _column(lines, block.start_line, "@"))
        if isinstance(block, DuplicateBlockKeyBlock):
            again = bibtexparser.parse_string(block.raw, parse_stack=[])
            if again.entries:
                duplicates.append(_entry(again.entries[0], path, lines, strings, block.start_line))
                continue
        error = getattr(block, "error", None)
        reason = getattr(error, "abort_reason", None) or (str(error) if error else "")
        reason = _first_line(reason.split(" Note:")[0]) or "this block cannot be parsed"
        failures.append(ParseFailure(position, reason))
    return Bibliography(path, tuple(inherit_crossrefs(entries)), tuple(duplicates), tuple(failures), strings)


# biblatex's default inheritance (biblatex manual, appendix B): a part inside a
# book takes the book's title as its booktitle, an article a periodical's as
# its journaltitle; these fields are never inherited.
_IN_A_BOOK = {"inbook", "bookinbook", "suppbook", "incollection", "suppcollection", "inreference",
              "inproceedings", "conference"}
_BOOKS = {"book", "mvbook", "collection", "mvcollection", "reference", "mvreference", "proceedings",
          "mvproceedings"}
_AS_BOOK = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_AS_PERIODICAL = {"title": "journaltitle", "subtitle": "journalsubtitle"}
_NEVER_INHERITED = {"ids", "crossref", "xref", "entryset", "entrysubtype", "execute", "label", "options",
                    "presort", "related", "relatedoptions", "relatedstring", "relatedtype", "shorthand",
                    "shorthandintro", "sortkey", "shorttitle"}


def _renaming(child: Entry, parent: Entry) -> dict[str, str]:
    if child.type in _IN_A_BOOK and parent.type in _BOOKS:
        return _AS_BOOK
    if child.type == "article" and parent.type == "periodical":
        return _AS_PERIODICAL
    return {}


def inherit_crossrefs(entries: list[Entry]) -> list[Entry]:
    """Entries with the fields their `crossref` parent lends them (one level, as BibTeX)."""
    by_key = {e.key.lower(): e for e in entries}
    out = []
    for entry in entries:
        ref = entry.fields.get("crossref")
        parent = by_key.get(ref.value.strip().lower()) if ref else None
        if parent is None or parent is entry:
            out.append(entry)
            continue
        renaming = _renaming(entry, parent)
        fields = dict(entry.fields)
        for name, field in parent.fields.items():
            if name in _NEVER_INHERITED:
                continue
            if renaming and name in ("title", "subtitle", "titleaddon") and name not in renaming:
                continue
            target = renaming.get(name, name)
            if target not in fields:
                fields[target] = Field(target, field.value, field.position, field.undefined, parent.key)
        out.append(Entry(entry.key, entry.type, fields, entry.position, entry.raw))
    return out


def load_bibliography(root: Path, relpath: Path) -> Bibliography:
    """The bibliography, read only when it is a UTF-8 file inside the project (else Refused)."""
    return parse_bibliography(read_text(root, relpath, "bibliography"), relpath)
