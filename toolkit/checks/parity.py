"""The translations keep pace with the original, section by section, paragraph by paragraph.

Each language is compared with the original (the first in article.yaml). A
paragraph is the unit of comparison: its citations, quotations and numbers
(years, day-month dates, ranges, amounts) must match; and each section's
figures, tables and equations must carry the same labels in the same order.
"""

from __future__ import annotations

import re
from collections import Counter

from ..crossref import kind_of
from ..diagnostics import Diagnostic, Severity
from ..model import Manuscript, Paragraph, Position, Project, Section

MONTHS = {
    "az": ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr",
           "noyabr", "dekabr"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}
# amount words after a number: "38 milyon rubl" ↔ "38 million roubles"
SCALES = {"az": {"min": "10^3", "milyon": "10^6", "milyard": "10^9"},
          "en": {"thousand": "10^3", "million": "10^6", "billion": "10^9"}}
_CITATION = re.compile(r"\[[^\[\]]*@[^\[\]]*\]|(?<![\w@])-?@[\w:.#$%&\-+?<>~/]*\w")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_WORD = re.compile(r"\w+")
# a month name with its case endings: "avqustundan", "iyun", "martın", "dekabrda"
_AZ_MONTH = re.compile(r"^(" + "|".join(MONTHS["az"]) + r")(?:ın|in|un|ün|ı|i|u|ü)?n?(?:da|də|dan|dən|a|ə)?$")


def _where(pos: Position) -> str:
    return f"{pos.path}:{pos.line}"


def numbers(text: str, language: str) -> Counter:
    """The numbers and month names a paragraph states, comparable across languages."""
    text = _CITATION.sub(" ", text)
    found = Counter(n.replace(",", ".") for n in _NUMBER.findall(text))
    words = _WORD.findall(text)
    for before, word in zip([""] + words, words):
        scale = SCALES.get(language, {}).get(word.lower())
        if scale and _NUMBER.fullmatch(before):
            found[f"×{scale}"] += 1
        if language == "en" and word in MONTHS["en"]:
            found[f"month {MONTHS['en'].index(word) + 1}"] += 1
        elif language == "az" and (m := _AZ_MONTH.match(word.lower())):
            found[f"month {MONTHS['az'].index(m.group(1)) + 1}"] += 1
    return found


def _cited(paragraph: Paragraph) -> Counter:
    keys = re.findall(r"(?<![\w@])-?@\{?([\w](?:[\w:.#$%&\-+?<>~/]*[\w])?)", paragraph.text)
    return Counter(key for key in keys if not kind_of(key))  # `@fig:map` is a cross-reference


def _describe(counter: Counter) -> str:
    return ", ".join(f"{k}×{n}" if n > 1 else k for k, n in sorted(counter.items())) or "none"


def _diff(here: Position, there: Position, code: str, message: str) -> Diagnostic:
    return Diagnostic(here.path, here.line, here.column, Severity.ERROR, code, f"{message} (compare {_where(there)})")


def _compare_labels(original: Section, other: Section, lang: str, orig_lang: str) -> list[Diagnostic]:
    """The same figures, tables and equations under the same labels, in the same order:
    otherwise a number would name one thing in the original and another in the translation.
    (Sections' labels are their headings' identifiers, which parity-headings compares.)"""
    labels_o = [label for label in original.labels if label.kind != "sec"]
    labels_t = [label for label in other.labels if label.kind != "sec"]
    ids_o, ids_t = [label.id for label in labels_o], [label.id for label in labels_t]
    if ids_o == ids_t:
        return []
    start_o, start_t = Position(original.path, 1, 1), Position(other.path, 1, 1)
    found = [_diff(label.position, start_o, "parity-labels", f"label '{label.id}' is not in the {orig_lang} original")
             for label in labels_t if label.id not in ids_o]
    found += [_diff(start_t, label.position, "parity-labels", f"label '{label.id}' of the {orig_lang} original "
                                                              f"has no {lang} counterpart")
              for label in labels_o if label.id not in ids_t]
    if not found:  # the same labels in another order
        here, there = next((t, o) for t, o in zip(labels_t, labels_o) if t.id != o.id)
        found.append(_diff(here.position, there.position, "parity-labels",
                           f"label '{here.id}' stands where the {orig_lang} original has '{there.id}': "
                           "the two would be numbered differently"))
    return found


def _compare_sections(original: Section, other: Section, lang: str, orig_lang: str) -> list[Diagnostic]:
    found = _compare_labels(original, other, lang, orig_lang)
    ids_o = [h.id for h in original.headings]
    ids_t = [h.id for h in other.headings]
    if ids_o != ids_t:
        pos_t = other.headings[0].position if other.headings else Position(other.path, 1, 1)
        pos_o = original.headings[0].position if original.headings else Position(original.path, 1, 1)
        found.append(_diff(pos_t, pos_o, "parity-headings",
                           f"section headings {ids_t} differ from the {orig_lang} ones {ids_o}"))
    if len(original.paragraphs) != len(other.paragraphs):
        found.append(_diff(Position(other.path, 1, 1), Position(original.path, 1, 1), "parity-paragraphs",
                           f"{len(other.paragraphs)} paragraphs in {lang}, {len(original.paragraphs)} in {orig_lang}"))
        return found  # paragraph pairs would be misaligned
    for p_o, p_t in zip(original.paragraphs, other.paragraphs):
        c_o, c_t = _cited(p_o), _cited(p_t)
        if c_o != c_t:
            found.append(_diff(p_t.position, p_o.position, "parity-citations",
                               f"citations differ: {lang} cites {_describe(c_t)}, {orig_lang} cites {_describe(c_o)}"))
        n_o, n_t = numbers(p_o.text, orig_lang), numbers(p_t.text, lang)
        if n_o != n_t:
            only_o, only_t = n_o - n_t, n_t - n_o
            found.append(_diff(p_t.position, p_o.position, "parity-numbers",
                               f"numbers differ: only in {orig_lang}: {_describe(only_o)}; "
                               f"only in {lang}: {_describe(only_t)}"))
    return found


def compare(original: Manuscript, other: Manuscript) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    orig_lang, lang = original.language, other.language
    by_name_o = {s.name: s for s in original.sections}
    by_name_t = {s.name: s for s in other.sections}
    for name, section in by_name_o.items():
        if name not in by_name_t:
            found.append(Diagnostic(other.directory, 0, 0, Severity.ERROR, "parity-missing-section",
                                    f"section '{name}' has no {lang} version (compare {section.path})"))
    for name, section in by_name_t.items():
        if name not in by_name_o:
            found.append(Diagnostic(section.path, 1, 1, Severity.ERROR, "parity-missing-section",
                                    f"section '{name}' has no {orig_lang} original (in {original.directory})"))
    common_o = [s.name for s in original.sections if s.name in by_name_t]
    heads_o = [h.id for n in common_o for h in by_name_o[n].headings[:1]]
    heads_t = [h.id for n in common_o for h in by_name_t[n].headings[:1]]
    if sorted(heads_o) == sorted(heads_t) and heads_o != heads_t:
        for n in common_o:
            s_o, s_t = by_name_o[n], by_name_t[n]
            if s_o.headings[:1] and s_t.headings[:1] and s_o.headings[0].id != s_t.headings[0].id:
                found.append(_diff(s_t.headings[0].position, s_o.headings[0].position, "parity-section-order",
                                   f"section '{s_t.headings[0].id}' is out of order: the {orig_lang} "
                                   f"original has '{s_o.headings[0].id}' here"))
        return found
    for name in common_o:
        found += _compare_sections(by_name_o[name], by_name_t[name], lang, orig_lang)
    quotes_o = {q.id: q for q in original.quotations if q.id}
    quotes_t = {q.id: q for q in other.quotations if q.id}
    for qid, q in quotes_o.items():
        if qid not in quotes_t:
            counterpart = by_name_t.get(q.position.path.stem)
            path = counterpart.path if counterpart else other.directory
            found.append(Diagnostic(path, 1 if counterpart else 0, 1 if counterpart else 0, Severity.ERROR,
                                    "parity-quotation",
                                    f"quotation '{qid}' has no {lang} version (compare {_where(q.position)})"))
    for qid, q in quotes_t.items():
        if qid not in quotes_o:
            found.append(Diagnostic(q.position.path, q.position.line, q.position.column, Severity.ERROR,
                                    "parity-quotation", f"quotation '{qid}' is not in the {orig_lang} original"))
    return found


def check(project: Project) -> list[Diagnostic]:
    original = project.manuscripts.get(project.original_language)
    if original is None:
        return []
    return [d for lang, m in project.manuscripts.items() if lang != original.language for d in compare(original, m)]
