"""What every writer shares: the edition's AST handed to pandoc, and the assets."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

from ..edition import Edition
from ..engines import pandoc

ASSETS = Path(str(files("toolkit") / "assets"))


def asset(*parts: str) -> Path:
    return ASSETS.joinpath(*parts)


def from_ast(edition: Edition, args: list[str], cwd: Path) -> bytes:
    return pandoc.run(["--from=json", *args, "--output=-"], stdin=json.dumps(edition.ast), cwd=cwd).output
