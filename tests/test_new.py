"""`toolkit new`: a project an author starts from, which check passes as a draft and build builds."""

from __future__ import annotations

import re

import pytest
import yaml

from toolkit.project import load_project

DRAFT = {"missing-authors", "working-title", "missing-journal-data"}  # what a new article is expected to lack


def codes(out: str) -> set[str]:
    return set(re.findall(r"\[([a-z-]+)\]$", out, re.M))


def test_a_new_article_checks_as_a_draft_and_builds_in_every_format(tmp_path, run_cli):
    target = tmp_path / "article"
    code, out, err = run_cli("new", target, "--lang", "az,en", "--title", "Boğazlar məsələsi")
    assert code == 0, err
    code, out, _ = run_cli("--project", target, "check")
    assert code == 0 and codes(out) == DRAFT, out
    assert "0 errors" in out
    code, out, err = run_cli("--project", target, "build")
    assert code == 0, err
    for language in ("az", "en"):
        for fmt in ("html", "pdf", "docx"):
            assert (target / "build" / language / f"article.{fmt}").stat().st_size > 1000
    page = (target / "build" / "en" / "article.html").read_text(encoding="utf-8")
    assert "Figure&nbsp;1" in page and "<blockquote" in page and "Knuth" in page  # figure, quotation, citation
    assert load_project(target).metadata.languages["az"].title == "Boğazlar məsələsi"


def test_a_new_article_shows_a_citation_a_quotation_and_a_figure_in_each_language(tmp_path, run_cli):
    target = tmp_path / "article"
    assert run_cli("new", target, "--lang", "tr,en,ru,az")[0] == 0
    project = load_project(target)
    assert list(project.manuscripts) == ["tr", "en", "ru", "az"]
    for language, manuscript in project.manuscripts.items():
        (section,) = manuscript.sections
        assert [c.key for c in manuscript.citations] == ["knuth1984", "knuth1984"]
        assert len(manuscript.quotations) == 1 and "figures/example.svg" in section.text
        assert "@fig:example" in section.text
    code, out, _ = run_cli("--project", target, "check", "--strict")
    assert code == 1 and codes(out) == DRAFT  # only what a draft lacks, as errors once strict


def test_a_language_without_a_profile_gets_the_english_example_and_a_warning(tmp_path, run_cli):
    target = tmp_path / "article"
    assert run_cli("new", target, "--lang", "de,en")[0] == 0
    code, out, _ = run_cli("--project", target, "check")
    assert code == 0 and codes(out) == DRAFT | {"no-language-profile"}, out


def test_the_project_has_its_readme_gitignore_and_ci_workflow(tmp_path, run_cli):
    target = tmp_path / "article"
    assert run_cli("new", target)[0] == 0
    assert "build/" in (target / ".gitignore").read_text(encoding="utf-8").split()
    assert "toolkit check" in (target / "README.md").read_text(encoding="utf-8")
    workflow = yaml.safe_load((target / ".github" / "workflows" / "article.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["article"]["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    assert "toolkit check --strict --format json" in commands and "toolkit build" in commands
    assert any(step.get("uses", "").startswith("actions/upload-artifact") for step in steps)
    # never a guessed package name (another project's may answer to it): the author says where
    assert workflow["env"]["TOOLKIT"] == "" and 'if [ -z "$TOOLKIT" ]' in commands and "exit 1" in commands
    bib = (target / "bibliography" / "references.bib").read_text(encoding="utf-8")
    assert "@book{knuth1984" in bib


@pytest.mark.parametrize("args, words", [
    (["--lang", "english"], "'english' is not a BCP 47 language tag"),
    (["--lang", "az,az"], "given twice"),
    (["--lang", ","], "no language given"),
])
def test_bad_arguments_are_refused_and_nothing_is_written(tmp_path, run_cli, args, words):
    target = tmp_path / "article"
    code, _, err = run_cli("new", target, *args)
    assert code == 2 and words in err and "Traceback" not in err
    assert not target.exists()


def test_a_folder_that_is_not_empty_is_refused_and_left_as_it_was(tmp_path, run_cli):
    target = tmp_path / "article"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run_cli("new", target)
    assert code == 2 and "is not empty" in err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["article"]  # no staging folder left behind


def test_an_empty_folder_is_used(tmp_path, run_cli):
    target = tmp_path / "article"
    target.mkdir()
    assert run_cli("new", "--project", target)[0] == 0
    assert (target / "manuscript" / "article.yaml").is_file()
