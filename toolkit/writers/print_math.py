"""The print edition's formulas: each `<math>` of the print HTML as an SVG image.

WeasyPrint has no MathML. pandoc writes each formula as MathML with its TeX
as an annotation; the TeX finds the formula's conversion (toolkit/formulas.py,
shared with the check and the other editions) and ziamath typesets it
(toolkit/engines/ziamath.py). The image is a `data:` URI — WeasyPrint's
fetcher loads nothing else — sized in em and lowered by the formula's depth,
so it sits on the line's baseline at the size of the text around it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

from .. import formulas
from ..engines import ziamath
from ..pdf_paths import remember
from ..labels import labels

_MATH = re.compile(r"<math\b([^>]*)>(.*?)</math>", re.S)
_DISPLAY = re.compile(r"""\bdisplay\s*=\s*["']?block\b""")
_TEX = re.compile(r"""<annotation\b[^>]*encoding=["']application/x-tex["'][^>]*>(.*?)</annotation>""", re.S)


def _marker(language: str) -> str:
    return f'<span class="unconverted-formula">[{html.escape(labels(language)["unconverted-formula"])}]</span>'


def _mathml(attributes: str, content: str, display: bool) -> str | None:
    """The formula's MathML as pandoc converts its TeX; raw MathML from the sources as
    it stands (the allow-list has cleaned it; its one HTML-only entity made XML)."""
    if tex := _TEX.search(content):
        return formulas.convert([(html.unescape(tex.group(1)), display)]).popitem()[1].mathml
    return f"<math{attributes}>{content}</math>".replace("&nbsp;", "&#160;")


def _image(match: re.Match, language: str, folder: Path | None) -> str:
    attributes, content = match.groups()
    display = bool(_DISPLAY.search(attributes))
    mathml = _mathml(attributes, content, display)
    try:
        if mathml is None:
            raise ziamath.TypesetError("not converted")
        done = ziamath.typeset(mathml)
    except ziamath.TypesetError:
        return _marker(language)  # the check reports it
    remember(done.paths)
    tex = _TEX.search(content)
    alt = html.escape(html.unescape(tex.group(1)).strip() if tex else "", quote=True)
    if folder is None:
        uri = "data:image/svg+xml;base64," + base64.b64encode(done.svg).decode("ascii")
    else:  # a file WeasyPrint reads (and reads once for a formula that recurs): no megabytes of HTML to parse
        path = folder / f"{hashlib.sha256(done.svg).hexdigest()[:32]}.svg"
        if not path.exists():
            path.write_bytes(done.svg)
        uri = path.as_uri()
    style = f"width:{done.width:.4f}em;height:{done.height:.4f}em;vertical-align:{-done.depth:.4f}em"
    kind = "display" if display else "inline"
    return f'<img class="math {kind}" src="{uri}" alt="{alt}" style="{style}">'


def as_images(page: str, language: str, folder: Path | None = None) -> str:
    """`page` (cleaned print HTML) with every formula an SVG image: a file in `folder`
    when one is given (the typesetter is allowed to read it), else a data: URI."""
    return _MATH.sub(lambda m: _image(m, language, folder), page)
