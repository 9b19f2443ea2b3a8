"""Where Markdown text holds code: fenced blocks and inline spans, as CommonMark reads them.

Code shows LaTeX, Markdown and dollar signs as text: no check looks for a
formula or a sentence's end in it, and no import rewrites it. One reading for
them all, so that what one calls code the others do too.
"""

from __future__ import annotations

import re
from typing import Callable

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)


def code_ranges(text: str) -> list[tuple[int, int]]:
    """Where the fenced code blocks and inline code spans are."""
    ranges, at = [], 0
    while (opening := _FENCE.search(text, at)) is not None:
        fence = opening.group(1)
        close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
        line_end = text.find("\n", opening.end())
        end_match = close.search(text, line_end + 1) if line_end >= 0 else None
        end = end_match.end() if end_match else len(text)
        ranges.append((opening.start(), end))
        at = end
    inline, start = [], 0
    for block_start, block_end in [*ranges, (len(text), len(text))]:
        inline += [(start + m.start(), start + m.end()) for m in _INLINE_CODE.finditer(text[start:block_start])]
        start = block_end
    return sorted(ranges + inline)


def outside_code(text: str, start: int, ranges: list[tuple[int, int]]) -> bool:
    return not any(a <= start < b for a, b in ranges)


def sub_outside_code(pattern: re.Pattern, replace: Callable[[re.Match], str], text: str) -> str:
    """`pattern.sub(replace, text)`, leaving code as it is."""
    ranges = code_ranges(text)
    return pattern.sub(lambda m: replace(m) if outside_code(text, m.start(), ranges) else m.group(0), text)


def blanked(text: str, ranges: list[tuple[int, int]], fill: str = " ") -> str:
    """`text` with the ranges replaced by `fill`, line ends kept (offsets and lines hold)."""
    chars = list(text)
    for start, end in ranges:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = fill
    return "".join(chars)
