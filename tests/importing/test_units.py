"""The Markdown reader's parts: dates, LaTeX labels, sections, authors."""

from __future__ import annotations


import pytest

from toolkit.importing.authors import read_authors
from toolkit.importing.crossrefs import convert, crossref_id
from toolkit.importing.dates import computed, iso_date
from toolkit.importing.front_matter import split_front_matter
from toolkit.importing.sections import empty_references, split_sections


@pytest.mark.parametrize("written, iso", [
    ("11 October 2019", "2019-10-11"), ("2019-10-11", "2019-10-11"), ("October 2019", "2019-10"),
    ("Oct. 2019", "2019-10"), ("October 11, 2019", "2019-10-11"), ("11th of October, 2019", "2019-10-11"),
    ("2019", "2019"), ("2019/10/11", "2019-10-11"), ("2019-10-11T09:30:00Z", "2019-10-11"),
    ("03/04/2019", None), ("31 February 2019", None), ("Brumaire 2019", None), ("soon", None),
])
def test_dates(written, iso):
    assert iso_date(written) == iso


def test_computed_dates():
    assert computed("today") and computed("`r Sys.Date()`") and computed("last-modified")
    assert computed("`r format(Sys.time(), '%d %B %Y')`") and not computed("11 October 2019")


def test_label_prefixes():
    assert crossref_id("fig:map", "eq") == "fig:map"
    assert crossref_id("tab:trade", "tbl") == "tbl:trade"
    assert crossref_id("growth", "eq") == "eq:growth"
    assert crossref_id("chap:data", "sec") == "sec:data"
    assert crossref_id("a:b", "fig") == "fig:a-b"


def test_labels_and_references():
    converted = convert("Text \\ref{x} `\\ref{x}` and \\cref{fig:a,tab:b} on p. \\pageref{x}.\n\n"
                        "$$\nx = 1 \\label{x}\n$$\n\n![A](a.png){#fig:a}\n\n: B \\label{tab:b}\n\n"
                        "\\begin{align}\\label{al}\na &= b\n\\end{align}\n")
    text = converted.text
    assert text.startswith("Text -@eq:x `\\ref{x}` and [@fig:a; @tbl:b] on p. \\pageref{x}.")
    assert "$$\nx = 1\n$$ {#eq:x}" in text and ": B {#tbl:b}" in text
    assert "\\begin{align}\\label{al}" in text  # one label for several lines: left, and reported
    assert any("align" in what for _, what in converted.left)
    assert any("pageref" in what for _, what in converted.left)


def test_quarto_labels():
    text = convert("See @fig-map and -@tbl-x, not mail@fig-x.org or `@fig-code`.\n\n![M](m.png){#fig-map}\n").text
    assert text == "See @fig:map and -@tbl:x, not mail@fig-x.org or `@fig-code`.\n\n![M](m.png){#fig:map}\n"


def test_sections_cut_at_top_level_headings_outside_code():
    body = "Before.\n\n# One {#one}\n\n## Sub\n\n```\n# not a heading\n```\n\nTwo\n===\n\nText.\n\n# References\n\n::: {#refs}\n:::\n"
    sections = split_sections(body)
    assert [s.title for s in sections] == ["", "One", "Two", "References"]
    assert [s.line for s in sections] == [1, 3, 11, 16]
    assert empty_references(sections[-1]) and not empty_references(sections[1])
    assert "".join(s.text for s in sections).replace("\n", "") == body.replace("\n", "")


def test_authors_forms(tmp_path):
    source = tmp_path / "paper.md"
    front = split_front_matter(
        "---\nauthor:\n  - Plain Name\n  - name: {literal: Example Collective}\n    affiliation: [1, Free Text]\n"
        "  - given-names: Ada\n    surname: Yılmaz\n    suffix: Jr.\n    affiliation: 9\n    fax: 123\n"
        "affiliations:\n  - name: Example University\n    index: 1\n---\n\n# A\n", source)
    authors, report = read_authors(front, source)
    assert [(a.name, a.affiliation) for a in authors] == [
        ("Plain Name", ""), ("Example Collective", "Example University; Free Text"), ("Ada Yılmaz, Jr.", "9")]
    assert {(d.line, d.code) for d in report} >= {(6, "import-guessed"), (10, "import-not-kept")}
