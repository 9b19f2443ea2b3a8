"""Formulas an edition cannot show (`math`), each at its place in its section.

Each formula is converted as the build converts it (toolkit/formulas.py:
pandoc's TeX reader, one run for the whole project) and typeset as the print
edition typesets it (ziamath), so what the check passes every edition shows,
and what it reports no edition shows as raw TeX: the build prints a marker.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..formulas import convert, diagnostic, find
from ..front_matter import markdown_fields
from ..model import Project
from ..typography import line_col


def untypeset(mathml: list[str | None]) -> dict[str, str]:
    """Why the print edition cannot typeset each converted formula ("" when it can): all
    typeset at once, as the print edition will use them."""
    if not any(m is not None for m in mathml):
        return {}  # ziamath not even imported
    from ..engines import ziamath

    ziamath.typeset_all(m for m in mathml if m is not None)
    out = {}
    for m in mathml:
        if m is None:
            continue
        try:
            ziamath.typeset(m)
            out[m] = ""
        except ziamath.TypesetError as exc:
            out[m] = str(exc)
    return out


def _found(project: Project) -> list[tuple]:
    """(path, line and column of the text's start or None, text, formula) of every formula;
    a field of article.yaml is placed at its name."""
    found = [(section.path, None, section.text, formula) for manuscript in project.manuscripts.values()
             for section in manuscript.sections for formula in find(section.text)]
    return found + [(pos.path, (pos.line, pos.column), text, formula) for pos, text in markdown_fields(project)
                    for formula in find(text, code=False)]


def _place(at, text: str, formula) -> tuple[int, int]:
    return at or line_col(text, formula.offset)


def check(project: Project) -> list[Diagnostic]:
    """Formulas pandoc cannot convert."""
    found = _found(project)
    converted = convert(formula.key for *_, formula in found) if found else {}
    return [diagnostic(path, *_place(at, text, formula), formula.tex, f"converted ({done.error})")
            for path, at, text, formula in found if (done := converted[formula.key]).mathml is None]


def typeset_check(project: Project) -> list[Diagnostic]:
    """Converted formulas the print edition cannot typeset. The one check that waits on
    ziamath: a build runs it last, so the typesetting it started ahead
    (formulas.typeset_ahead) runs while the editions are prepared."""
    found = _found(project)
    converted = convert(formula.key for *_, formula in found) if found else {}
    why = untypeset([c.mathml for c in converted.values()])
    return [diagnostic(path, *_place(at, text, formula), formula.tex, f"typeset for the print edition ({reason})")
            for path, at, text, formula in found
            if (done := converted[formula.key]).mathml is not None and (reason := why[done.mathml])]
