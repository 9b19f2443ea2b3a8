"""The gateway to ziamath: formulas typeset as the print edition draws them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from toolkit import formulas
from toolkit.engines import ziamath

TEX = [r"\frac{a}{b}", r"\sqrt{x+1}", r"\int_0^1 f(x)\,dx", r"\sum_{k=1}^{n} k^2", r"x_{i,j}", r"\alpha + \beta",
       r"\binom{n}{k}", r"\left(\frac{1}{2}\right)^3", r"e^{i\pi} = -1", r"\mathbb{R}^n", r"\hat{y}", r"a \leq b"]


def _mathml(tex: str) -> str:
    return formulas.convert([(tex, False)])[tex, False].mathml


def _unmerged(mathml: str) -> ET.Element:
    """ziamath's own drawing of a formula: a path per glyph."""
    engine = ziamath._engine()
    element = ziamath._adapted(ET.fromstring(mathml))
    font = str(ziamath.files("ziamath") / "fonts" / ziamath.FONT)
    return engine.Math(element, size=ziamath.SIZE, font=font, margin=0).svgxml()


@pytest.mark.parametrize("tex", TEX)
def test_a_formulas_glyphs_are_one_path_drawing_what_ziamath_draws(tex):
    mathml = _mathml(tex)
    merged = ET.fromstring(ziamath.typeset(mathml).svg)
    own = _unmerged(mathml)
    local = lambda e: e.tag.rsplit("}", 1)[-1]  # noqa: E731
    paths = [e for e in merged if local(e) == "path"]
    assert len(paths) == 1  # every glyph of the formula is painted alike
    assert paths[0].get("d").split() == " ".join(e.get("d") for e in own if local(e) == "path").split()
    assert [e.attrib for e in merged if local(e) == "rect"] == [e.attrib for e in own if local(e) == "rect"]
    assert {e.get("fill") for e in own} == {"black"}  # painted alike: the rules' order among them cannot show


def test_formulas_typeset_on_every_core_are_those_typeset_one_by_one():
    mathml = [_mathml(t) for t in TEX] + [_mathml(f"x^{{{n}}} + y_{{{n}}}") for n in range(30)]
    ziamath._done.clear()
    ziamath.typeset_all(mathml)  # more than _IN_PARALLEL: shared among processes where it can
    shared = {m: ziamath._done[m] for m in mathml}
    ziamath._done.clear()
    alone = {m: ziamath._typeset(m) for m in mathml}
    assert shared == alone


def test_a_formula_that_cannot_be_typeset_says_why_each_time():
    ziamath._done.clear()
    ziamath.typeset_all(["<math><mi>x</math>"] + [_mathml(f"z^{{{n}}}") for n in range(30)])
    for _ in range(2):
        with pytest.raises(ziamath.TypesetError, match="not well-formed"):
            ziamath.typeset("<math><mi>x</math>")


def test_glyph_outlines_become_pdf_path_operators_with_the_numbers_as_written():
    from toolkit.pdf_paths import _converted as _operators

    assert _operators("M 1.5 -2 L 3 4 C 1 2 3 4 5 6 Z") == b"1.5 -2 m\n3 4 l\n1 2 3 4 5 6 c\nh"
    # a quadratic curve as the cubic with the same shape: control points 2/3 of the way
    assert _operators("M 0 0 Q 3 3 6 0") == b"0 0 m\n2.00 2.00 4.00 2.00 6.00 0.00 c"
    assert _operators("M 1e1 2 L 3 4") == b"10.00 2.00 m\n3.00 4.00 l"  # PDF has no exponents
    assert _operators("M 0 0 L 1 1 L 2 2") == b"0 0 m\n1 1 l\n2 2 l"
    assert _operators("M 0 0 L 1 1 2 2") == b"0 0 m\n1 1 l\n2 2 l"  # repeated arguments
    for other in ("m 0 0 l 1 1", "M 0 0 H 5", "M 0 0 L 1", "M 0 0 A 1 1 0 0 1 2 2"):
        assert _operators(other) is None  # relative, other commands, odd arguments: WeasyPrint's own


def test_the_page_has_one_outline_per_formula_not_per_glyph(tmp_path):
    svg = ziamath.typeset(_mathml(r"\frac{a+b}{c-d} = \sqrt{x}")).svg.decode()
    assert len(re.findall(r"<path\b", svg)) == 1
