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


def _ziamaths_own(mathml: str) -> ET.Element:
    """ziamath's own drawing of a formula: symbols and uses one after the other."""
    engine = ziamath._engine()
    element = ziamath._adapted(ET.fromstring(mathml))
    font = str(ziamath.files("ziamath") / "fonts" / ziamath.FONT)
    return engine.Math(element, size=ziamath.SIZE, font=font, margin=0).svgxml()


def _local(e: ET.Element) -> str:
    return e.tag.rsplit("}", 1)[-1]


@pytest.mark.parametrize("tex", TEX)
def test_a_formulas_glyphs_are_one_group_drawing_what_ziamath_draws(tex):
    mathml = _mathml(tex)
    grouped = ET.fromstring(ziamath.typeset(mathml).svg)
    own = _ziamaths_own(mathml)
    (defs,) = [e for e in grouped if _local(e) == "defs"]
    groups = [e for e in grouped if _local(e) == "g"]
    assert len(groups) == 1 and groups[0].get("class") == ziamath.GLYPHS  # every glyph is painted alike
    assert [e.attrib for e in groups[0]] == [e.attrib for e in own if _local(e) == "use"]
    shape = lambda e: (e.attrib, [(_local(c), c.attrib) for c in e])  # noqa: E731
    assert [shape(e) for e in defs] == [shape(e) for e in own if _local(e) == "symbol"]
    assert [e.attrib for e in grouped if _local(e) == "rect"] == [e.attrib for e in own if _local(e) == "rect"]
    assert {e.get("fill") for e in own if _local(e) != "symbol"} == {"black"}  # so the rules' order cannot show


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


def test_each_glyphs_outline_is_in_the_pdf_once_however_often_it_stands(tmp_path):
    import base64

    import pikepdf

    from toolkit.engines.weasyprint import render_pdf
    from toolkit.pdf_paths import remember

    images = []
    for tex in (r"x + x^2", r"\frac{x}{x + 1}", r"x"):
        done = ziamath.typeset(_mathml(tex))
        remember(done.paths)
        images.append('<img src="data:image/svg+xml;base64,' + base64.b64encode(done.svg).decode() + '">')
    html = "<html><body>" + "<p>".join(images) + "</body></html>"
    pdf, refused = render_pdf(html, tmp_path, [tmp_path])
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    with pikepdf.open(path) as document:
        forms = [x for x in document.objects if isinstance(x, pikepdf.Stream) and x.get("/Subtype") == "/Form"]
        page = document.pages[0]
        drawn = sum(1 for _, op in pikepdf.parse_content_stream(page) if str(op) == "Do")
    # four outlines (x, +, 2, 1); nine glyphs stand on the page
    assert len(forms) == 4 and drawn == 9
