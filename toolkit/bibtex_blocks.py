"""Split BibTeX text into blocks: entries, `@string`s, failures, comments.

The rules are bibtexparser 2.1's splitter's, kept exactly (its blocks, its
raw texts, its messages, where it gives up and where it starts again), so
that every diagnostic stays where it was; see README, "Positions". That
splitter stops at every mark — a `@type{` or `@type(`, a brace, a quote, a
comma, an `=`, a newline, the `)` of a `(` block — and so spent most of a
journal archive's check in Python. Here each state searches, with one
compiled pattern, only for the marks that can change it: inside a braced
value the braces, inside a quoted value the quote, and everywhere a block
start (a new block at the start of a line ends a value never closed); and
most fields are read whole, in one match.

Offsets are in the text given; each block knows its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_START = r"@\w*[ \t]*(?=[{(])"  # a block start: the brace or parenthesis after it is a mark of its own
_BLOCK_START = re.compile(_START)


def _marks(chars: str) -> re.Pattern:
    """Unescaped `chars` or a block start."""
    return re.compile(rf"(?<!\\)[{re.escape(chars)}]|{_START}")


# per closing delimiter: the marks each state reacts to (any other mark changes nothing there)
_ANY = {"}": _marks('{}",='), ")": _marks('{}",=)')}
_VALUE = {"}": _marks('{}",'), ")": _marks('{",)')}  # a `}` at a value's top level ends only a `{` block
_BRACED, _QUOTED = _marks("{}"), _marks('"')
_TO_CLOSING = {("}", False): _marks("{}"), ("}", True): _marks("{}"), (")", False): _marks("{})"),
               (")", True): _marks('{}")')}

# A field of a `{` block as most are written — its name, `=`, a value of plain text, quoted
# strings and braced groups (three deep) with no `@` or backslash, then `,` or `}` — read in
# one match. The marks in it are then only those the states above would meet, in the same
# order, so it ends where they end; anything else is read mark by mark.
_IN_BRACES = r"(?:[^{}@\\]++|\\[^{}@\\])"
_GROUP = rf"\{{(?:{_IN_BRACES}|\{{(?:{_IN_BRACES}|\{{{_IN_BRACES}*+\}})*+\}})*+\}}"
_QUOTE = r'"[^"@\\]*+(?<!\{)"'  # never {"} at the closing quote: that quote stays inside
_PLAIN_FIELD = re.compile(rf'([^{{}}",=@\\]*+)=((?:[^{{}}",@\\]++|{_QUOTE}|{_GROUP})*+)([,}}])')


@dataclass(frozen=True)
class Block:
    """One block. `kind`: "entry", "string", "failed", "comment" (text between blocks)
    or "other" (`@comment`, `@preamble`)."""

    kind: str
    offset: int  # of the `@` (of the first character, for text between blocks)
    raw: str
    type: str = ""  # an entry's type, lower-case
    key: str = ""  # an entry's key, a macro's name as written
    value: str = ""  # a macro's value as written
    fields: tuple[tuple[str, str], ...] = ()  # an entry's (name, value) pairs as written, in order
    reason: str = ""  # why a block failed


class _Aborted(Exception):
    def __init__(self, reason: str, end: int):
        self.reason, self.end = reason, end


class _Splitter:
    def __init__(self, text: str):
        self.s = "\n" + text  # as bibtexparser, which allows a block start only after a newline
        self.pos = 0  # where the next search starts
        self.back: re.Match | None = None  # a mark read and put back
        self.last = 0  # where the last mark read starts
        self.closing = "}"

    def mark(self, pattern: re.Pattern) -> re.Match:
        if self.back is not None:
            found, self.back = self.back, None
        else:
            found = pattern.search(self.s, self.pos)
            if found is None:
                self.last = self.pos = len(self.s)
                raise _Aborted("Unexpectedly reached end of file.", len(self.s))
            self.pos = found.end()
        self.last = found.start()
        return found

    def at_line_start(self, at: int) -> bool:
        before = self.s[self.s.rfind("\n", 0, at) + 1:at]
        return not before or before.isspace()

    def blocks(self) -> list[Block]:
        s, out = self.s, []
        comment_start = 0
        while True:
            start = _BLOCK_START.search(s, self.pos)
            self._comment(out, comment_start, start.start() if start else len(s))
            if start is None:
                return out
            self.closing = ")" if s[start.end()] == "(" else "}"
            self.pos, self.last, self.back = start.end() + 1, start.end(), None  # past the `{` or `(`
            name = start.group().lower()
            try:
                out.append(self._block(start, name))
            except _Aborted as aborted:
                out.append(Block("failed", start.start() - 1, s[start.start():aborted.end], reason=aborted.reason))
            comment_start = self.last + 1
            if self.back is not None:
                self.pos, self.back = self.back.start(), None

    def _comment(self, out: list[Block], start: int, end: int) -> None:
        text = self.s[start:end]
        stripped = text.strip()
        if stripped:
            out.append(Block("comment", start + len(text) - len(text.lstrip()) - 1, stripped))

    def _block(self, start: re.Match, name: str) -> Block:
        s, at = self.s, start.start()
        if name.startswith("@comment"):
            end = self._to_closing(False)
            return Block("other", at - 1, s[at:end + 1])
        if name.startswith("@preamble"):
            end = self._to_closing(True)
            return Block("other", at - 1, s[at:end + 1])
        if name.startswith("@string"):
            equals = self.mark(_ANY[self.closing])
            if equals.group() != "=":
                self.back = equals
                raise _Aborted(f"Expected equals sign after field key, but found {equals.group()}", equals.end())
            end = self._to_closing(True)
            return Block("string", at - 1, s[at:end + 1], key=s[start.end() + 1:equals.start()].strip(),
                         value=s[equals.end():end].strip())
        comma = self.mark(_ANY[self.closing])
        if comma.group() == self.closing:
            fields, end = (), comma.end()
        elif comma.group() != ",":
            self.back = comma
            raise _Aborted(f"Expected comma after entry key, but found {comma.group()}", comma.end())
        else:
            fields, end = self._fields(comma.end())
        return Block("entry", at - 1, s[at:end], type=name[1:].strip(),
                     key=s[start.end() + 1:comma.start()].strip(), fields=fields)

    def _fields(self, name_start: int) -> tuple[tuple[tuple[str, str], ...], int]:
        s, fields = self.s, []
        closing, any_mark = self.closing, _ANY[self.closing]
        plain = _PLAIN_FIELD.match if closing == "}" else None
        while True:
            while plain and self.back is None and (found := plain(s, name_start)):
                name, value, end = found.groups()
                fields.append((name.strip(), value.strip()))
                name_start = self.pos = found.end()
                self.last = name_start - 1
                if end == "}":
                    return tuple(fields), name_start
            equals = self.mark(any_mark)
            if equals.group() == closing:
                dangling = s[name_start:equals.start()].strip()
                if dangling:
                    raise _Aborted(f"Expected a `=` after entry key `{dangling}`, but found the end of the "
                                   f"entry (`{closing}`).", equals.end())
                return tuple(fields), equals.end()
            if equals.group() != "=":
                self.back = equals
                raise _Aborted(f"Expected a `=` after entry key, but found `{equals.group()}`.", equals.start())
            after = self._value_end()
            fields.append((s[name_start:equals.start()].strip(), s[equals.end():after.start()].strip()))
            if after.group() == closing:
                return tuple(fields), after.end()
            name_start = after.end()

    def _value_end(self) -> re.Match:
        """The `,` or closing delimiter after a field's value (read: the next field asks again)."""
        value = _VALUE[self.closing]
        while True:
            found = self.mark(value)
            char = found.group()
            if char == '"':
                self._quoted()
            elif char == "{":
                self._braced()
            elif char == "," or char == self.closing:
                return found
            elif char[0] == "@" and self.at_line_start(found.start()):
                self._new_block(found, f"`,` or `{self.closing}`")

    def _quoted(self) -> None:
        s = self.s
        while True:
            found = self.mark(_QUOTED)
            at = found.start()
            if found.group() == '"':
                if not (at + 2 < len(s) and s[at - 1] == "{" and s[at + 1] == "}"):  # {"} is a quote inside
                    return
            elif self.at_line_start(at):
                self._new_block(found, '`"`')

    def _braced(self) -> None:
        depth = 1
        while True:
            found = self.mark(_BRACED)
            char = found.group()
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if not depth:
                    return
            elif self.at_line_start(found.start()):
                self._new_block(found, "`}`")

    def _new_block(self, found: re.Match, looking_for: str) -> None:
        self.back = found
        raise _Aborted(f"Unexpected block start: `{found.group()}`. Was still looking for field-value closing "
                       f"{looking_for} ", found.start() - 1)

    def _to_closing(self, track_quotes: bool) -> int:
        """The closing delimiter of a `@comment`, `@preamble` or `@string`, past nested braces."""
        closing = self.closing
        pattern = _TO_CLOSING[closing, track_quotes]
        depth, quoted = 0, False
        while True:
            found = self.mark(pattern)
            char = found.group()
            if char == "{":
                depth += 1
            elif char == "}" and depth:
                depth -= 1
            elif depth:
                if char[0] == "@" and self.at_line_start(found.start()):
                    self._closing_lost(found)
            elif char == '"':
                quoted = not quoted
            elif char == closing and not quoted:
                return found.start()
            elif char[0] == "@" and self.at_line_start(found.start()):
                self._closing_lost(found)

    def _closing_lost(self, found: re.Match) -> None:
        self.back = found
        raise _Aborted(f"Unexpected block start: `{found.group()}`. Was still looking for closing bracket",
                       found.start() - 1)


def split(text: str) -> list[Block]:
    """The blocks of a BibTeX text, in order."""
    return _Splitter(text).blocks()
