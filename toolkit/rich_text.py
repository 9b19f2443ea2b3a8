"""CSL rich text: the markup both citation processors read inside a CSL-JSON string.

pandoc's citeproc reads `<i>`, `<b>`, `<sc>`, `<sup>`, `<sub>` and
`<span class="nocase">` in a CSL-JSON string as formatting; citeproc-py reads
only the nocase span (its case protection) and prints the other tags as they
are. Neither decodes entities: `&amp;` would print as "&amp;" (pandoc even
title-cases it to "&Amp;"), so `&`, `<` and `>` are written as themselves. The
one thing that must not happen is a `<` in the text starting one of these
tags: such a `<` is put alone in a nocase span, which both print as "<".

Text is built as a small tree (`Tag` nodes over strings) and written out once,
so spaces can be collapsed across tags and empty tags dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TAGS = ("i", "b", "sc", "sup", "sub", "nocase")
NOCASE_OPEN, NOCASE_CLOSE = '<span class="nocase">', "</span>"
# what pandoc's citeproc would read as the start of a tag
_TAG_LIKE = re.compile(r"<(?=/?(?:i|b|sc|sup|sub|span)\b)", re.I)
_MARKUP = re.compile(r"</?(?:i|b|sc|sup|sub)>|<span class=\"nocase\">|</span>")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_END_SPACES = " \u00a0\u2009\u202f"  # no space of any width begins or ends a value


@dataclass
class Tag:
    name: str  # one of TAGS, or "math"
    children: list = field(default_factory=list)  # of str and Tag
    tex: str = ""  # math: the formula as written, its text (`children`) what a line of text shows


# A formula travels through pandoc's citeproc as one word it leaves alone: its TeX
# spelled in private-use characters between two markers, inside a nocase span.
# toolkit.formulas turns each such word of the rendered references back into a formula.
FORMULA_OPEN, FORMULA_CLOSE = "\ue000", "\ue001"
_PRIVATE = 0xF0000  # Supplementary Private Use Area-A: one code point per BMP character
FORMULA_WORD = re.compile(f"{FORMULA_OPEN}([\U000F0000-\U000FFFFD]*){FORMULA_CLOSE}")


def formula_word(tex: str) -> str | None:
    """The formula as one word for citeproc, or None when a character of it cannot be spelled."""
    if any(ord(ch) >= 0xFFFE for ch in tex):
        return None
    return FORMULA_OPEN + "".join(chr(_PRIVATE + ord(ch)) for ch in tex) + FORMULA_CLOSE


def formula_tex(spelled: str) -> str:
    """The TeX of a formula word's inside (the group `FORMULA_WORD` matches)."""
    return "".join(chr(ord(ch) - _PRIVATE) for ch in spelled)


def text_of(pieces: list) -> str:
    """The characters of a tree, without markup."""
    return "".join(p if isinstance(p, str) else text_of(p.children) for p in pieces)


def _normalise(pieces: list) -> list:
    """Runs of white space as one space, none at the ends; empty tags dropped."""
    leaves: list[tuple[list, int]] = []

    def collect(items: list) -> None:
        for i, item in enumerate(items):
            if isinstance(item, str):
                items[i] = _SPACES.sub(" ", item)
                leaves.append((items, i))
            else:
                collect(item.children)

    collect(pieces)
    started, previous_space = False, False
    for items, i in leaves:
        text = items[i]
        if not started:
            text = text.lstrip(_END_SPACES)
        elif previous_space:
            text = text.lstrip(" ")
        items[i] = text
        if text:
            started, previous_space = True, text.endswith(" ")
    for items, i in reversed(leaves):
        items[i] = items[i].rstrip(_END_SPACES)
        if items[i]:
            break
    return _prune(pieces)


def _prune(pieces: list) -> list:
    out: list = []
    for piece in pieces:
        if isinstance(piece, Tag):
            piece.children = _prune(piece.children)
            if not text_of(piece.children):
                continue
            if out and isinstance(out[-1], Tag) and out[-1].name == piece.name and piece.name not in ("nocase",
                                                                                                 "math"):
                out[-1].children.extend(piece.children)  # <i>n</i><i>k</i> -> <i>nk</i>
                continue
        elif not piece:
            continue
        out.append(piece)
    return out


def _escape(text: str, in_nocase: bool) -> str:
    if in_nocase:
        return _TAG_LIKE.sub(NOCASE_CLOSE + NOCASE_OPEN + "<" + NOCASE_CLOSE + NOCASE_OPEN, text)
    return _TAG_LIKE.sub(NOCASE_OPEN + "<" + NOCASE_CLOSE, text)


def _write(pieces: list, in_nocase: bool, formulas: bool) -> str:
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(_escape(piece, in_nocase))
        elif piece.name == "math" and formulas and (word := formula_word(piece.tex)):
            out.append(word if in_nocase else NOCASE_OPEN + word + NOCASE_CLOSE)
        elif piece.name == "math":
            out.append(_write(piece.children, in_nocase, formulas))
        elif piece.name == "nocase":
            inner = _write(piece.children, True, formulas)
            out.append(inner if in_nocase else NOCASE_OPEN + inner + NOCASE_CLOSE)
        else:
            out.append(f"<{piece.name}>{_write(piece.children, in_nocase, formulas)}</{piece.name}>")
    return "".join(out)


def render(pieces: list, markup: bool = True, formulas: bool = False) -> str:
    """The tree as CSL rich text, or as plain text when `markup` is false; with `formulas`,
    each formula as its word for citeproc (for the editions, which draw it) instead of as text."""
    pieces = _normalise(pieces)
    return _write(pieces, False, formulas) if markup else text_of(pieces)


def plain(rich: str) -> str:
    """CSL rich text as the text a reader sees: for places that take no markup (metadata, RIS)."""
    return _MARKUP.sub("", rich)


def plain_item(item: dict) -> dict:
    """A CSL item with every text as plain text: for exports that take no markup."""
    def strip(value):
        if isinstance(value, str):
            return plain(value)
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items()}
        return value

    return strip(item)
