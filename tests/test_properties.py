"""Property-based tests: whatever bytes an author's files hold, the readers raise
nothing but the toolkit's own errors (which the CLI prints with a location)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.bibliography import parse_bibliography
from toolkit.checks.bibliography import check_bibliography
from toolkit.errors import ProjectError
from toolkit.manuscript import parse_section
from toolkit.metadata import parse_metadata

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text biased towards the characters each format gives meaning to.
BIBTEX = st.text(alphabet=st.sampled_from(list('@{}(),="#%\\~-_ \n\tabkeyAtitlestring0123ıİəçşğöü\x00\r')) |
                 st.characters(), max_size=400)
YAML = st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#,? \n\tabz0123İə%@`\x00\r\ufeff")) | st.characters(),
               max_size=300)
MARKDOWN = st.text(alphabet=st.sampled_from(list("#:[]{}()!@<>`~*_-=|\\\"' \n\tabz0123əİ.;/")) | st.characters(),
                   max_size=400)
ENTRY = st.builds(lambda kind, key, fields: f"@{kind}{{{key},\n" + ",\n".join(
    f"  {name} = {value}" for name, value in fields) + "\n}\n",
    st.sampled_from(["article", "book", "string", "comment", "preamble", "set", "misc", ""]),
    st.text(max_size=12),
    st.lists(st.tuples(st.sampled_from(["title", "author", "crossref", "xref", "pages", "date", "year", "doi",
                                        "url", "langid", "month", "isbn"]),
                       st.one_of(st.text(max_size=30).map(lambda t: "{" + t + "}"), st.text(max_size=10))),
             max_size=6))


@SETTINGS
@given(st.one_of(BIBTEX, st.lists(ENTRY, max_size=5).map("".join)))
def test_bibtex_reader_and_checks_raise_only_toolkit_errors(text):
    try:
        bibliography = parse_bibliography(text, Path("references.bib"))
    except ProjectError:
        return
    for diagnostic in check_bibliography(bibliography):
        assert diagnostic.line >= 0 and diagnostic.column >= 0
        assert "\n" not in diagnostic.format().split("\n    hint:")[0]


@SETTINGS
@given(st.one_of(YAML, st.builds(lambda head, body: f"languages:\n  {head}:\n    title: {body}\n",
                                  st.text(max_size=20), st.text(max_size=40))))
def test_metadata_reader_raises_only_toolkit_errors(text):
    try:
        metadata = parse_metadata(text)
    except ProjectError as error:
        for problem in getattr(error, "problems", [error]):  # a MetadataError lists every problem, one a line
            assert "\n" not in problem.format().split("\n    hint:")[0]
        return
    assert metadata.languages
    for problem in metadata.problems:
        assert problem.line >= 1 and "\n" not in problem.format().split("\n    hint:")[0]


@SETTINGS
@given(MARKDOWN)
def test_markdown_scanner_raises_only_toolkit_errors(text):
    try:
        section = parse_section(text, Path("manuscript/az/01.md"))
    except ProjectError:
        return
    lines = text.splitlines()
    for citation in section.citations:  # every position points into the text
        assert 1 <= citation.position.line <= len(lines)
        assert lines[citation.position.line - 1][citation.position.column - 1] in "@-"
