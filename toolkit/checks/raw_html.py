"""Raw HTML the editions will drop, reported where it is written.

A section may carry raw HTML (tags, ```{=html} blocks, `…`{=html} inlines),
pandoc attribute blocks (`{onclick=…}`) and links. The editions keep only
what the allow-list of toolkit/sanitise.py keeps; this check judges every
tag, attribute and URL with that same allow-list, so the author learns of
each thing the build will silently leave out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..confine import escape_controls
from ..diagnostics import Diagnostic, Severity
from ..model import Project, Section
from ..sanitise import URL_ATTRIBUTES, attribute_kept, element_kept, pandoc_attribute_kept, url_kept
from ..typography import line_col

CODE = "raw-html"
HINT = ("the editions keep the HTML of scholarly text only: no script, style, form, frame, "
        "event handler or javascript:/data: link (README: The web edition)")

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*([^\n]*?)[ \t]*$", re.M)
_RAW_HTML = re.compile(r"\{\s*=\s*html[45]?\s*\}", re.I)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)(\{\s*=\s*[\w-]+\s*\})?")
_MATH = re.compile(r"\$\$.+?\$\$|(?<![\\$\w])\$(?![\s$])(?:[^$\\\n]|\\.)+?(?<![\s\\])\$(?!\d)", re.S)
_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>|<[^\s<>@]+@[^\s<>]+>")
_LINK = re.compile(r"(!?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(<[^>\n]*>|(?:[^\s()]|\([^\s()]*\))*)[^)\n]*\)")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_ATTRIBUTES = re.compile(r"\{([^{}\n]*)\}")
_ATTRIBUTE = re.compile(r"""(?:#[^\s}]+|\.[^\s}]+|([\w:-]+)=(?:"[^"]*"|'[^']*'|[^\s}"']*)|=[\w-]+)""")


def _shown(url: str) -> str:
    url = escape_controls(url.strip())
    return url if len(url) <= 40 else url[:39] + "…"


class _Masked:
    """The section with every part that is not HTML blanked out (offsets kept):
    code, math, escapes, links and attribute blocks, which are judged on the way."""

    def __init__(self, text: str):
        self.text = text
        self.chars = list(text)
        self.found: list[tuple[int, str]] = []  # (offset, message)

    def blank(self, start: int, end: int) -> None:
        for i in range(start, end):
            if self.chars[i] != "\n":
                self.chars[i] = " "

    def fences(self) -> None:
        """Code blocks blanked; a ```{=html} block's content kept as HTML."""
        opened = None  # (fence, start of content, raw HTML?)
        for m in _FENCE.finditer(self.text):
            fence, info = m.group(1), m.group(2)
            if opened is None:
                if fence[0] == "`" and "`" in info:
                    continue  # a code span at the start of a line, not a fence
                self.attributes(m.start(2), info)
                opened = (fence, m.end(), bool(_RAW_HTML.fullmatch(info)))
                self.blank(m.start(), m.end())
            elif fence[0] == opened[0][0] and len(fence) >= len(opened[0]) and not info:
                if not opened[2]:
                    self.blank(opened[1], m.start())
                self.blank(m.start(), m.end())
                opened = None
        if opened is not None and not opened[2]:
            self.blank(opened[1], len(self.text))

    def spans(self) -> None:
        """Code spans blanked, `…`{=html} inlines kept as HTML; math and escapes blanked."""
        current = "".join(self.chars)
        for m in _CODE_SPAN.finditer(current):
            if m.group(3) and _RAW_HTML.fullmatch(m.group(3)):
                self.blank(m.start(1), m.end(1))
                self.blank(m.start(2) + len(m.group(2)), m.end())
            else:
                self.blank(m.start(), m.end())
        current = "".join(self.chars)
        for pattern in (_MATH, _ESCAPE):
            for m in pattern.finditer(current):
                self.blank(m.start(), m.end())

    def links(self) -> None:
        """Links whose URL the editions drop reported; every link target blanked."""
        current = "".join(self.chars)
        for m in _AUTOLINK.finditer(current):
            if m.group(1):
                self.url(m.start(1), m.group(1))
            self.blank(m.start(), m.end())
        current = "".join(self.chars)
        for m in _LINK.finditer(current):
            if not m.group(1):  # images are the resource check's (refused-resource)
                self.url(m.start(2), m.group(2).strip("<>"))
            self.blank(m.start(2), m.end())
        for m in _DEFINITION.finditer("".join(self.chars)):
            self.url(m.start(1), m.group(1).strip("<>"))
            self.blank(m.start(1), m.end(1))

    def url(self, offset: int, url: str) -> None:
        if not url_kept("a", "href", url):
            self.found.append((offset, f"link to {_shown(url)} will be dropped from the editions "
                                       f"(only http:, https:, mailto: and relative links are kept)"))

    def attributes(self, offset: int, text: str) -> None:
        """pandoc attributes ({#id .class key=value}) that the editions drop: on…, style."""
        for m in _ATTRIBUTE.finditer(text):
            name = m.group(1)
            if name and not pandoc_attribute_kept(name):
                self.found.append((offset + m.start(), f"attribute {name}= will be dropped from the editions"))

    def attribute_blocks(self) -> None:
        for m in _ATTRIBUTES.finditer("".join(self.chars)):
            body = m.group(1)
            if body.strip() and not _ATTRIBUTE.sub("", body).strip():
                self.attributes(m.start(1), body)
                self.blank(m.start(), m.end())

    def html(self) -> str:
        html = "".join(self.chars)
        # "<!--" never closed is text to pandoc; the parser would read the rest as a comment
        for m in re.finditer("<!--", html):
            if "-->" not in html[m.end():]:
                html = html[:m.start()] + "    " + html[m.end():]
        return html


class _Tags(HTMLParser):
    """Each start tag judged by the allow-list: the element, its attributes, its URLs."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.lines = [0] + [m.end() for m in re.finditer("\n", text)]
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        line, column = self.getpos()
        offset = self.lines[line - 1] + column
        if not element_kept(tag):
            self.found.append((offset, f"raw HTML <{tag}> will be dropped from the editions"))
            return
        written = self.get_starttag_text() or ""
        for name, value in attrs:
            at = re.search(rf"(?<=[\s\"'/]){re.escape(name)}(?=[\s=/>]|$)", written, re.I)
            place = offset + (at.start() if at else 0)
            if not attribute_kept(tag, name):
                self.found.append((place, f"raw HTML attribute {name}= of <{tag}> will be dropped from the editions"))
            elif name in URL_ATTRIBUTES and value and not url_kept(tag, name, value):
                self.found.append((place, f"raw HTML URL {_shown(value)} of <{tag} {name}> will be dropped "
                                          "from the editions"))

    handle_startendtag = handle_starttag


def raw_html(section: Section) -> list[Diagnostic]:
    masked = _Masked(section.text)
    masked.fences()
    masked.spans()
    masked.links()
    masked.attribute_blocks()
    tags = _Tags(masked.html())
    tags.feed(tags.text)
    tags.close()
    return [Diagnostic(section.path, *line_col(section.text, offset), Severity.WARNING, CODE, message, HINT)
            for offset, message in masked.found + tags.found]


def check(project: Project) -> list[Diagnostic]:
    return [d for m in project.manuscripts.values() for s in m.sections for d in raw_html(s)]
