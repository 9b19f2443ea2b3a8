"""The bibliography as the exchange formats take it: CSL-JSON, RIS, and the BibTeX as written.

Every entry of the bibliography, cited or not, each field as plain text where
the format takes no markup (RIS); a formula as its text (toolkit.latex_math);
a title and its translation apart, as reference managers keep them.
"""

from __future__ import annotations

import json

from ..confine import confined
from ..csl_items import csl_items, exchanged
from ..edition import Edition
from ..model import Project
from ..ris import ris as ris_text


def csl_json(edition: Edition, project: Project) -> bytes:
    items = [exchanged(item) for item in csl_items(project.bibliography, edition.language)]
    return (json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def ris(edition: Edition, project: Project) -> bytes:
    return ris_text([exchanged(item) for item in csl_items(project.bibliography, edition.language)]).encode("utf-8")


def bibtex(edition: Edition, project: Project) -> bytes:
    """The bibliography as written; several files one after the other, each after a
    `%` line naming it (text outside entries, which BibTeX and biber skip)."""
    paths = project.bibliography.paths or (project.bibliography.path,)
    data = [confined(project.root, path, "bibliography").read_bytes() for path in paths]
    if len(data) == 1:
        return data[0]
    return b"".join(f"% {' '.join(str(path).split())}\n".encode("utf-8") + part.rstrip(b"\n") + b"\n\n"
                    for path, part in zip(paths, data))
