"""The print edition: print HTML with the toolkit's stylesheet, typeset by WeasyPrint."""

from __future__ import annotations

from dataclasses import replace

from ..edition import Edition, walk
from ..engines import weasyprint
from ..model import Project
from .base import ASSETS, asset, from_ast

PAPERS = {"a4": "A4", "b5": "B5", "letter": "letter"}
VARIANTS = ("pdf/a-3b", "pdf/ua-1")


class RefusedResources(Exception):
    pass


def _inline(blocks: list[dict]) -> list[dict]:
    """A note's paragraphs as one run of inlines (a footnote floats as a span)."""
    out: list[dict] = []
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            if out:
                out.append({"t": "Space"})
            out += block["c"]
    return out


def _footnotes_in_place(node: dict) -> dict:
    # WeasyPrint puts an element with `float: footnote` at its page's foot, so
    # the note must stand where it is called, not in a list at the end.
    if node["t"] == "Note":
        return {"t": "Span", "c": [["", ["footnote"], []], _inline(node["c"])]}
    return node


def print_html(edition: Edition, project: Project, paper: str = "a4") -> str:
    printed = replace(edition, ast={**edition.ast, "blocks": walk(edition.ast["blocks"], _footnotes_in_place)})
    return from_ast(printed, ["--to=html5", "--standalone", "--wrap=none",
                              f"--template={asset('templates', 'print.html')}",
                              f"--css={asset('css', 'print.css').as_uri()}", f"--variable=paper:{PAPERS[paper]}"],
                    project.root).decode("utf-8")


def _sources(project: Project) -> list:
    """The Markdown and BibTeX sources, attached to an archival PDF/A-3."""
    files = [section.path for m in project.manuscripts.values() for section in m.sections]
    files += [project.metadata.path, project.bibliography.path]
    return [project.root / f for f in files]


def render(edition: Edition, project: Project, paper: str = "a4", variant: str | None = None) -> bytes:
    attachments = _sources(project) if variant == "pdf/a-3b" else []
    pdf, refused = weasyprint.render_pdf(print_html(edition, project, paper), project.root, [project.root, ASSETS],
                                         variant=variant, attachments=attachments)
    if refused:
        # The AST was fenced already; anything refused here is a bug worth stopping for.
        raise RefusedResources("the PDF renderer was asked for resources outside the project: " + ", ".join(refused))
    return pdf
