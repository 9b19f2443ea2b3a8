"""Load a whole article project into the model, once."""

from __future__ import annotations

from pathlib import Path

from .aliases import with_main_keys
from .bibliography import load_bibliography
from .confine import Refused, shown_path
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
    manuscripts, refused = {}, []
    for language in metadata.languages:
        manuscript, problems = load_manuscript(root, language)
        refused += problems
        if manuscript is not None and manuscript.sections:
            manuscripts[language] = manuscript
    if not manuscripts:
        if refused:
            raise ProjectError("no section can be read: " + "; ".join(
                f"{shown_path(d.path)}: {d.message}" for d in refused))
        raise ProjectError("no manuscript sections found",
                           hint="put one Markdown file per section in manuscript/<language>/, e.g. manuscript/az/01-introduction.md")
    where = metadata.positions.get("bibliography")
    located = (metadata.path, where.line, where.column) if where else (metadata.path, 0, 0)
    try:
        bibliography = load_bibliography(root, metadata.bibliographies or (metadata.bibliography,))
    except Refused as why:
        if where is None:
            located = (metadata.bibliography, why.line, why.column)
        raise ProjectError(why.reason, *located, hint="the bibliography must be a UTF-8 BibTeX file inside the project") from None
    manuscripts = {language: with_main_keys(m, bibliography) for language, m in manuscripts.items()}
    return Project(root=root, metadata=metadata, manuscripts=manuscripts, bibliography=bibliography,
                   refused=tuple(refused))
