"""The registry of checks `toolkit check` runs, one module per family."""

from __future__ import annotations

from ..diagnostics import Diagnostic, finalise
from ..model import Project
from . import (bibliography, citations, locales, metadata, nesting, parity, quotations, raw_html, resources, sources,
               typography)

CHECKS = (sources.check, metadata.check, citations.check, bibliography.check, quotations.check, resources.check, parity.check,
          locales.check, typography.check, raw_html.check, nesting.check)


def run_checks(project: Project, strict: bool = False) -> list[Diagnostic]:
    return finalise([d for check in CHECKS for d in check(project)], strict)
