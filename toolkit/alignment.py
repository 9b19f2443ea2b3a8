"""Which sentences of a translated paragraph render which sentences of its original.

When the counts differ, the cheapest alignment says where: a sentence with no
counterpart (dropped or added), two sentences rendered as one (merged) or one
as two (split). Sentences are compared by their length, scaled by how much
longer the translation runs overall, and by what they must keep: their numbers
and citations (Gale and Church's method, with those features added).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

# cost of each kind of bead besides the mismatch it leaves; a sentence left
# without a counterpart costs more than two joined, which costs more than none
_PRIOR = {(1, 1): 0.0, (2, 1): 0.7, (1, 2): 0.7, (1, 0): 1.0, (0, 1): 1.0}
# the cost of lengths that differ, per square root of their length (the spread
# of a translation's lengths grows with the length, as Gale and Church found)
_LENGTH = 0.5
_NAMES = 0.2  # a name more or less: translations reword, so it weighs less than a number


@dataclass(frozen=True)
class Unit:
    """What alignment needs of a sentence."""
    weight: int  # its length in letters and digits
    features: Counter  # its numbers and citations
    names: int = 0  # its words with a capital letter, the first one aside: names keep theirs


@dataclass(frozen=True)
class Bead:
    """Original sentences `original` rendered by translated sentences `translation` (index ranges)."""
    original: range
    translation: range

    @property
    def kind(self) -> tuple[int, int]:
        return len(self.original), len(self.translation)


def _cost(original: list[Unit], translation: list[Unit], ratio: float) -> float:
    if not original or not translation:
        return _PRIOR[(len(original), len(translation))] + sum(
            sum(u.features.values()) for u in original + translation)
    w_o = sum(u.weight for u in original) * ratio
    w_t = sum(u.weight for u in translation)
    f_o = sum((u.features for u in original), Counter())
    f_t = sum((u.features for u in translation), Counter())
    mismatch = sum((f_o - f_t).values()) + sum((f_t - f_o).values())
    names = abs(sum(u.names for u in original) - sum(u.names for u in translation))
    return (_PRIOR[(len(original), len(translation))] + _LENGTH * abs(w_t - w_o) / math.sqrt(max(w_t + w_o, 1))
            + mismatch + _NAMES * names)


def align(original: list[Unit], translation: list[Unit], ratio: float = 1.0) -> list[Bead]:
    """The cheapest alignment of the two paragraphs' sentences, in order.
    `ratio` is how long the translation runs for one letter of the original."""
    n, m = len(original), len(translation)
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0):
                continue
            options = []
            for di, dj in _PRIOR:
                if i >= di and j >= dj and (i - di, j - dj) in best:
                    cost = best[(i - di, j - dj)][0] + _cost(original[i - di:i], translation[j - dj:j], ratio)
                    options.append((cost, (di, dj)))
            if options:
                best[(i, j)] = min(options)
    beads, (i, j) = [], (n, m)
    while (i, j) != (0, 0):
        di, dj = best[(i, j)][1]
        beads.append(Bead(range(i - di, i), range(j - dj, j)))
        i, j = i - di, j - dj
    return beads[::-1]
