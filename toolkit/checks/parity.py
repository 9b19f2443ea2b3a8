"""The translations keep pace with the original, section by section, paragraph by paragraph.

Each language is compared with the original (the first in article.yaml). A
paragraph is the unit of comparison: its citations, quotations, notes and
numbers (years, day-month dates, ranges, amounts) must match, and so must its
number of sentences unless the translation marks a merge or split; and each
section's figures, tables and equations must carry the same labels in the same
order. Month names and scale words come from each language's numbers.yaml
(toolkit/vocabulary.py); sentences from toolkit/sentences.py.
"""

from __future__ import annotations

import re
from collections import Counter

from ..alignment import Bead, Unit, align
from ..crossref import kind_of
from ..diagnostics import Diagnostic, Severity
from ..model import Manuscript, Paragraph, Position, Project, Section
from ..sentences import Sentence, notes, split
from ..vocabulary import vocabulary

_CITATION = re.compile(r"\[[^\[\]]*@[^\[\]]*\]|(?<![\w@])-?@[\w:.#$%&\-+?<>~/]*\w")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_WORD = re.compile(r"\w+")
_KEY = re.compile(r"(?<![\w@])-?@\{?([\w](?:[\w:.#$%&\-+?<>~/]*[\w])?)")
# `<!-- parity: merge -->`, `<!-- parity: split -->`: a translated paragraph's
# deliberate difference in sentences, written in it or in a comment just before it
_MARKER = re.compile(r"<!--\s*parity\s*:\s*(.*?)\s*-->", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_COMMENTS_ONLY = re.compile(r"(?:\s*<!--.*?-->)+\s*", re.S)


def _where(pos: Position) -> str:
    return f"{pos.path}:{pos.line}"


def numbers(text: str, language: str) -> Counter:
    """The numbers, month names and scale words a paragraph states, comparable across languages."""
    words_of = vocabulary(language)
    text = _CITATION.sub(" ", _COMMENT.sub(" ", text))
    found = Counter(n.replace(",", ".") for n in _NUMBER.findall(text))
    words = _WORD.findall(text)
    for before, word in zip([""] + words, words):
        scale = words_of.scale(word)
        if scale and _NUMBER.fullmatch(before):
            found[f"×10^{scale}"] += 1
        if month := words_of.month(word):
            found[f"month {month}"] += 1
    return found


def _keys(text: str) -> Counter:
    keys = _KEY.findall(_COMMENT.sub(" ", text))
    return Counter(key for key in keys if not kind_of(key))  # `@fig:map` is a cross-reference


def _cited(paragraph: Paragraph) -> Counter:
    return _keys(paragraph.text)


def _describe(counter: Counter) -> str:
    return ", ".join(f"{k}×{n}" if n > 1 else k for k, n in sorted(counter.items())) or "none"


def _diff(here: Position, there: Position, code: str, message: str,
          severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(here.path, here.line, here.column, severity, code, f"{message} (compare {_where(there)})")


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


def _paragraphs(section: Section) -> list[tuple[Paragraph, frozenset[str]]]:
    """The section's paragraphs, each with the parity markers it carries. A paragraph of
    comments only prints nothing and is not counted; its markers go to the paragraph after it."""
    found: list[tuple[Paragraph, frozenset[str]]] = []
    pending: set[str] = set()
    for paragraph in section.paragraphs:
        marks = {word for m in _MARKER.finditer(paragraph.text)
                 for word in re.split(r"[\s,]+", m.group(1).lower()) if word}
        if _COMMENTS_ONLY.fullmatch(paragraph.text):
            pending |= marks
            continue
        found.append((paragraph, frozenset(pending | marks)))
        pending = set()
    return found


def _without_notes(text: str) -> str:
    out, at = [], 0
    for start, end in notes(text):
        out.append(text[at:start])
        at = end
    return "".join(out) + text[at:]


def _unit(sentence: Sentence, language: str) -> Unit:
    body = _without_notes(sentence.text)
    cited = Counter({f"@{key}": n for key, n in _keys(body).items()})
    words = _CITATION.sub(" ", _COMMENT.sub(" ", body)).split()[1:]
    return Unit(sentence.weight, numbers(body, language) + cited, sum(w.lstrip("(“«\"'")[:1].isupper() for w in words))


def _opening(sentence: Sentence) -> str:
    words = _without_notes(_CITATION.sub("", sentence.text)).split()
    return "“" + " ".join(words[:6]) + ("…" if len(words) > 6 else "") + "”"


def _explain(bead: Bead, s_o: tuple[Sentence, ...], s_t: tuple[Sentence, ...], lang: str, orig_lang: str) -> str:
    o, t = bead.original, bead.translation
    if bead.kind == (1, 0):
        return f"{orig_lang} sentence {o[0] + 1} ({_opening(s_o[o[0]])}) has no {lang} counterpart"
    if bead.kind == (0, 1):
        return f"{lang} sentence {t[0] + 1} ({_opening(s_t[t[0]])}) has no {orig_lang} counterpart"
    if bead.kind == (2, 1):
        return (f"{orig_lang} sentences {o[0] + 1}–{o[1] + 1} are one {lang} sentence, "
                f"{t[0] + 1} ({_opening(s_t[t[0]])})")
    return f"{orig_lang} sentence {o[0] + 1} ({_opening(s_o[o[0]])}) is {lang} sentences {t[0] + 1}–{t[1] + 1}"


def _compare_sentences(p_o: Paragraph, p_t: Paragraph, s_o: tuple[Sentence, ...], s_t: tuple[Sentence, ...],
                       marks: frozenset[str], lang: str, orig_lang: str, ratio: float) -> list[Diagnostic]:
    """As many sentences as the original, or a marked merge (fewer) or split (more)."""
    if len(s_o) == len(s_t) or ("merge" in marks and len(s_t) < len(s_o)) or (
            "split" in marks and len(s_t) > len(s_o)):
        return []
    beads = align([_unit(s, orig_lang) for s in s_o], [_unit(s, lang) for s in s_t], ratio)
    where = "; ".join(_explain(b, s_o, s_t, lang, orig_lang) for b in beads if b.kind != (1, 1))
    marker = "merge" if len(s_t) < len(s_o) else "split"
    return [_diff(p_t.position, p_o.position, "parity-sentences",
                  f"{len(s_t)} sentences in {lang}, {len(s_o)} in {orig_lang}: {where}; "
                  f"if this is a deliberate {marker}, mark the paragraph with <!-- parity: {marker} -->",
                  Severity.WARNING)]


def _compare_notes(p_o: Paragraph, p_t: Paragraph, lang: str, orig_lang: str) -> list[Diagnostic]:
    """Every note of the original has its translation; a translation may add translator's notes."""
    n_o, n_t = len(notes(p_o.text)), len(notes(p_t.text))
    if n_t >= n_o:
        return []
    return [_diff(p_t.position, p_o.position, "parity-footnotes",
                  f"{n_t} notes in {lang}, {n_o} in {orig_lang}: a note of the {orig_lang} original "
                  f"has no {lang} version")]


def _length_ratio(pairs: list[tuple[Section, Section]], orig_lang: str, lang: str) -> float:
    """How many letters the translation writes for one of the original's: over the paragraphs
    whose sentences agree in number (a drifted one would skew it), else over all."""
    agreeing, every = [0, 0], [0, 0]
    for original, other in pairs:
        for (p_o, _), (p_t, _) in zip(_paragraphs(original), _paragraphs(other)):
            s_o, s_t = split(p_o.text, orig_lang), split(p_t.text, lang)
            w_o, w_t = sum(s.weight for s in s_o), sum(s.weight for s in s_t)
            every = [every[0] + w_o, every[1] + w_t]
            if len(s_o) == len(s_t):
                agreeing = [agreeing[0] + w_o, agreeing[1] + w_t]
    totals = agreeing if agreeing[0] else every
    return totals[1] / totals[0] if totals[0] else 1.0


def _compare_sections(original: Section, other: Section, lang: str, orig_lang: str,
                      ratio: float) -> list[Diagnostic]:
    found = _compare_labels(original, other, lang, orig_lang)
    ids_o = [h.id for h in original.headings]
    ids_t = [h.id for h in other.headings]
    if ids_o != ids_t:
        pos_t = other.headings[0].position if other.headings else Position(other.path, 1, 1)
        pos_o = original.headings[0].position if original.headings else Position(original.path, 1, 1)
        found.append(_diff(pos_t, pos_o, "parity-headings",
                           f"section headings {ids_t} differ from the {orig_lang} ones {ids_o}"))
    paragraphs_o, paragraphs_t = _paragraphs(original), _paragraphs(other)
    if len(paragraphs_o) != len(paragraphs_t):
        found.append(_diff(Position(other.path, 1, 1), Position(original.path, 1, 1), "parity-paragraphs",
                           f"{len(paragraphs_t)} paragraphs in {lang}, {len(paragraphs_o)} in {orig_lang}"))
        return found  # paragraph pairs would be misaligned
    sentences_o = [split(p.text, orig_lang) for p, _ in paragraphs_o]
    sentences_t = [split(p.text, lang) for p, _ in paragraphs_t]
    for (p_o, _), (p_t, marks), s_o, s_t in zip(paragraphs_o, paragraphs_t, sentences_o, sentences_t):
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
        found += _compare_notes(p_o, p_t, lang, orig_lang)
        found += _compare_sentences(p_o, p_t, s_o, s_t, marks, lang, orig_lang, ratio)
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
    ratio = _length_ratio([(by_name_o[name], by_name_t[name]) for name in common_o], orig_lang, lang)
    for name in common_o:
        found += _compare_sections(by_name_o[name], by_name_t[name], lang, orig_lang, ratio)
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
