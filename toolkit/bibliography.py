"""Read BibTeX files into the model with exact positions, keeping going past broken blocks.

toolkit.bibtex_blocks splits each file into blocks, by bibtexparser 2.1's
rules. Positions are computed here from the text itself — each block's and
each field's character offset, turned into line and column — never from a
count of lines kept while splitting, which once skipped a newline after a
backslash (a TeX control space at a line's end) and so shifted every later
position.

Values are kept as written (LaTeX and all) except that `@string` macros,
month macros and `#` concatenation are expanded, `crossref` parents lend
their fields, and a `@set` takes the fields of its first member, as biber
does; so checks see what the processors see. Several files are one data
source, as for biber: read in order, macros carry over from one file to the
next, and a key may be defined once across all of them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from .bibtex_blocks import Block, split
from .confine import Refused, confined, read_text
from .model import Bibliography, Entry, Field, ParseFailure, Position


def strip_delimiters(value: str) -> str:
    """`{Title}` or `"Title"` -> `Title`; anything else as written."""
    value = value.strip()
    if len(value) >= 2 and (value[0], value[-1]) in (("{", "}"), ('"', '"')):
        inner = value[1:-1]
        if value[0] == '"' or _balanced(inner):
            return inner.strip()
    return value


_BRACES = re.compile(r"[{}]")


def _balanced(text: str) -> bool:
    if "{" not in text and "}" not in text:
        return True
    depth = 0
    for brace in _BRACES.findall(text):  # only the braces: an abstract is long
        depth += 1 if brace == "{" else -1
        if depth < 0:
            return False
    return depth == 0


MONTHS = {name: str(number) for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


_CONCATENATION = re.compile(r'[{}"#]')


def _concatenated(raw: str) -> list[str]:
    """Split a value on BibTeX's `#` outside braces and quotes."""
    parts, depth, quoted, start = [], 0, False, 0
    for found in _CONCATENATION.finditer(raw):  # only what it turns on: a value may be long
        char = found.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(raw[start:found.start()])
            start = found.end()
    parts.append(raw[start:])
    return [p.strip() for p in parts]


def expand(raw: str, strings: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    """A field value with macros expanded, and the macro names nobody defined."""
    raw = raw.strip()
    if "#" not in raw:
        if raw[:1] in ('{', '"'):
            return strip_delimiters(raw), ()
        parts = [raw]
    else:
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


class _Places:
    """Character offsets in one file as positions: 1-based line and column, lines
    ending at LF (CRLF included), every character one column (a tab too).

    Offsets are asked for mostly in file order, so the newlines are counted from
    the last one asked (in C, `str.count`) rather than indexed all at once."""

    def __init__(self, text: str, path: Path):
        self.text, self.path = text, path
        self.offset, self.line, self.bol = 0, 1, 0

    def __call__(self, offset: int) -> Position:
        if offset < self.offset:  # going back: count again from the start
            self.offset, self.line, self.bol = 0, 1, 0
        newlines = self.text.count("\n", self.offset, offset)
        if newlines:
            self.line += newlines
            self.bol = self.text.rfind("\n", self.offset, offset) + 1
        self.offset = offset
        return Position(self.path, self.line, offset - self.bol + 1)


_COMMENT = re.compile(r"@comment\s*([{(])", re.I)


def blank_comments(text: str) -> str:
    """`@comment{…}` blocks as spaces (newlines kept, so positions hold).

    biber skips a comment block to its closing brace; the parser would stop at
    an `@` inside it (a commented-out entry) and report the rest as broken.
    """
    if "@comment" not in text.lower():
        return text
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


def _first_line(message: str) -> str:
    return " ".join(message.split())


_UNESCAPED = re.compile(r'(?<!\\)[{}"]')


def _unclosed(raw: str) -> int | None:
    """Where, in a block that never ends, the value that swallows the rest opens:
    the first `{` or `"` inside the block left open (the splitter's view: `\\{` is
    no brace)."""
    depth, stack, quoted_at = 0, [], None
    for match in _UNESCAPED.finditer(raw):
        char = match.group(0)
        if quoted_at is not None:
            if char == '"' and depth == 1:
                quoted_at = None
            continue
        if char == "{":
            stack.append(match.start())
            depth += 1
        elif char == "}" and depth:
            stack.pop()
            depth -= 1
        elif char == '"' and depth == 1:
            quoted_at = match.start()
    if quoted_at is not None:
        return quoted_at
    return stack[1] if len(stack) > 1 else None


# what follows a '}' that closed an entry too early: more fields
_FIELDS_AFTER = re.compile(r"\A\s*,|^\s*[\w-]+\s*=\s*[{\"\w]", re.M)


def _entry(block: Block, place: _Places, strings: dict[str, str], failures: list[ParseFailure]) -> Entry | None:
    """One entry with the position of its `@` and of each field's name."""
    key, raw = block.key, block.raw
    if not key:
        failures.append(ParseFailure(place(block.offset), f"entry '@{block.type}' has no key; it is skipped"))
        return None
    at = place(block.offset)
    opening = raw.find("{")
    if opening < 0 or 0 <= raw.find("(", 0, opening):
        opening = max(raw.find("("), 0)
    found = raw.find(key, opening + 1)
    cursor = found + len(key) if found >= 0 else opening + 1
    fields: dict[str, Field] = {}
    path = place.path
    line, line_start, counted = at.line, 1 - at.column, 0  # counted in `raw`, from the entry's `@`
    for written, value in block.fields:
        name_at = raw.find(written, cursor)
        if name_at < 0:
            name_at = cursor
        value_at = raw.find(value, name_at + len(written)) if value else -1
        cursor = value_at + len(value) if value_at >= 0 else name_at + len(written)
        if newlines := raw.count("\n", counted, name_at):
            line += newlines
            line_start = raw.rfind("\n", counted, name_at) + 1
        counted = name_at
        position = Position(path, line, name_at - line_start + 1)
        name = written.lower()
        if name in fields:
            first = fields[name].position
            failures.append(ParseFailure(position, f"field '{name}' of '{key}' is given again (first on line "
                                                   f"{first.line}); the first is used", "duplicate-field"))
            continue
        expanded, undefined = expand(value, strings)
        fields[name] = Field(name, expanded, position, undefined)
    return Entry(key, block.type, fields, at, raw)


def _failure(block: Block, place: _Places) -> ParseFailure:
    # cut at " Note:", where bibtexparser's own errors began a note (kept: a key may hold it)
    reason = _first_line(block.reason.split(" Note:")[0]) or "this block cannot be parsed"
    opened = _unclosed(block.raw)
    if opened is not None:
        what = "quotation mark" if block.raw[opened] == '"' else "'{'"
        return ParseFailure(place(block.offset + opened), f"the {what} opened here is never closed ({reason})")
    return ParseFailure(place(block.offset), reason)


def _parse_file(text: str, path: Path, strings: dict[str, str]) -> tuple[list[Entry], list[ParseFailure]]:
    """The entries and failures of one file, in file order; `strings` gains its macros."""
    blocks = split(blank_comments(text))
    place = _Places(text, path)
    entries: list[Entry] = []
    failures: list[ParseFailure] = []
    defined: dict[str, tuple[str, int]] = {}
    for block in blocks:  # in file order, so a macro may use the ones before it
        if block.kind == "string":
            name, value = block.key.lower(), expand(block.value, strings)[0]
            if name in defined and defined[name][0] != value:  # BibTeX and biber take the later one
                failures.append(ParseFailure(place(block.offset), f"@string '{block.key}' is defined again with "
                                             f"another value (first on line {defined[name][1]}); this one is used",
                                             "duplicate-string"))
            strings[name] = value
            defined.setdefault(name, (value, place(block.offset).line))
    last_entry_end = None
    for block in blocks:
        kind = block.kind
        if kind == "string":
            continue
        if kind == "entry":
            entry = _entry(block, place, strings, failures)
            if entry is not None:
                entries.append(entry)
            last_entry_end = (block.offset + len(block.raw) - 1, block.key)
            continue
        if kind == "failed":
            failures.append(_failure(block, place))
        elif kind == "comment" and last_entry_end:
            end, key = last_entry_end
            raw = block.raw
            if not raw.strip("}\n\r\t "):  # only braces: they close nothing
                failures.append(ParseFailure(place(block.offset + raw.index("}")),
                                             f"this '}}' closes nothing: entry '{key}' has ended before it"))
            elif _FIELDS_AFTER.search(raw):
                failures.append(ParseFailure(place(end), f"this '}}' ends entry '{key}', but more of its fields "
                                                         "follow: a '}' too many closes it early and they are lost"))
        last_entry_end = None
    return entries, failures


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
# a set takes every field of its first member but these (biber's set_inherit_from
# keeps annotation and shorthand; the rest would make the set an alias or a child)
_NOT_FROM_MEMBER = {"annotation", "shorthand", "ids", "entryset", "crossref", "xref"}


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


def split_keys(value: str) -> list[str]:
    """A list of keys as biber splits `ids` and `entryset`: on commas, spaces around dropped."""
    return [key for key in (part.strip() for part in value.split(",")) if key]


def alias_map(entries: Iterable[Entry]) -> dict[str, str]:
    """Each usable `ids` alias -> its entry's key. As biber: an alias that is the
    entry's own key, another entry's key or an alias already taken is skipped."""
    entries = list(entries)
    keys = {entry.key for entry in entries}
    aliases: dict[str, str] = {}
    for entry in entries:
        ids = entry.fields.get("ids")
        if ids is None or ids.inherited_from:
            continue
        for alias in split_keys(ids.value):
            if alias not in keys and alias not in aliases:
                aliases[alias] = entry.key
    return aliases


def inherit_sets(entries: list[Entry], aliases: dict[str, str]) -> list[Entry]:
    """`@set` entries with the fields of their first member, as biber gives them
    (for sorting and labels: the set itself prints as its members)."""
    by_key = {entry.key: entry for entry in entries}
    out = []
    for entry in entries:
        members = entry.fields.get("entryset") if entry.type == "set" else None
        first = next((by_key.get(aliases.get(k, k)) for k in split_keys(members.value)), None) if members else None
        if first is None or first is entry:
            out.append(entry)
            continue
        fields = dict(entry.fields)
        for name, field in first.fields.items():
            if name not in fields and name not in _NOT_FROM_MEMBER:
                fields[name] = Field(name, field.value, field.position, field.undefined,
                                     field.inherited_from or first.key)
        # the member's type too, so that a processor formats the set's item as it
        # formats the member (biber's internal name for it)
        fields.setdefault("entrytype", Field("entrytype", first.type, first.position, (), first.key))
        out.append(Entry(entry.key, entry.type, fields, entry.position, entry.raw))
    return out


def set_members(bib: Bibliography) -> dict[str, tuple[str, ...]]:
    """Each `@set`'s members that exist (aliases resolved), in `entryset` order."""
    keys = bib.by_key()
    out = {}
    for entry in bib.entries:
        field = entry.fields.get("entryset")
        if entry.type == "set" and field is not None:
            resolved = (bib.aliases.get(k, k) for k in split_keys(field.value))
            out[entry.key] = tuple(dict.fromkeys(k for k in resolved if k in keys and k != entry.key))
    return out


def parse_bibliographies(sources: list[tuple[Path, str]], failures: Iterable[ParseFailure] = ()) -> Bibliography:
    """Several files (path, text), in order, as one bibliography; `failures`: problems
    found while reading them."""
    strings: dict[str, str] = {}
    found: list[Entry] = []
    failed = list(failures)
    for path, text in sources:
        entries, problems = _parse_file(text, path, strings)
        found += entries
        failed += problems
    first: dict[str, Entry] = {}
    duplicates = []
    for entry in found:
        if entry.key in first:
            duplicates.append(entry)
        else:
            first[entry.key] = entry
    entries = inherit_crossrefs(list(first.values()))
    aliases = alias_map(entries)
    paths = tuple(path for path, _ in sources)
    return Bibliography(paths[0] if paths else Path(), tuple(inherit_sets(entries, aliases)), tuple(duplicates),
                        tuple(failed), strings, paths=paths, aliases=aliases)


def parse_bibliography(text: str, path: Path) -> Bibliography:
    return parse_bibliographies([(path, text)])


def _read(root: Path, relpath: Path) -> tuple[str, ParseFailure | None]:
    """A bibliography file's text. One that is not UTF-8 (or holds a NUL) is still read,
    each bad byte as U+FFFD, so the rest of it is checked; the failure says where."""
    try:
        return read_text(root, relpath, "bibliography"), None
    except Refused as why:
        if not why.line:  # outside the project, missing, not a file, too large: not read at all
            raise
        data = confined(root, relpath, "bibliography").read_bytes()
        text = data.decode("utf-8", "replace").replace("\x00", "\ufffd").removeprefix("\ufeff")
        return text, ParseFailure(Position(relpath, why.line, why.column),
                                  f"{why.reason} (read with each bad byte as U+FFFD)", "refused-source")


def load_bibliography(root: Path, relpaths: Path | Iterable[Path]) -> Bibliography:
    """The bibliography files, each read only when it is a regular file inside the
    project (else Refused, naming it)."""
    relpaths = [relpaths] if isinstance(relpaths, Path) else list(relpaths)
    sources, failures = [], []
    for relpath in relpaths:
        text, failure = _read(root, relpath)
        sources.append((relpath, text))
        if failure is not None:
            failures.append(failure)
    return parse_bibliographies(sources, failures)
