"""`check` reports nesting pandoc would take too long on, where it goes too deep."""

from __future__ import annotations

import time

import pytest

from toolkit.checks.nesting import MAX_DEPTH, too_deep


@pytest.mark.parametrize("text, expected", [
    ("x " + "[" * 29, [(2 + MAX_DEPTH, 29)]),
    ("x " + "<span>" * 30, [(2 + 6 * MAX_DEPTH, 30)]),
    ("x " + "<span>[" * 4, [(2 + 7 * 3, 8)]),  # brackets and tags add up: the 7th opener is a tag
    ("x " + "[" * (MAX_DEPTH + 1) + "a" + "]" * (MAX_DEPTH + 1), [(2 + MAX_DEPTH, MAX_DEPTH + 1)]),
    ("a [[[\n[[[\n[[x", [(10, 8)]),  # a paragraph's lines together
])
def test_too_deep_is_found_at_the_opener_that_goes_past_the_limit(text, expected):
    assert list(too_deep(text)) == expected


@pytest.mark.parametrize("text", [
    "x " + "[" * MAX_DEPTH + "a" + "]" * MAX_DEPTH,  # at the limit
    "x `" + "[" * 29 + "` y",  # a code span
    "x ``a ` " + "[" * 29 + "`` y",  # a code span with a shorter backtick run inside
    "```\n" + "[" * 29 + "\n```\n",  # fenced code
    "~~~~ {.md}\n" + "<span>" * 30 + "\n~~~~\n",
    "x " + "\\[" * 29,  # escaped
    "x <!-- " + "[" * 29 + " -->",  # a comment
    "x " + "<span>a</span>" * 30,  # closed tags
    "x " + "<img src=a.png>" * 30 + "<br/>" * 30,  # void and self-closed tags
    "x " + "<https://example.org>" * 30,  # autolinks are not tags
    "a [[[\n\n[[[\n\n[[[x",  # a blank line ends a paragraph
])
def test_what_pandoc_does_not_nest_is_not_counted(text):
    assert list(too_deep(text)) == []


def test_the_scan_is_linear_on_hostile_text():
    started = time.monotonic()
    assert list(too_deep("` <!-- <span " * 200_000)) == []
    assert time.monotonic() - started < 10


def test_check_reports_the_place_and_the_build_refuses(project_copy, run_cli):
    root = project_copy("complete")
    section = root / "manuscript/az/01-introduction.md"
    text = section.read_text(encoding="utf-8")
    section.write_text(text + "\nMətn " + "[" * 29 + "\n", encoding="utf-8")
    line = text.count("\n") + 2
    code, out, _ = run_cli("--project", root, "check")
    assert code == 1
    assert (f"manuscript/az/01-introduction.md:{line}:{6 + MAX_DEPTH}: error: brackets and HTML tags nest 29 "
            f"levels deep here (at most {MAX_DEPTH}): pandoc would take too long [deep-nesting]") in out
    started = time.monotonic()
    code, _, err = run_cli("--project", root, "build", "--lang", "az", "--format", "html")
    assert code == 1 and "[deep-nesting]" in err
    assert time.monotonic() - started < 30  # refused before pandoc, which would take days


def test_nesting_in_the_metadata_is_reported_at_its_field(project_copy, run_cli):
    root = project_copy("complete")
    metadata = root / "manuscript/article.yaml"
    text = metadata.read_text(encoding="utf-8")
    assert "abstract:" in text
    metadata.write_text(text.replace("abstract: ", "abstract: " + "<span>" * 20, 1), encoding="utf-8")
    code, out, _ = run_cli("--project", root, "check")
    assert code == 1
    assert "manuscript/article.yaml:" in out and "abstract: brackets and HTML tags nest 20 levels deep" in out
