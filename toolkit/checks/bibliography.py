"""The bibliography as a whole: syntax, duplicate keys, required fields, field values,
sets and aliases.

Required fields follow biber's data model (`data/biber-tool.conf`, the same
constraints as biblatex's default model in `blx-dm.def`), with the BibTeX
aliases for types and fields that biblatex's driver source map applies. Where
the BibLaTeX manual's lists differ (it also asks author or editor of @misc,
@manual and @online, a date of @dataset and @software), biber is followed:
it is what reads the file.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..model import Bibliography, Entry, Field
from ..languages import all_profiles, guess_language, language_code, profile
from ..bibliography import split_keys
from . import fields as validate

AUTHOR, EDITOR, TITLE, DATE = ("author",), ("editor",), ("title",), ("year", "date")
AUTHOR_OR_EDITOR = ("author", "editor")
BOOKTITLE, THESIS = ("booktitle",), (AUTHOR, TITLE, ("type",), ("institution", "school"), DATE)
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (AUTHOR, TITLE, ("journaltitle", "journal"), DATE),
    "book": (AUTHOR, TITLE, DATE), "mvbook": (AUTHOR, TITLE, DATE),
    "inbook": (AUTHOR, TITLE, BOOKTITLE, DATE), "bookinbook": (AUTHOR, TITLE, BOOKTITLE, DATE),
    "suppbook": (AUTHOR, TITLE, BOOKTITLE, DATE),
    "booklet": (AUTHOR_OR_EDITOR, TITLE, DATE),
    "collection": (EDITOR, TITLE, DATE), "mvcollection": (EDITOR, TITLE, DATE), "reference": (EDITOR, TITLE, DATE),
    "mvreference": (EDITOR, TITLE),
    "incollection": (AUTHOR, EDITOR, TITLE, BOOKTITLE, DATE), "suppcollection": (AUTHOR, EDITOR, TITLE, BOOKTITLE, DATE),
    "inreference": (AUTHOR, EDITOR, TITLE, BOOKTITLE, DATE),
    "dataset": (TITLE,), "software": (TITLE,), "manual": (TITLE, DATE), "misc": (TITLE, DATE),
    "online": (TITLE, ("doi", "eprint", "url"), DATE),
    "patent": (AUTHOR, TITLE, ("number",), DATE),
    "periodical": (EDITOR, TITLE, DATE), "suppperiodical": (DATE,),
    "proceedings": (TITLE, DATE), "mvproceedings": (TITLE,),
    "inproceedings": (AUTHOR, TITLE, BOOKTITLE, DATE),
    "report": THESIS, "thesis": THESIS,
    "unpublished": (AUTHOR, TITLE, DATE),
    "set": (("entryset",), DATE),  # the date is the first member's (biber's set inheritance)
}
# in the data model, with no required field
UNCONSTRAINED = {"artwork", "audio", "bibnote", "commentary", "image", "jurisdiction", "legal", "legislation",
                 "letter", "movie", "music", "performance", "review", "standard", "video", "xdata",
                 *(f"custom{c}" for c in "abcdef")}
SAME_AS = {"conference": "inproceedings", "electronic": "online", "www": "online"}
# BibTeX types whose name says the `type` field
TYPE_IMPLIED = {"mastersthesis": "thesis", "phdthesis": "thesis", "techreport": "report"}

SIMPLE_VALIDATORS = {"year": ("invalid-year", validate.year), "date": ("invalid-date", validate.date),
                     "pages": ("invalid-pages", validate.pages), "isbn": ("invalid-isbn", validate.isbn),
                     "url": ("invalid-url", validate.url)}
VALUE_CHECKED = {"crossref", "langid", "doi", *SIMPLE_VALIDATORS}
# the languages the toolkit has profiles of, as a langid hint names them
_BABEL_NAMES = ", ".join(p.babel for p in all_profiles() if p.babel)
_CODES = ", ".join(p.code for p in all_profiles())
HINTS = {"invalid-year": "write the year as four digits, e.g. year = {1925}; use date = {…} for more",
         "invalid-date": "BibLaTeX dates are ISO 8601: 1925, 1925-12, 1925-12-17, or a range 1923/1939",
         "invalid-pages": "biber reads pages as ranges separated by commas: 12--30, xii--xv, 42--, Cover 3",
         "invalid-isbn": "copy the ISBN again from the book's imprint page",
         "invalid-url": "give the full address, starting with https://"}


def _required(entry: Entry) -> tuple[str, tuple[tuple[str, ...], ...]] | None:
    kind = entry.type
    if kind in TYPE_IMPLIED:
        base = TYPE_IMPLIED[kind]
        return base, tuple(g for g in REQUIRED[base] if g != ("type",))
    kind = SAME_AS.get(kind, kind)
    if kind in UNCONSTRAINED:
        return kind, ()
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
                              "biber reads it as @misc", hint="use a BibLaTeX type such as @article, @book, @misc"))
    missing = missing_fields(entry)
    if missing:
        out.append(Diagnostic(pos.path, pos.line, pos.column, Severity.WARNING, "missing-field",
                              f"{entry.type} '{entry.key}' lacks {', '.join(missing)} "
                              "(required by the BibLaTeX data model)", strict_error=True))
    title = entry.fields.get("title")
    if "langid" not in entry.fields and title and (guess := guess_language(title.value)):
        script = profile(guess).tell_tale[1]
        out.append(Diagnostic(title.position.path, title.position.line, title.position.column, Severity.WARNING,
                              "missing-langid", f"title of '{entry.key}' has {script} but the entry has no langid",
                              hint=f"add langid = {{{profile(guess).babel}}}: the language decides "
                                   "how the title is cased and whether a translated title is shown"))
    for name, field in entry.fields.items():
        if field.inherited_from:
            continue  # checked where it is written, in the parent
        fpos = field.position
        if field.undefined:
            names = ", ".join(field.undefined)
            out.append(Diagnostic(fpos.path, fpos.line, fpos.column, Severity.ERROR, "undefined-string",
                                  f"{name} of '{entry.key}' uses undefined @string macro {names}",
                                  hint="define it with @string{name = {…}} before the entry, or brace the value"))
        if name not in VALUE_CHECKED:
            continue  # most fields: a large bibliography has tens of thousands
        value = field.value.strip()
        if not value:
            continue
        if name == "crossref" and value.lower() not in keys:
            out.append(Diagnostic(fpos.path, fpos.line, fpos.column, Severity.ERROR, "unknown-crossref",
                                  f"crossref of '{entry.key}' names unknown entry '{value}'",
                                  hint="the parent entry must be in the same bibliography"))
        elif name == "langid" and not language_code(value):
            out.append(Diagnostic(fpos.path, fpos.line, fpos.column, Severity.WARNING, "unknown-langid",
                                  f"langid '{value}' of '{entry.key}' is not a language the toolkit knows",
                                  hint=f"use a babel/polyglossia name ({_BABEL_NAMES}) "
                                       f"or a BCP 47 code ({_CODES})"))
        if name in SIMPLE_VALIDATORS:
            code, check = SIMPLE_VALIDATORS[name]
            problem = check(value)
            if problem:
                # pages biber cannot count are still printed: a warning, never a refusal
                severity = Severity.WARNING if name == "pages" else Severity.ERROR
                out.append(Diagnostic(fpos.path, fpos.line, fpos.column, severity, code, problem,
                                      HINTS.get(code, "")))
        elif name == "doi" and (found := validate.doi(value)):
            code, problem = found
            severity = Severity.WARNING if code == "doi-prefix" else Severity.ERROR
            out.append(Diagnostic(fpos.path, fpos.line, fpos.column, severity, code, problem))
    return out


def _where(position, other) -> str:
    """`other`'s place as seen from `position`: "line 3", or "line 3 of bibliography/b.bib"."""
    return f"line {other.line}" + ("" if other.path == position.path else f" of {other.path}")


def check_bibliography(bib: Bibliography) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for failure in bib.failures:
        pos = failure.position
        message = failure.message if failure.code != "bib-syntax" else \
            f"this BibTeX block cannot be parsed: {failure.message}"
        hint = {"bib-syntax": "the rest of the file is still checked",
                "refused-source": "save the file as UTF-8; the rest of it is still checked, but nothing is built "
                                  "from it until then"}.get(failure.code, "")
        severity = Severity.WARNING if failure.code == "duplicate-string" else Severity.ERROR
        out.append(Diagnostic(pos.path, pos.line, pos.column, severity, failure.code, message, hint))
    first = bib.by_key()
    for dup in bib.duplicates:
        orig = first.get(dup.key)
        pos = dup.position
        if orig is not None:
            opos = orig.position
            out.append(Diagnostic(opos.path, opos.line, opos.column, Severity.ERROR, "duplicate-key",
                                  f"key '{dup.key}' is defined again at {_where(opos, pos)}"))
        out.append(Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "duplicate-key",
                              f"duplicate key '{dup.key}'"
                              + (f"; first defined at {_where(pos, orig.position)}" if orig else "")))
    keys = {entry.key.lower() for entry in bib.entries}
    for entry in bib.entries:
        out += _entry_diagnostics(entry, keys)
    out += _cycles(bib)
    out += _aliases(bib)
    out += _sets(bib)
    return out


def _aliases(bib: Bibliography) -> list[Diagnostic]:
    """`ids` aliases biber would skip: another entry's key, another entry's alias
    (errors: a citation of it would mean two entries), or the entry's own key."""
    first = bib.by_key()
    claimed: dict[str, Entry] = {}
    out = []
    for entry in bib.entries:
        ids = entry.fields.get("ids")
        if ids is None or ids.inherited_from:
            continue
        pos = ids.position
        for alias in split_keys(ids.value):
            if alias == entry.key:
                out.append(Diagnostic(pos.path, pos.line, pos.column, Severity.WARNING, "alias-conflict",
                                      f"ids of '{entry.key}' names its own key", hint="remove it from ids"))
            elif alias in first:
                other = first[alias].position
                out.append(Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "alias-conflict",
                                      f"alias '{alias}' in ids of '{entry.key}' is the key of another entry "
                                      f"(at {_where(pos, other)}); biber ignores the alias",
                                      hint="a citation of it means that other entry: remove the alias or rename"))
            elif alias in claimed and claimed[alias] is not entry:
                other = claimed[alias].fields["ids"].position
                out.append(Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "alias-conflict",
                                      f"alias '{alias}' in ids of '{entry.key}' is already an alias of "
                                      f"'{claimed[alias].key}' (at {_where(pos, other)}); biber keeps the first",
                                      hint="an alias may name one entry only"))
            else:
                claimed[alias] = entry
    return out


def _sets(bib: Bibliography) -> list[Diagnostic]:
    """A `@set` whose `entryset` names an entry that is not in the bibliography."""
    keys = bib.by_key()
    out = []
    for entry in bib.entries:
        field: Field | None = entry.fields.get("entryset")
        if entry.type != "set" or field is None:
            continue
        pos = field.position
        for member in split_keys(field.value):
            if bib.aliases.get(member, member) not in keys:
                out.append(Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "unknown-set-member",
                                      f"entryset of '{entry.key}' names unknown entry '{member}'",
                                      hint="every member of a set must be an entry of the bibliography"))
            elif bib.aliases.get(member, member) == entry.key:
                out.append(Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "unknown-set-member",
                                      f"entryset of '{entry.key}' names the set itself"))
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
