"""The web edition: one self-contained HTML file (styles, script and images embedded).

On top of the edition it adds what a reader of a web page expects: every
citation has an id the reference list links back to, headings have anchors,
and the head carries the metadata indexers read (toolkit/scholarly.py).
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from ..edition import Edition, run_on, walk
from ..labels import labels
from ..model import Project
from ..scholarly import head_html
from .base import asset, from_ast


def _str(text: str) -> dict:
    return {"t": "Str", "c": text}


class _Citations:
    """Numbers each citation (`cite-N`) and remembers, per key, where it is cited."""

    def __init__(self):
        self.cited_at: dict[str, list[int]] = {}
        self.count = 0

    def __call__(self, node: dict):
        if node["t"] != "Cite":
            return node
        self.count += 1
        number = self.count
        for citation in node["c"][0]:
            self.cited_at.setdefault(citation["citationId"], []).append(number)
        return {"t": "Span", "c": [[f"cite-{number}", ["cite-anchor"], []], [node]]}


def _backlinks(cited_at: dict[str, list[int]], language: str):
    label = labels(language)["back-to-citation"]

    def visit(node: dict):
        if node["t"] != "Div":
            return node
        (ident, classes, attrs), content = node["c"]
        numbers = cited_at.get(ident.removeprefix("ref-"))
        if "csl-entry" not in classes or not numbers:
            return node
        links = [{"t": "Link", "c": [["", [], [["aria-label", label.format(n=n)]]],
                                     [_str("↩" if len(numbers) == 1 else str(i))], [f"#cite-{n}", ""]]}
                 for i, n in enumerate(numbers, 1)]
        spaced = [x for link in links for x in ({"t": "Space"}, link)]
        back = {"t": "Span", "c": [["", ["backlinks"], []], ([_str("↩")] if len(numbers) > 1 else []) + spaced]}
        return {"t": "Div", "c": [[ident, classes, attrs], run_on(content, back)]}
    return visit


def _anchors(language: str):
    label = labels(language)["section-link"]

    def visit(node: dict):
        if node["t"] != "Header":
            return node
        level, (ident, classes, attrs), inlines = node["c"]
        if not ident:
            return node
        anchor = {"t": "Link", "c": [["", ["anchor"], [["aria-label", label]]], [], [f"#{ident}", ""]]}
        return {"t": "Header", "c": [level, [ident, classes, attrs], inlines + [anchor]]}
    return visit


def web_ast(edition: Edition) -> Edition:
    citations = _Citations()
    blocks = walk(edition.ast["blocks"], citations)
    blocks = walk(blocks, _backlinks(citations.cited_at, edition.language))
    blocks = walk(blocks, _anchors(edition.language))
    return replace(edition, ast={**edition.ast, "blocks": blocks})


def render(edition: Edition, project: Project) -> bytes:
    with tempfile.TemporaryDirectory(prefix="toolkit-") as tmp:
        head = Path(tmp) / "head.html"
        head.write_text(head_html(project, edition.language), encoding="utf-8")
        return from_ast(web_ast(edition), [
            "--to=html5", "--standalone", "--wrap=none", f"--template={asset('templates', 'web.html')}",
            "--toc", "--toc-depth=2", "--embed-resources", f"--include-in-header={head}",
            f"--css={asset('css', 'web.css')}", f"--variable=script:{asset('js', 'web.js')}",
            f"--variable=main-label:{labels(edition.language)['main-content']}"], project.root)
