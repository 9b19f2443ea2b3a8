"""Load a whole article project into the model, once."""

from __future__ import annotations

from pathlib import Path

from .bibliography import load_bibliography
from .errors import ProjectError
from .manuscript import load_manuscript
from .metadata import load_metadata
from .model import Project


def find_root(start: Path) -> Path:
    """The project is the nearest folder upwards holding manuscript/article.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "manuscript" / "article.yaml").is_file():
            return folder
    return start


def load_project(root: Path) -> Project:
    root = root.resolve()
    if not root.is_dir():
        raise ProjectError(f"project folder {root} does not exist")
    metadata = load_metadata(root)
    manuscripts = {}
    for language in metadata.languages:
        manuscript = load_manuscript(root, language)
        if manuscript is not None and manuscript.sections:
            manuscripts[language] = manuscript
    if not manuscripts:
        raise ProjectError("no manuscript sections found",
                           hint="put one Markdown file per section in manuscript/<language>/, e.g. manuscript/az/01-introduction.md")
    if not (root / metadata.bibliography).is_file():
        raise ProjectError(f"bibliography {metadata.bibliography} not found", metadata.path,
                           *(lambda p: (p.line, p.column) if p else (0, 0))(metadata.positions.get("bibliography")))
    bibliography = load_bibliography(root, metadata.bibliography)
    return Project(root=root, metadata=metadata, manuscripts=manuscripts, bibliography=bibliography)
