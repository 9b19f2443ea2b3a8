"""SVG paths as PDF path operators: how the print edition draws a formula's glyph outlines.

WeasyPrint parses each number of an SVG path through its unit and percentage
rules; a formula's outlines (absolute M, L, Q, C and Z with plain numbers, as
ziamath writes them) are turned into PDF operators here instead, several times
faster. The formulas' typesetting (engines/ziamath.py) converts its paths where
it runs — on every core — and hands them over (`remember`), so the typesetter
(engines/weasyprint.py) only looks them up.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[MLQCZ]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PLAIN_PATH = re.compile(r"(?:[\s,]*[MLQCZ](?:[\s,]*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)*)*[\s,]*")
_ARGUMENTS = {"M": 2, "L": 2, "Q": 4, "C": 6, "Z": 0}


def _converted(d: str) -> bytes | None:
    """An SVG path of absolute M, L, Q, C and Z with plain numbers as PDF path operators
    (a quadratic curve as the cubic WeasyPrint makes of it); None for any other path.
    The numbers of a line or a cubic curve are written as the path has them: only a
    quadratic curve needs arithmetic (and a number with an exponent, which PDF has not)."""
    if not _PLAIN_PATH.fullmatch(d):
        return None
    exponents = "e" in d or "E" in d
    out: list[bytes] = []
    letter, args, first, start, x, y = "", [], True, None, 0.0, 0.0
    for token in _TOKEN.findall(d):
        if token in _ARGUMENTS:
            letter, first = token, True
            if letter == "Z" and start is not None:
                out.append(b"h")
                x, y = start
            continue
        if letter == "Z":
            return None
        args.append(token)
        if len(args) < _ARGUMENTS[letter]:
            continue
        if exponents:
            args = [f"{float(a):.2f}" for a in args]
        if letter == "M" and first:
            out.append(f"{args[0]} {args[1]} m".encode())
            start = float(args[0]), float(args[1])
        elif letter in "ML":
            out.append(f"{args[0]} {args[1]} l".encode())
        elif letter == "Q":
            qx, qy, ex, ey = map(float, args)
            out.append(b"%.2f %.2f %.2f %.2f %.2f %.2f c" % (
                x / 3 + qx * 2 / 3, y / 3 + qy * 2 / 3, qx * 2 / 3 + ex / 3, qy * 2 / 3 + ey / 3, ex, ey))
        else:
            out.append(f"{' '.join(args)} c".encode())
        x, y = float(args[-2]), float(args[-1])
        args, first = [], False
    return None if args else b"\n".join(out)


_known: dict[str, bytes | None] = {}  # for the run: each path converted once


def remember(converted: dict[str, bytes | None]) -> None:
    """Paths converted elsewhere (the typesetting's processes)."""
    _known.update(converted)


def pdf_operators(d: str) -> bytes | None:
    """The PDF operators of SVG path data `d`, None where WeasyPrint must draw it itself."""
    if d not in _known:
        if len(_known) > 65536:
            _known.clear()
        _known[d] = _converted(d)
    return _known[d]
