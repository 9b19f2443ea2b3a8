"""The blind-review copy: nothing in it, visible or in its properties, names the authors."""

from __future__ import annotations

from dataclasses import replace

from .languages import all_profiles
from .model import Project

# sections and blocks that identify the authors, in every profile's language
# (acknowledgements, funding: toolkit/languages/<code>/profile.yaml `sections`)
IDENTIFYING = frozenset().union(*(p.section_names for p in all_profiles()))


def anonymised(project: Project) -> Project:
    """The project without authors (and so without affiliations, ORCIDs, e-mails)."""
    return replace(project, metadata=replace(project.metadata, authors=()))


def _identifying(ident: str, classes: list[str]) -> bool:
    return ident.lower() in IDENTIFYING or any(c.lower() in IDENTIFYING for c in classes)


def strip_identifying(blocks: list[dict]) -> list[dict]:
    """Drop acknowledgement and funding sections (a heading with such an id and
    all under it) and divs with such a class."""
    out, dropping_below = [], None
    for block in blocks:
        if block["t"] == "Header":
            level, (ident, classes, _), _ = block["c"]
            if dropping_below is not None and level <= dropping_below:
                dropping_below = None
            if dropping_below is None and _identifying(ident, classes):
                dropping_below = level
        if dropping_below is not None:
            continue
        if block["t"] == "Div" and _identifying(block["c"][0][0], block["c"][0][1]):
            continue
        out.append(block)
    return out
