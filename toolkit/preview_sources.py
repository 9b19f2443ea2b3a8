"""What a preview watches, and which editions a changed file touches.

The folders are watched one by one, not recursively: a project folder may hold
a virtual environment or node_modules, and only the sources matter. The set is
worked out again after every rebuild, so a new language folder, bibliography
file or figure is watched from then on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .checks.resources import resolve_resource
from .confine import Refused, confined
from .model import Project

SECTION_SUFFIX = ".md"


@dataclass(frozen=True)
class Sources:
    """The project's sources as of its last reading: what to watch and what each file feeds."""

    root: Path
    languages: tuple[str, ...]
    folders: frozenset[Path] = frozenset()  # absolute, watched non-recursively
    shared: frozenset[Path] = frozenset()  # article.yaml, the bibliography, the style: every language
    figures: dict[Path, frozenset[str]] = field(default_factory=dict)  # figure -> the languages naming it

    def affected(self, changed: set[Path]) -> tuple[set[str], set[Path]]:
        """The languages to rebuild and the changed source files (relative to the root)."""
        languages: set[str] = set()
        files: set[Path] = set()
        manuscript = self.root / "manuscript"
        for path in changed:
            if path.name.startswith((".", "#")):  # an editor's lock or swap file
                continue
            if path in self.shared:
                languages.update(self.languages)
            elif path in self.figures:
                languages.update(self.figures[path])
            elif path.suffix == SECTION_SUFFIX and path.parent.parent == manuscript:
                language = path.parent.name
                languages.add(language if language in self.languages else "*")
            else:
                continue
            files.add(path.relative_to(self.root))
        if "*" in languages:  # a language folder not known before: read the project again for all
            languages = set(self.languages) | {x for x in languages if x != "*"}
            languages.discard("*")
        return languages, files


def sources_of(project: Project, style: Path | None) -> Sources:
    """The files `project` was read from, and the folders that hold them."""
    root = project.root
    manuscript = root / "manuscript"
    shared = {manuscript / "article.yaml"}
    for path in project.bibliography.paths or (project.bibliography.path,):
        shared.add(_inside(root, path))
    if style is not None and style.is_relative_to(root):
        shared.add(style)
    figures: dict[Path, set[str]] = {}
    for language, written in project.manuscripts.items():
        for section in written.sections:
            for image in section.images:
                full, _ = resolve_resource(root, image.position.path, image.target)
                if full is not None:
                    figures.setdefault(full, set()).add(language)
    languages = tuple(project.metadata.languages)
    folders = {manuscript} | {manuscript / language for language in languages}
    folders |= {path.parent for path in shared | set(figures)}
    return Sources(root, languages, frozenset(f for f in folders if f.is_dir()), frozenset(shared),
                   {path: frozenset(names) for path, names in figures.items()})


def _inside(root: Path, path: Path) -> Path:
    try:
        return confined(root, path, "bibliography")
    except Refused:
        return (root / path).absolute()
