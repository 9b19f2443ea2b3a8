"""Citations, quotations, metadata and resources, on a fixture with one of each problem."""

import pytest

from toolkit.checks import run_checks
from toolkit.project import load_project


@pytest.fixture
def diagnostics(project_copy):
    return run_checks(load_project(project_copy("problems")))


def by_code(diagnostics, code):
    return [d for d in diagnostics if d.code == code]


def test_unknown_citation_suggests_closest_key(diagnostics):
    (d,) = by_code(diagnostics, "unknown-citation")
    assert (str(d.path), d.line, d.column) == ("manuscript/az/01-body.md", 3, 7)
    assert d.severity.value == "error"
    assert "'kuru200'" in d.message and "did you mean 'kuru2001'" in d.message


def test_uncited_entry_is_a_warning_at_the_entry(diagnostics):
    (d,) = by_code(diagnostics, "uncited-entry")
    assert (str(d.path), d.line, d.severity.value) == ("bibliography/references.bib", 8, "warning")
    assert "unused1999" in d.message


def test_quotation_without_citation(diagnostics):
    (d,) = by_code(diagnostics, "quotation-without-citation")
    assert (d.line, d.severity.value) == (5, "error") and "q-a" in d.message


def test_duplicate_quotation_id_reported_at_both_places(diagnostics):
    found = by_code(diagnostics, "duplicate-quotation-id")
    assert sorted(d.line for d in found) == [5, 9]


def test_quotation_without_id(diagnostics):
    (d,) = by_code(diagnostics, "quotation-without-id")
    assert d.line == 13


def test_missing_keywords_and_authors(diagnostics):
    (kw,) = by_code(diagnostics, "missing-keywords")
    assert kw.severity.value == "error" and "'az'" in kw.message
    (authors,) = by_code(diagnostics, "missing-authors")
    assert authors.severity.value == "warning" and authors.line == 2


def test_missing_authors_is_an_error_when_strict(project_copy):
    strict = run_checks(load_project(project_copy("problems")), strict=True)
    (authors,) = by_code(strict, "missing-authors")
    assert authors.severity.value == "error"


def test_image_outside_project_is_refused(diagnostics):
    (d,) = by_code(diagnostics, "refused-resource")
    assert (d.line, d.column) == (17, 10) and "outside the project" in d.message


def test_diagnostics_are_sorted_by_place(diagnostics):
    assert diagnostics == sorted(diagnostics, key=lambda d: (str(d.path), d.line, d.column, d.code, d.message))


def test_complete_fixture_has_no_diagnostics_even_strict(project_copy):
    assert run_checks(load_project(project_copy("complete")), strict=True) == []
