"""The web edition: one self-contained HTML file (styles and images embedded)."""

from __future__ import annotations

from ..edition import Edition
from ..model import Project
from .base import asset, from_ast


def render(edition: Edition, project: Project) -> bytes:
    return from_ast(edition, ["--to=html5", "--standalone", "--wrap=none", f"--template={asset('templates', 'web.html')}",
                              "--toc", "--toc-depth=2", "--embed-resources",
                              f"--css={asset('css', 'web.css')}"], project.root)
