"""Incremental builds: an output is made again only when what it is made from changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import toolkit
from toolkit import build_cache
from toolkit.build import build
from toolkit.project import load_project

from .conftest import copy_project

EDITIONS = sorted(Path("build") / lang / f"article.{fmt}" for lang in ("az", "en") for fmt in ("html", "pdf", "docx"))


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The complete fixture built once in every language and format, with its cache."""
    from toolkit.cli import main

    root = copy_project("complete", tmp_path_factory.mktemp("template"))
    assert main(["--project", str(root), "build"]) == 0
    return root


@pytest.fixture
def built(template, tmp_path) -> Path:
    """A copy of the built project (the cache names files by their place in the project)."""
    root = tmp_path / "article"
    shutil.copytree(template, root)
    return root


def _mtimes(root: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (root / "build").rglob("*") if p.is_file()}


def _build(root: Path, **kwargs):
    return build(load_project(root), **kwargs)


def test_nothing_changed_writes_nothing_and_says_up_to_date(built, run_cli):
    before = _mtimes(built)
    code, out, err = run_cli("--project", built, "build")
    assert code == 0, err
    for path in EDITIONS:
        assert f"up to date: {path}" in out
    assert "built" not in out
    assert "check: 0 errors" in err  # the check's findings, kept with the outputs
    assert _mtimes(built) == before


def test_an_up_to_date_build_reports_the_cached_diagnostics(built):
    section = built / "manuscript/en/01-introduction.md"
    section.write_text(section.read_text(encoding="utf-8") + "\nSee [@nosuchkey2020].\n", encoding="utf-8")
    first = _build(built)
    again = _build(built)
    assert again.written == [] and sorted(again.up_to_date) == sorted(EDITIONS)
    assert again.diagnostics == first.diagnostics
    assert any(d.code == "unknown-citation" for d in again.diagnostics)
    assert again.unresolved == first.unresolved and "nosuchkey2020" in again.unresolved["en"]
    assert again.warnings == first.warnings


def test_an_english_edit_rebuilds_only_the_english_editions(built):
    section = built / "manuscript/en/01-introduction.md"
    section.write_text(section.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")
    report = _build(built)
    assert sorted(report.written) == [p for p in EDITIONS if p.parts[1] == "en"]
    assert sorted(report.up_to_date) == [p for p in EDITIONS if p.parts[1] == "az"]
    assert "A sentence added." in (built / "build/en/article.html").read_text(encoding="utf-8")


def test_article_yaml_is_read_by_both_languages(built):
    meta = built / "manuscript/article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("The Straits question", "The Straits"),
                    encoding="utf-8")
    assert sorted(_build(built).written) == EDITIONS


def test_a_stylesheet_change_rebuilds_its_format_only(built, tmp_path, monkeypatch):
    from toolkit.writers import base

    assets = tmp_path / "assets"
    shutil.copytree(base.ASSETS, assets)
    css = assets / "css" / "web.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.changed-by-the-test { color: red; }\n", encoding="utf-8")
    monkeypatch.setattr(base, "ASSETS", assets)
    monkeypatch.setattr(build_cache, "ASSETS", assets)
    report = _build(built)
    assert sorted(report.written) == [p for p in EDITIONS if p.suffix == ".html"]
    assert ".changed-by-the-test" in (built / "build/az/article.html").read_text(encoding="utf-8")


def test_an_option_rebuilds_the_format_that_takes_it(built):
    report = _build(built, options={"paper": "b5"})
    assert sorted(report.written) == [p for p in EDITIONS if p.suffix == ".pdf"]


def test_another_toolkit_version_rebuilds_everything(built, monkeypatch):
    monkeypatch.setattr(toolkit, "__version__", "0.0.0-test")
    assert sorted(_build(built).written) == EDITIONS
    assert json.loads((built / build_cache.MANIFEST).read_text())["toolkit"] == "0.0.0-test"


@pytest.mark.parametrize("garbage", [b"{not json", b'{"layout": 1}', b'[1, 2]', b"\xff\xfe",
                                     b'{"layout": 99, "toolkit": "0.1.0", "check": {}, "outputs": {}}'])
def test_a_corrupt_or_foreign_cache_is_ignored_and_rewritten(built, garbage):
    (built / build_cache.MANIFEST).write_bytes(garbage)
    assert sorted(_build(built).written) == EDITIONS
    json.loads((built / build_cache.MANIFEST).read_text())  # rewritten whole
    assert _build(built).written == []


def test_a_cache_entry_with_another_digest_is_not_trusted(built):
    manifest = built / build_cache.MANIFEST
    data = json.loads(manifest.read_text())
    data["outputs"]["az/docx"]["inputs"] = "0" * 64
    manifest.write_text(json.dumps(data))
    assert _build(built).written == [Path("build/az/article.docx")]


def test_force_rebuilds_everything(built, run_cli):
    code, out, err = run_cli("--project", built, "build", "--force")
    assert code == 0, err
    assert all(f"built {path}" in out for path in EDITIONS)


def test_an_output_deleted_or_changed_by_hand_is_made_again(built):
    (built / "build/en/article.pdf").unlink()
    (built / "build/az/article.html").write_text("edited by hand", encoding="utf-8")
    report = _build(built)
    assert sorted(report.written) == [Path("build/az/article.html"), Path("build/en/article.pdf")]
    assert (built / "build/en/article.pdf").read_bytes().startswith(b"%PDF")


def test_only_the_asked_formats_are_looked_at(built):
    report = _build(built, languages=["az"], formats=["html", "jats"])
    assert report.written == [Path("build/az/article.jats.xml")]
    assert report.up_to_date == [Path("build/az/article.html")]
    again = _build(built, languages=["az"], formats=["jats"])
    assert again.written == [] and again.up_to_date == [Path("build/az/article.jats.xml")]
    assert _build(built).written == []  # the other outputs' entries were kept
