"""pandoc's and WeasyPrint's warnings as located diagnostics.

An engine's warning says what it dropped or mended (a div closed implicitly,
an identifier given twice, a note never used, an anchor defined twice), so the
build passes every one on, in check's form, at the place in the sources where
it can be found: pandoc reads the edition as one text on stdin, so a line of
that text is mapped back to its section and line (`SourceMap`); a warning with
no line is placed by what it names (an identifier's heading, the text it
quotes); anything else is placed at the edition's folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Severity
from .manuscript import MANUSCRIPT_DIR
from .model import Project
from .typography import line_col

_AT_LINE = re.compile(r"(?: at)? line (\d+) column (\d+)")
_DATA_URI = re.compile(r"(data:[\w/+.-]+(?:;[\w=-]+)*,)[^\s'\")]{16,}")
_QUOTED = re.compile(r"'([^'\n]+)'|‘([^’\n]+)’|#([\w:.-]+)")
# reported elsewhere: formulas by `math` (formula_errors), unknown keys as unresolved citations
_ELSEWHERE = re.compile(r"^(?:Could not convert TeX math|Citeproc: citation .+ not found)")
HINT = "the engine dropped or mended something here: the editions may not show it as written"
_HINTS = (("Div ", "close the div with a line of ::: (a div left open takes in everything after it)"),
          ("Duplicate identifier", "give each heading, div and label an identifier of its own"),
          ("Anchor defined twice", "give each heading, div and label an identifier of its own"),
          ("Note with key", "call the note with [^key] in the text, or remove it"))


@dataclass(frozen=True)
class _Piece:
    start: int  # its first line in pandoc's input (1-based)
    path: Path | None  # where it came from; None: text the toolkit made
    line: int  # the file's line of its first line
    column: int = 1
    exact: bool = True  # line for line as in the file; else (a metadata field) at `line`:`column`


@dataclass
class SourceMap:
    """Which file and line each line of the edition's Markdown (pandoc's stdin) came from."""

    pieces: list[_Piece] = field(default_factory=list)
    lines: int = 1  # the next piece's first line

    def add(self, text: str, path: Path | None = None, line: int = 1, column: int = 1, exact: bool = True) -> None:
        self.pieces.append(_Piece(self.lines, path, line, column, exact))
        self.lines += text.count("\n") + 2  # blocks are joined by a blank line

    def exact(self, line: int) -> bool:
        """Whether pandoc's `line` is a line of a section, as written there."""
        piece = next((p for p in reversed(self.pieces) if p.start <= line), None)
        return bool(piece and piece.path and piece.exact)

    def place(self, line: int, column: int) -> tuple[Path, int, int] | None:
        """The file, line and column of pandoc's `line`:`column`; None where the toolkit wrote it."""
        piece = next((p for p in reversed(self.pieces) if p.start <= line), None)
        if piece is None or piece.path is None:
            return None
        if not piece.exact:  # an abstract or keywords: the field's place
            return piece.path, piece.line, piece.column
        return piece.path, piece.line + line - piece.start, column


def _search(project: Project, language: str, words: list[str]) -> tuple[Path, int, int] | None:
    """Where the first of `words` stands in the edition's sections: a heading with that
    identifier, else the text itself."""
    sections = project.manuscripts[language].sections if language in project.manuscripts else ()
    for word in words:
        for section in sections:
            for heading in section.headings:
                if heading.id == word:
                    return section.path, heading.position.line, heading.position.column
        for section in sections:
            if (at := section.text.find(word)) >= 0:
                return (section.path, *line_col(section.text, at))
    return None


def placed_text(project: Project, language: str, text: str) -> tuple[Path, int, int] | None:
    """Where printed `text` stands in the edition's sections: the first three of its words
    in a row found there, whatever line breaks or markup stand between them."""
    words = re.findall(r"[^\W\d_]+", text)
    sections = project.manuscripts[language].sections if language in project.manuscripts else ()
    for start in range(max(len(words) - 2, 0)):
        run = re.compile(r"\W+".join(map(re.escape, words[start:start + 3])))
        for section in sections:
            if found := run.search(section.text):
                return (section.path, *line_col(section.text, found.start()))
    return None


def _words(message: str) -> list[str]:
    return [next(g for g in m.groups() if g) for m in _QUOTED.finditer(message)]


def located(project: Project, language: str, engine: str, messages, sources: SourceMap | None = None
            ) -> list[Diagnostic]:
    """Each of an engine's `messages` as a warning at its place (see the module's doc)."""
    found = []
    for message in messages:
        message = _DATA_URI.sub(r"\1…", " ".join(message.split()))  # an embedded image, not its bytes
        if not message or _ELSEWHERE.match(message):
            continue
        place, first = None, True

        def shown(m: re.Match) -> str:
            nonlocal place, first
            where = sources.place(int(m.group(1)), int(m.group(2))) if sources else None
            if first:
                first, place = False, where
                return ""
            if where and sources.exact(int(m.group(1))):
                return f" at {where[0]}:{where[1]}:{where[2]}"
            return " in what the edition adds after the sections (references, abstracts)"

        text = _AT_LINE.sub(shown, message)
        if place is None:
            place = _search(project, language, _words(message))
        path, line, column = place or (MANUSCRIPT_DIR / language, 0, 0)
        hint = next((h for start, h in _HINTS if text.startswith(start)), HINT)
        found.append(Diagnostic(path, line, column, Severity.WARNING, engine, f"{engine}: {text}", hint))
    return found


def unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Each diagnostic once (the HTML, print and Word runs may say the same)."""
    return list(dict.fromkeys(diagnostics))
