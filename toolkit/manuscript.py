"""Scan a language's Markdown sections into the model, with source positions.

This is a light scanner for the parts of pandoc Markdown the checks need
(headings, paragraphs, citations, quotation divs, images); pandoc itself
parses the full text when an edition is built.
"""

from __future__ import annotations

import re
from pathlib import Path

from .confine import Refused, read_text
from .diagnostics import Diagnostic, Severity
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


_YAML_KEY = re.compile(r"^[\w-]+\s*:(\s|$)")


def _metadata_blocks(lines: list[str], path: Path) -> list[tuple[Position, int]]:
    """Where a section holds a YAML metadata block as pandoc would read one (a `---`
    line at the start or after a blank line, `key:` next, closed by `---` or `...`),
    with its last line."""
    found, lineno, fence = [], 0, ""
    while lineno < len(lines):
        stripped = lines[lineno].strip()
        if fence or (m := _FENCE_CODE.match(stripped)):
            fence = "" if fence and stripped.startswith(fence) else (fence or m.group(1))
            lineno += 1
            continue
        opens = lines[lineno].rstrip() == "---" and (lineno == 0 or not lines[lineno - 1].strip())
        if opens and lineno + 1 < len(lines) and _YAML_KEY.match(lines[lineno + 1]):
            end = next((n for n in range(lineno + 1, len(lines)) if lines[n].rstrip() in ("---", "...")), None)
            if end is not None:
                found.append((Position(path, lineno + 1, 1), end + 1))
                lineno = end + 1
                continue
        lineno += 1
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

    lines = text.splitlines()
    metadata_blocks = _metadata_blocks(lines, path)
    skip = {n for block in metadata_blocks for n in range(block[0].line, block[1] + 1)}
    for lineno, line in enumerate(lines, start=1):
        if lineno in skip:
            flush()
            continue
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
                   tuple(quotations), tuple(images), tuple(position for position, _ in metadata_blocks))


def load_manuscript(root: Path, language: str) -> tuple[Manuscript | None, list[Diagnostic]]:
    """A language's sections, and a diagnostic for each file that may not be read."""
    directory = MANUSCRIPT_DIR / language
    folder = root / directory
    if not folder.is_dir():
        return None, []
    if not folder.resolve().is_relative_to(root):
        return None, [Diagnostic(directory, 0, 0, Severity.ERROR, "refused-source",
                                 f"section folder {directory} is outside the project (a symbolic link leads out of it)",
                                 "keep the sections inside the project")]
    sections, refused = [], []
    for full in sorted(folder.glob("*.md")):
        rel = full.relative_to(root)
        try:
            text = read_text(root, rel, "section")
        except Refused as why:
            refused.append(Diagnostic(rel, why.line, why.column, Severity.ERROR, "refused-source", why.reason,
                                      "a section must be a UTF-8 text file inside the project"))
            continue
        sections.append(parse_section(text, rel))
    return Manuscript(language, directory, tuple(sections)), refused
