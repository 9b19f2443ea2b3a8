"""What `toolkit build` shows of its editions: a line each in a log, a live table on a
terminal, nothing but errors and the summary with --quiet."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

import toolkit.build
from toolkit.build import BuildReport
from toolkit.diagnostics import Diagnostic, Severity
from toolkit.progress import LinePrinter, LiveDisplay, Silent, for_terminal

from .conftest import REPO

LINE = re.compile(r"built build/(az|en)/article\.(html|pdf|docx)( \(\d+\.\d\d s\))?")


def test_line_printer_says_each_edition_once_as_it_finishes():
    out = io.StringIO()
    printer = LinePrinter(out)
    with printer:
        printer.started("az", "pdf")
        assert out.getvalue() == ""  # nothing until it is done
        printer.finished("az", "pdf", 0.8412)
        printer.up_to_date("en", "html")
    assert out.getvalue().splitlines() == ["built build/az/article.pdf (0.84 s)", "up to date: build/en/article.html"]


def test_silent_shows_nothing(capsys):
    with Silent() as silent:
        silent.started("az", "html")
        silent.finished("az", "html", 1.0)
        silent.up_to_date("en", "html")
    assert capsys.readouterr() == ("", "")


def test_live_display_draws_the_editions_with_their_times():
    out = io.StringIO()
    display = LiveDisplay(Console(file=out, force_terminal=True, width=100))
    with display:
        display.started("az", "html")
        display.started("az", "pdf")
        display.finished("az", "html", 0.31)
        display.up_to_date("en", "docx")
        display.finished("az", "pdf", 1.27)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue())  # the terminal's codes
    final = text[text.rindex("build/az/article.html"):]  # the last drawing of the table
    assert re.search(r"build/az/article\.html +0\.31 s", final)
    assert re.search(r"build/az/article\.pdf +1\.27 s", final)
    assert re.search(r"build/en/article\.docx +up to date", final)
    assert "building" in text  # the PDF was drawn while it was being built
    assert "\x1b[" in out.getvalue()  # redrawn in place, in colour


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_display_suits_where_the_output_goes(monkeypatch):
    assert isinstance(for_terminal(quiet=False), LinePrinter)  # pytest's streams are no terminal
    assert isinstance(for_terminal(quiet=True), Silent)
    monkeypatch.setattr(sys, "stdout", _Terminal())
    assert isinstance(for_terminal(quiet=False), LinePrinter)  # its diagnostics go to a log: a log
    monkeypatch.setattr(sys, "stderr", _Terminal())
    assert isinstance(for_terminal(quiet=False), LiveDisplay)
    assert isinstance(for_terminal(quiet=True), Silent)


def _engine(calls):
    """A build engine that reports two editions, one of them up to date, and one error."""
    error = Diagnostic(Path("manuscript/az/01.md"), 3, 1, Severity.ERROR, "math", "a formula was not converted")
    warning = Diagnostic(Path("manuscript/az/01.md"), 4, 1, Severity.WARNING, "pandoc", "a pandoc warning")

    def build(project, languages=None, formats=None, strict=False, style=None, options=None, force=False,
              progress=None):
        calls.append(progress)
        progress.started("az", "html")
        progress.finished("az", "html", 0.25)
        progress.up_to_date("en", "html")
        return BuildReport(written=[Path("build/az/article.html")], refused=[error], warnings=[warning],
                           unresolved={"az": ["nokey"]})

    return build


def test_the_command_gives_an_engine_that_reports_its_editions_a_display(project_copy, run_cli, monkeypatch):
    calls = []
    monkeypatch.setattr(toolkit.build, "build", _engine(calls))
    code, out, err = run_cli("--project", project_copy("complete"), "build", "--format", "html")
    assert code == 0 and isinstance(calls[0], LinePrinter)
    assert out.splitlines() == ["built build/az/article.html (0.25 s)", "up to date: build/en/article.html"]
    assert "a formula was not converted" in err and "a pandoc warning" in err and "nokey" in err


def test_quiet_shows_only_errors_and_the_summary(project_copy, run_cli, monkeypatch):
    calls = []
    monkeypatch.setattr(toolkit.build, "build", _engine(calls))
    code, out, err = run_cli("--project", project_copy("complete"), "build", "--format", "html", "--quiet")
    assert code == 0 and isinstance(calls[0], Silent) and out == ""
    lines = err.splitlines()
    assert lines[0] == "manuscript/az/01.md:3:1: error: a formula was not converted [math]"
    assert lines[-1].startswith("check: ") and len(lines) == 2


def test_the_real_build_in_a_log_one_line_per_edition(project_copy):
    """End to end, in a child process whose output is a pipe, as in CI."""
    root = project_copy("complete")
    done = subprocess.run([sys.executable, "-m", "toolkit", "--project", str(root), "build", "--format", "html",
                           "--format", "docx"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert all(LINE.fullmatch(line) or line.startswith("up to date: build/") for line in lines), lines
    assert sorted(LINE.fullmatch(line).group(1, 2) for line in lines if line.startswith("built")) == [
        ("az", "docx"), ("az", "html"), ("en", "docx"), ("en", "html")]
    assert "\x1b[" not in done.stdout + done.stderr  # no terminal codes in a log
    assert done.stderr.splitlines()[-1].startswith("check: ")


def test_the_real_build_quiet(project_copy):
    root = project_copy("complete")
    done = subprocess.run([sys.executable, "-m", "toolkit", "--project", str(root), "build", "--format", "html",
                           "--quiet"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == ""
    assert all(": error: " in line or line.startswith("check: ") for line in done.stderr.splitlines())
    assert done.stderr.splitlines()[-1].startswith("check: ")
    assert (root / "build/az/article.html").exists()
