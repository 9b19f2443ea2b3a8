"""The languages' editions made side by side, in worker processes: what a failure in one leaves."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from toolkit import parallel
from toolkit.build import BuildError, build
from toolkit.project import load_project

from .conftest import copy_project
from .engines.test_weasyprint import _svg_bomb

EDITIONS = sorted(Path("build") / lang / f"article.{fmt}" for lang in ("az", "en") for fmt in ("html", "pdf", "docx"))


class Recorded:
    """A progress display that remembers what it was told."""

    def __init__(self):
        self.begun, self.done, self.skipped = [], [], []

    def started(self, language: str, fmt: str) -> None:
        self.begun.append((language, fmt))

    def finished(self, language: str, fmt: str, seconds: float) -> None:
        assert seconds >= 0
        self.done.append((language, fmt))

    def up_to_date(self, language: str, fmt: str) -> None:
        self.skipped.append((language, fmt))


@pytest.fixture
def forked(monkeypatch):
    """Counts the worker processes the builds start."""
    started = []

    class Counted(parallel.Workers):
        def __init__(self, session, jobs):
            started.extend(job.language for job in jobs)
            super().__init__(session, jobs)

    monkeypatch.setattr(parallel, "Workers", Counted)
    return started


def test_the_languages_are_built_in_workers_as_in_one_process(tmp_path, forked, monkeypatch):
    assert threading.active_count() == 1 and parallel.cores() > 1  # else this test shows nothing
    root = copy_project("complete", tmp_path)
    progress = Recorded()
    report = build(load_project(root), progress=progress)
    assert sorted(report.written) == EDITIONS and forked == ["az", "en"]
    every = sorted((p.parts[1], p.suffix[1:]) for p in EDITIONS)
    assert sorted(progress.begun) == every and sorted(progress.done) == every and progress.skipped == []
    side_by_side = {p: (root / p).read_bytes() for p in EDITIONS if p.suffix == ".html"}
    monkeypatch.setattr(parallel, "can_fork", lambda jobs: False)
    build(load_project(root), force=True)
    assert {p: (root / p).read_bytes() for p in side_by_side} == side_by_side


def test_a_failed_edition_keeps_its_previous_file_and_the_others_are_written(tmp_path, forked, run_cli,
                                                                             monkeypatch):
    root = copy_project("complete", tmp_path)
    assert run_cli("--project", root, "build")[0] == 0
    before = {p: (root / p).read_bytes() for p in EDITIONS}
    # a change both languages' editions show, and a figure only the az print edition cannot draw in time
    meta = root / "manuscript/article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("The Straits question", "The Straits at issue"),
                    encoding="utf-8")
    (root / "manuscript/figures").mkdir()
    (root / "manuscript/figures/bomb.svg").write_bytes(_svg_bomb())
    section = root / "manuscript/az/01-introduction.md"
    section.write_text(section.read_text(encoding="utf-8") + "\n![Xəritə](../figures/bomb.svg)\n", encoding="utf-8")
    monkeypatch.setenv("TOOLKIT_TIME_LIMIT", "2")
    forked.clear()
    code, out, err = run_cli("--project", root, "build")
    assert code == 1 and forked == ["az", "en"]
    assert "error: the az PDF edition failed: WeasyPrint took longer than" in err and "Traceback" not in err
    assert "build failed: previous outputs were left in place for the editions that failed" in err
    assert (root / "build/az/article.pdf").read_bytes() == before[Path("build/az/article.pdf")]
    for path in EDITIONS:
        if path != Path("build/az/article.pdf"):
            assert f"built {path}" in out
            assert (root / path).read_bytes() != before[path]
    assert "The Straits at issue" in (root / "build/en/article.html").read_text(encoding="utf-8")
    assert not list((root / "build").rglob("*.tmp"))
    # the cache says what was written: the next build makes the failed edition alone
    progress = Recorded()
    with pytest.raises(BuildError) as failed:
        build(load_project(root), progress=progress)
    assert failed.value.written == [] and progress.begun == [("az", "pdf")] and progress.done == []
    assert sorted(progress.skipped) == sorted((p.parts[1], p.suffix[1:]) for p in EDITIONS
                                                 if p != Path("build/az/article.pdf"))


def test_a_failure_in_preparing_one_language_is_located_and_the_other_written(tmp_path, forked, monkeypatch):
    from .engines.test_pandoc import _slow

    root = copy_project("complete", tmp_path)
    build(load_project(root))
    before = {p: (root / p).read_bytes() for p in EDITIONS}
    meta = root / "manuscript/article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("Leyla Həsənova", "Leyla Həsənli"), encoding="utf-8")
    (root / "manuscript/az/03-slow.md").write_text(_slow(600), encoding="utf-8")  # pandoc cannot read it in time
    monkeypatch.setenv("TOOLKIT_TIME_LIMIT", "2")
    forked.clear()
    with pytest.raises(BuildError) as failed:
        build(load_project(root))
    assert forked == ["az", "en"]
    assert failed.value.diagnostic is not None and failed.value.diagnostic.path == Path("manuscript/az/03-slow.md")
    assert sorted(failed.value.written) == [p for p in EDITIONS if p.parts[1] == "en"]
    assert all((root / p).read_bytes() == before[p] for p in EDITIONS if p.parts[1] == "az")


def test_formulas_are_typeset_once_before_the_workers_fork(tmp_path, forked):
    from tests.fixtures.builders import formula_article

    from toolkit.engines import ziamath

    root = formula_article(tmp_path / "formulas", 30)
    report = build(load_project(root), formats=["pdf"])
    assert forked == ["az", "en"] and threading.active_count() == 1
    assert sorted(report.written) == [Path("build/az/article.pdf"), Path("build/en/article.pdf")]
    assert len(ziamath._done) >= ziamath._IN_PARALLEL  # typeset on every core, in this process
    assert not [d for d in report.diagnostics if d.code == "math"]
    for language in ("az", "en"):
        assert (root / "build" / language / "article.pdf").read_bytes().startswith(b"%PDF")
