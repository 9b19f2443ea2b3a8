"""`toolkit fix`: rewrite the sources where a convention is unambiguous, and say so."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .atomic import write_atomically
from .confine import read_text
from .model import Project
from .typography import Change, apply, line_col, range_hyphens

_YAML_COMMENT = re.compile(r"(?:^|(?<=\s))#.*$", re.M)


@dataclass(frozen=True)
class Fixed:
    path: Path  # project-relative
    line: int
    column: int
    old: str
    new: str

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.old} → {self.new}"


def _yaml_changes(text: str) -> list[Change]:
    """The ranges in the language blocks, which `check` reads; never an ISSN's or an award's hyphen."""
    masked = _YAML_COMMENT.sub(lambda m: " " * len(m.group()), text)
    root = yaml.compose(text)  # the project was loaded from it: it is a mapping
    languages = next((value for key, value in root.value if key.value == "languages"), None)
    if languages is None:
        return []
    return [c for c in range_hyphens(masked) if languages.start_mark.index <= c.offset < languages.end_mark.index]


def fix_typography(project: Project) -> list[Fixed]:
    """Ranges with a hyphen become en-dash ranges in the sections and article.yaml."""
    targets = [(section.path, section.text, range_hyphens) for m in project.manuscripts.values()
               for section in m.sections]
    targets.append((project.metadata.path, read_text(project.root, project.metadata.path, "article metadata"),
                    _yaml_changes))
    fixed: list[Fixed] = []
    outputs: dict[Path, bytes] = {}
    for relpath, text, find in targets:
        full = project.root / relpath
        changes = find(text)
        if not changes:
            continue
        for change in changes:
            fixed.append(Fixed(relpath, *line_col(text, change.offset), change.old, change.new))
        outputs[full] = apply(text, changes).encode("utf-8")
    write_atomically(outputs)
    return fixed
