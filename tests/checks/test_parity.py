"""Parity: the English side keeps pace with the Azerbaijani original."""

from __future__ import annotations

import re

import pytest

from toolkit.checks import run_checks
from toolkit.checks.parity import numbers
from toolkit.project import load_project


def parity(root):
    return [d for d in run_checks(load_project(root)) if d.code.startswith("parity")]


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def other_place(diagnostic) -> str:
    m = re.search(r"\(compare (\S+)\)", diagnostic.message)
    return m.group(1) if m else ""


@pytest.fixture
def bilingual(project_copy):
    return project_copy("bilingual")


def test_aligned_fixture_has_no_parity_diagnostics(bilingual):
    assert parity(bilingual) == []


def test_a_dropped_paragraph(bilingual):
    edit(bilingual / "manuscript/en/01-treaty.md", "On 17 December 1925 the treaty was signed in Paris [@kuru2001].\n\n", "")
    (d,) = parity(bilingual)
    assert d.code == "parity-paragraphs" and str(d.path) == "manuscript/en/01-treaty.md"
    assert "1 paragraphs in en, 2 in az" in d.message and other_place(d) == "manuscript/az/01-treaty.md:1"


def test_a_lost_citation(bilingual):
    edit(bilingual / "manuscript/en/01-treaty.md", " [@kuru2001].", ".")
    (d,) = parity(bilingual)
    assert d.code == "parity-citations" and (str(d.path), d.line) == ("manuscript/en/01-treaty.md", 3)
    assert "en cites none, az cites kuru2001" in d.message
    assert other_place(d) == "manuscript/az/01-treaty.md:3"


def test_a_citation_used_a_different_number_of_times(bilingual):
    edit(bilingual / "manuscript/en/01-treaty.md", "Paris [@kuru2001]", "Paris [@kuru2001] [@kuru2001]")
    (d,) = parity(bilingual)
    assert d.code == "parity-citations" and "kuru2001×2" in d.message


def test_a_changed_year(bilingual):
    edit(bilingual / "manuscript/en/01-treaty.md", "in 1936", "in 1937")
    (d,) = parity(bilingual)
    assert d.code == "parity-numbers" and (str(d.path), d.line) == ("manuscript/en/01-treaty.md", 5)
    assert "only in az: 1936; only in en: 1937" in d.message
    assert other_place(d) == "manuscript/az/01-treaty.md:5"


def test_a_changed_day_month_date(bilingual):
    edit(bilingual / "manuscript/en/01-treaty.md", "17 December", "17 November")
    (d,) = parity(bilingual)
    assert d.code == "parity-numbers" and "month 12" in d.message and "month 11" in d.message


def test_a_changed_amount(bilingual):
    edit(bilingual / "manuscript/en/01-treaty.md", "38 million", "38 thousand")
    (d,) = parity(bilingual)
    assert d.code == "parity-numbers" and "×10^6" in d.message


def test_a_moved_section(bilingual):
    en = bilingual / "manuscript/en"
    first, second = (en / "01-treaty.md").read_text(), (en / "02-war.md").read_text()
    (en / "01-treaty.md").write_text(second)
    (en / "02-war.md").write_text(first)
    found = parity(bilingual)
    assert {d.code for d in found} == {"parity-section-order"}
    assert sorted((str(d.path), other_place(d)) for d in found) == [
        ("manuscript/en/01-treaty.md", "manuscript/az/01-treaty.md:1"),
        ("manuscript/en/02-war.md", "manuscript/az/02-war.md:1")]


def test_a_section_in_one_language_only(bilingual):
    (bilingual / "manuscript/en/02-war.md").unlink()
    found = [d for d in parity(bilingual) if d.code == "parity-missing-section"]
    assert len(found) == 1 and "'02-war' has no en version" in found[0].message
    assert "manuscript/az/02-war.md" in found[0].message and str(found[0].path) == "manuscript/en"


def test_a_missing_quotation(bilingual):
    edit(bilingual / "manuscript/en/02-war.md", "{#q-inonu .quotation", "{#q-other .quotation")
    found = sorted(parity(bilingual), key=lambda d: d.message)
    assert [d.code for d in found] == ["parity-quotation", "parity-quotation"]
    assert "quotation 'q-inonu' has no en version (compare manuscript/az/02-war.md:5)" in found[0].message
    assert str(found[0].path) == "manuscript/en/02-war.md"
    assert "'q-other' is not in the az original" in found[1].message and found[1].line == 5


def test_shipped_article_has_no_parity_diagnostics():
    from pathlib import Path

    assert parity(Path(__file__).parent.parent.parent) == []


@pytest.mark.parametrize("az, en", [
    ("17 dekabr 1925-ci ildə", "on 17 December 1925"),
    ("1939-cu ilin avqustundan", "from August 1939"),
    ("1923–1939-cu illər", "1923–1939"),
    ("38 milyon rubl", "38 million roubles"),
    ("[@k, s. 12] 1931-ci il", "[@k, p. 13] the 1931 agreement"),
])
def test_numbers_compare_across_languages(az, en):
    assert numbers(az, "az") == numbers(en, "en")
