"""The Word edition, for submission and editing, in the journal's look."""

from __future__ import annotations

from dataclasses import replace

from ..docx_reference import reference_docx
from ..edition import Edition
from ..model import Project
from ..scratch import scratch
from .base import from_ast

# document properties Word shows; anything else in the metadata would become a
# custom property (running heads, the language switch, ...)
PROPERTIES = ("title", "author", "subject", "keywords", "lang")


def render(edition: Edition, project: Project) -> bytes:
    meta = {k: v for k, v in edition.ast["meta"].items() if k in PROPERTIES}
    with scratch() as folder:
        reference = folder / "reference.docx"
        reference.write_bytes(reference_docx())
        return from_ast(replace(edition, ast={**edition.ast, "meta": meta}),
                        ["--to=docx", f"--resource-path={project.root}", f"--reference-doc={reference}"],
                        project.root)
