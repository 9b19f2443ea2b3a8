"""Naming the section that made pandoc pass its limit.

When a whole edition runs out of time or memory, each of its sections is
parsed alone, with the same kind of bounds, and the first that passes them is
reported at its path: an author learns where to look, not only that the build
failed.
"""

from __future__ import annotations

import time
from dataclasses import replace

from .diagnostics import Diagnostic, Severity
from .engines import pandoc
from .manuscript import MANUSCRIPT_DIR
from .model import Project

HINTS = {
    "time": "pandoc is slow on brackets or HTML tags nested many levels deep, many times over "
            "('toolkit check' reports the deepest); TOOLKIT_TIME_LIMIT raises the base",
    "memory": "the section is too large or too intricate for pandoc; split it",
}


class LocatedLimit(Exception):
    """An engine limit traced to its source; `diagnostic` says where."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _diagnostic(path, limit: pandoc.PandocLimit, place: str) -> Diagnostic:
    return Diagnostic(path, 0, 0, Severity.ERROR, "engine-limit", limit.on(place), HINTS.get(limit.kind, ""))


def locate(project: Project, language: str, limit: pandoc.PandocLimit, reader: str) -> LocatedLimit:
    """The first section of `language` that passes pandoc's limits alone (`reader`: the
    Markdown variant); failing that, the edition as a whole.

    The search may take twice the edition's time limit in all: a section cut short
    by that, rather than by its own limit, is not blamed.
    """
    end = time.monotonic() + 2 * limit.limits.seconds
    for section in project.manuscripts[language].sections:
        own = pandoc.Limits.for_input(len(section.text.encode("utf-8")))
        left = end - time.monotonic()
        if left <= 0:
            break
        bounded = own if own.seconds <= left else replace(own, seconds=left)
        try:
            pandoc.run([f"--from={reader}", "--to=json"], stdin=section.text, cwd=project.root, limits=bounded)
        except pandoc.PandocLimit as alone:
            if alone.kind == "time" and bounded is not own:
                break  # the search's time ran out, not the section's
            return LocatedLimit(_diagnostic(section.path, alone, "this section"))
        except pandoc.PandocError:  # another failure is not what is looked for
            continue
    return LocatedLimit(_diagnostic(MANUSCRIPT_DIR / language, limit,
                                    f"the {language} edition, though on no section alone"))
