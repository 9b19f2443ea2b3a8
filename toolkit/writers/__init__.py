"""One writer per format, found by name.

Each writer module has `render(edition, project, **options) -> bytes`; modules are
imported only when their format is built (the PDF writer pulls WeasyPrint).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

FORMATS = ("html", "pdf", "docx")


def writer(fmt: str) -> Callable:
    if fmt not in FORMATS:
        raise KeyError(fmt)
    return importlib.import_module(f"{__name__}.{fmt}").render
