"""Identifiers the editions make themselves, given to a heading or a quotation.

The editions add elements with identifiers of their own: the reference list
(`references`, `refs`, each entry `ref-<key>`), the title block
(`title-block-header`), the web edition's contents (`TOC`, `toc-title`,
`toc-<heading>`), its citations (`cite-1`, `cite-2` …) and citation preview,
and pandoc's footnotes (`footnotes`, `fn1`, `fnref1` …). A heading that gets
one of them — a hand-written "References" heading is `references` — would
share it with the generated element: two elements, one identifier, and links
that land on either. Each is reported at the heading (`reserved-id`).
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, Severity
from ..model import Project

CODE = "reserved-id"
RESERVED = frozenset({"references", "refs", "TOC", "toc-title", "title-block-header", "footnotes",
                      "reference-preview"})
RESERVED_FORMS = re.compile(r"cite-\d+|ref-.+|fn\d+|fnref\d+|toc-.+")


def reserved(ident: str) -> bool:
    return ident in RESERVED or bool(RESERVED_FORMS.fullmatch(ident))


def check(project: Project) -> list[Diagnostic]:
    found = []
    for manuscript in project.manuscripts.values():
        for section in manuscript.sections:
            named = [(f"heading '{h.title}'", h.id, h.position) for h in section.headings]
            named += [("quotation", q.id, q.position) for q in section.quotations if q.id]
            for what, ident, pos in named:
                if reserved(ident):
                    found.append(Diagnostic(
                        pos.path, pos.line, pos.column, Severity.ERROR, CODE,
                        f"the {what} has the identifier '{ident}', which the editions give an element of "
                        "their own: two elements would share it",
                        hint="the editions add the reference list and its heading themselves; give this one "
                             "another identifier: # Heading {#another-name}"))
    return found
