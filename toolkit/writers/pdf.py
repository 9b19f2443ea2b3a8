"""The print edition: print HTML with the toolkit's stylesheet, typeset by WeasyPrint."""

from __future__ import annotations

from ..edition import Edition
from ..engines import weasyprint
from ..model import Project
from .base import ASSETS, asset, from_ast


class RefusedResources(Exception):
    pass


def print_html(edition: Edition, project: Project) -> str:
    return from_ast(edition, ["--to=html5", "--standalone", "--wrap=none", f"--template={asset('templates', 'print.html')}",
                              f"--css={asset('css', 'print.css').as_uri()}"], project.root).decode("utf-8")


def render(edition: Edition, project: Project) -> bytes:
    pdf, refused = weasyprint.render_pdf(print_html(edition, project), project.root, [project.root, ASSETS])
    if refused:
        # The AST was fenced already; anything refused here is a bug worth stopping for.
        raise RefusedResources("the PDF renderer was asked for resources outside the project: " + ", ".join(refused))
    return pdf
