"""What every writer shares: the edition's AST handed to pandoc, and the assets."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib.resources import files
from pathlib import Path

from ..edition import Edition
from ..pandoc_ast import walk
from ..engine_warnings import located
from ..engines import pandoc
from ..model import Project

ASSETS = Path(str(files("toolkit") / "assets"))


def asset(*parts: str) -> Path:
    return ASSETS.joinpath(*parts)


def from_ast(edition: Edition, args: list[str], project: Project) -> bytes:
    """pandoc's output for the edition; its warnings join the edition's, at their place."""
    result = pandoc.run(["--from=json", *args, "--output=-"], stdin=json.dumps(edition.ast), cwd=project.root)
    edition.warnings.extend(located(project, edition.language, "pandoc", result.warnings))
    return result.output


_ALIGN = {"AlignLeft": "align-left", "AlignRight": "align-right", "AlignCenter": "align-center"}
_DEFAULT = {"t": "AlignDefault"}


def _aligned_rows(rows: list, columns: list[str]) -> list:
    """Each cell with the class of its own alignment, else its column's; rows spanned from above skipped."""
    spanned: dict[int, int] = {}  # column -> rows it is still taken by a cell above
    out = []
    for attr, cells in rows:
        column, row = 0, []
        for (ident, classes, pairs), align, rowspan, colspan, blocks in cells:
            while spanned.get(column, 0) > 0:
                column += 1
            name = _ALIGN.get(align["t"]) or (columns[column] if column < len(columns) else "")
            row.append([[ident, classes + [name] if name else classes, pairs], _DEFAULT, rowspan, colspan, blocks])
            for taken in range(column, column + colspan):
                spanned[taken] = rowspan
            column += colspan
        spanned = {c: n - 1 for c, n in spanned.items() if n > 1}
        out.append([attr, row])
    return out


def _aligned(node: dict) -> dict:
    if node["t"] != "Table":
        return node
    attr, caption, specs, (head_attr, head), bodies, (foot_attr, foot) = node["c"]
    columns = [_ALIGN.get(align["t"], "") for align, _ in specs]
    return {"t": "Table", "c": [attr, caption, [[_DEFAULT, width] for _, width in specs],
                                [head_attr, _aligned_rows(head, columns)],
                                [[attr_, heads, _aligned_rows(top, columns), _aligned_rows(rows, columns)]
                                 for attr_, heads, top, rows in bodies],
                                [foot_attr, _aligned_rows(foot, columns)]]}


def aligned_by_class(edition: Edition) -> Edition:
    """Table cells aligned by a class (align-left, -right, -center) instead of the style
    attribute pandoc writes, which the allow-list drops and the web page's policy refuses."""
    return replace(edition, ast={**edition.ast, "blocks": walk(edition.ast["blocks"], _aligned)})
