"""Figures alike in every writer: what is embedded, and at what size.

Every image is embedded as a `data:` URI (resource_fence.ResourceFence decides which files
may be). A PDF figure, which no browser shows in an <img> and WeasyPrint does
not draw, is embedded as the SVG of its first page (vector). Word, which
cannot be relied on for SVG, gets each SVG as a PNG (`for_word`), made only
when a Word edition is written.

Sizes: pandoc writes `{width=50%}` or `{width=8cm}` as a style attribute,
which the allow-list drops and the web page's policy would refuse; `sized`
makes a length a whole number of pixels (an attribute every format reads
alike) and a percentage width a class (`width-50`) the stylesheets size.
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
import re

from .engines import mupdf

_SVG = "data:image/svg+xml;base64,"
_PX = {"": 1.0, "px": 1.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "pt": 96 / 72, "pc": 16.0}
_LENGTH = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*(px|in|cm|mm|pt|pc)?\s*")
_PERCENT = re.compile(r"\s*(\d+(?:\.\d*)?)\s*%\s*")
_CACHE_SIZE = 64
# each file converted once per run, by its content's SHA-256: a PDF figure's SVG and
# PNG (made together), an SVG's PNG
_svg_of_pdf: dict[str, bytes] = {}
_png_of_svg: dict[str, bytes] = {}


def _uri(kind: str, data: bytes) -> str:
    return f"data:{kind};base64," + base64.b64encode(data).decode("ascii")


def _remember(cache: dict[str, bytes], key: str, value: bytes) -> None:
    if len(cache) >= _CACHE_SIZE:
        del cache[next(iter(cache))]
    cache[key] = value


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def embed(name: str, data: bytes) -> str:
    """The image file `name` holding `data` as the editions embed it: a `data:` URI,
    a PDF as the SVG of its first page. mupdf.FigureError when a PDF cannot be read."""
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if kind != "application/pdf":
        return _uri(kind, data)
    key = _digest(data)
    if key not in _svg_of_pdf:
        converted = mupdf.convert(data, "pdf")
        _remember(_svg_of_pdf, key, converted.svg)
        _remember(_png_of_svg, _digest(converted.svg), converted.png)  # drawn from the PDF itself
    return _uri("image/svg+xml", _svg_of_pdf[key])


def for_word(uri: str) -> str:
    """An embedded SVG as a PNG (a PDF figure's drawn from the PDF); any other image as it is,
    and an SVG MuPDF cannot draw too (Word 2016 and later show SVG)."""
    if not uri.startswith(_SVG):
        return uri
    svg = base64.b64decode(uri[len(_SVG):])
    key = _digest(svg)
    if key not in _png_of_svg:
        try:
            _remember(_png_of_svg, key, mupdf.convert(svg, "svg").png)
        except mupdf.FigureError:
            return uri
    return _uri("image/png", _png_of_svg[key])


def _pixels(value: str) -> str | None:
    if m := _LENGTH.fullmatch(value):
        return str(max(1, round(float(m.group(1)) * _PX[m.group(2) or ""])))
    return None


def sized(node: dict) -> dict:
    """An image's `width`/`height` as pixels, a percentage width also as a class."""
    if node["t"] != "Image":
        return node
    (ident, classes, attrs), alt, target = node["c"]
    kept, added = [], []
    for name, value in attrs:
        if name in ("width", "height") and (pixels := _pixels(value)):
            value = pixels
        elif name == "width" and (m := _PERCENT.fullmatch(value)):
            added.append(f"width-{min(100, max(5, 5 * round(float(m.group(1)) / 5)))}")
        kept.append([name, value])
    return {"t": "Image", "c": [[ident, classes + added, kept], alt, target]}
