"""Titles, abstracts, keywords per language; authors; what article.yaml gets wrong."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..model import Position, Project
from ..orcid import problem as orcid_problem

MANUSCRIPT_DIR = Path("manuscript")


def _at(pos: Position, severity: Severity, code: str, message: str, hint: str = "", strict: bool = False) -> Diagnostic:
    return Diagnostic(pos.path, pos.line, pos.column, severity, code, message, hint, strict_error=strict)


def _section_folders(root: Path) -> list[str]:
    """Folders of manuscript/ (inside the project) that hold Markdown sections."""
    folder = root / MANUSCRIPT_DIR
    if not folder.is_dir():
        return []
    return sorted(sub.name for sub in folder.iterdir() if sub.is_dir() and sub.resolve().is_relative_to(root)
                  and any(sub.glob("*.md")))


def _languages_and_sections(project: Project) -> list[Diagnostic]:
    """A language must have both its block in article.yaml and its sections, or the
    edition is silently missing."""
    meta, found = project.metadata, []
    refused = {d.path.parent.name for d in project.refused if d.path.parent.parent == MANUSCRIPT_DIR}
    for language, lang in meta.languages.items():
        if language not in project.manuscripts and language not in refused:
            found.append(_at(lang.positions["language"], Severity.WARNING, "language-without-sections",
                             f"language '{language}' has metadata but no sections ({MANUSCRIPT_DIR / language}/*.md), "
                             "so it gets no edition",
                             f"put its sections in {MANUSCRIPT_DIR / language}/ or remove its block"))
    where = meta.positions.get("languages", Position(meta.path, 1, 1))
    for name in _section_folders(project.root):
        if name not in meta.languages:
            found.append(_at(where, Severity.WARNING, "sections-without-language",
                             f"{MANUSCRIPT_DIR / name}/ has sections but 'languages' has no '{name}' block, "
                             "so they get no edition",
                             f"add '{name}:' under 'languages:' with its title, abstract and keywords "
                             "(the name must be the language's BCP 47 tag)"))
    return found


def check(project: Project) -> list[Diagnostic]:
    meta = project.metadata
    top = Position(meta.path, 1, 1)
    found: list[Diagnostic] = list(meta.problems) + _languages_and_sections(project)
    if not meta.authors:
        found.append(_at(meta.positions.get("authors", top), Severity.WARNING, "missing-authors",
                         "the article has no authors", "list them under 'authors:' (name, affiliation, orcid)",
                         strict=True))
    for author in meta.authors:
        if not author.name:
            found.append(_at(meta.positions.get("authors", top), Severity.ERROR, "missing-author-name",
                             "an author has no name"))
        if author.orcid and (why := orcid_problem(author.orcid)):
            found.append(_at(meta.positions.get("authors", top), Severity.ERROR, "invalid-orcid",
                             f"the ORCID iD of {author.name or 'an author'}, {author.orcid}, {why}",
                             "copy it from the author's ORCID record"))
    for language, lang in meta.languages.items():
        where = lang.positions["language"]
        for name, value in (("title", lang.title), ("abstract", lang.abstract), ("keywords", lang.keywords)):
            if not value:
                found.append(_at(lang.positions.get(name, where), Severity.ERROR, f"missing-{name}",
                                 f"no {name} for language '{language}'"))
        if lang.title and meta.title_status == "working":
            found.append(_at(lang.positions.get("title", where), Severity.WARNING, "working-title",
                             f"the {language} title is a working title", "set 'title-status: final' once it is settled",
                             strict=True))
    return found
