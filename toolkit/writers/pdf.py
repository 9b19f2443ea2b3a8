"""The print edition: print HTML with the toolkit's stylesheet, typeset by WeasyPrint."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
import secrets
from html import escape
from dataclasses import replace

from ..document_date import document_date
from ..edition import Edition
from ..pandoc_ast import walk
from ..diagnostics import Diagnostic, Severity
from ..engine_warnings import located, placed_text
from ..front_matter import FrontText
from ..hyphenation import kept_whole, proper_names
from ..typography import unbroken_ranges
from ..engines import weasyprint
from ..manuscript import MANUSCRIPT_DIR
from ..model import Project
from ..sanitise import clean_html, embedded_images
from ..scratch import scratch
from .base import ASSETS, aligned_by_class, asset, from_ast
from .print_math import as_images

# each page size with the side margins that give a full line of 65-80 characters (README: The print edition)
PAPERS = {"a4": ("A4", "38mm"), "b5": ("B5", "22mm"), "letter": ("letter", "41mm")}


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


def print_ast(edition: Edition) -> Edition:
    """The transforms of the print edition: notes where they are called, numeric ranges kept
    on one line, cells aligned by class."""
    placed = {"meta": walk(edition.ast["meta"], _footnotes_in_place),
              "blocks": walk(walk(edition.ast["blocks"], _footnotes_in_place), unbroken_ranges)}
    if "title" in placed["meta"]:  # "(1923–⏎1946)" under the title's first line
        placed["meta"] = {**placed["meta"], "title": walk(placed["meta"]["title"], unbroken_ranges)}
    return aligned_by_class(replace(edition, ast={**edition.ast, **placed}))


def print_html(printed: Edition, project: Project, paper: str = "a4", formulas: Path | None = None) -> str:
    """The page WeasyPrint typesets from the print edition's document (`print_ast`); its body
    cleaned with the web edition's allow-list, so no <style>, <meta> or <link> from the
    sources reaches the typesetter. Its formulas are SVG files in `formulas` when given."""
    marker = f"toolkit-{secrets.token_hex(16)}"  # a mark no source can write
    page = from_ast(printed, ["--to=html5", "--standalone", "--wrap=none",
                              f"--template={asset('templates', 'print.html')}", f"--variable=marker:{marker}",
                              f"--css={asset('css', 'print.css').as_uri()}", f"--variable=paper:{PAPERS[paper][0]}",
                              f"--variable=side-margin:{PAPERS[paper][1]}",
                              "--mathml"],
                    project).decode("utf-8")
    parts = re.split(f"<!--{marker}:(properties|/?body)-->", page)
    if parts[1::2] != ["properties", "body", "/body"]:
        raise ValueError("the print template's marks are missing or out of order")
    head, _, middle, _, body, _, tail = parts
    # WeasyPrint has no MathML: formulas become SVG images, after the allow-list
    body = as_images(clean_html(body, embedded_images(printed.ast)), printed.language, formulas)
    return head + _properties(printed.texts, document_date(project.metadata.date)) + middle + body + tail


def _properties(texts: FrontText, dated: datetime | None = None) -> str:
    """The PDF's Author, Subject, Keywords and dates (WeasyPrint reads them from these tags;
    the Title from `<title>`): plain text, escaped for an attribute, whatever markup the
    fields hold; dated as toolkit.document_date says, or not at all — never the run's moment."""
    tags = [("author", name) for name in texts.names]
    tags += [("description", texts.abstract), ("keywords", ", ".join(texts.keywords))]
    if dated is not None:
        stamp = dated.strftime("%Y-%m-%dT%H:%M:%SZ")
        tags += [("dcterms.created", stamp), ("dcterms.modified", stamp)]
    return "".join(f'<meta name="{name}" content="{escape(text)}">\n' for name, text in tags if text)


def _sources(project: Project) -> list:
    """The Markdown and BibTeX sources, attached to an archival PDF/A-3."""
    files = [section.path for m in project.manuscripts.values() for section in m.sections]
    files += [project.metadata.path, *(project.bibliography.paths or (project.bibliography.path,))]
    return [project.root / f for f in files]


def _ladder_warning(project: Project, language: str, ladder) -> Diagnostic:
    """Three or more line ends in a row with a hyphen, or a page that ends on one, left after
    the layouts that mend them, at the paragraph's place in the sources."""
    path, line, column = placed_text(project, language, ladder.text) or (MANUSCRIPT_DIR / language, 0, 0)
    where = f"build/{language}/article.pdf, page {ladder.page}" + (f" in “{ladder.heading}”" if ladder.heading else "")
    if len(ladder.ends) == 1:
        code, what = "page-end-hyphen", f"the page ends on a hyphenated word ({ladder.ends[0]})"
    else:
        code, what = "hyphen-ladder", f"{len(ladder.ends)} lines in a row end in a hyphen ({' '.join(ladder.ends)})"
    return Diagnostic(path, line, column, Severity.WARNING, code, f"{where}: {what}",
                      "reword the paragraph or add a word to the hyphenation exceptions of the language's "
                      "profile (README, \"Hyphenation\")")


def render(edition: Edition, project: Project, paper: str = "a4", variant: str | None = None) -> bytes:
    attachments = _sources(project) if variant == "pdf/a-3b" else []
    messages: list[str] = []
    ladders: list = []
    with scratch() as folder, kept_whole(proper_names([edition.ast["meta"], edition.ast["blocks"]])):
        page = print_html(edition, project, paper, folder)
        pdf, refused = weasyprint.render_pdf(page, project.root, [project.root, ASSETS, folder], variant=variant,
                                             attachments=attachments, warnings=messages, ladders=ladders)
    edition.warnings.extend(located(project, edition.language, "weasyprint", messages))
    edition.warnings.extend(_ladder_warning(project, edition.language, ladder) for ladder in ladders)
    if refused:
        # The AST was fenced already; anything refused here is a bug worth stopping for.
        raise RefusedResources("the PDF renderer was asked for resources outside the project: " + ", ".join(refused))
    return pdf
