"""Scan a language's Markdown sections into the model, with source positions.

This is a light scanner for the parts of pandoc Markdown the checks need
(headings, paragraphs, citations, quotation divs, images); pandoc itself
parses the full text when an edition is built.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from .confine import Refused, read_text
from .crossref import LATEX_REF, kind_of
from .diagnostics import Diagnostic, Severity
from .errors import ProjectError
from .model import (Citation, CrossReference, Heading, Image, Label, Manuscript, Paragraph, Position, Quotation,
                    Section)

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
# an image's description may hold one level of brackets (a citation); its attributes follow the ")"
_IMAGE = re.compile(r"!\[(?P<alt>(?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?(?P<target>[^)\s>]+)[^)]*\)?"
                    r"(?:\{(?P<attrs>[^{}]*)\})?")
_ALT = re.compile(r"""\balt\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""", re.I)
# labels: a table caption's (": Caption {#tbl:x}", "Table: …") and display math's ("$$ … $$ {#eq:x}")
_TABLE_CAPTION = re.compile(r"^\s*(?:[Tt]able)?:\s.*\{(?P<attrs>[^{}]*)\}\s*$")
_EQUATION = re.compile(r"\$\$\s*\{#(?P<label>eq:[^\s{}]+)[^{}]*\}")
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


def _at_keys(line: str):
    """Each `@key` of a line outside code spans: (match, key, the bracketed citation it is in)."""
    masked = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    brackets = [(m.start(), m.end(), m.group(0)) for m in _BRACKET.finditer(masked)]
    for m in _CITE.finditer(masked):
        yield m, m["braced"] or m["plain"], next((t for s, e, t in brackets if s <= m.start() < e), m.group(0))


def _citations(line: str, path: Path, lineno: int) -> list[Citation]:
    found = []
    for m, key, text in _at_keys(line):
        if kind_of(key):
            continue  # `@fig:map`: a cross-reference (_crossrefs)
        at = m.start() + (1 if m.group(0).startswith("-") else 0)
        found.append(Citation(key, Position(path, lineno, at + 1), text))
    return found


def field_citations(text: str, position: Position) -> list[tuple[int, Citation]]:
    """The citations of a metadata field, each with its offset in `text` (of its key)
    and placed at the field's `position` (YAML keeps no place for a value's characters)."""
    found, offset = [], 0
    for line in text.split("\n"):
        for m, key, written in _at_keys(line):
            if not kind_of(key):
                found.append((offset + m.start("braced" if m["braced"] else "plain"), Citation(key, position, written)))
        offset += len(line) + 1
    return found


def _crossrefs(line: str, path: Path, lineno: int) -> list[CrossReference]:
    """`@fig:map`, `[@fig:a; @fig:b]`, `-@eq:x` and `\\ref{…}` (crossref.py), where they are written."""
    found = [CrossReference(key, Position(path, lineno, m.start("braced" if m["braced"] else "plain") + 1), text)
             for m, key, text in _at_keys(line) if kind_of(key)]
    masked = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    found += [CrossReference(m["label"], Position(path, lineno, m.start("label") + 1), m.group(0))
              for m in LATEX_REF.finditer(masked)]
    return sorted(found, key=lambda r: r.position.column)


def _labels(line: str, path: Path, lineno: int) -> list[Label]:
    """The identifiers a figure (`![…](…){#fig:map}`), a table caption or display math defines."""
    masked = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
    found = []

    def add(attrs: str, at: int, kind: str) -> None:
        ident = parse_attributes(attrs)[0]
        if ident:
            found.append(Label(ident, kind, Position(path, lineno, at + attrs.find("#" + ident) + 2)))

    for m in _IMAGE.finditer(masked):
        if m["attrs"]:
            add(m["attrs"], m.start("attrs"), "fig")
    if m := _TABLE_CAPTION.match(masked):
        add(m["attrs"], m.start("attrs"), "tbl")
    found += [Label(m["label"], "eq", Position(path, lineno, m.start("label") + 1)) for m in _EQUATION.finditer(masked)]
    return found


def _images(line: str, path: Path, lineno: int) -> list[Image]:
    found = []
    for m in _IMAGE.finditer(line):
        described = m["alt"].strip() or parse_attributes(m["attrs"] or "")[2].get("fig-alt", "").strip()
        found.append(Image(m["target"], Position(path, lineno, m.start("target") + 1), described))
    # raw HTML: the address as a browser (and the build) reads it, character references decoded
    for m in _RAW_SRC.finditer(line):
        alt = None
        if m.group(0)[1:4].lower() == "img":
            end = line.find(">", m.start())
            tag = line[m.start():end if end >= 0 else len(line)]
            given = _ALT.search(tag)
            alt = html.unescape(next(v for v in given.group("dq", "sq", "bare") if v is not None)) if given else ""
        found.append(Image(html.unescape(m["target"]), Position(path, lineno, m.start("target") + 1), alt))
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
    labels: list[Label] = []
    crossrefs: list[CrossReference] = []
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
            if kind_of(ident) == "sec":
                labels.append(Label(ident, "sec", Position(path, lineno, line.find("#" + ident) + 2)))
            continue
        found = _citations(line, path, lineno)
        citations += found
        for record in open_quotes:
            record["citations"] += found
        images += _images(line, path, lineno)
        crossrefs += _crossrefs(line, path, lineno)
        labels += _labels(line, path, lineno)
        body = re.sub(r"^(\s*>\s?)+", "", line).strip()
        if not para:
            para_start = lineno
        para.append(body)
    flush()
    for record in div_stack:
        if record is not None:
            raise ProjectError("quotation div is never closed (add a ':::' line)", path, record["position"].line, 1)
    return Section(path, path.stem, text, tuple(headings), tuple(paragraphs), tuple(citations),
                   tuple(quotations), tuple(images), tuple(position for position, _ in metadata_blocks),
                   tuple(labels), tuple(crossrefs))


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
