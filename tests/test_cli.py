"""The command line: output format, exit statuses, help."""

import json
import re
import subprocess
import sys

import pytest

from toolkit.cli import main

LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): .+ \[(?P<code>[a-z-]+)\]$")


def test_check_reports_lines_then_summary_and_exits_1_on_errors(run_cli, project_copy):
    root = project_copy("problems")
    code, out, _ = run_cli("--project", root, "check")
    assert code == 1
    lines = [l for l in out.splitlines() if not l.startswith("    hint:")]
    *diagnostics, summary = lines
    assert all(LINE.match(l) for l in diagnostics), diagnostics
    assert re.fullmatch(r"\d+ errors?, \d+ warnings?", summary)


def test_check_clean_project_exits_0(run_cli, project_copy):
    code, out, _ = run_cli("--project", project_copy("complete"), "check", "--strict")
    assert code == 0 and out.strip() == "0 errors, 0 warnings"


def test_json_format(run_cli, project_copy):
    code, out, _ = run_cli("--project", project_copy("problems"), "check", "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["errors"] >= 1
    first = data["diagnostics"][0]
    assert set(first) >= {"path", "line", "column", "severity", "code", "message", "hint"}


def test_strict_turns_draft_warnings_into_errors(run_cli, project_copy):
    root = project_copy("complete")
    meta = root / "manuscript" / "article.yaml"
    meta.write_text(meta.read_text().replace("title-status: final", "title-status: working"))
    assert run_cli("--project", root, "check")[0] == 0
    code, out, _ = run_cli("--project", root, "check", "--strict")
    assert code == 1 and "error: the az title is a working title [working-title]" in out


def test_configuration_problem_exits_2_with_location(run_cli, project_copy):
    root = project_copy("complete")
    (root / "manuscript" / "article.yaml").write_text("languages: [\n")
    code, out, err = run_cli("--project", root, "check")
    assert code == 2 and out == ""
    assert err.startswith("manuscript/article.yaml:2:1: error: article metadata is not valid YAML")


def test_not_a_project_exits_2(run_cli, tmp_path):
    code, _, err = run_cli("--project", tmp_path, "check")
    assert code == 2 and "manuscript/article.yaml not found" in err


def test_unknown_style_exits_2_listing_close_names(run_cli, project_copy):
    root = project_copy("complete")
    meta = root / "manuscript" / "article.yaml"
    meta.write_text(meta.read_text().replace("style: ieee", "style: iee"))
    code, _, err = run_cli("--project", root, "check")
    assert code == 2 and "unknown citation style 'iee'" in err and "ieee" in err


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["check", "--format", "xml"])
    assert exited.value.code == 2


@pytest.mark.parametrize("argv, expected", [
    ([], "--project DIR"), (["check"], "--strict"), (["build"], "--lang LANG")])
def test_every_command_has_help(argv, expected):
    proc = subprocess.run([sys.executable, "-m", "toolkit", *argv, "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert proc.stdout.startswith(" ".join(["usage: toolkit", *argv]))
    assert expected in proc.stdout


def test_check_does_not_import_weasyprint(project_copy):
    root = project_copy("complete")
    code = ("import sys; from toolkit.cli import main; rc = main(['--project', sys.argv[1], 'check']); "
            "assert 'weasyprint' not in sys.modules and 'citeproc' not in sys.modules; sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_style_option_overrides_article_yaml(run_cli, project_copy):
    root = project_copy("complete")
    code, out, _ = run_cli("--project", root, "refs", "--lang", "en")
    assert code == 0 and out.startswith("[1]")  # ieee, from article.yaml
    code, out, _ = run_cli("refs", "--project", root, "--lang", "en", "--style", "numeric-alphabetical")
    assert code == 0 and out.splitlines()[0].startswith("1. Aydın M. Türk Dış Politikası")
    from toolkit.styles import resolve_style

    style = root / "mine.csl"
    style.write_bytes(resolve_style(root, "apa").read_bytes())
    code, out, _ = run_cli("refs", "--project", root, "--style", str(style))
    assert code == 0 and "(1999)" in out
    code, _, err = run_cli("build", "--project", root, "--style", "chicago-autor-date")
    assert code == 2 and "chicago-author-date" in err


def test_refs_prints_the_edition_reference_list(run_cli, project_copy):
    root = project_copy("complete")
    code, out, _ = run_cli("--project", root, "refs", "--style", "numeric-alphabetical")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].startswith("1. Aydın M.") and lines[1].startswith("2. Kuru A.")
    assert "S. 12–30" in lines[1]  # Azerbaijani: the original's edition
    code, out, _ = run_cli("--project", root, "refs", "--lang", "en", "--style", "numeric-alphabetical")
    assert "P. 12–30" in out  # the journal style's English page term
    code, _, err = run_cli("--project", root, "refs", "--lang", "de")
    assert code == 2 and "no 'de' edition" in err
