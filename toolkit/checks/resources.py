"""Every file the sources use must be a regular file inside the project."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..confine import Refused, confined, quote
from ..diagnostics import Diagnostic, Severity
from ..model import Image, Project


def resolve_resource(root: Path, section_path: Path, target: str) -> tuple[Path | None, str]:
    """The project file an image points at (relative to its section), or None and why it is refused."""
    try:
        parts = urlsplit(target)
    except ValueError:
        return None, f"image {quote(target)} is not a valid address"
    if parts.scheme and len(parts.scheme) > 1 and parts.scheme != "file":
        return None, f"image {quote(target)} is not a file of the project (no {parts.scheme}: resources are fetched)"
    if parts.scheme == "file" and parts.netloc not in ("", "localhost"):
        return None, f"image {quote(target)} is on another machine"
    raw = unquote(parts.path) if parts.scheme in ("file", "") else target
    if not raw:
        return None, "an empty image path"
    candidate = Path(raw)
    try:
        return confined(root, (root / section_path).parent / candidate, "image", shown=target), ""
    except Refused as refused:
        return None, refused.reason


def refusals(project: Project, image: Image) -> Diagnostic | None:
    _, why = resolve_resource(project.root, image.position.path, image.target)
    if not why:
        return None
    pos = image.position
    return Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "refused-resource", why,
                      hint="keep images inside the project and refer to them by a relative path")


def check(project: Project) -> list[Diagnostic]:
    return [d for m in project.manuscripts.values() for s in m.sections for i in s.images
              if (d := refusals(project, i)) is not None]
