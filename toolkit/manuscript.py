"""Scan a language's Markdown sections into the model, with source positions.

This is a light scanner for the parts of pandoc Markdown the checks need
(headings, paragraphs, citations, quotation divs, images); pandoc itself
parses the full text when an edition is built.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import ProjectError
from .model import Citation, Heading, Image, Manuscript, Paragraph, Position, Quotation, Section

MANUSCRIPT_DIR = Path("manuscript")

_FENCE_CODE = re.compile(r"^(`{3,}|~{3,})")
_DIV_OPEN = re.compile(r"^(:{3,})\s*(?:\{(?P<attrs>[^}]*)\}|(?P<cls>[\w-]+))\s*:*\s*$")
_DIV_CLOSE = re.compile(r"^:{3,}\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*#*\s*$")
_ATTR = re.compile(r"""#(?P<id>[^\s}]+)|\.(?P<cls>[^\s}]+)|(?P<key>[\w-]+)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s}]+))""")
# pandoc: a key starts with a letter, digit or _, may contain internal punctuation
_KEY = r"(?:\{(?P<braced>[^}]+)\}|(?P<plain>[\w](?:[\w:.#$%&\-+?<>~/]*[\w])?))"
_CITE = re.compile(r"(?<![\w@])-?@" + _KEY)
_CODE_SPAN = re.compile(r"(`+).*?\1")
_BRACKET = re.compile(r"\[[^\[\]]*@[^\[\]]*\]")
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<target>[^)\s>]+)")
_RAW_SRC = re.compile(r"<(?:img|source|iframe|script|link|object|embed)\b[^>]*?\b(?:src|href|data)\s*=\s*[\"']?(?P<target>[^\"'\s>]+)", re.I)


def parse_attributes(text: str) -> tuple[str, list[str], dict[str, str]]:
    ident, classes, attrs = "", [], {}
    for m in _ATTR.finditer(text):
        if m["id"]:
            ident = m["id"]
        elif m["cls"]:
            classes.append(m["cls"])
        else:
            attrs[m["key"]] = next(v for v in (m["dq"], m["sq"], m["bare"]) if v is not None)
    return ident, classes, attrs


def slugify(title: str) -> str:
    """pandoc's auto_identifiers, closely enough for cross-checking."""
    text = re.sub(r"[^\w\s.-]", "", title.lower())
    text = re.sub(r"\s+", "-", text.strip())
    return text.lstrip("0123456789.-_") or "section"


def _citations(line: str, path: Path, lineno: int) -> list[Citation]:
    masked = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    brackets = [(m.start(), m.end(), m.group(0)) for m in _BRACKET.finditer(masked)]
    found = []
    for m in _CITE.finditer(masked):
        key = m["braced"] or m["plain"]
        text = next((t for s, e, t in brackets if s <= m.start() < e), m.group(0))
        at = m.start() + (1 if m.group(0).startswith("-") else 0)
        found.append(Citation(key, Position(path, lineno, at + 1), text))
    return found


def _images(line: str, path: Path, lineno: int) -> list[Image]:
    found = [Image(m["target"], Position(path, lineno, m.start("target") + 1)) for m in _IMAGE.finditer(line)]
    found += [Image(m["target"], Position(path, lineno, m.start("target") + 1)) for m in _RAW_SRC.finditer(line)]
    return found


def parse_section(text: str, path: Path) -> Section:
    headings: list[Heading] = []
    paragraphs: list[Paragraph] = []
    citations: list[Citation] = []
    quotations: list[Quotation] = []
    images: list[Image] = []
    div_stack: list[dict | None] = []  # an open quotation's record, or None for other divs
    para: list[str] = []
    para_start = 0
    code_fence = ""

    def flush() -> None:
        nonlocal para
        if para:
            paragraphs.append(Paragraph(" ".join(para), Position(path, para_start, 1)))
            para = []

    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if code_fence:
            if stripped.startswith(code_fence):
                code_fence = ""
            continue
        if m := _FENCE_CODE.match(stripped):
            flush()
            code_fence = m.group(1)
            continue
        if m := _DIV_OPEN.match(stripped):
            flush()
            ident, classes, attrs = parse_attributes(m["attrs"] or "")
            if m["cls"]:
                classes.append(m["cls"])
            record = None
            if "quotation" in classes:
                record = {"id": ident, "position": Position(path, lineno, 1), "attributes": attrs,
                          "citations": [], "lines": []}
            div_stack.append(record)
            continue
        if _DIV_CLOSE.match(stripped) and div_stack:
            flush()
            record = div_stack.pop()
            if record is not None:
                quotations.append(Quotation(record["id"], record["position"], record["attributes"],
                                            tuple(record["citations"]), "\n".join(record["lines"])))
            continue
        open_quotes = [r for r in div_stack if r is not None]
        for record in open_quotes:
            record["lines"].append(line)
        if not stripped:
            flush()
            continue
        if m := _HEADING.match(stripped):
            flush()
            ident, _, _ = parse_attributes(m["attrs"] or "")
            title = m.group(2).strip()
            headings.append(Heading(len(m.group(1)), title, ident or slugify(title), Position(path, lineno, 1)))
            continue
        found = _citations(line, path, lineno)
        citations += found
        for record in open_quotes:
            record["citations"] += found
        images += _images(line, path, lineno)
        body = re.sub(r"^(\s*>\s?)+", "", line).strip()
        if not para:
            para_start = lineno
        para.append(body)
    flush()
    for record in div_stack:
        if record is not None:
            raise ProjectError("quotation div is never closed (add a ':::' line)", path, record["position"].line, 1)
    return Section(path, path.stem, text, tuple(headings), tuple(paragraphs), tuple(citations),
                   tuple(quotations), tuple(images))


def load_manuscript(root: Path, language: str) -> Manuscript | None:
    directory = MANUSCRIPT_DIR / language
    if not (root / directory).is_dir():
        return None
    sections = []
    for full in sorted((root / directory).glob("*.md")):
        rel = full.relative_to(root)
        try:
            text = full.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ProjectError(f"section is not UTF-8 text ({exc.reason})", rel) from None
        sections.append(parse_section(text, rel))
    return Manuscript(language, directory, tuple(sections))
