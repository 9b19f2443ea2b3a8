"""Writing an ImportedArticle as a project: where DIR is, all or nothing, article.yaml by the schema."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from toolkit.importing import ImportFailed
from toolkit.importing.article import ImportedArticle, ImportedAuthor, ImportedSection
from toolkit.importing.project import article_yaml, write_project
from toolkit.metadata import parse_metadata
from toolkit.project import load_project

FIXTURES = Path(__file__).parent.parent / "fixtures" / "importing"


def _article(**changes) -> ImportedArticle:
    article = ImportedArticle(language="az", title="Başlıq", abstract="Xülasə.", keywords=["bir"],
                              authors=[ImportedAuthor("Ada Yılmaz", "Example University", "0000-0002-1825-0097",
                                                      extra={"corresponding": True, "equal-contrib": True,
                                                             "roles": ["software"]})],
                              sections=[ImportedSection("giris", "# Giriş\n\nMətn.\n")])
    for key, value in changes.items():
        setattr(article, key, value)
    return article


def test_the_project_loads_with_its_author_keys(tmp_path):
    write_project(_article(), tmp_path / "p", tmp_path / "source.md")
    project = load_project(tmp_path / "p")
    author = project.metadata.authors[0]
    assert (author.corresponding, author.equal_contrib, author.roles) == (True, True, ("software",))
    assert project.metadata.problems == ()
    assert (tmp_path / "p/manuscript/az/01-giris.md").read_text() == "# Giriş\n\nMətn.\n"
    assert (tmp_path / "p/bibliography/references.bib").read_text() == ""


def test_a_guessed_title_is_a_working_title_and_the_subtitle_follows_it():
    text = article_yaml(_article(title_guessed=True, subtitle="Alt başlıq"), ["references.bib"])
    data = yaml.safe_load(text)
    assert data["title-status"] == "working"
    assert data["languages"]["az"]["title"] == "Başlıq: Alt başlıq"
    assert parse_metadata(text).problems == ()


def test_a_failure_leaves_nothing(tmp_path):
    """A file that would leave the project stops the writing: no DIR, no temporary folder."""
    with pytest.raises(ValueError):
        write_project(_article(files={"../outside.png": b"x"}), tmp_path / "p", tmp_path / "source.md")
    assert list(tmp_path.iterdir()) == []


def test_dir_must_not_exist_and_its_parent_must(tmp_path):
    (tmp_path / "p").mkdir()
    with pytest.raises(ImportFailed, match="already exists"):
        write_project(_article(), tmp_path / "p", tmp_path / "source.md")
    with pytest.raises(ImportFailed, match="does not exist"):
        write_project(_article(), tmp_path / "no" / "p", tmp_path / "source.md")
    assert [p.name for p in tmp_path.iterdir()] == ["p"]


def test_dir_defaults_to_the_title(tmp_path, run_cli, monkeypatch):
    shutil.copytree(FIXTURES / "joss", tmp_path / "src")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("import", "src/paper.md")
    assert code == 1 and "[invalid-orcid]" in out, err  # imported; check finds the placeholder ORCID iD
    assert (tmp_path / "gala-a-python-package-for-galactic-dynamics/manuscript/article.yaml").is_file()
    assert "imported src/paper.md into gala-a-python-package-for-galactic-dynamics" in out
    # check's findings are located in the new project, from here
    assert "gala-a-python-package-for-galactic-dynamics/manuscript/en/03-mathematics.md:" in out


def test_metadata_flags_are_true_or_false():
    text = ("authors:\n  - name: A\n    corresponding: maybe\n    equal-contrib: yes\n"
            "languages:\n  en:\n    title: T\n")
    metadata = parse_metadata(text)
    assert [p.code for p in metadata.problems] == ["metadata-value"] and metadata.problems[0].line == 3
    assert metadata.authors[0].equal_contrib is True and metadata.authors[0].corresponding is False
