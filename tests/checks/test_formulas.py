"""`math`: a formula no edition can show, at its line and column, and nothing else."""

from __future__ import annotations

import json

from tests.conftest import FIXTURES


def test_the_unconvertible_formula_is_reported_at_its_place(run_cli):
    code, out, _ = run_cli("--project", FIXTURES / "math", "check")
    assert code == 1
    assert out.splitlines() == [
        r"manuscript/az/01-growth.md:23:8: error: TeX math that cannot be converted (unexpected control sequence "
        r"\dv): \dv{f}{x} [math]",
        "    hint: write the formula in the TeX that pandoc reads (README: Math)",
        r"manuscript/en/01-growth.md:23:16: error: TeX math that cannot be converted (unexpected control sequence "
        r"\dv): \dv{f}{x} [math]",
        "    hint: write the formula in the TeX that pandoc reads (README: Math)",
        "2 errors, 0 warnings"]


def test_each_kind_of_formula_is_found_and_only_broken_ones_reported(project_copy, run_cli):
    root = project_copy("math")
    section = root / "manuscript" / "en" / "01-growth.md"
    section.write_text(section.read_text(encoding="utf-8") + "\n".join([
        "",
        "Code `$\\dv{x}$` and a price of $20 and $30 are not math; $x^$ is.",
        "",
        "\\begin{align}",
        "a &= \\frac{1}{",
        "\\end{align}",
        "",
        "> $$y = \\undefined",
        "> + 1$$",
        ""]), encoding="utf-8")
    code, out, _ = run_cli("--project", root, "check", "--format", "json")
    found = [(d["path"], d["line"], d["column"], d["message"].split(" (")[1].split(")")[0])
             for d in json.loads(out)["diagnostics"] if d["code"] == "math"]
    assert code == 1 and found == [
        ("manuscript/az/01-growth.md", 23, 8, "unexpected control sequence \\dv"),
        ("manuscript/en/01-growth.md", 23, 16, "unexpected control sequence \\dv"),
        ("manuscript/en/01-growth.md", 25, 58, "unexpected eof"),
        ("manuscript/en/01-growth.md", 27, 1, r'unexpected "\\"'),
        ("manuscript/en/01-growth.md", 31, 3, "unexpected control sequence \\undefined")]
