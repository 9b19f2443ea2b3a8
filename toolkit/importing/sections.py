"""A manuscript's body cut into sections at its top-level headings.

Each section keeps its text exactly as written, heading first; headings inside
code (an R chunk's `# comment`) do not cut. A trailing "References" heading
with nothing under it (or only pandoc's `::: {#refs}` placeholder) is dropped:
every edition places its reference list at the end itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..markdown_code import code_ranges, outside_code

_ATX = re.compile(r"^#(?!#)[ \t]+(?P<title>.*?)(?:[ \t]+#+)?[ \t]*$|^#[ \t]*$", re.M)
_SETEXT = re.compile(r"^(?P<title>[^\n]*\S[^\n]*)\n=+[ \t]*$", re.M)
_ATTRIBUTES = re.compile(r"\s*\{[^{}]*\}\s*$")
_REFS_PLACEHOLDER = re.compile(r"(?:::+\s*\{#refs[^}]*\}\s*::+|<div\s+id=[\"']refs[\"'][^>]*>\s*</div>)", re.S)
REFERENCE_HEADINGS = ("references", "bibliography", "reference list", "works cited", "literature cited",
                      "literature")


@dataclass
class Section:
    title: str  # the heading's text, without its attributes; "" for text before the first heading
    text: str  # heading first, as written
    line: int  # the heading's line in the body, 1-based


def split_sections(body: str) -> list[Section]:
    ranges = code_ranges(body)
    starts = sorted({(m.start(), m.group("title") or "") for m in _ATX.finditer(body)
                     if outside_code(body, m.start(), ranges)}
                    | {(m.start(), m.group("title")) for m in _SETEXT.finditer(body)
                       if outside_code(body, m.start(), ranges) and _setext_opens(body, m.start())})
    cuts = [(0, "")] + [s for s in starts if s[0] > 0] if not starts or starts[0][0] > 0 else starts
    sections = []
    for n, (start, title) in enumerate(cuts):
        end = cuts[n + 1][0] if n + 1 < len(cuts) else len(body)
        text = body[start:end].strip("\n")
        if text.strip():
            sections.append(Section(_ATTRIBUTES.sub("", title).strip(), text + "\n", body.count("\n", 0, start) + 1))
    return sections


def _setext_opens(body: str, at: int) -> bool:
    """A setext heading's text is a paragraph of its own: a blank line (or the start) before it."""
    return at == 0 or body[:at].endswith("\n\n") or body[:at].strip() == ""


def empty_references(section: Section) -> bool:
    """A "References" heading with nothing under it but pandoc's placeholder for the list."""
    if section.title.strip().lower().rstrip(":") not in REFERENCE_HEADINGS:
        return False
    rest = section.text.split("\n", 1)[1] if "\n" in section.text else ""
    if section.text.split("\n", 1)[0].strip() and re.match(r"=+\s*$", rest.split("\n", 1)[0]):
        rest = rest.split("\n", 1)[1] if "\n" in rest else ""  # a setext heading's underline
    return not _REFS_PLACEHOLDER.sub("", rest).strip()


def first_paragraph(section: Section) -> str:
    """The first paragraph of prose under the heading (no image, list, table or code)."""
    rest = section.text.split("\n", 1)[1] if "\n" in section.text else ""
    for block in re.split(r"\n[ \t]*\n", rest):
        block = block.strip()
        if block and not re.match(r"(!\[|[-*+|:>]\s|\d+\.\s|```|~~~|<|\$\$|=+$)", block):
            return block
    return ""
