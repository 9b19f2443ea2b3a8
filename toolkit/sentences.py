"""A paragraph's sentences and notes, read from its Markdown.

The parity check counts sentences to find one a translation dropped or merged,
so a period that does not end a sentence must not be taken for one that does:
abbreviations (the language's list in numbers.yaml), initials ("İ. İnönü"),
decimals ("1.5"), ordinals where the language writes them with a period
("19. yüzyıl"), and anything inside brackets, notes, math, code, comments or
attributes (`[@key, p. 5]`, `^[…]`, `$x.y$`). A sentence ends at `.`, `!`,
`?` or `…` (with any closing quotation marks and brackets after it) followed
by a space and a capital letter or a digit; a citation right after the period
stays with the sentence it follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .markdown_code import code_ranges
from .vocabulary import Vocabulary, vocabulary

MASK = "\0"
_TERMINATORS = ".!?…"
_CLOSERS = "\"'”’»)]*_"
_OPENERS = "\"'“‘„«(*_—–-"
_ROMAN = re.compile(r"[IVXLC]+")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_MATH = re.compile(r"\$\$.+?\$\$|\$(?=\S)[^$]*?(?<=\S)\$(?!\d)", re.S)
# spans whose place right after a sentence's period keeps them with that sentence
_ATTACHED = re.compile(r"\^\[|\[-?@|<!--|\{|\[\^")
_NOTE = re.compile(r"(?<!\\)\^\[|\[\^[^\]\s]+\](?!:)")


@dataclass(frozen=True)
class Sentence:
    text: str  # as written, notes included
    start: int  # offset in the paragraph's text
    end: int
    weight: int  # letters and digits outside notes, citations and markup: its length for alignment


def _closing(text: str, start: int, opener: str, closer: str) -> int:
    """The offset after the bracket matching the one at `start` (the text's end if none)."""
    depth, i = 0, start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == opener:
            depth += 1
        elif text[i] == closer:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def notes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each note: an inline `^[…]` or a reference `[^id]`."""
    found, at = [], 0
    while m := _NOTE.search(text, at):
        end = _closing(text, m.start() + 1, "[", "]") if m.group(0) == "^[" else m.end()
        found.append((m.start(), end))
        at = end
    return found


def masked(text: str) -> str:
    """The text, as long as it was, with everything no sentence ends in replaced by MASK."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        chars[start:end] = MASK * (end - start)

    for start, end in code_ranges(text):
        blank(start, end)
    for pattern in (_COMMENT, _MATH, _TAG):
        for m in pattern.finditer("".join(chars)):
            if MASK not in m.group(0):
                blank(m.start(), m.end())
    current = "".join(chars)
    i = 0
    while i < len(current):
        c = current[i]
        if c == "\\":
            blank(i, min(i + 2, len(current)))
            i += 2
            continue
        if c in "[{":
            start = i - 1 if c == "[" and i and current[i - 1] in "^!" else i
            end = _closing(current, i, c, "]" if c == "[" else "}")
            while c == "[" and end < len(current) and current[end] in "({":  # a link's target, attributes
                end = _closing(current, end, current[end], ")" if current[end] == "(" else "}")
            blank(start, end)
            i = end
            continue
        i += 1
    return "".join(chars)


def _ends_here(m: str, i: int, vocab: Vocabulary) -> bool:
    """Whether the period at `i` may end a sentence, judged by the word before it."""
    token = re.search(r"[^\s" + MASK + r"]*$", m[:i]).group(0).lstrip(_OPENERS)
    if not token:
        return True
    if len(token) == 1 and token.isupper():  # an initial
        return False
    if vocab.is_abbreviation(token + "."):
        return False
    return not (vocab.ordinal_dot and (token.isdigit() or _ROMAN.fullmatch(token)))


@lru_cache(maxsize=4096)
def split(text: str, language: str) -> tuple[Sentence, ...]:
    """The paragraph's sentences, in order; one for a paragraph with no sentence end."""
    vocab = vocabulary(language)
    m = masked(text)
    bounds, start, i, n = [], 0, 0, len(text)
    while i < n:
        if m[i] not in _TERMINATORS:
            i += 1
            continue
        j = i
        while j < n and m[j] in _TERMINATORS:
            j += 1
        while j < n and m[j] in _CLOSERS:
            j += 1
        ends = any(m[k] in "!?…" for k in range(i, j)) or _ends_here(m, i, vocab)
        # a note, citation or comment right after the period stays with this sentence
        k, spaced = j, False
        while ends and k < n:
            if m[k].isspace():
                k, spaced = k + 1, True
            elif m[k] == MASK and _ATTACHED.match(text, k):
                while k < n and m[k] == MASK:
                    k += 1
            else:
                break
        if ends and spaced and k < n:
            p = k
            while p < n and m[p] in _OPENERS:
                p += 1
            if p < n and (m[p].isupper() or m[p].isdigit() or m[p] == MASK):
                bounds.append((start, k))
                start = k
        i = j
    bounds.append((start, n))
    found = []
    for a, b in bounds:
        piece = text[a:b]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            weight = sum(ch.isalnum() for ch in m[a:b])
            found.append(Sentence(piece.strip(), a + lead, a + lead + len(piece.strip()), weight))
    return tuple(found)
