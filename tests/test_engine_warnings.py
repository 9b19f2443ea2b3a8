"""Nothing dropped without a word: every pandoc and WeasyPrint warning of a build is
printed as check prints a problem, at its place in the sources."""

from __future__ import annotations

from pathlib import Path

from toolkit.engine_warnings import SourceMap, located
from toolkit.project import load_project

EXTRA = """

# References

Mətn.

::: {#open}
bağlanmamış div

## Alt {#sub}

[^9]: istifadə olunmayan qeyd
"""


def test_the_engines_warnings_are_located_diagnostics(project_copy, run_cli):
    root = project_copy("complete")
    (root / "manuscript/az/02-extra.md").write_text(EXTRA, encoding="utf-8")
    code, _, err = run_cli("--project", root, "build", "--lang", "az")
    assert code == 0
    lines = [line for line in err.splitlines() if not line.startswith("    hint:")]
    path = "manuscript/az/02-extra.md"
    # pandoc read the edition from stdin: each line is traced back to its section and line
    assert f"{path}:7:1: warning: pandoc: Div unclosed in what the edition adds after the sections " \
           "(references, abstracts), closing implicitly. [pandoc]" in lines
    assert f"{path}:12:1: warning: pandoc: Note with key '9' defined but not used. [pandoc]" in lines
    # warned of at the toolkit's own reference heading: placed at the heading that took its identifier
    assert f"{path}:3:1: warning: pandoc: Duplicate identifier 'references' [pandoc]" in lines
    assert f"{path}:3:1: warning: weasyprint: Anchor defined twice: 'references' [weasyprint]" in lines
    assert not [line for line in lines if line.startswith("warning: pandoc:")]
    assert "hint: close the div with a line of :::" in err
    # each once, though the web, print and Word runs each said it
    assert len([line for line in lines if "Duplicate identifier" in line]) == 1


def test_a_build_of_a_clean_project_says_nothing_of_the_engines(project_copy, run_cli):
    for name in ("complete", "crossref", "front-matter"):
        code, _, err = run_cli("--project", project_copy(name), "build")
        assert code == 0 and "[pandoc]" not in err and "[weasyprint]" not in err, err


def test_a_line_of_pandoc_s_input_is_traced_to_its_section():
    sources = SourceMap()
    sources.add("::: {.abstract}\nXülasə.\n:::", Path("manuscript/article.yaml"), 9, 5, exact=False)
    sources.add("# Giriş\n\nMətn.", Path("manuscript/az/01.md"), 3)  # two blank lines before it in the file
    sources.add("# Ədəbiyyat {#references}")
    # the abstract: lines 1-3, blank, the section: lines 5-7, blank, the references: line 9
    assert sources.place(2, 4) == (Path("manuscript/article.yaml"), 9, 5)
    assert sources.place(5, 1) == (Path("manuscript/az/01.md"), 3, 1)
    assert sources.place(7, 2) == (Path("manuscript/az/01.md"), 5, 2)
    assert sources.place(9, 1) is None and not sources.exact(9) and sources.exact(6)


def test_a_warning_without_a_line_is_placed_by_what_it_names(project_copy):
    from tests.conftest import FIXTURES

    project = load_project(FIXTURES / "crossref")
    (by_id,) = located(project, "az", "weasyprint", ["Anchor defined twice: 'sec:data'"])
    assert (str(by_id.path), by_id.line, by_id.column) == ("manuscript/az/02-data.md", 1, 1)
    (nowhere,) = located(project, "az", "pandoc", ["Something about nothing"])
    assert (str(nowhere.path), nowhere.line) == ("manuscript/az", 0)
    assert located(project, "az", "pandoc", ["Citeproc: citation x not found",
                                             "Could not convert TeX math \\dv{x}, rendering as TeX:\n  \\dv"]) == []
