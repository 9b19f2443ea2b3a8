"""Bibliography checks: duplicates, required fields, malformed values, syntax."""

from pathlib import Path

import pytest

from toolkit.bibliography import parse_bibliography
from toolkit.checks import fields
from toolkit.checks.bibliography import check_bibliography

P = Path("bibliography/references.bib")


def diagnose(text):
    return check_bibliography(parse_bibliography(text, P))


def codes(text):
    return [(d.code, d.line) for d in diagnose(text)]


def test_duplicate_key_is_reported_at_both_places():
    found = [d for d in diagnose("@misc{a, title={X}, author={Y}, year={2000}}\n\n"
                                 "@misc{a, title={Z}, author={Y}, year={2000}}\n") if d.code == "duplicate-key"]
    assert sorted((d.line, d.severity.value) for d in found) == [(1, "error"), (3, "error")]
    assert "again at line 3" in found[0].message or "again at line 3" in found[1].message


def test_missing_required_fields_follow_the_biblatex_data_model():
    (d,) = diagnose("@article{kuru2001,\n  title = {T},\n  year = {2001},\n}\n")
    assert d.code == "missing-field" and d.line == 1 and d.severity.value == "warning"
    assert d.message == "article 'kuru2001' lacks author, journaltitle or journal (required by the BibLaTeX data model)"
    assert d.in_mode(strict=True).severity.value == "error"


@pytest.mark.parametrize("entry, missing", [
    ("@book{k, author={A}, title={T}}", "year or date"),
    ("@incollection{k, author={A}, title={T}, date={2001}}", "booktitle"),
    ("@online{k, author={A}, title={T}, date={2001}}", "doi or eprint or url"),
    ("@phdthesis{k, author={A}, title={T}, year={2001}}", "institution or school"),
    ("@report{k, author={A}, title={T}, year={2001}, institution={I}}", "type"),
    ("@collection{k, author={A}, title={T}, year={2001}}", "editor"),
    ("@misc{k, note={only a note}}", "author or editor, title, year or date"),
])
def test_required_fields_per_type(entry, missing):
    (d,) = [d for d in diagnose(entry) if d.code == "missing-field"]
    assert d.message.split(" lacks ")[1].startswith(missing + " (")


def test_complete_entries_and_aliases_pass():
    assert diagnose("@article{k, author={A}, title={T}, journal={J}, year={2001}}\n"
                    "@techreport{r, author={A}, title={T}, institution={I}, year={2001}}\n"
                    "@conference{c, author={A}, title={T}, booktitle={B}, date={2001-05}}\n") == []


def test_unknown_entry_type_is_a_warning_and_checked_as_misc():
    found = diagnose("@letter{k, author={A}, title={T}, year={1941}}")
    assert [(d.code, d.severity.value) for d in found] == [("unknown-entry-type", "warning")]


@pytest.mark.parametrize("field, value, code", [
    ("year", "20O1", "invalid-year"), ("year", "01", "invalid-year"), ("year", "2001a", "invalid-year"),
    ("date", "2001-13", "invalid-date"), ("date", "2001-02-30", "invalid-date"), ("date", "17.12.1925", "invalid-date"),
    ("pages", "30--12", "invalid-pages"), ("pages", "12-", "invalid-pages"), ("pages", "p. 12", "invalid-pages"),
    ("doi", "10.12/abc", "invalid-doi"), ("doi", "https://doi.org/10.1000/xyz123", "doi-prefix"),
    ("isbn", "978-0-306-40615-8", "invalid-isbn"), ("isbn", "12345", "invalid-isbn"),
    ("url", "www.example.org/page", "invalid-url"), ("url", "https://example.org/a b", "invalid-url"),
])
def test_malformed_values_are_reported_at_the_field(field, value, code):
    text = f"@misc{{k,\n  author = {{A}},\n  title = {{T}},\n  date = {{2001}},\n  {field} = {{{value}}},\n}}\n"
    if field == "date":
        text = text.replace("  date = {2001},\n", "")
    found = [d for d in diagnose(text) if d.code == code]
    assert len(found) == 1 and found[0].line == (4 if field == "date" else 5), diagnose(text)
    assert found[0].column == 3


@pytest.mark.parametrize("field, value", [
    ("year", "1925"), ("date", "1925-12-17"), ("date", "1923/1939"), ("date", "1941/"), ("date", "2000-02-29"),
    ("pages", "12--30"), ("pages", "12–30"), ("pages", "xii--xv, 3"), ("pages", "e1234"),
    ("doi", "10.1000/xyz123"), ("isbn", "978-0-306-40615-7"), ("isbn", "0-306-40615-2"),
    ("url", "https://example.org/page?q=1"),
])
def test_well_formed_values_pass(field, value):
    base = "" if field in ("year", "date") else "year={2001}, "
    assert diagnose(f"@misc{{k, author={{A}}, title={{T}}, {base}{field}={{{value}}}}}") == []


def test_isbn_checksums():
    assert fields.isbn("978-0-306-40615-7") is None
    assert fields.isbn("0-306-40615-2") is None
    assert "check digit" in fields.isbn("978-0-306-40615-8")


def test_unparsable_block_is_an_error_at_its_line_and_the_rest_is_checked():
    text = ("@misc{good, author={A}, title={T}, year={2001}}\n\n"
            "@book{bad,\n  title = {Unclosed\n\n"
            "@book{later, title={T}, year={20O1}}\n")
    found = codes(text)
    assert ("bib-syntax", 3) in found
    assert ("invalid-year", 6) in found and ("missing-field", 6) in found


def test_a_large_bibliography_is_parsed_and_checked(tmp_path):
    from tests.fixtures.builders import large_bibliography

    text = large_bibliography(5000)
    bib = parse_bibliography(text, P)
    assert len(bib.entries) == 5000
    found = check_bibliography(bib)
    # the builder makes every 100th entry lack its year
    assert sum(d.code == "missing-field" for d in found) == 50
