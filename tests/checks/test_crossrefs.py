"""Cross-references and images as `check` reports them: unknown and duplicate labels,
labels that differ between original and translation, images without alt text."""

from __future__ import annotations

import pytest

from toolkit.checks import run_checks
from toolkit.project import load_project


def diagnostics(root, *codes):
    return [d for d in run_checks(load_project(root)) if d.code in codes]


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def crossref(project_copy):
    return project_copy("crossref")


def test_the_fixture_is_clean_and_no_cross_reference_is_a_citation(crossref):
    assert run_checks(load_project(crossref), strict=True) == []


def test_an_unknown_label_is_located_with_the_closest_label(crossref):
    section = crossref / "manuscript/en/01-introduction.md"
    edit(section, "in [@fig:chart]", "in [@fig:chrat]")
    (d,) = diagnostics(crossref, "unknown-label", "unknown-citation")
    line = section.read_text(encoding="utf-8").splitlines()[2]
    assert (str(d.path), d.line, d.column) == ("manuscript/en/01-introduction.md", 3, line.index("@fig:chrat") + 2)
    assert d.code == "unknown-label" and d.severity.value == "error"
    assert "'fig:chrat'" in d.message and "did you mean 'fig:chart'?" in d.message


def test_an_unknown_latex_reference_is_located(crossref):
    section = crossref / "manuscript/az/01-introduction.md"
    edit(section, r"\autoref{tbl:trade}", r"\autoref{tbl:trad}")
    (d,) = diagnostics(crossref, "unknown-label")
    line = section.read_text(encoding="utf-8").splitlines()[10]
    assert (d.line, d.column) == (11, line.index("tbl:trad}") + 1) and "did you mean 'tbl:trade'?" in d.message


def test_a_label_used_twice_is_an_error_at_the_second(crossref):
    for language in ("az", "en"):
        edit(crossref / f"manuscript/{language}/02-data.md", "{#eq:balance}", "{#eq:growth}")
    found = diagnostics(crossref, "duplicate-label")
    assert {(str(d.path), d.line) for d in found} == {("manuscript/az/02-data.md", 74),
                                                      ("manuscript/en/02-data.md", 74)}
    assert all("label 'eq:growth' is already used at manuscript/" in d.message and "02-data.md:72" in d.message
               for d in found)


def test_a_translation_with_another_label_differs_from_its_original(crossref):
    section = crossref / "manuscript/en/01-introduction.md"
    edit(section, "{#fig:scan}", "{#fig:graph}")
    edit(section, "@fig:scan]", "@fig:graph]")
    found = sorted(diagnostics(crossref, "parity-labels"), key=lambda d: d.line)
    assert [(d.line, d.column > 1) for d in found] == [(1, False), (9, True)]
    missing, extra = found
    assert "label 'fig:scan' of the az original has no en counterpart" in missing.message
    assert "(compare manuscript/az/01-introduction.md:9)" in missing.message
    assert "label 'fig:graph' is not in the az original" in extra.message


def test_labels_in_another_order_would_be_numbered_differently(crossref):
    section = crossref / "manuscript/en/02-data.md"
    edit(section, "{#eq:growth}", "{#eq:tmp}")
    edit(section, "{#eq:balance}", "{#eq:growth}")
    edit(section, "{#eq:tmp}", "{#eq:balance}")
    (d,) = diagnostics(crossref, "parity-labels")
    assert (str(d.path), d.line) == ("manuscript/en/02-data.md", 72)
    assert "'eq:balance' stands where the az original has 'eq:growth'" in d.message


def test_an_image_without_alt_text_or_caption_is_reported(crossref):
    section = crossref / "manuscript/en/01-introduction.md"
    text = section.read_text(encoding="utf-8")
    section.write_text(text + "\nSee ![](../../figures/map.png) and <img src=\"../../figures/map.png\">, "
                              "![Map](../../figures/map.png) and <img alt=\"Map\" src=\"../../figures/map.png\">.\n",
                       encoding="utf-8")
    lines = section.read_text(encoding="utf-8").splitlines()
    last = len(lines)
    found = diagnostics(crossref, "image-alt")
    assert [(d.line, d.column) for d in found] == [(last, lines[-1].index("../") + 1),
                                                   (last, lines[-1].index('"../') + 2)]
    assert all(d.severity.value == "warning" and "has no alt text or caption" in d.message for d in found)
