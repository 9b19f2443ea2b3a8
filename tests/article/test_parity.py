"""Finer parity on the shipped article: every drift of its English is found."""

from __future__ import annotations

from dataclasses import replace

from tests.conftest import REPO
from toolkit.checks.parity import compare
from toolkit.manuscript import parse_section
from toolkit.project import load_project
from toolkit.sentences import split


# --- every drift in the shipped article's English -----------------------------------

def _shipped_pairs():
    project = load_project(REPO)
    original, english = project.manuscripts["az"], project.manuscripts["en"]
    return original, english


def _with_section(manuscript, section, text):
    sections = tuple(parse_section(text, s.path) if s is section else s for s in manuscript.sections)
    return replace(manuscript, sections=sections)


def _sentence_drifts(english):
    """(section, paragraph, changed section text, sentence number) for each sentence dropped
    and each pair of sentences joined, in every English paragraph of two sentences or more."""
    for section in english.sections:
        for paragraph in section.paragraphs:
            sentences = split(paragraph.text, "en")
            if len(sentences) < 2 or paragraph.text not in section.text:
                continue
            for k, s in enumerate(sentences):
                start, end = s.start, sentences[k + 1].start if k + 1 < len(sentences) else len(paragraph.text)
                text = paragraph.text[:start] + paragraph.text[end:]
                yield "drop", section, paragraph, section.text.replace(paragraph.text, text.rstrip()), k + 1
            for k in range(len(sentences) - 1):
                first, second = sentences[k], sentences[k + 1]
                joined = first.text.rstrip(".") + ", and " + second.text[0].lower() + second.text[1:]
                text = paragraph.text[:first.start] + joined + paragraph.text[second.end:]
                yield "merge", section, paragraph, section.text.replace(paragraph.text, text), k + 1


def test_every_drift_of_the_shipped_english_is_reported_at_its_paragraph():
    """Each sentence dropped and each pair joined, one at a time: always reported, at the
    paragraph; and which sentence it was named in most cases (lengths can be alike)."""
    original, english = _shipped_pairs()
    named = {"drop": [], "merge": []}
    for kind, section, paragraph, text, k in _sentence_drifts(english):
        found = [d for d in compare(original, _with_section(english, section, text)) if d.code == "parity-sentences"]
        assert len(found) == 1 and found[0].line == paragraph.position.line, (kind, section.name, k)
        expected = (f"az sentence {k} (" if kind == "drop" else f"az sentences {k}–{k + 1} are one en sentence")
        named[kind].append(expected in found[0].message)
    assert all(named["merge"]), named["merge"]
    assert len(named["drop"]) > 50 and sum(named["drop"]) >= 0.8 * len(named["drop"]), named["drop"]
