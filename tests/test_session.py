"""One command's session: the style resolved once, each edition prepared once, refusals, atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import edition as edition_module
from toolkit import submit as submit_module
from toolkit.diagnostics import Diagnostic, Severity
from toolkit.errors import ProjectError
from toolkit.labels import labels
from toolkit.project import load_project
from toolkit.build import build
from toolkit.session import BuildError, BuildRefused, Session

from .conftest import copy_project


@pytest.fixture
def prepared(monkeypatch):
    """The languages whose edition was prepared, once per call of the real `prepare`."""
    calls = []
    real = edition_module.prepare

    def counted(project, language, csl, incomplete):
        calls.append(language)
        return real(project, language, csl, incomplete)

    monkeypatch.setattr(edition_module, "prepare", counted)
    return calls


def test_an_edition_is_prepared_once_for_every_writer_that_reads_it(tmp_path, prepared):
    project = load_project(copy_project("complete", tmp_path))
    session = Session(project)
    first = session.edition("en")
    assert session.edition("en") is first and prepared == ["en"]


def test_a_submission_prepares_each_edition_once_and_the_blind_copy_once(tmp_path, prepared):
    root = copy_project("complete", tmp_path)
    written = submit_module.submit(load_project(root), ["en"])
    assert [p.name for p in written] and all((root / p).is_file() for p in written)
    assert prepared == ["en", "en"]  # the manuscript's edition, then the anonymised one, each read by PDF and DOCX


def test_the_languages_are_the_projects_in_order_and_an_unknown_one_is_named(tmp_path):
    session = Session(load_project(copy_project("complete", tmp_path)))
    assert session.languages(None) == ["az", "en"] and session.languages(["en", "az", "en"]) == ["en", "az"]
    with pytest.raises(ProjectError, match=r"no 'de' edition in this project \(editions: az, en\)"):
        session.languages(["de"])


def test_an_unknown_style_stops_the_session_before_anything_is_made(tmp_path):
    with pytest.raises(ProjectError, match="unknown citation style 'no-such-style'"):
        Session(load_project(copy_project("complete", tmp_path)), "no-such-style")


def _error(code: str) -> Diagnostic:
    return Diagnostic("manuscript/az/01-intro.md", 1, 1, Severity.ERROR, code, "a problem")


def test_a_strict_session_refuses_errors_and_every_session_refuses_an_unreadable_source(tmp_path):
    project = load_project(copy_project("complete", tmp_path))
    Session(project).refuse([_error("citation")])  # a draft shows it
    with pytest.raises(BuildRefused) as refused:
        Session(project, strict=True).refuse([_error("citation")])
    assert [d.code for d in refused.value.diagnostics] == ["citation"]
    with pytest.raises(BuildRefused):
        Session(project).refuse([_error("refused-source")])


def test_the_outputs_are_written_all_or_none(tmp_path):
    root = copy_project("complete", tmp_path)
    session = Session(load_project(root))
    (root / "build").mkdir()
    kept = root / "build" / "kept.txt"
    kept.write_bytes(b"before")
    with pytest.raises(BuildError, match="could not write the outputs"):  # a file where a folder must be
        session.write({kept: b"after", kept / "new.txt": b"x"})
    assert kept.read_bytes() == b"before"
    assert session.write({kept: b"after"}) == [Path("build/kept.txt")] and kept.read_bytes() == b"after"


def test_the_projects_own_labels_hold_inside_the_session_only(tmp_path):
    root = copy_project("complete", tmp_path)
    article = root / "manuscript" / "article.yaml"
    text = article.read_text(encoding="utf-8")
    assert "\n  en:\n" in text
    article.write_text(text.replace("\n  en:\n", "\n  en:\n    labels:\n      references: Works cited\n", 1),
                       encoding="utf-8")
    session = Session(load_project(root))
    with session:
        assert labels("en")["references"] == "Works cited"
    assert labels("en")["references"] == "References"


def test_nothing_is_written_through_a_folder_linked_out_of_the_project(tmp_path):
    root = copy_project("complete", tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "build").mkdir()
    (root / "build" / ".cache").symlink_to(outside)
    session = Session(load_project(root))
    with pytest.raises(BuildError, match=r"build/\.cache/manifest\.json would be written outside the project"):
        session.write({root / "build" / "az" / "article.html": b"page", root / "build/.cache/manifest.json": b"{}"})
    assert list(outside.iterdir()) == [] and not (root / "build" / "az").exists()


def test_a_manifest_behind_a_link_out_of_the_project_is_not_read(tmp_path):
    from toolkit import build_cache

    root = copy_project("complete", tmp_path)
    build(load_project(root), formats=["html"])
    manifest = root / build_cache.MANIFEST
    assert build_cache.load(root).entries  # read where it belongs
    outside = tmp_path / "outside"
    manifest.parent.rename(outside)
    manifest.parent.symlink_to(outside)
    assert build_cache.load(root).entries == {}
