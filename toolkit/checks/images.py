"""Every image says what it shows: alt text or a caption.

A reader who cannot see the image (a screen reader, a text-only index, a
failed download) has only these words; an empty `![](map.png)` or an `<img>`
without `alt` leaves them nothing.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..model import Project


def check(project: Project) -> list[Diagnostic]:
    found = []
    for manuscript in project.manuscripts.values():
        for section in manuscript.sections:
            for image in section.images:
                if image.alt is None or image.alt.strip():
                    continue
                pos = image.position
                found.append(Diagnostic(pos.path, pos.line, pos.column, Severity.WARNING, "image-alt",
                                        f"image '{image.target}' has no alt text or caption",
                                        hint="describe it: ![Map of the trade routes](map.png), "
                                             "or <img src=\"…\" alt=\"…\">"))
    return found
