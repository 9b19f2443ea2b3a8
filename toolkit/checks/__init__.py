"""The registry of checks `toolkit check` runs, one module per family."""

from __future__ import annotations

from ..diagnostics import Diagnostic, finalise
from ..model import Project
from . import (bibliography, citations, locales, metadata, nesting, parity, quotations, raw_html, resources, sources,
               typography)
from .latex import check as latex_check
from .formulas import check as formulas_check, typeset_check
from .crossrefs import check as crossrefs_check
from .images import check as images_check
from . import bare_keys, identifiers, raw_latex

CHECKS = (sources.check, metadata.check, citations.check, bibliography.check, quotations.check, resources.check, parity.check,
          locales.check, typography.check, raw_html.check, nesting.check)
CHECKS += (latex_check,)
CHECKS += (formulas_check,)
CHECKS += (crossrefs_check, images_check)
CHECKS += (raw_latex.check, bare_keys.check, identifiers.check)
from .language_profiles import check as language_profiles_check

CHECKS += (language_profiles_check,)
# what waits on the formulas' typesetting: a build runs it last (see toolkit/build.py)
LAST = (typeset_check,)
CHECKS += LAST


def run_checks(project: Project, strict: bool = False, checks=CHECKS) -> list[Diagnostic]:
    return finalise([d for check in checks for d in check(project)], strict)
