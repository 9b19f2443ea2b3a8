"""LaTeX in printed BibTeX fields that the editions cannot print as meant.

toolkit.latex decodes every field the reference list prints; a command it
does not know (its argument is kept as text), a `$` never closed and a
formula the editions cannot draw (toolkit.formulas) are reported here, at the place in the field
where they are written when the value stands in the file as it is, else at
the field's name. toolkit.latex_scan finds them, parsing a field only when
it cannot tell without: parsing every field with LaTeX in it was most of
the check's time on a journal archive.
"""

from __future__ import annotations

import re

from .. import formulas
from ..diagnostics import Diagnostic, Severity
from ..latex import decode
from ..latex_scan import problems
from .formulas import untypeset
from ..model import Entry, Field, Position, Project

# the fields toolkit.csl_items turns into CSL variables; addresses (url, doi, eprint) are not LaTeX
PRINTED = {"author", "editor", "translator", "bookauthor", "title", "subtitle", "titleaddon", "journaltitle",
           "journalsubtitle", "journal", "booktitle", "booksubtitle", "booktitleaddon", "maintitle",
           "mainsubtitle", "translatedtitle", "translated-title", "shorttitle", "volume", "edition",
           "pagetotal", "pages", "number", "issue", "series", "version", "note", "annotation", "annote",
           "abstract", "archive", "archive_location", "archive-location", "eventtitle", "venue", "publisher",
           "institution", "school", "organization", "howpublished", "location", "address", "type", "year",
           "month"}


def _place(entry: Entry, field: Field, offset: int) -> Position:
    """The file position of a character of the value, when the value is written there as it is."""
    raw, start = entry.raw, entry.position
    at = field.position
    if at.path != start.path or at.line < start.line:
        return at
    lines = raw.split("\n")
    line_index = at.line - start.line
    if line_index >= len(lines):
        return at
    name_at = sum(len(line) + 1 for line in lines[:line_index]) + at.column - (start.column if line_index == 0
                                                                                 else 1)
    opening = re.compile(re.escape(field.name) + r"\s*=\s*[{\"]?\s*", re.I).match(raw, max(name_at, 0))
    if not opening or not raw.startswith(field.value, opening.end()):
        return at  # built from @string macros or # concatenation: the field's own place
    index = opening.end() + offset
    newlines = raw.count("\n", 0, index)
    if not newlines:
        return Position(at.path, start.line, start.column + index)
    return Position(at.path, start.line + newlines, index - raw.rfind("\n", 0, index))


def check(project: Project) -> list[Diagnostic]:
    found, drawn = [], []
    for entry in project.bibliography.entries:
        for name, field in entry.fields.items():
            if field.inherited_from or name not in PRINTED or not ("\\" in field.value or "$" in field.value):
                continue  # an inherited field is reported at its parent
            spans = decode(field.value).formulas if "$" in field.value or "\\(" in field.value else ()
            drawn += [(entry, field, start, tex) for start, _, tex in spans]
            for problem in problems(field.value):
                if any(start <= problem.offset < end for start, end, _ in spans):
                    continue  # the editions draw the formula: pandoc's reading of it is what counts
                place = _place(entry, field, problem.offset)
                found.append(Diagnostic(place.path, place.line, place.column, Severity.WARNING, problem.code,
                                        f"{name} of '{entry.key}' {problem.describe()}"))
    converted = formulas.convert((tex, False) for *_, tex in drawn) if drawn else {}
    # only a cited entry reaches the print edition, which typesets its formulas
    cited = {c.key for manuscript in project.manuscripts.values() for c in manuscript.citations}
    why = untypeset([converted[tex, False].mathml for entry, *_, tex in drawn if entry.key in cited])
    for entry, field, offset, tex in drawn:
        result = converted[tex, False]
        problem = f"converted ({result.error})" if result.mathml is None else \
            f"typeset for the print edition ({why[result.mathml]})" if why.get(result.mathml) else ""
        if problem:
            place = _place(entry, field, offset)
            found.append(formulas.diagnostic(place.path, place.line, place.column, tex, problem))
    return found
