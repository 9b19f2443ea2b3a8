"""The reference list of an edition, formatted by citeproc-py for the terminal."""

from __future__ import annotations

from pathlib import Path

from .csl_items import csl_items
from .entrysets import set_texts
from .labels import labels
from .engines import citeproc
from .locales import localized_style
from .model import Project
from .session import Session


def cited_keys(project: Project, language: str) -> list[str]:
    """Keys the edition cites that the bibliography has, in order of first citation."""
    known = project.bibliography.by_key()
    manuscript = project.manuscripts[language]
    return list(dict.fromkeys(c.key for c in manuscript.citations if c.key in known))


def style_for(csl: Path, language: str) -> bytes:
    """The style as the edition uses it: with the toolkit's locale embedded, if it has one."""
    return localized_style(csl, language) or csl.read_bytes()


def format_references(session: Session, language: str) -> list[str]:
    """The cited entries as the edition prints them (with the project's labels when the
    session is entered), an incomplete one marked."""
    project = session.project
    keys = cited_keys(project, language)
    items = csl_items(project.bibliography, language, keys)
    style = style_for(session.csl, language)
    entries, _ = citeproc.render(items, style, language, [[(k, {})] for k in keys])
    entries = set_texts(project, language, style, entries, citeproc.render)  # a @set prints its members
    incomplete = session.incomplete
    label = labels(language)["incomplete-reference"]
    by_id = {item["id"].lower(): item["id"] for item in items}
    return [f"{entry} ⟨{key}: {label}⟩" if (key := by_id.get(entry_id)) in incomplete else entry
            for entry_id, entry in entries]
