"""The one gateway to MuPDF (PyMuPDF): figures made into what each writer can show.

A figure given as a PDF becomes SVG for the web and print editions (vector,
its text as outlines, so no font is needed) and PNG for Word; an SVG figure
becomes PNG for Word. Only the first page is read.

MuPDF parses files the journal did not write, so every conversion runs in a
child process of its own: with a time limit (30 s + 1 s per 50 kB, as pandoc),
an address-space limit (MEMORY_MB), in its own process group and killed with
the toolkit, however the toolkit dies. The PNG has at most MAX_PIXELS.
"""

from __future__ import annotations

import base64
import json
import os
import re
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass

from .limits import EngineLimit, time_limit
from .pandoc import _die_with_parent

MEMORY_MB = 1536  # address space of the child: Python, MuPDF and one page
DPI = 200  # the PNG's resolution, where MAX_PIXELS allows it
MAX_PIXELS = 16_000_000
FILETYPES = ("pdf", "svg")


class FigureError(Exception):
    """A figure MuPDF cannot read (not a PDF, encrypted, no page, broken)."""


class MuPDFLimit(EngineLimit, FigureError):
    """The conversion passed its time or memory limit and was stopped."""


@dataclass(frozen=True)
class Converted:
    svg: bytes | None  # the first page as SVG (from a PDF); None for an SVG figure
    png: bytes  # the first page as PNG


def _limited():
    arm = _die_with_parent()

    def preexec() -> None:
        limit = MEMORY_MB * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        if arm:
            arm()

    return preexec


def convert(data: bytes, filetype: str) -> Converted:
    """`data` (a PDF or an SVG, as `filetype` says) as SVG and PNG; FigureError if unreadable."""
    if filetype not in FILETYPES:
        raise ValueError(filetype)
    seconds, rule = time_limit(len(data))
    command = [sys.executable, "-I", "-m", __name__, filetype]
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={"PATH": os.environ.get("PATH", "")}, start_new_session=True,
                            preexec_fn=_limited())
    try:
        out, err = proc.communicate(data, timeout=seconds)
    except subprocess.TimeoutExpired:
        raise MuPDFLimit("mupdf", "time", f"reading the figure took longer than {round(seconds, 1):g} s",
                         rule) from None
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    message = err.decode("utf-8", "replace").strip().splitlines()
    if proc.returncode != 0 or not out:
        why = message[-1] if message else f"exit {proc.returncode}"
        if "MemoryError" in why or "malloc" in why.lower():
            raise MuPDFLimit("mupdf", "memory", f"reading the figure needed more than {MEMORY_MB} MB",
                             f"{MEMORY_MB} MB")
        raise FigureError(f"the {filetype.upper()} file cannot be read ({why.removeprefix('FigureError: ')})")
    result = json.loads(out)
    return Converted(base64.b64decode(result["svg"]) if result["svg"] else None, base64.b64decode(result["png"]))


def _in_points(svg: str) -> str:
    """MuPDF writes the page's size in points without a unit, which SVG reads as
    pixels (3/4 of the size): the unit said."""
    head, rest = svg.split(">", 1)
    return re.sub(r'\b(width|height)="([\d.]+)"', r'\1="\2pt"', head, count=2) + ">" + rest


def _child(filetype: str) -> None:
    """In the child: the figure on stdin, its SVG and PNG (base64) as JSON on stdout."""
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    data = sys.stdin.buffer.read()
    try:
        document = pymupdf.open(stream=data, filetype=filetype)
    except Exception as exc:
        raise FigureError(str(exc) or "not a readable file") from None
    with document:
        if document.needs_pass:
            raise FigureError("it is encrypted")
        if document.page_count < 1:
            raise FigureError("it has no page")
        page = document[0]
        svg = _in_points(page.get_svg_image(text_as_path=True)).encode("utf-8") if filetype == "pdf" else None
        # a page's size is in points (72 an inch), an SVG's in CSS pixels (96 an inch): the
        # PNG says its resolution, so Word shows it at the figure's own size
        per_inch = 72 if filetype == "pdf" else 96
        area = page.rect.width * page.rect.height
        zoom = min(DPI / per_inch, (MAX_PIXELS / area) ** 0.5) if area > 0 else DPI / per_inch
        pixmap = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        dpi = round(zoom * per_inch)
        pixmap.set_dpi(dpi, dpi)
        png = pixmap.tobytes("png")
    encoded = {"svg": base64.b64encode(svg).decode("ascii") if svg else None,
               "png": base64.b64encode(png).decode("ascii")}
    sys.stdout.write(json.dumps(encoded))


if __name__ == "__main__":
    try:
        _child(sys.argv[1])
    except FigureError as exc:
        print(f"FigureError: {exc}", file=sys.stderr)
        sys.exit(1)
