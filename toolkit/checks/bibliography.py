"""The bibliography as a whole: syntax, duplicate keys, required fields, field values.

Required fields follow the BibLaTeX data model (biblatex manual, §2.1.1),
with the BibTeX aliases for types and fields.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..model import Bibliography, Entry
from ..languages import guess_language, language_code
from . import fields as validate

AUTHOR, EDITOR, TITLE, DATE = ("author",), ("editor",), ("title",), ("year", "date")
AUTHOR_OR_EDITOR = ("author", "editor")
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (AUTHOR, TITLE, ("journaltitle", "journal"), DATE),
    "book": (AUTHOR, TITLE, DATE),
    "inbook": (AUTHOR, TITLE, ("booktitle",), DATE),
    "booklet": (AUTHOR_OR_EDITOR, TITLE, DATE),
    "collection": (EDITOR, TITLE, DATE),
    "incollection": (AUTHOR, TITLE, ("booktitle",), DATE),
    "manual": (AUTHOR_OR_EDITOR, TITLE, DATE),
    "misc": (AUTHOR_OR_EDITOR, TITLE, DATE),
    "online": (AUTHOR_OR_EDITOR, TITLE, DATE, ("doi", "eprint", "url")),
    "patent": (AUTHOR, TITLE, ("number",), DATE),
    "periodical": (EDITOR, TITLE, DATE),
    "proceedings": (TITLE, DATE),
    "inproceedings": (AUTHOR, TITLE, ("booktitle",), DATE),
    "report": (AUTHOR, TITLE, ("type",), ("institution", "school"), DATE),
    "thesis": (AUTHOR, TITLE, ("type",), ("institution", "school"), DATE),
    "unpublished": (AUTHOR, TITLE, DATE),
    "dataset": (AUTHOR_OR_EDITOR, TITLE, DATE),
    "software": (AUTHOR_OR_EDITOR, TITLE, DATE),
}
SAME_AS = {"mvbook": "book", "bookinbook": "inbook", "suppbook": "inbook", "mvcollection": "collection",
           "reference": "collection", "mvreference": "collection", "suppcollection": "incollection",
           "inreference": "incollection", "mvproceedings": "proceedings", "suppperiodical": "article",
           "conference": "inproceedings", "electronic": "online", "www": "online"}
# BibTeX types whose name says the `type` field
TYPE_IMPLIED = {"mastersthesis": "thesis", "phdthesis": "thesis", "techreport": "report"}

SIMPLE_VALIDATORS = {"year": ("invalid-year", validate.year), "date": ("invalid-date", validate.date),
                     "pages": ("invalid-pages", validate.pages), "isbn": ("invalid-isbn", validate.isbn),
                     "url": ("invalid-url", validate.url)}
HINTS = {"invalid-year": "write the year as four digits, e.g. year = {1925}; use date = {…} for more",
         "invalid-date": "BibLaTeX dates are ISO 8601: 1925, 1925-12, 1925-12-17, or a range 1923/1939",
         "invalid-pages": "write a range with two hyphens, e.g. pages = {12--30}",
         "invalid-isbn": "copy the ISBN again from the book's imprint page",
         "invalid-url": "give the full address, starting with https://"}


def _required(entry: Entry) -> tuple[str, tuple[tuple[str, ...], ...]] | None:
    kind = entry.type
    if kind in TYPE_IMPLIED:
        base = TYPE_IMPLIED[kind]
        return base, tuple(g for g in REQUIRED[base] if g != ("type",))
    kind = SAME_AS.get(kind, kind)
    return (kind, REQUIRED[kind]) if kind in REQUIRED else None


def _has(entry: Entry, name: str) -> bool:
    field = entry.fields.get(name)
    return field is not None and field.value.strip() not in ("", "{}")


def missing_fields(entry: Entry) -> list[str]:
    """The required field groups an entry lacks, written 'year or date'."""
    found = _required(entry)
    groups = found[1] if found else REQUIRED["misc"]
    return [" or ".join(g) for g in groups if not any(_has(entry, name) for name in g)]


def incomplete_keys(bib: Bibliography) -> set[str]:
    """Entries the editions mark as incomplete: those lacking a required field."""
    return {entry.key for entry in bib.entries if missing_fields(entry)}


def _entry_diagnostics(entry: Entry, keys: set[str]) -> list[Diagnostic]:
    out = []
    pos = entry.position
    if _required(entry) is None:
        out.append(Diagnostic(pos.path, pos.line, pos.column, Severity.WARNING, "unknown-entry-type",
                              f"entry type '@{entry.type}' of '{entry.key}' is not in the BibLaTeX data model; "
                              "checked as @misc", hint="use a BibLaTeX type such as @article, @book, @misc"))
    missing = missing_fields(entry)
    if missing:
        out.append(Diagnostic(pos.path, pos.line, pos.column, Severity.WARNING, "missing-field",
                              f"{entry.type} '{entry.key}' lacks {', '.join(missing)} "
                              "(required by the BibLaTeX data model)", strict_error=True))
    title = entry.fields.get("title")
    if "langid" not in entry.fields and title and (guess := guess_language(title.value)):
        script = {"ru": "Cyrillic letters", "az": "the Azerbaijani letter ə",
                  "tr": "Turkish/Azerbaijani letters"}[guess]
        out.append(Diagnostic(title.position.path, title.position.line, title.position.column, Severity.WARNING,
                              "missing-langid", f"title of '{entry.key}' has {script} but the entry has no langid",
                              hint="add langid = {russian}, {turkish} or {azerbaijani}: the language decides "
                                   "how the title is cased and whether a translated title is shown"))
    for name, field in entry.fields.items():
        value = field.value.strip()
        fpos = field.position
        if field.inherited_from:
            continue  # checked where it is written, in the parent
        if field.undefined:
            names = ", ".join(field.undefined)
            out.append(Diagnostic(fpos.path, fpos.line, fpos.column, Severity.ERROR, "undefined-string",
                                  f"{name} of '{entry.key}' uses undefined @string macro {names}",
                                  hint="define it with @string{name = {…}} before the entry, or brace the value"))
        if not value:
            continue
        if name == "crossref" and value.lower() not in keys:
            out.append(Diagnostic(fpos.path, fpos.line, fpos.column, Severity.ERROR, "unknown-crossref",
                                  f"crossref of '{entry.key}' names unknown entry '{value}'",
                                  hint="the parent entry must be in the same bibliography"))
        elif name == "langid" and not language_code(value):
            out.append(Diagnostic(fpos.path, fpos.line, fpos.column, Severity.WARNING, "unknown-langid",
                                  f"langid '{value}' of '{entry.key}' is not a language the toolkit knows",
                                  hint="use a babel/polyglossia name (azerbaijani, turkish, russian, english) "
                                       "or a BCP 47 code (az, tr, ru, en)"))
        if name in SIMPLE_VALIDATORS:
            code, check = SIMPLE_VALIDATORS[name]
            problem = check(value)
            if problem:
                out.append(Diagnostic(fpos.path, fpos.line, fpos.column, Severity.ERROR, code, problem,
                                      HINTS.get(code, "")))
        elif name == "doi" and (found := validate.doi(value)):
            code, problem = found
            severity = Severity.WARNING if code == "doi-prefix" else Severity.ERROR
            out.append(Diagnostic(fpos.path, fpos.line, fpos.column, severity, code, problem))
    return out


def check_bibliography(bib: Bibliography) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for failure in bib.failures:
        pos = failure.position
        out.append(Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "bib-syntax",
                              f"this BibTeX block cannot be parsed: {failure.message}",
                              hint="the rest of the file is still checked"))
    first = bib.by_key()
    for dup in bib.duplicates:
        orig = first.get(dup.key)
        pos = dup.position
        if orig is not None:
            opos = orig.position
            out.append(Diagnostic(opos.path, opos.line, opos.column, Severity.ERROR, "duplicate-key",
                                  f"key '{dup.key}' is defined again at line {pos.line}"))
        out.append(Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "duplicate-key",
                              f"duplicate key '{dup.key}'" + (f"; first defined at line {orig.position.line}" if orig else "")))
    keys = {entry.key.lower() for entry in bib.entries}
    for entry in bib.entries:
        out += _entry_diagnostics(entry, keys)
    out += _cycles(bib)
    return out


def _cycles(bib: Bibliography) -> list[Diagnostic]:
    """A `crossref` or `xref` chain that leads back to its start (biber refuses it)."""
    by_key = {entry.key.lower(): entry for entry in bib.entries}
    out = []
    for entry in bib.entries:
        for name in ("crossref", "xref"):
            field = entry.fields.get(name)
            if field is None or field.inherited_from:
                continue
            chain, current = [entry.key], field.value.strip().lower()
            while current in by_key and current != entry.key.lower() and len(chain) <= len(by_key):
                chain.append(by_key[current].key)
                parent = by_key[current].fields.get(name)
                current = parent.value.strip().lower() if parent is not None else ""
            if current == entry.key.lower():
                pos = field.position
                out.append(Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "crossref-cycle",
                                      f"{name} of '{entry.key}' leads back to it: "
                                      + " → ".join([*chain, entry.key]),
                                      hint=f"an entry cannot inherit from itself; remove one {name}"))
    return out


def check(project) -> list[Diagnostic]:
    return check_bibliography(project.bibliography)
