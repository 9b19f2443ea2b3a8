"""Every image says what it shows, in a format every edition shows.

A reader who cannot see the image (a screen reader, a text-only index, a
failed download) has only its alt text or caption; an empty `![](map.png)` or
an `<img>` without `alt` leaves them nothing (`image-alt`).

The editions show PNG, JPEG, SVG and PDF figures (README: Figures): a TIFF,
a GIF, a WebP or an EPS would be a broken image in one edition or another,
and a file whose name says another format than it holds is embedded as the
format its name says (`image-format`). The format is read from the file's
first bytes, never from its name.
"""

from __future__ import annotations

import mimetypes
import re

from ..confine import quote
from ..diagnostics import Diagnostic, Severity
from ..model import Image, Project
from .resources import resolve_resource

SHOWN = {"image/png": "PNG", "image/jpeg": "JPEG", "image/svg+xml": "SVG", "application/pdf": "PDF"}
_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"%PDF-", "PDF"), (b"GIF8", "GIF"),
               (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"BM", "BMP"), (b"%!PS", "EPS"),
               (b"\xc5\xd0\xd3\xc6", "EPS"), (b"\x00\x00\x01\x00", "ICO"), (b"\x1f\x8b", "gzip (SVGZ?)"))
_SVG = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]", re.S)
_ENDINGS = {"PNG": ".png", "JPEG": ".jpg", "SVG": ".svg", "PDF": ".pdf"}
HINT = "export it as PNG or JPEG (a picture) or SVG or PDF (a drawing), named .png, .jpg, .svg or .pdf"


def kind_of(head: bytes) -> str:
    """The format a file's first bytes show: "PNG", "JPEG", "SVG", "PDF", another name, or ""."""
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        return "WebP"
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    return "SVG" if _SVG.match(head) else ""


def _alt(image: Image) -> Diagnostic | None:
    if image.alt is None or image.alt.strip():
        return None
    pos = image.position
    return Diagnostic(pos.path, pos.line, pos.column, Severity.WARNING, "image-alt",
                      f"image '{image.target}' has no alt text or caption",
                      hint="describe it: ![Map of the trade routes](map.png), or <img src=\"…\" alt=\"…\">")


def _format(project: Project, image: Image) -> Diagnostic | None:
    full, why = resolve_resource(project.root, image.position.path, image.target)
    if full is None:
        return None  # refused-resource says why
    try:
        with open(full, "rb") as file:
            head = file.read(4096)
    except OSError:
        return None
    held = kind_of(head)
    named = SHOWN.get(mimetypes.guess_type(full.name)[0] or "", "")
    pos = image.position
    if held not in SHOWN.values():
        what = f"in {held} format" if held else "in no image format the toolkit knows"
        message = f"image {quote(image.target)} is {what}: the editions show PNG, JPEG, SVG and PDF figures"
        hint = HINT
    elif held != named:
        message = (f"image {quote(image.target)} holds {held} but is named as "
                   f"{named or 'no image format'}: the editions would embed it as what its name says")
        hint = f"rename it to end in {_ENDINGS[held]}"
    else:
        return None
    return Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "image-format", message, hint)


def check(project: Project) -> list[Diagnostic]:
    found = []
    for manuscript in project.manuscripts.values():
        for section in manuscript.sections:
            for image in section.images:
                found += [d for d in (_alt(image), _format(project, image)) if d is not None]
    return found
