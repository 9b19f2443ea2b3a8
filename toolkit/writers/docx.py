"""The Word edition, for submission and editing, in the journal's look."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from ..docx_reference import reference_docx
from ..edition import Edition
from ..model import Project
from .base import from_ast

# document properties Word shows; anything else in the metadata would become a
# custom property (running heads, the language switch, ...)
PROPERTIES = ("title", "author", "subject", "keywords", "lang")


def render(edition: Edition, project: Project) -> bytes:
    meta = {k: v for k, v in edition.ast["meta"].items() if k in PROPERTIES}
    with tempfile.TemporaryDirectory(prefix="toolkit-") as tmp:
        reference = Path(tmp) / "reference.docx"
        reference.write_bytes(reference_docx())
        return from_ast(replace(edition, ast={**edition.ast, "meta": meta}),
                        ["--to=docx", f"--resource-path={project.root}", f"--reference-doc={reference}"],
                        project.root)
