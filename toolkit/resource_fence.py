"""Every resource of an edition kept inside the project, embedded: no engine opens a path or a URL."""

from __future__ import annotations

import re
from pathlib import Path

from .checks.resources import resolve_resource
from .confine import escape_controls, quote
from .diagnostics import Diagnostic, Severity
from .engines.mupdf import FigureError
from .figures import embed
from .labels import labels
from .manuscript import MANUSCRIPT_DIR
from .model import Project
from .pandoc_ast import text_span

_RAW_TARGET = re.compile(r"""\b(?:src|srcset|href|data|poster)\s*=\s*["']?([^"'\s>]+)|url\(\s*["']?([^"')\s]+)""", re.I)


class ResourceFence:
    """Keeps every resource of the document inside the project: each image becomes
    a `data:` URI of a project file, so no engine ever opens a path or a URL."""

    def __init__(self, project: Project, language: str):
        self.root = project.root
        self.anchor = MANUSCRIPT_DIR / language / "section.md"
        self.label = labels(language)["refused-image"]
        self.refused: list[Diagnostic] = []
        self.embedded: dict[Path, str] = {}

    def _refuse(self, target: str, why: str, code: str = "refused-resource",
                hint: str = "keep images inside the project") -> dict:
        self.refused.append(Diagnostic(self.anchor.parent, 0, 0, Severity.ERROR, code, why, hint))
        return text_span(f"[{self.label}: {escape_controls(target)}]", "refused-resource")

    def _data_uri(self, full: Path) -> str:
        """The file as the editions embed it (figures.embed: a PDF figure as SVG)."""
        if full not in self.embedded:
            self.embedded[full] = embed(full.name, full.read_bytes())
        return self.embedded[full]

    def _image(self, attr: list, alt: list, target: str, title: str) -> dict:
        full, why = resolve_resource(self.root, self.anchor, target)
        if full is None:
            return self._refuse(target, why)
        try:
            uri = self._data_uri(full)
        except FigureError as error:
            return self._refuse(target, f"{quote(target)}: {error}", "unreadable-image",
                                "export the figure again as PDF, SVG, PNG or JPEG")
        return {"t": "Image", "c": [attr, alt, [uri, title]]}

    def __call__(self, node: dict):
        kind = node["t"]
        if kind == "Image":
            attr, alt, (target, title) = node["c"]
            return self._image(attr, alt, target, title)
        if kind in ("RawInline", "RawBlock") and node["c"][0] in ("html", "html5"):
            text = node["c"][1]
            if image := _lone_img(text):
                attr, alt, target, title = image
                inline = self._image(attr, alt, target, title)
                return inline if kind == "RawInline" else {"t": "Plain", "c": [inline]}
            for match in _RAW_TARGET.finditer(text):
                target = match.group(1) or match.group(2)
                if target.startswith("#") or match.group(0).lower().startswith("href"):
                    continue
                _, why = resolve_resource(self.root, self.anchor, target)
                span = self._refuse(target, why or f"{quote(target)} is referred to from raw HTML: write the "
                                                   "image as ![alt](path) or a single <img> tag")
                return span if kind == "RawInline" else {"t": "Plain", "c": [span]}
        return node


def _lone_img(text: str) -> tuple[list, list, str, str] | None:
    """A raw `<img src=… alt=…>` as the parts of a pandoc Image, or None."""
    if not re.fullmatch(r"\s*<img\b[^<>]*>\s*", text, re.I):
        return None
    from html.parser import HTMLParser

    found: dict[str, str] = {}

    class _Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.update((name, value or "") for name, value in attrs)

        handle_startendtag = handle_starttag

    _Parser().feed(text)
    if not found.get("src"):
        return None
    keep = [[name, found[name]] for name in ("width", "height") if found.get(name)]
    alt = [{"t": "Str", "c": found["alt"]}] if found.get("alt") else []
    return [found.get("id", ""), found.get("class", "").split(), keep], alt, found["src"], found.get("title", "")
