"""Formulas an edition cannot show (`math`), each at its place in its section.

Each formula is converted as the build converts it (toolkit/formulas.py:
pandoc's TeX reader, one run for the whole project) and typeset as the print
edition typesets it (ziamath), so what the check passes every edition shows,
and what it reports no edition shows as raw TeX: the build prints a marker.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..formulas import convert, diagnostic, find, unconvertible
from ..model import Project
from ..typography import line_col


def _untypeset(mathml: str) -> str:
    """Why the print edition cannot typeset a converted formula; "" when it can."""
    from ..engines import ziamath

    try:
        ziamath.typeset(mathml)
    except ziamath.TypesetError as exc:
        return str(exc)
    return ""


def check(project: Project) -> list[Diagnostic]:
    found = [(section, formula) for manuscript in project.manuscripts.values()
             for section in manuscript.sections for formula in find(section.text)]
    if not found:
        return []
    converted = convert(formula.key for _, formula in found)
    out = []
    for section, formula in found:
        done = converted[formula.key]
        if done.mathml is None:
            out.append(unconvertible(section.path, section.text, formula, done))
        elif why := _untypeset(done.mathml):
            out.append(diagnostic(section.path, *line_col(section.text, formula.offset), formula.tex,
                                  f"typeset for the print edition ({why})"))
    return out
