"""`toolkit import` of Markdown manuscripts as JOSS, Quarto, R Markdown and pandoc write them.

Each fixture (tests/fixtures/importing/, see its README) is imported through the
command line into a new project; the project's metadata, sections, bibliography
and figures are what the source says, `check` finds only what the source lacks,
the HTML edition builds, and no word of the source is lost.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from toolkit.importing import check_project, read_source
from toolkit.importing.front_matter import split_front_matter
from toolkit.project import load_project

from .words import text_words, words

FIXTURES = Path(__file__).parent.parent / "fixtures" / "importing"
LINE = re.compile(r"^(?P<path>[^\n:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|note): .+ \[(?P<code>[a-z-]+)\]$",
                  re.M)


@pytest.fixture
def imported(tmp_path, run_cli):
    """Import a fixture (folder/file) with the CLI; return (project, exit status, stdout, stderr)."""

    def run(name: str):
        target = tmp_path / Path(name).parent.name
        code, out, err = run_cli("import", FIXTURES / name, target)
        return target, code, out, err

    return run


def _yaml(project: Path) -> dict:
    return yaml.safe_load((project / "manuscript/article.yaml").read_text(encoding="utf-8"))


def _sections(project: Path, language: str = "en") -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((project / "manuscript" / language).glob("*.md"))}


def _codes(diagnostics, severity: str) -> set[str]:
    return {d.code for d in diagnostics if d.severity.value == severity}


def test_joss_paper(imported):
    project, code, out, err = imported("joss/paper.md")
    assert code == 1, err  # check finds the example's placeholder ORCID iD (its check character is wrong)
    meta = _yaml(project)
    assert meta["authors"] == [
        {"name": "Adrian M. Price-Whelan", "orcid": "0000-0000-0000-0000", "equal-contrib": True,
         "affiliation": "Lyman Spitzer, Jr. Fellow, Princeton University, USA; Institution Name, Country"},
        {"name": "Author Without ORCID", "affiliation": "Institution Name, Country", "equal-contrib": True},
        {"name": "Author with no affiliation", "affiliation": "Independent Researcher, Country", "corresponding": True},
        {"name": "Ludwig van Beethoven", "affiliation": "Independent Researcher, Country"},
    ]
    assert meta["date"] == "2017-08-13" and "title-status" not in meta
    assert meta["bibliography"] == "bibliography/paper.bib"
    block = meta["languages"]["en"]
    assert block["title"] == "Gala: A Python package for galactic dynamics"
    assert block["keywords"] == ["Python", "astronomy", "dynamics", "galactic dynamics", "milky way"]
    assert block["abstract"].startswith("The forces on stars") and block["abstract"].endswith("integration).")
    assert list(_sections(project)) == ["01-summary.md", "02-statement-of-need.md", "03-mathematics.md",
                                        "04-citations.md", "05-figures.md", "06-acknowledgements.md"]
    sections = _sections(project)
    assert "# References" not in "".join(sections.values())
    figures = sections["05-figures.md"]
    assert "\n\n![Caption for example figure.](../../figures/figure.png){#fig:example}\n\n" in figures
    assert "using @fig:example." in figures and "{width=20%}" in figures
    maths = sections["03-mathematics.md"]
    assert "$$ {#eq:fourier}" in maths and "refer to @eq:fourier from text" in maths and "\\cr" not in maths
    assert (project / "figures/figure.png").read_bytes() == (FIXTURES / "joss/figure.png").read_bytes()
    assert (project / "bibliography/paper.bib").read_bytes() == (FIXTURES / "joss/paper.bib").read_bytes()
    assert (project / ".gitignore").read_text() == "build/\n"
    # the report: located in the source, every front-matter key the project has no place for named
    report = {(m["line"], m["code"]) for m in LINE.finditer(out) if m["path"].endswith("paper.md")}
    assert ("27", "import-not-kept") in report  # ror
    assert ("37", "import-not-kept") in report and ("38", "import-not-kept") in report  # aas-doi, aas-journal
    assert ("41", "import-guessed") in report  # the abstract from "Summary"
    assert "Summary" in out and "check: 1 error, 3 warnings" in out
    assert _codes(check_project(project), "error") == {"invalid-orcid"}  # 0000-0000-0000-0000
    # \LaTeX, as the source writes it; the journal's id and ISSN, which the source does not give;
    # the corresponding author's e-mail, which it does not give either
    assert _codes(check_project(project), "warning") == {"raw-latex", "missing-journal-data",
                                                         "corresponding-without-email"}


def test_quarto_manuscript(imported):
    project, code, out, err = imported("quarto/paper.qmd")
    assert code == 0, err
    meta = _yaml(project)
    assert meta["authors"] == [
        {"name": "Ada Yılmaz", "affiliation": "Example University, Baku, Azerbaijan", "orcid": "0000-0002-1825-0097",
         "email": "ada@example.org", "corresponding": True, "roles": ["conceptualization (lead)", "software"]},
        {"name": "Leyla Həsənova", "affiliation": "Example University, Baku, Azerbaijan; Other Example Institute"},
    ]
    assert meta["bibliography"] == ["bibliography/books.bib", "bibliography/articles.bib"]
    assert meta["style"] == "styles/ieee.csl" and (project / "styles/ieee.csl").is_file()
    assert meta["date"] == "2019-10-11"
    block = meta["languages"]["en"]
    assert block["title"] == "Importing a Quarto manuscript: A fixture of the toolkit"
    assert block["abstract"] == ("This fixture holds every form of a Quarto manuscript the import maps.\n"
                                 "Its abstract spans two lines.")
    assert block["keywords"] == ["import", "Quarto"]
    assert "{kuru2001," in (project / "bibliography/articles.bib").read_text(encoding="utf-8")  # CSL JSON, as BibTeX
    sections = _sections(project)
    assert list(sections) == ["01-text.md", "02-figures-and-equations.md", "03-code.md"]
    body = sections["02-figures-and-equations.md"]
    assert "@fig:map" in body and "{#fig:map width=50%}" in body and "](../../figures/images/map.png)" in body
    assert "{#eq:sum}" in body and "{#tbl:counts}" in body and "@tbl:counts" in body
    assert "# a comment, not a heading" in sections["03-code.md"]
    for key in ("url", "format", "execute"):
        assert re.search(rf"'{key}' \(.*not kept|'{key}' \(.*no place", out), key
    diagnostics = check_project(project)
    assert _codes(diagnostics, "error") == set()
    # the CSL JSON entry's language, as BibTeX; the journal, which the source does not name
    assert _codes(diagnostics, "warning") <= {"missing-langid", "missing-journal-data"}
    loaded = load_project(project).metadata.authors
    assert loaded[0].corresponding and loaded[0].roles == ("conceptualization (lead)", "software")


def test_r_markdown_manuscript(imported):
    project, code, out, err = imported("rmarkdown/paper.Rmd")
    assert code == 0, err
    meta = _yaml(project)
    assert meta["authors"] == [{"name": "Ada Yılmaz", "affiliation": "Example University"},
                               {"name": "Leyla Həsənova"}]
    assert "date" not in meta and "Sys.Date()" in out and ":7:1: warning: date" in out
    assert meta["languages"]["en"]["keywords"] == ["import", "R Markdown"]
    sections = _sections(project)
    assert list(sections) == ["01-text.md", "02-introduction.md", "03-method.md"]
    assert sections["02-introduction.md"].startswith("Introduction\n============\n")
    assert "# this comment is code, not a heading" in sections["03-method.md"]
    assert "Bibliography" not in "".join(sections.values())
    assert "inline R code `r 2 + 2`" in out and "'output'" in out
    assert _codes(check_project(project), "warning") == {"missing-journal-data"}  # no journal in the source
    assert _codes(check_project(project), "error") == set()


def test_plain_pandoc_manuscript(imported):
    project, code, out, err = imported("pandoc/paper.md")
    assert code == 0, err
    meta = _yaml(project)
    assert meta["authors"] == [{"name": "Ada Yılmaz"}, {"name": "Leyla Həsənova"}]
    assert meta["date"] == "2019-10"
    assert meta["languages"]["en"]["keywords"] == ["import", "pandoc", "LaTeX labels"]
    assert meta["bibliography"] == ["bibliography/books.bib", "bibliography/articles.bib"]
    sections = _sections(project)
    intro, data = sections["01-introduction.md"], sections["02-data.md"]
    assert intro.startswith("# Introduction {#sec:intro}\n")
    assert "Figure\u00a0-@fig:map, @fig:chart, @tbl:counts, equation\n@eq:growth and Section -@sec:data." in intro
    assert "![A map drawn for the fixture.](../../figures/map.png){#fig:map}" in intro
    assert "![A chart drawn for the fixture](../../figures/img/chart.svg){#fig:chart width=8cm}" in intro
    assert "$$ g = \\frac{x_1 - x_0}{x_0} $$ {#eq:growth}" in intro
    assert data.startswith("# Data {#sec:data}\n") and "Table: Counts in the fixture {#tbl:counts}" in data
    assert "`\\ref{fig:map}`" in data  # code is never rewritten
    assert (project / "figures/img/chart.svg").is_file() and (project / "figures/map.png").is_file()
    assert "'nocite'" in out
    diagnostics = check_project(project)
    assert _codes(diagnostics, "error") == set() and _codes(diagnostics, "warning") == {"missing-journal-data"}


def test_title_block(imported):
    """No YAML: pandoc's % lines. The source has no abstract or keywords, which check then reports."""
    project, code, out, err = imported("title-block/paper.md")
    assert code == 1  # imported; check reports errors
    meta = _yaml(project)
    assert meta["authors"] == [{"name": "Ada Yılmaz"}, {"name": "Leyla Həsənova"}]
    assert meta["date"] == "2019-10-11" and meta["languages"]["en"]["title"] == "Importing a pandoc title block"
    assert list(_sections(project)) == ["01-text.md"]
    assert _codes(check_project(project), "error") == {"missing-abstract", "missing-keywords"}
    assert (project / "bibliography/references.bib").read_text() == ""


FIXTURE_FILES = ["joss/paper.md", "quarto/paper.qmd", "rmarkdown/paper.Rmd", "pandoc/paper.md", "title-block/paper.md"]


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_the_html_edition_builds(name, imported, run_cli):
    project, code, out, err = imported(name)
    assert code in (0, 1), err
    code, out, err = run_cli("--project", project, "build", "--format", "html")
    assert code == 0, err
    assert (project / "build/en/article.html").stat().st_size > 0


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_no_word_is_lost(name, imported):
    """Every word of the body is in the sections (or the abstract taken from them), but the
    dropped empty "References" heading; every word of the mapped front matter is in article.yaml."""
    source = FIXTURES / name
    text = source.read_text(encoding="utf-8")
    front = split_front_matter(text, source)
    project, code, out, err = imported(name)
    meta = (project / "manuscript/article.yaml").read_text(encoding="utf-8")
    abstract = _yaml(project)["languages"]["en"].get("abstract", "")
    imported_words = words("\n\n".join(_sections(project).values()) + "\n\n" + abstract)
    lost = words(front.body) - imported_words
    assert set(lost) <= {"references", "bibliography"} and sum(lost.values()) <= 1, lost
    mapped = {k: v for k, v in front.data.items()
              if k in ("title", "subtitle", "author", "authors", "affiliations", "abstract", "keywords", "tags")}
    kept = text_words(meta)
    for key, value in mapped.items():
        value = {k: v for k, v in value.items() if k != "ror"} if isinstance(value, dict) else value
        if key == "affiliations":
            value = [{k: v for k, v in a.items() if k not in ("ror", "index", "id")} for a in value]
        if key in ("author", "authors"):
            value = [{k: v for k, v in a.items() if k != "url"} if isinstance(a, dict) else a for a in value]
        missing = text_words(yaml.safe_dump(value, allow_unicode=True)) - kept
        assert not set(missing) - {"true", "name", "given", "family", "affiliations", "affiliation", "ref", "ex",
                                   "other", "orcid", "email", "attributes", "roles", "lead", "surname",
                                   "dropping", "particle", "names", "equal", "contrib", "city", "country"}, (key, missing)


def test_read_source_is_the_article_without_writing(tmp_path):
    article = read_source(FIXTURES / "pandoc/paper.md")
    assert article.language == "en" and not article.title_guessed
    assert [s.slug for s in article.sections] == ["introduction", "data"]
    assert set(article.files) == {"figures/map.png", "figures/img/chart.svg"}
    assert list(article.bibliography) == ["books.bib", "articles.bib"]
