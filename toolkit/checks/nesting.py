"""Brackets and inline HTML tags nested deeper than pandoc parses in reasonable time.

pandoc's Markdown reader backtracks over every open `[` and `<span>`: each
level of nesting multiplies its time. Measured with pandoc 3.9: one
`[[[[[[a]]]]]]` (6 levels) takes 36 ms, 8 levels 0.33 s, 12 levels 30 s (three
times as long per level); open brackets or `<span>`s double it per level (16
open brackets 1.2 s, 20 open spans 19 s; 29 open brackets an hour or more).
Nothing in an article needs more than a few levels (a citation in a link in a
span in a footnote is 4), so deeper than MAX_DEPTH is an error, found before
pandoc runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Project
from ..typography import line_col

MAX_DEPTH = 6
# escapes and code spans are read first, so `\[` and `[` inside code are not openers
_TOKEN = re.compile(r"\\[\s\S]|`+|<!--|[\[\]]|<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*?(/?)>")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HINT = ("write fewer levels (a literal bracket can be escaped as \\[); "
        f"pandoc's time multiplies with every level beyond {MAX_DEPTH}")


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each run of non-blank lines outside fenced code."""
    offset, start, lines, fence = 0, 0, [], ""
    for line in text.splitlines(keepends=True):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = ""
        elif opened:
            if lines:
                yield start, "".join(lines)
            lines, fence = [], opened.group(1)
        elif line.strip():
            if not lines:
                start = offset
            lines.append(line)
        elif lines:
            yield start, "".join(lines)
            lines = []
        offset += len(line)
    if lines and not fence:
        yield start, "".join(lines)


def _closers(paragraph: str) -> dict[int, int]:
    """For each backtick run, where the run that closes its code span ends (absent: none does)."""
    ends, later = {}, {}
    for run in reversed(list(re.finditer(r"`+", paragraph))):
        if (close := later.get(len(run.group()))) is not None:
            ends[run.start()] = close
        later[len(run.group())] = run.end()
    return ends


def _depths(paragraph: str) -> Iterator[tuple[int, int]]:
    """(offset, depth) after each bracket or tag, outside code spans and comments."""
    closers, skip, comments = _closers(paragraph), 0, True
    brackets, tags = 0, []
    for token in _TOKEN.finditer(paragraph):
        text = token.group()
        if token.start() < skip or text.startswith("\\"):
            continue
        if text.startswith("`"):
            skip = closers.get(token.start(), skip)
            continue
        if text == "<!--":
            end = paragraph.find("-->", token.end()) if comments else -1
            comments = end >= 0  # once one is unclosed, so are all after it
            skip = end + 3 if comments else len(paragraph)
            continue
        if text == "[":
            brackets += 1
        elif text == "]":
            brackets = max(brackets - 1, 0)
        elif token.group(1):  # a closing tag closes its latest opening
            name = token.group(2).lower()
            if name in tags:
                del tags[len(tags) - 1 - tags[::-1].index(name)]
        elif not token.group(3) and token.group(2).lower() not in _VOID:
            tags.append(token.group(2).lower())
        yield token.start(), brackets + len(tags)


def too_deep(text: str) -> Iterator[tuple[int, int]]:
    """(offset, deepest level) for each paragraph of `text` nesting deeper than MAX_DEPTH;
    the offset is that of the opener that first goes past it."""
    for start, paragraph in _paragraphs(text):
        first, deepest = None, 0
        for offset, depth in _depths(paragraph):
            if depth > MAX_DEPTH and first is None:
                first = start + offset
            deepest = max(deepest, depth)
        if first is not None:
            yield first, deepest


def _message(depth: int) -> str:
    return f"brackets and HTML tags nest {depth} levels deep here (at most {MAX_DEPTH}): pandoc would take too long"


def check(project: Project) -> list[Diagnostic]:
    found = []
    for manuscript in project.manuscripts.values():
        for section in manuscript.sections:
            for offset, depth in too_deep(section.text):
                line, column = line_col(section.text, offset)
                found.append(Diagnostic(section.path, line, column, Severity.ERROR, "deep-nesting",
                                        _message(depth), HINT))
    for language, meta in project.metadata.languages.items():
        for field, values in (("title", [meta.title]), ("short-title", [meta.short_title]),
                              ("abstract", [meta.abstract]), ("keywords", list(meta.keywords))):
            for value in values:
                for _, depth in too_deep(value or ""):
                    pos = meta.positions.get(field) or meta.positions["language"]
                    found.append(Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "deep-nesting",
                                            f"{language} {field}: {_message(depth)}", HINT))
    return found
