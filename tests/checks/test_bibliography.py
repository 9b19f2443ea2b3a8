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
    ("@incollection{k, author={A}, title={T}, date={2001}}", "editor, booktitle"),
    ("@online{k, author={A}, title={T}, date={2001}}", "doi or eprint or url"),
    ("@phdthesis{k, author={A}, title={T}, year={2001}}", "institution or school"),
    ("@report{k, author={A}, title={T}, year={2001}, institution={I}}", "type"),
    ("@collection{k, author={A}, title={T}, year={2001}}", "editor"),
    ("@misc{k, note={only a note}}", "title, year or date"),
    ("@set{k, annotation={no members}}", "entryset, year or date"),
    ("@mvreference{k, title={T}}", "editor"),  # no date in biber's model
])
def test_required_fields_per_type_follow_biber(entry, missing):
    (d,) = [d for d in diagnose(entry) if d.code == "missing-field"]
    assert d.message.split(" lacks ")[1] == missing + " (required by the BibLaTeX data model)"


@pytest.mark.parametrize("entry", [
    "@misc{k, title={T}, date={2001}}",  # the manual asks author or editor; biber does not
    "@online{k, title={T}, url={https://example.org}, date={2001}}",
    "@manual{k, title={T}, year={2001}}",
    "@dataset{k, title={T}}",  # the manual asks a date; biber does not
    "@software{k, title={T}}",
    "@letter{k, note={a letter}}",  # in the data model, with no required field
])
def test_where_the_manual_asks_more_than_biber_biber_is_followed(entry):
    assert [d.code for d in diagnose(entry)] == []


def test_complete_entries_and_aliases_pass():
    assert diagnose("@article{k, author={A}, title={T}, journal={J}, year={2001}}\n"
                    "@techreport{r, author={A}, title={T}, institution={I}, year={2001}}\n"
                    "@conference{c, author={A}, title={T}, booktitle={B}, date={2001-05}}\n") == []


def test_unknown_entry_type_is_a_warning_and_checked_as_misc():
    found = diagnose("@speech{k, author={A}, title={T}, year={1941}}")
    assert [(d.code, d.severity.value) for d in found] == [("unknown-entry-type", "warning")]
    assert [d.message for d in diagnose("@speech{k, author={A}}") if d.code == "missing-field"] == [
        "speech 'k' lacks title, year or date (required by the BibLaTeX data model)"]


@pytest.mark.parametrize("field, value, code", [
    ("year", "20O1", "invalid-year"), ("year", "01", "invalid-year"), ("year", "2001a", "invalid-year"),
    ("date", "2001-13", "invalid-date"), ("date", "2001-02-30", "invalid-date"), ("date", "17.12.1925", "invalid-date"),
    ("pages", "30--12", "invalid-pages"), ("pages", "-12", "invalid-pages"), ("pages", "??--??", "invalid-pages"),
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
    ("pages", "12--30"), ("pages", "12–30"), ("pages", "xii--xv, 3"), ("pages", "e1234"), ("pages", "p. 12"),
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
    assert ("bib-syntax", 4) in found  # at the brace that is never closed
    assert ("invalid-year", 6) in found and ("missing-field", 6) in found


def test_a_large_bibliography_is_parsed_and_checked(tmp_path):
    from tests.fixtures.builders import large_bibliography

    text = large_bibliography(5000)
    bib = parse_bibliography(text, P)
    assert len(bib.entries) == 5000
    found = check_bibliography(bib)
    # the builder makes every 100th entry lack its year
    assert sum(d.code == "missing-field" for d in found) == 50


@pytest.mark.parametrize("value", [
    "Cover 3", "Appendix A", "M-1--M-14", r"{c\,3}-{c\,3}", "42--", r"579\psqq", "135--38", "22-4", "xii--xv",
    "431--456, 791--823", "1; 5", "12~--~30", "e1234", "Ⅻ--ⅩⅤ",
])
def test_pages_biber_accepts_are_never_reported(value):
    assert fields.pages(value) is None
    assert diagnose(f"@misc{{k, title={{T}}, year={{2001}}, pages={{{value}}}}}") == []


@pytest.mark.parametrize("value, why", [
    ("30--12", "ends before it starts"), ("1923-12", "ends before it starts"), ("xv--xii", "ends before it starts"),
    ("-12", "cannot be read"), ("12,,14", "cannot be read"), ("0", "cannot be read"), ("??", "placeholder"),
    ("12--?", "placeholder"),
])
def test_pages_biber_rejects_reversed_ranges_and_placeholders_are_warnings(value, why):
    (d,) = diagnose(f"@misc{{k, title={{T}}, year={{2001}},\n  pages={{{value}}}}}")
    assert d.code == "invalid-pages" and d.severity.value == "warning" and (d.line, d.column) == (2, 3)
    assert why in d.message


def test_biber_ranges_are_read_as_biber_reads_them():
    assert fields.biber_ranges("M-1--M-14, 42--; 5") == [("M-1", "M-14"), ("42", ""), ("5", None)]
    assert fields.biber_ranges("{c 3}-{c 9}") == [("c 3", "c 9")]  # braces kept the dash apart, then dropped
    assert fields.biber_ranges("-5") == [None]


def test_the_dash_list_is_unicodes_dash_punctuation():
    import sys
    import unicodedata

    assert set(fields.DASHES) == {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Pd"}


def test_a_set_naming_a_missing_member_is_an_error_at_entryset():
    found = diagnose("@set{s,\n  entryset = {a, nosuch},\n}\n@misc{a, title={T}, year={2001}}\n")
    assert [(d.code, d.severity.value, d.line, d.column) for d in found] == [("unknown-set-member", "error", 2, 3)]
    assert "'nosuch'" in found[0].message


def test_a_set_with_members_needs_no_date_of_its_own():
    assert diagnose("@set{s, entryset = {a, b}}\n@misc{a, title={T}, year={2001}}\n"
                    "@misc{b, title={U}, year={2002}}\n") == []


def test_an_alias_that_is_another_key_or_alias_is_an_error_at_ids():
    found = diagnose("@misc{a, title={T}, year={2001},\n  ids = {b, x}}\n"
                     "@misc{b, title={T}, year={2001},\n  ids = {x, b}}\n")
    assert sorted((d.code, d.severity.value, d.line, d.column) for d in found) == [
        ("alias-conflict", "error", 2, 3), ("alias-conflict", "error", 4, 3), ("alias-conflict", "warning", 4, 3)]
    assert any("is the key of another entry" in d.message for d in found)
    assert any("already an alias of 'a'" in d.message for d in found)


def test_duplicate_keys_across_files_are_reported_at_both_places_with_both_paths():
    from toolkit.bibliography import parse_bibliographies

    a, b = Path("bibliography/a.bib"), Path("bibliography/b.bib")
    found = check_bibliography(parse_bibliographies([(a, "@misc{k, title={T}, year={2001}}\n"),
                                                     (b, "\n@misc{k, title={U}, year={2002}}\n")]))
    assert sorted((str(d.path), d.line, d.message) for d in found) == [
        ("bibliography/a.bib", 1, "key 'k' is defined again at line 2 of bibliography/b.bib"),
        ("bibliography/b.bib", 2, "duplicate key 'k'; first defined at line 1 of bibliography/a.bib")]


def test_a_file_that_is_not_utf8_is_a_located_error_and_the_rest_is_checked(tmp_path):
    from toolkit.bibliography import load_bibliography

    (tmp_path / "a.bib").write_bytes(b"@misc{k, title={Ba\xe7}, year={20O1}}\n")
    found = {(d.code, d.line, d.column) for d in check_bibliography(load_bibliography(tmp_path, [Path("a.bib")]))}
    assert found == {("refused-source", 1, 19), ("invalid-year", 1, 23)}


def test_a_string_macro_defined_again_with_another_value_is_a_warning_and_the_later_is_used():
    text = ('@String{j = "Ecological Modelling: International\n   Journal"}\n\n@String{j = "Ecological Modelling"}\n'
            '@string{same = {S}}\n@string{same = {S}}\n@misc{k, title = j, year = {2001}}\n')
    bib = parse_bibliography(text, P)
    assert bib.by_key()["k"].fields["title"].value == "Ecological Modelling"
    assert [(d.code, d.severity.value, d.line, d.column) for d in check_bibliography(bib)] == [
        ("duplicate-string", "warning", 4, 1)]
