"""Confinement: what the toolkit agrees to read, and how it names what it refuses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit.checks.resources import resolve_resource
from toolkit.confine import LIMITS, Refused, confined, read_text, shown_path


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "project"
    (root / "manuscript/az").mkdir(parents=True)
    (root / "manuscript/az/01.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    return root


def test_a_regular_file_inside_is_read(tree):
    assert confined(tree, "manuscript/az/01.md", "section") == (tree / "manuscript/az/01.md").resolve()
    inner = tree / "manuscript/az/02.md"
    inner.symlink_to("01.md")  # a link that stays inside is fine
    assert read_text(tree, "manuscript/az/02.md", "section") == "# A\n"


@pytest.mark.parametrize("make, reason", [
    (lambda root: (root / "x.md").symlink_to(root.parent / "secret.txt"), r"outside the project \(a symbolic link"),
    (lambda root: (root / "x.md").symlink_to("/etc/passwd"), "outside the project"),
    (lambda root: (root / "x.md").symlink_to(root / "gone.md"), "is a symbolic link to nothing"),
    (lambda root: (root / "x.md").mkdir(), r"not a regular file \(a directory\)"),
    (lambda root: os.mkfifo(root / "x.md"), r"not a regular file \(a named pipe\)"),
    (lambda root: (root / "x.md").symlink_to("/dev/null"), "outside the project"),
    (lambda root: (root / "x.md").symlink_to("x.md"), "cannot be resolved|does not exist|symbolic link to nothing"),
])
def test_what_is_refused_and_why(tree, make, reason):
    make(tree)
    with pytest.raises(Refused, match=reason):
        confined(tree, "x.md", "section")


def test_paths_that_leave_the_project_are_refused(tree):
    for path in ("../secret.txt", str(tree.parent / "secret.txt"), "manuscript/../../secret.txt"):
        with pytest.raises(Refused, match="outside the project"):
            confined(tree, path, "bibliography")


def test_size_limit_is_checked_before_reading(tree):
    big = tree / "big.md"
    with open(big, "wb") as handle:
        handle.truncate(LIMITS["section"] + 1)  # sparse: nothing is written, nothing need be read
    with pytest.raises(Refused, match="more than the 5 MB"):
        read_text(tree, "big.md", "section")


def test_non_utf8_is_located_at_the_first_bad_byte(tree):
    (tree / "l9.md").write_bytes("# Başlıq\n\nMətn ".encode() + b"\xe7 t\n")
    with pytest.raises(Refused) as refused:
        read_text(tree, "l9.md", "section")
    assert (refused.value.line, refused.value.column) == (3, 6)


def test_byte_order_mark_is_dropped(tree):
    (tree / "bom.md").write_bytes(b"\xef\xbb\xbf# A\r\n")
    assert read_text(tree, "bom.md", "section") == "# A\r\n"


def test_image_paths_with_nul_or_bad_addresses_are_refused_not_raised(tree):
    section = Path("manuscript/az/01.md")
    for target, reason in (("fig\x00.png", "NUL"), ("http://[::1", "not a valid address"),
                           ("http://127.0.0.1/x.png", "no http: resources"), ("file://host/x.png", "another machine"),
                           ("../../../secret.txt", "outside the project")):
        full, why = resolve_resource(tree, section, target)
        assert full is None and reason in why, (target, why)


def test_paths_in_diagnostics_cannot_forge_lines():
    assert shown_path("manuscript/az/01.md") == "manuscript/az/01.md"
    forged = shown_path("manuscript/az/a\nmanuscript/az/b.md:1:1: error: x")
    assert "\n" not in forged and forged.startswith('"') and forged.endswith('"')
    assert shown_path('a"b') == '"a\\"b"'
