"""The Word edition, for submission and editing, in the journal's look."""

from __future__ import annotations

from dataclasses import replace

from ..docx_reference import reference_docx
from ..edition import Edition, walk
from ..figures import for_word
from ..model import Project
from ..scratch import scratch
from .base import from_ast

# document properties Word shows; anything else in the metadata would become a
# custom property (running heads, the language switch, ...)
PROPERTIES = ("title", "author", "subject", "keywords", "lang")


def _for_word(node: dict) -> dict:
    """Figures Word may not show (an SVG, a PDF figure's SVG) as PNG."""
    if node["t"] == "Image":
        attr, alt, (url, title) = node["c"]
        return {"t": "Image", "c": [attr, alt, [for_word(url), title]]}
    return node


def render(edition: Edition, project: Project) -> bytes:
    meta = {k: v for k, v in edition.ast["meta"].items() if k in PROPERTIES}
    blocks = walk(edition.ast["blocks"], _for_word)
    with scratch() as folder:
        reference = folder / "reference.docx"
        reference.write_bytes(reference_docx())
        return from_ast(replace(edition, ast={**edition.ast, "meta": meta, "blocks": blocks}),
                        ["--to=docx", f"--resource-path={project.root}", f"--reference-doc={reference}"],
                        project.root)
