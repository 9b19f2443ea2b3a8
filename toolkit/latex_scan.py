r"""What decoding a field's LaTeX reports, found where possible without parsing it.

The `latex-*` check decodes every printed field with a backslash or a `$`,
and pylatexenc's walker reads a field one character at a time: on a journal
archive that was most of the check's time, for fields that report nothing
(accents, `\&`, logos) or only a command the toolkit does not know in plain
text (`\bioname{Pinus}`). Here a field is read command by command, as the
walker reads it — a backslash and the letters after it, or the one
character after it — and the walker runs only when the answer depends on
more: math, a command whose arguments are read otherwise, braces out of
balance. The answers are those of `toolkit.latex.decode`; tests/test_latex_scan.py
compares them on real bibliographies and generated fields.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import latex
from .latex import Problem

# commands the decoder prints, drops or passes through whatever follows them, never
# reporting one; `\char`, `\href`, `\nth`, `\cs`, `\tubissue` and `\ensuremath` may report
QUIET = frozenset().union(latex.ACCENTS, latex.LOGOS, latex.SPACES, latex.SILENT, latex.DROPPED, latex.STYLED,
                          latex.QUOTED, latex.CASES, latex.TRANSPARENT, latex.SWITCHES, latex.DIMENSIONED,
                          latex.SYMBOLS)
# quiet commands that decode their one argument as text, like the text around them
_DECODING_THEIR_ARGUMENT = frozenset().union(latex.ACCENTS, latex.STYLED, latex.CASES)
# commands the decoder treats itself, whatever the walker knows of them
_HANDLED = frozenset({"char", "href", "nth", "tubissue", "cs", "ensuremath", "begin", "end"})
_COMMAND_OR_BRACE = re.compile(r"[\\{}]")
_SPACES = re.compile(r"\s*")
_DEEPEST = 100  # braces nested deeper are left to the walker (Python's stack)


def _commands(value: str) -> list[tuple[int, str]] | None:
    """Each command (offset of its backslash, name) as the walker reads them; None when
    the braces are out of balance or nested deeper than _DEEPEST."""
    found, depth, at = [], 0, 0
    while (mark := _COMMAND_OR_BRACE.search(value, at)) is not None:
        at = mark.end()
        char = mark.group()
        if char == "\\":
            end = at + 1
            if value[at:end].isalpha():
                while end < len(value) and value[end].isalpha():
                    end += 1
            found.append((at - 1, value[at:end]))  # "" for a backslash at the end
            at = end
        elif char == "{":
            depth += 1
            if depth > _DEEPEST:
                return None
        else:
            depth -= 1
            if depth < 0:
                return None
    return found if depth == 0 else None


def may_report(value: str) -> bool:
    """Whether `decode(value)` may report a problem. False is certain: a problem comes
    only from math, from a command the decoder does not print as meant, or from a
    value the walker cannot read."""
    if "$" in value:
        return True
    commands = _commands(value)
    return commands is None or any(name not in QUIET and not name.isspace() for _, name in commands)


@lru_cache(maxsize=1024)
def _kind(name: str) -> str:
    """How the decoder takes a command: "plain" (no argument, nothing reported),
    "decoding" (one argument decoded as text), "unknown" (reported, the groups after
    it kept as text) or "other" (left to the walker)."""
    spec = latex._contexts()[0].get_macro_spec(name)
    argspec = getattr(spec.args_parser, "argspec", None) if spec is not None else ""
    if name in _HANDLED or name in latex.DIMENSIONED:
        return "other"
    if name in QUIET or name.isspace():
        if argspec == "":
            return "plain"
        return "decoding" if name in _DECODING_THEIR_ARGUMENT and argspec == "{" else "other"
    if spec is not None or not name.isalpha():
        return "other"
    return "plain" if latex._Decoder("", True).symbol(name) is not None else "unknown"


def _unknown_commands(value: str) -> tuple[Problem, ...] | None:
    """The problems of a value with no math whose commands are plain, decode their
    argument or are unknown in running text; None for any other value."""
    commands = _commands(value) if "$" not in value else None
    if commands is None:
        return None
    found = []
    for offset, name in commands:
        kind = _kind(name)
        after = _SPACES.match(value, offset + 1 + len(name)).end()
        if kind == "decoding":  # its argument: a character or a group, never a command read alone
            if after == len(value) or value[after] == "}":
                return None
            if value[after] == "\\" and _kind(_name_at(value, after)) != "plain":
                return None
        elif kind == "unknown":
            if "\n\n" in value[offset:after]:  # a paragraph break ends the command's spaces
                return None
            found.append(Problem(offset, "latex-macro", "\\" + name, with_argument=value[after:after + 1] == "{"))
        elif kind != "plain":
            return None
    return tuple(found)


def _name_at(value: str, at: int) -> str:
    end = at + 2
    if value[at + 1:end].isalpha():
        while end < len(value) and value[end].isalpha():
            end += 1
    return value[at + 1:end]


def problems(value: str) -> tuple[Problem, ...]:
    """The problems `toolkit.latex.decode(value)` reports."""
    if not may_report(value):
        return ()
    listed = _unknown_commands(value)
    return latex.decode(value).problems if listed is None else listed
