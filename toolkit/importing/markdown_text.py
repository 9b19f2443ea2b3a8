"""Places in Markdown text an import may rewrite: outside code, and its images.

The reader rewrites the source's own text (labels, image paths) rather than a
pandoc round trip, so every other character stays as the author wrote it. Code
(fenced blocks and inline spans) is never rewritten: it shows LaTeX and
Markdown as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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


@dataclass
class Image:
    start: int  # of "!["
    end: int  # after ")" or the attributes' "}"
    caption: str
    target: str  # inside the parentheses: the path, maybe a title
    attributes: str  # inside the braces after it, "" when none

    def written(self) -> str:
        return f"![{self.caption}]({self.target})" + (f"{{{self.attributes.strip()}}}" if self.attributes.strip() else "")


def _closing(text: str, at: int, opening: str, closing: str) -> int:
    """The index of the bracket closing the one at `at`, skipping escaped and nested ones; -1 if none."""
    depth, i = 0, at
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return i
        elif char == "\n" and text.startswith("\n", i + 1):
            return -1  # a blank line ends the paragraph
        i += 1
    return -1


def images(text: str) -> list[Image]:
    """The Markdown images `![caption](target){attributes}` outside code, in order."""
    found, ranges, at = [], code_ranges(text), 0
    while (start := text.find("![", at)) >= 0:
        at = start + 2
        if not outside_code(text, start, ranges):
            continue
        close = _closing(text, start + 1, "[", "]")
        if close < 0 or not text.startswith("(", close + 1):
            continue
        end = _closing(text, close + 1, "(", ")")
        if end < 0:
            continue
        attributes, after = "", end + 1
        if text.startswith("{", after) and (brace := text.find("}", after)) > 0 and "\n\n" not in text[after:brace]:
            attributes, after = text[after + 1:brace], brace + 1
        found.append(Image(start, after, text[start + 2:close], text[close + 2:end], attributes))
        at = after
    return found


def image_path(target: str) -> tuple[str, str]:
    """The path of an image's target and what follows it (a title): `<a b.png> "T"` -> ("a b.png", ' "T"')."""
    target = target.strip()
    if target.startswith("<") and ">" in target:
        return target[1:target.index(">")], target[target.index(">") + 1:]
    path, _, rest = target.partition(" ")
    return path, (" " + rest) if rest else ""
