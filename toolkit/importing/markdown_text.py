"""Places in Markdown text an import may rewrite: outside code, and its images.

The reader rewrites the source's own text (labels, image paths) rather than a
pandoc round trip, so every other character stays as the author wrote it. Code
(fenced blocks and inline spans) is never rewritten: it shows LaTeX and
Markdown as text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..markdown_code import code_ranges, outside_code


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
