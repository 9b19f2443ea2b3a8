"""`check` reports hyphen ranges; `fix --typography` rewrites them and says where."""

from __future__ import annotations


def test_hyphen_ranges_are_reported_and_fixed(project_copy, run_cli):
    root = project_copy("complete")
    section = next((root / "manuscript" / "az").glob("*.md"))
    text = section.read_text(encoding="utf-8")
    section.write_text(text + "\nİllər 1923-1939 və 1923–1939.\n", encoding="utf-8")
    line = text.count("\n") + 2
    code, out, _ = run_cli("--project", root, "check")
    assert f"{section.relative_to(root)}:{line}:7: warning: range 1923-1939 has a hyphen" in out
    assert "[range-hyphen]" in out
    code, out, _ = run_cli("--project", root, "fix", "--typography")
    assert code == 0
    assert out.splitlines() == [f"{section.relative_to(root)}:{line}:7: 1923-1939 → 1923–1939",
                                "1 change in 1 file"]
    assert section.read_text(encoding="utf-8").endswith("İllər 1923–1939 və 1923–1939.\n")
    code, out, _ = run_cli("--project", root, "check")
    assert "range-hyphen" not in out


def test_fix_needs_to_be_told_what(project_copy, run_cli):
    code, _, err = run_cli("--project", project_copy("complete"), "fix")
    assert code == 2 and "--typography" in err
