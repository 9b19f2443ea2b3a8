"""Images and embedded resources must be files inside the project."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostic, Severity
from ..model import Image, Project


def resolve_resource(root: Path, section_path: Path, target: str) -> tuple[Path | None, str]:
    """The project file an image points at, or None and why it is refused."""
    parts = urlsplit(target)
    if parts.scheme and len(parts.scheme) > 1 and parts.scheme != "file":
        return None, f"'{target}' is not a file of the project (no {parts.scheme}: resources are fetched)"
    raw = unquote(parts.path) if parts.scheme == "file" or parts.scheme == "" else target
    candidate = Path(raw)
    full = (candidate if candidate.is_absolute() else (root / section_path).parent / candidate).resolve()
    if not full.is_relative_to(root):
        return None, f"'{target}' is outside the project"
    if not full.is_file():
        return None, f"'{target}' does not exist"
    return full, ""


def refusals(project: Project, image: Image) -> Diagnostic | None:
    _, why = resolve_resource(project.root, image.position.path, image.target)
    if not why:
        return None
    pos = image.position
    return Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, "refused-resource", f"image {why}",
                      hint="keep images inside the project and refer to them by a relative path")


def check(project: Project) -> list[Diagnostic]:
    return [d for m in project.manuscripts.values() for s in m.sections for i in s.images
            if (d := refusals(project, i)) is not None]
