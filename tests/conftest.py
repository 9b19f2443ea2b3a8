"""Shared test helpers: fixture projects copied to a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


def copy_project(name: str, dest: Path) -> Path:
    target = dest / name
    shutil.copytree(FIXTURES / name, target, ignore=shutil.ignore_patterns("build"))
    return target


@pytest.fixture
def project_copy(tmp_path):
    """Copy a fixture project (by name) into a temporary folder."""
    return lambda name: copy_project(name, tmp_path)


@pytest.fixture
def run_cli(capsys):
    """Run the toolkit in-process; return (exit status, stdout, stderr)."""
    from toolkit.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run
