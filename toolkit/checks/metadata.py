"""Titles, abstracts, keywords per language; authors; what article.yaml gets wrong."""

from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..model import Metadata, Position, Project
from ..orcid import problem as orcid_problem

# one @, something on either side, a dot in the domain, nothing an address cannot hold
_EMAIL = re.compile(r"[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]+")

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


def issn_check_digit(digits: str) -> str:
    """ISO 3297's check digit of an ISSN's first seven digits: 0-9 or X."""
    rest = -sum(int(d) * weight for d, weight in zip(digits, range(8, 1, -1))) % 11
    return "X" if rest == 10 else str(rest)


def _journal(meta: Metadata) -> list[Diagnostic]:
    """What the submission's JATS needs of the journal (`journal-meta` requires a
    `journal-id` and an `issn`), and ISSNs whose check digit is wrong."""
    journal, found = meta.journal_meta, []
    where = meta.positions.get("journal", Position(meta.path, 1, 1))
    missing = [what for what, given in (("'id'", journal.id), ("'issn' or 'eissn'", journal.issn or journal.eissn))
               if not given]
    if missing:
        found.append(_at(where, Severity.WARNING, "missing-journal-data",
                         f"the journal has no {' and no '.join(missing)}, which the submission's JATS needs",
                         "add them under 'journal:' (title, id, issn, eissn, publisher) as the journal gives them",
                         strict=True))
    for key in ("issn", "eissn"):
        value = getattr(journal, key)
        if value and value[-1] != (digit := issn_check_digit(value[:4] + value[5:8])):
            found.append(_at(journal.positions.get(key, where), Severity.ERROR, "invalid-issn",
                             f"the journal's {key} {value} has the check digit {value[-1]} where its digits give "
                             f"{digit}: a digit is mistyped", "copy it from the journal or the ISSN Portal"))
    return found


def check(project: Project) -> list[Diagnostic]:
    meta = project.metadata
    top = Position(meta.path, 1, 1)
    found: list[Diagnostic] = list(meta.problems) + _languages_and_sections(project) + _journal(meta)
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
        if author.email and not _EMAIL.fullmatch(author.email):
            found.append(_at(author.positions.get("email", meta.positions.get("authors", top)), Severity.ERROR,
                             "invalid-email", f"the e-mail of {author.name or 'an author'}, {author.email!r}, "
                             "is not an address", "write it as name@example.org"))
        if author.corresponding and not author.email:
            found.append(_at(author.positions.get("corresponding", meta.positions.get("authors", top)),
                             Severity.WARNING, "corresponding-without-email",
                             f"{author.name or 'an author'} is the corresponding author but has no e-mail, "
                             "so no edition marks them", "add 'email:' to the author", strict=True))
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
