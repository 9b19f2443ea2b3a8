"""Typographic conventions: en-dash ranges in the sources, ties in the editions."""

from __future__ import annotations

import pytest

from toolkit.typography import NBSP, apply, range_hyphens, tie_dates_and_citations


@pytest.mark.parametrize("text, found", [
    ("1923-1939-cu illərdə", ["1923-1939"]),
    ("pages 12-30 and 1923–1939", ["12-30"]),
    ("{#relations-1923-1939} `1923-1939` [x](a-1923-1939.html)", []),  # attributes, code, links
    ('::: {#q .quotation date="1941-08-10"}', []),
    ("on 1925-12-17, ORCID 0000-0002-1825-0097", []),  # ISO dates and ORCIDs are not ranges
])
def test_hyphen_ranges_in_prose_only(text, found):
    assert [c.old for c in range_hyphens(text)] == found


def test_apply_rewrites_to_en_dashes():
    text = "## 1923-1939-cu illərdə {#relations-1923-1939}\n\n12-30"
    assert apply(text, range_hyphens(text)) == "## 1923–1939-cu illərdə {#relations-1923-1939}\n\n12–30"


def _inlines(*words):
    out = []
    for word in words:
        if out:
            out.append({"t": "Space"})
        out.append(word if isinstance(word, dict) else {"t": "Str", "c": word})
    return {"t": "Para", "c": out}


def _text(para):
    return "".join(n["c"] if n["t"] == "Str" else " " if n["t"] == "Space" else "[cite]" for n in para["c"])


@pytest.mark.parametrize("words, expected", [
    (["On", "17", "dekabr", "1925-ci", "ildə"], f"On 17{NBSP}dekabr{NBSP}1925-ci ildə"),
    (["on", "17", "December", "1925."], f"on 17{NBSP}December{NBSP}1925."),
    (["on", "December", "17,", "1925"], f"on December{NBSP}17, 1925"),
    (["the", "text", {"t": "Cite", "c": [[], []]}], f"the text{NBSP}[cite]"),
    (["17", "adam", "gəldi"], "17 adam gəldi"),
])
def test_dates_and_citations_are_tied(words, expected):
    assert _text(tie_dates_and_citations(_inlines(*words))) == expected
