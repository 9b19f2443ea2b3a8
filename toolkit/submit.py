"""`toolkit submit`: everything a journal asks for, in one reproducible zip per language.

Each zip holds the manuscript (DOCX in the journal's look, PDF), a blind-review
copy of both, JATS XML with the figures it names (`graphics/`), the bibliography
as BibTeX, CSL-JSON and RIS, and a manifest with every file's SHA-256. Nothing
is written while `check --strict` reports an error.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import unicodedata
import zipfile
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from .anonymise import strip_identifying
from .build import BUILD_DIR
from .document_date import document_date
from .edition import Edition
from .front_matter import FrontText
from .languages import all_profiles
from .model import Project
from .session import BuildError, Session
from .writers import WRITERS

SUBMISSION_DIR = BUILD_DIR / "submission"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no build time leaks in
# letters decomposition does not make ASCII (ə, ı, Cyrillic), from every language profile
_ASCII = str.maketrans({letter: ascii for p in all_profiles() for letter, ascii in p.ascii.items()})


def slug(text: str) -> str:
    """"Türkiyə–Sovet münasibətləri" -> "turkiye-sovet-munasibetleri"; a title's citations
    and notes left out, its formulas as text ("$Y_0$" -> "y0")."""
    from .plain_text import math_text

    text = re.sub(r"\^\[[^\[\]]*\]|\[[^\[\]]*@[^\[\]]*\]", " ", text)
    text = re.sub(r"\$([^$]+)\$", lambda m: math_text(m.group(1)), text)
    words = re.sub(r"[\W_]+", "-", text.translate(_ASCII))
    ascii_text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-") or "article"


def _epoch(project: Project) -> int:
    """The date the documents say they were made: SOURCE_DATE_EPOCH if set, else
    the article's `date:`, else 1980-01-01 — never the moment of the run."""
    dated = document_date(project.metadata.date) or datetime(*ZIP_TIME, tzinfo=timezone.utc)
    return int(dated.timestamp())


@contextmanager
def _source_date_epoch(value: int):
    """pandoc dates a DOCX by SOURCE_DATE_EPOCH when it is set."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(value)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _article(project: Project, language: str, texts: FrontText) -> dict:
    """The article's metadata for the manifest: its fields as plain text, as the edition prints them."""
    meta = project.metadata
    return {
        "language": language,
        "original-language": next(iter(meta.languages)),
        "titles": texts.titles,
        "title-status": meta.title_status,
        "authors": [{k: v for k, v in (("name", name), ("affiliation", affiliation), ("orcid", a.orcid)) if v}
                    for (name, affiliation), a in zip(texts.authors, meta.authors)],
        "keywords": {code: list(words) for code, words in texts.every_keywords.items()},
        **({"journal": meta.journal} if meta.journal else {}),
        **({"date": meta.date} if meta.date else {}),
    }


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3  # the same bytes on every system
            archive.writestr(entry, files[name])
    return out.getvalue()


def package(session: Session, language: str) -> dict[str, bytes]:
    """The files of one language's submission, by their name in the zip."""
    project = session.project
    edition = session.edition(language)
    blind_session = session.anonymised()
    blind, blind_project = blind_session.edition(language), blind_session.project
    blind = replace(blind, ast={**blind.ast, "blocks": strip_identifying(blind.ast["blocks"])})
    graphics: dict[str, Path] = {}  # the figures the JATS names, as files of the package
    sources = Edition(language, {}, csl=session.csl)  # for the writers that read the sources themselves
    files = {
        "manuscript.docx": WRITERS["docx"].render(edition, project),
        "manuscript.pdf": WRITERS["pdf"].render(edition, project),
        "anonymised/manuscript.docx": WRITERS["docx"].render(blind, blind_project),
        "anonymised/manuscript.pdf": WRITERS["pdf"].render(blind, blind_project),
        "article.jats.xml": WRITERS["jats"].render(sources, project, files=graphics),
        **{WRITERS[fmt].filename: WRITERS[fmt].render(sources, project) for fmt in ("bibtex", "csl-json", "ris")},
    }
    files.update((name, full.read_bytes()) for name, full in graphics.items())
    manifest = {
        "toolkit": __version__,
        "article": _article(project, language, edition.texts),
        "files": [{"path": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                  for name, data in sorted(files.items())],
    }
    files["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files


def submit(project: Project, languages: list[str] | None = None, style: str | None = None) -> list[Path]:
    """Write build/submission/<slug>-<lang>.zip for each language; BuildRefused while
    `check --strict` reports errors."""
    with Session(project, style, strict=True) as session:
        languages = session.languages(languages)
        session.refuse(session.check())
        from .engines.weasyprint import preload

        preload()  # imported while pandoc prepares the editions
        name = slug(next(iter(project.metadata.languages.values())).title)
        outputs: dict[Path, bytes] = {}
        with _source_date_epoch(_epoch(project)):
            for language in languages:
                folder = f"{name}-{language}"
                try:
                    files = package(session, language)
                except Exception as exc:  # an engine failure is reported, never a traceback
                    raise BuildError(f"the {language} submission could not be made: {exc}") from exc
                outputs[project.root / SUBMISSION_DIR / f"{folder}.zip"] = _zip(
                    {f"{folder}/{path}": data for path, data in files.items()})
        return session.write(outputs)
