"""The web edition: one self-contained HTML file (styles, script, images and the text face embedded).

On top of the edition it adds what a reader of a web page expects: every
citation has an id the reference list links back to, headings have anchors,
and the head carries the metadata indexers read (toolkit/scholarly.py).

pandoc renders the page from the template and reads no other file. Then
everything it made from the author's sources (inside <main>) is cleaned with
the allow-list of toolkit/sanitise.py, and the toolkit's own head, stylesheet
and script are put in at the places the template marks, under a
Content-Security-Policy that lets only that one script and that one style
block run: raw HTML that got past the sanitiser still could not. The style block
opens with the text face, subset to the characters the page shows (toolkit/web_fonts.py).
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import replace
from html import unescape

from ..diagnostics import Diagnostic, Severity
from ..edition import Edition
from ..manuscript import MANUSCRIPT_DIR
from ..pandoc_ast import run_on, walk
from ..typography import unbroken_ranges
from ..labels import labels
from ..model import Project
from ..sanitise import clean_html, embedded_images
from ..scholarly import head_html
from ..web_fonts import font_faces
from .base import aligned_by_class, asset, from_ast

# the places web.html marks, in order; what lies between "main" and "/main" is cleaned
_MARKS = ("policy", "head", "style", "main", "/main", "script")
_FONT_HINT = ("the page names the face, so a reader who installed it sees it; install Charis SIL "
              "(Debian's fonts-sil-charis, as `make build` does) and build again")


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
        return {"t": "Span", "c": [[f"cite-{number}", ["cite-anchor"], []], [_bracketed(node)]]}


def _bracketed(node: dict) -> dict:
    """For `walk`: a citation of one reference as one link (`_bracketed_link`)."""
    return {"t": "Cite", "c": [node["c"][0], _bracketed_link(node["c"][1])]} if node["t"] == "Cite" else node


def _bracketed_link(inlines: list[dict]) -> list[dict]:
    """"[3]" as one link, brackets included, where a citation names one reference: a
    target of a reader's size (WCAG 2.5.8), not a digit; several references stay links each."""
    if (len(inlines) != 3 or inlines[1]["t"] != "Link" or inlines[0]["t"] != "Str" or inlines[2]["t"] != "Str"
            or not inlines[0]["c"].endswith("[") or not inlines[2]["c"].startswith("]")):
        return inlines
    before, (attr, content, target), after = inlines[0]["c"][:-1], inlines[1]["c"], inlines[2]["c"][1:]
    link = {"t": "Link", "c": [attr, [_str("["), *content, _str("]")], target]}
    return ([_str(before)] if before else []) + [link] + ([_str(after)] if after else [])


def _backlinks(cited_at: dict[str, list[int]], language: str):
    label = labels(language)["back-to-citation"]

    def visit(node: dict):
        if node["t"] != "Div":
            return node
        (ident, classes, attrs), content = node["c"]
        numbers = cited_at.get(ident.removeprefix("ref-"))
        if "csl-entry" not in classes or not numbers:
            return node
        # several: each link shows, and is named by, its place among this reference's citations
        # (a name must contain the visible number); one: an arrow, named by the citation's number
        links = [{"t": "Link", "c": [["", [], [["aria-label", label.format(n=n if len(numbers) == 1 else i)]]],
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


def _one_level_down(node: dict) -> dict:
    """For `walk`: the page's title is its one h1, so sections are h2 and subsections h3."""
    if node["t"] != "Header":
        return node
    level, attr, inlines = node["c"]
    return {"t": "Header", "c": [min(level + 1, 6), attr, inlines]}


def _front(blocks: list[dict]) -> tuple[list[dict], list[dict]]:
    """The edition's own abstract and keywords (they open the body), and the rest: the page
    shows them under the title, before the table of contents (the template's `toc-abstract`)."""
    at = 0
    while at < len(blocks) and blocks[at]["t"] == "Div" and {"abstract", "keywords"} & set(blocks[at]["c"][0][1]):
        at += 1
    return blocks[:at], blocks[at:]


def web_ast(edition: Edition) -> Edition:
    """The transforms of the web edition: citations linked both ways, heading anchors,
    headings a level under the title, the abstract before the contents, numeric ranges
    kept on one line, cells aligned by class."""
    citations = _Citations()
    blocks = walk(edition.ast["blocks"], citations)
    blocks = walk(blocks, _backlinks(citations.cited_at, edition.language))
    blocks = walk(blocks, _anchors(edition.language))
    blocks = walk(blocks, unbroken_ranges)
    blocks = walk(blocks, _one_level_down)
    front, blocks = _front(blocks)
    # named to come after the title and the authors: pandoc numbers the notes of the metadata
    # in the order of their names, and the abstract's note follows theirs on the page
    meta = walk(edition.ast["meta"], _bracketed)  # a citation in the title or an author's note
    if "title" in meta:  # the title's range too ("(1923–1946)" on a phone)
        meta = {**meta, "title": walk(meta["title"], unbroken_ranges)}
    meta = {**meta, "toc-abstract": {"t": "MetaBlocks", "c": front}} if front else meta
    return aligned_by_class(replace(edition, ast={**edition.ast, "meta": meta, "blocks": blocks}))


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _element(name: str, text: str) -> str:
    if f"</{name}" in text.lower():
        raise ValueError(f"the toolkit's own {name} may not contain </{name}")
    return f"<{name}>{text}</{name}>"


def _policy(style: str, script: str) -> str:
    """Nothing but the toolkit's one script and one style block, images and fonts only as data: URIs."""
    policy = (f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(style)}; img-src data:; "
              "font-src data:; base-uri 'none'; form-action 'none'")
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def assemble(page: str, marker: str, images: set[str], head: str,
             fonts: Callable[[str], str] = lambda text: "") -> str:
    """pandoc's page with <main> cleaned and the toolkit's head, style, script and policy put in;
    `fonts` gives the @font-face rules for the text the page shows."""
    parts = re.split(f"<!--{marker}:([a-z/]+)-->", page)
    if tuple(parts[1::2]) != _MARKS:
        raise ValueError("the web template's marks are missing or out of order")
    style = asset("css", "web.css").read_text(encoding="utf-8")
    script = asset("js", "web.js").read_text(encoding="utf-8")
    fill = {"policy": "", "head": head.rstrip("\n"), "style": "", "main": "", "/main": "",
            "script": _element("script", script)}
    out = [parts[0]]
    for name, text in zip(parts[1::2], parts[2::2]):
        out += [fill[name], clean_html(text, images) if name == "main" else text]
    # the faces for what the page shows: its text, and what its stylesheet and script add
    style = fonts(unescape("".join(out)) + style + script) + style
    out[1 + 2 * _MARKS.index("policy")] = _policy(style, script)
    out[1 + 2 * _MARKS.index("style")] = _element("style", style)
    return "".join(out)


def render(web: Edition, project: Project) -> bytes:
    """The page from the web edition's document (`web_ast`)."""
    # a mark no source can write, since nobody knows it before the build
    marker = f"toolkit-{secrets.token_hex(16)}"
    page = from_ast(web, [
        "--to=html5", "--standalone", "--wrap=none", "--mathml", f"--template={asset('templates', 'web.html')}",
        "--toc", "--toc-depth=3", f"--variable=marker:{marker}",
        f"--variable=main-label:{labels(web.language)['main-content']}"], project).decode("utf-8")
    head = head_html(project, web.language, web.texts)

    def fonts(text: str) -> str:
        rules, problem = font_faces(text, project.root)
        if problem:
            web.warnings.append(Diagnostic(MANUSCRIPT_DIR / web.language, 0, 0, Severity.WARNING, "web-font",
                                           problem, _FONT_HINT))
        return rules

    return assemble(page, marker, embedded_images(web.ast), head, fonts).encode("utf-8")
