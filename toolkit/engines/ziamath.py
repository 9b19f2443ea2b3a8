"""The one gateway to ziamath: a formula's MathML typeset as an SVG of glyph outlines.

WeasyPrint has no MathML, so the print edition shows each formula as an SVG
image that ziamath (pure Python, the OpenType MATH table) lays out in STIX Two
Math, the math font inside the ziamath wheel: Debian's math fonts lack
glyphs this needs (the Azerbaijani ə, Cyrillic, U+2061) or the stretched
overline. The image is vector — every glyph a path — and is sized in em of
the surrounding text, so a formula in a footnote is as small as its text.

pandoc's MathML is adapted first to what ziamath reads: the TeX annotation
is dropped, a phantom is drawn invisible, a large operator (∫, ∑) keeps the size of
its style instead of stretching to the height of its row, `\\overline` stretches
and table columns keep MathML's gap.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from ..pdf_paths import pdf_operators

FONT = "STIXTwoMath-Regular.ttf"  # in ziamath/fonts
SIZE = 20.0  # px per em the formula is laid out at; the image is scaled to the text
LARGE_OPERATORS = frozenset("∫∬∭∮∯∰∱∲∳∑∏∐⋀⋁⋂⋃⨀⨁⨂⨄⨆")  # sized by display or text style alone


class TypesetError(Exception):
    """ziamath could not typeset a formula."""


@dataclass(frozen=True)
class Typeset:
    svg: bytes
    width: float  # em of the surrounding text
    height: float  # em
    depth: float  # em below the baseline
    paths: dict = field(default_factory=dict)  # its path data -> PDF operators (toolkit.pdf_paths)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _adapted(element: ET.Element) -> ET.Element:
    """pandoc's MathML as ziamath reads it: no namespace, `semantics` reduced to its
    presentation (ziamath would draw the TeX annotation), `mphantom` invisible."""
    element.tag = _local(element.tag)
    children = []
    for child in list(element):
        tag = _local(child.tag)
        if tag == "annotation" or tag == "annotation-xml":
            continue
        if tag == "semantics":
            shown = next((c for c in child if _local(c.tag) not in ("annotation", "annotation-xml")), None)
            if shown is None:
                continue
            shown.tail = child.tail
            child = shown
        children.append(_adapted(child))
    element[:] = children
    if element.tag == "mo" and (element.text or "").strip() in LARGE_OPERATORS and "stretchy" not in element.attrib:
        element.set("stretchy", "false")  # else ziamath stretches ∫ to its row, even inline
    if element.tag == "mover" and len(element) == 2 and element[1].tag == "mo" and element[1].text == "\u00af":
        element[1].text = "\u203e"  # \overline: ziamath stretches U+203E over its base, not the macron
    if element.tag == "mtable" and "columnspacing" not in element.attrib:
        # MathML's default gap (ziamath's is smaller); none inside align's right-left pairs
        first = element.find("mtr/mtd")
        paired = first is not None and "padding-right: 0" in first.get("style", "")
        element.set("columnspacing", "0em 1.5em" if paired else "0.8em")
    if element.tag == "mphantom":
        element.tag = "mrow"
        element.set("mathcolor", "none")
    return element


class _Silenced(logging.Filter):
    """ziamath logs each element it does not know to the root logger; it draws it as a row."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Undefined element")


@lru_cache(maxsize=None)
def _engine():
    """ziamath, set up once: each glyph a symbol (`_grouped`), and rows laid out once
    where nothing in them stretches."""
    with warnings.catch_warnings():  # ziamath loads its font with a deprecated importlib call
        warnings.simplefilter("ignore", DeprecationWarning)
        import ziamath
    from ziamath import operators
    from ziamath.nodes.mrow import Mrow

    ziamath.config.svg2 = True  # a glyph's outline once, as a symbol; placed by `use`
    stretchy = {name for (name, _), params in operators.operators.items() if params.get("stretchy") == "true"}
    measured = getattr(Mrow, "_get_height_nostretch", None)

    def may_stretch(element: ET.Element) -> bool:
        return any(mo.get("stretchy", "true" if (mo.text or "").strip() in stretchy else "false") == "true"
                   for mo in element.iter("mo"))

    def height_without_stretch(self, line, **kwargs):
        # ziamath lays a row out twice, first to learn how far its stretchy operators must
        # reach; nested rows double the work at each level. A row with none needs no first pass.
        if not any(may_stretch(child) for child in line):
            return 0.0, 0.0
        return measured(self, line, **kwargs)

    if measured is not None:  # a private method of ziamath 0.13 (pinned in pyproject.toml)
        Mrow._get_height_nostretch = height_without_stretch
    return ziamath


GLYPHS = "toolkit-glyphs"  # the class of a formula's group of glyphs (engines/weasyprint.py draws it)
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# where an element is, and what it shows; the rest says how it is painted
_SHAPE = {"d", "x", "y", "width", "height", "href", XLINK_HREF}


def _paint(element: ET.Element) -> dict:
    return {k: v for k, v in element.attrib.items() if k not in _SHAPE}


def _grouped(svg: ET.Element) -> ET.Element:
    """ziamath draws each glyph once, as a symbol, and places it (`use`) where it stands.
    The uses of a formula painted alike are gathered into one group, which the print
    edition draws at once (each glyph a PDF form drawn wherever it stands: its outline is
    in the PDF once, not at every use); any other reader draws the group's uses as SVG.
    Outlines ziamath draws in place (a stretched delimiter's) are joined into one path.
    Nothing is painted in another order that could show: what is gathered, and what
    stands between, is painted alike. What is not painted at all (a phantom) is dropped."""
    defs = ET.Element("defs")  # where a reader looks for symbols, never draws them
    out: list[ET.Element] = [defs]
    group: ET.Element | None = None  # the group later uses join, while all is painted alike
    joined: ET.Element | None = None  # the path later outlines join, likewise
    for child in svg:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "symbol":
            defs.append(child)
            continue
        if child.get("fill") == "none" and not child.get("stroke"):
            continue
        paint = _paint(child)
        if group is not None and paint != _paint(group[0]):
            group = None
        if joined is not None and paint != _paint(joined):
            joined = None
        if tag == "use":
            if group is None:
                group = ET.Element("g", {"class": GLYPHS})
                out.append(group)
            group.append(child)
            continue
        if tag == "path" and len(child) == 0:
            if joined is not None:
                joined.set("d", joined.get("d", "") + " " + child.get("d", ""))
                continue
            joined = child
        out.append(child)
    svg[:] = out
    return svg


def _typeset(mathml: str) -> Typeset | TypesetError:
    ziamath = _engine()
    try:
        element = _adapted(ET.fromstring(mathml))
    except ET.ParseError as exc:
        return TypesetError(f"the MathML is not well-formed: {exc}")
    silenced = _Silenced()
    root = logging.getLogger()
    root.addFilter(silenced)
    try:
        math = ziamath.Math(element, size=SIZE, font=str(files("ziamath") / "fonts" / FONT), margin=0)
        drawn = _grouped(math.svgxml())
        svg = ET.tostring(drawn, encoding="unicode")
        box = math.node.bbox
    except Exception as exc:  # ziamath raises what its layout meets: report, never crash the build
        return TypesetError(f"{exc.__class__.__name__}: {exc}")
    finally:
        root.removeFilter(silenced)
    # converted here, in the process that typesets it, for the print edition to look up
    paths = {d: pdf_operators(d) for e in drawn.iter() if e.tag.endswith("path") and (d := e.get("d"))}
    return Typeset(svg.encode("utf-8"), (box.xmax - box.xmin) / SIZE, (box.ymax - box.ymin) / SIZE,
                   -box.ymin / SIZE, paths)


_done: dict[str, Typeset | TypesetError] = {}  # for the run: each formula typeset once for every edition
_IN_PARALLEL = 24  # from this many formulas on, the work is shared among processes


_pending: list = []  # (formulas, their results to come, the pool) of typeset_ahead


def _collect() -> None:
    while _pending:
        missing, results, pool = _pending.pop()
        _done.update(zip(missing, results.get()))
        pool.close()
        pool.join()


def typeset(mathml: str) -> Typeset:
    """`mathml` (one `<math>` element) as an SVG; TypesetError when it cannot be typeset."""
    if mathml not in _done:
        _collect()
    if mathml not in _done:
        _done[mathml] = _typeset(mathml)
    if isinstance(outcome := _done[mathml], TypesetError):
        raise outcome
    return outcome


def typeset_ahead(mathml: Iterable[str]) -> None:
    """Start typesetting the formulas for `typeset`, on every core when there are many
    (ziamath is pure Python: a formula-heavy article spends most of its build here),
    and return: the build goes on meanwhile. Processes are forked from this one (only
    while it runs no other thread), ziamath imported already; where fork is not the way
    processes start (macOS, Windows), `typeset` does them one after the other."""
    started = {m for formulas, _, _ in _pending for m in formulas}
    missing = list(dict.fromkeys(m for m in mathml if m not in _done and m not in started))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    # a fork copies what other threads hold (an import's lock): only while there are none
    if len(missing) < _IN_PARALLEL or cores < 2 or sys.platform != "linux" or threading.active_count() > 1:
        return
    _engine()  # imported once, before the workers are forked; each reads the font, at the same time
    pool = multiprocessing.get_context("fork").Pool(min(cores, 8))
    chunk = max(1, len(missing) // (4 * cores))
    _pending.append((missing, pool.map_async(_typeset, missing, chunksize=chunk), pool))


def typeset_all(mathml: Iterable[str]) -> None:
    """Typeset the formulas, on every core when there are many (`typeset_ahead`)."""
    mathml = list(mathml)
    typeset_ahead(mathml)
    _collect()
    _done.update((m, _typeset(m)) for m in dict.fromkeys(mathml) if m not in _done)
