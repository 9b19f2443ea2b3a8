"""TeX formulas: where the sections hold them, and their conversion to MathML.

pandoc reads `$…$` and `$$…$$` as math, but a LaTeX environment written in
Markdown (`\\begin{equation}…\\end{equation}`) only as raw TeX, which no
edition shows: `as_math` makes such an environment a display formula.
Every formula is converted by pandoc's own TeX reader (texmath), as the
editions are — MathML for the web, OMML for Word, MathML again for the
print edition's SVG and for JATS — so `convert` tells the `math` check and
the build alike which formulas cannot be converted, and why. A formula that
cannot be converted is never shown as raw TeX: the editions print a marker
in its place (`unconverted`).
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .diagnostics import Diagnostic, Severity
from .engines import pandoc
from .labels import labels
from .markdown_code import blanked, code_ranges
from .rich_text import FORMULA_OPEN, FORMULA_WORD, formula_tex
from .scratch import scratch
from .typography import line_col

CODE = "math"
HINT = "write the formula in the TeX that pandoc reads (README: Math)"

# the LaTeX environments pandoc's HTML writer treats as math (Text.Pandoc.Writers.HTML)
ENVIRONMENTS = frozenset({
    "align", "align*", "alignat", "alignat*", "aligned", "alignedat", "array", "Bmatrix", "bmatrix", "cases",
    "CD", "eqnarray", "eqnarray*", "equation", "equation*", "gather", "gather*", "gathered", "matrix",
    "multline", "multline*", "pmatrix", "smallmatrix", "split", "subarray", "Vmatrix", "vmatrix"})

_BEGIN = re.compile(r"\\begin\{([A-Za-z]+\*?)\}")
_ENVIRONMENT = re.compile(r"\s*\\begin\{([A-Za-z]+\*?)\}.*\\end\{\1\}\s*", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_QUOTE_MARKS = re.compile(r"\n[ \t]*(?:>[ \t]?)+")


@dataclass(frozen=True)
class Formula:
    tex: str
    display: bool
    offset: int  # where it starts in the section's text (its `$` or `\begin`)
    end: int = 0  # where it ends (past its last `$` or `\end{…}`)

    @property
    def key(self) -> tuple[str, bool]:
        return self.tex, self.display


@dataclass(frozen=True)
class Converted:
    mathml: str | None  # pandoc's MathML, None when the formula cannot be converted
    error: str = ""  # what pandoc's TeX reader said


# --- where the sections hold formulas ---------------------------------------------


_SPECIAL = re.compile(r"[\\$]")


def _masked(text: str) -> str:
    """`text` with code blocks, code spans and HTML comments blanked (offsets kept)."""
    text = blanked(text, code_ranges(text))
    return blanked(text, [m.span() for m in _COMMENT.finditer(text) if not _BLANK_LINE.search(m.group())])


def _environment_end(text: str, start: int, name: str) -> int | None:
    """Where `\\begin{name}` at `start` is closed (nested ones of the same name counted)."""
    depth, pattern = 0, re.compile(r"\\(begin|end)\{" + re.escape(name) + r"\}")
    for m in pattern.finditer(text, start):
        depth += 1 if m.group(1) == "begin" else -1
        if depth == 0:
            return m.end()
    return None


def _inline_end(text: str, start: int) -> int | None:
    """The closing `$` of inline math opened at `start`, by pandoc's rules: no space
    after the opening `$` or before the closing one, no digit after it, no blank line."""
    if start + 1 >= len(text) or text[start + 1].isspace():
        return None
    i = start + 1
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "$":
            if text[i - 1].isspace() or (i + 1 < len(text) and text[i + 1].isdigit()):
                return None
            return i
        if c == "\n" and _BLANK_LINE.match(text, i):
            return None
        i += 1
    return None


def _unquoted(tex: str, text: str, start: int) -> str:
    """A formula that runs over the lines of a block quotation, without their `>` marks."""
    line_start = text.rfind("\n", 0, start) + 1
    return _QUOTE_MARKS.sub("\n", tex) if text[line_start:start].lstrip().startswith(">") else tex


def find(text: str, code: bool = True) -> list[Formula]:
    """Every formula pandoc reads in a section: `$…$`, `$$…$$` and math environments
    (`code`: outside code and comments; without it, in text that can hold neither)."""
    masked = _masked(text) if code else text
    found, i = [], 0
    while i < len(masked):
        c = masked[i]
        if c == "\\":
            begin = _BEGIN.match(masked, i)
            if begin and begin.group(1) in ENVIRONMENTS and (end := _environment_end(masked, i, begin.group(1))):
                found.append(Formula(_unquoted(text[i:end], text, i), True, i, end))
                i = end
                continue
            i += 2
            continue
        if c == "$" and masked.startswith("$$", i):
            end = masked.find("$$", i + 2)
            if end > i + 2 and not _BLANK_LINE.search(masked, i, end):
                found.append(Formula(_unquoted(text[i + 2:end], text, i), True, i, end + 2))
                i = end + 2
                continue
            i += 2
            continue
        if c == "$" and (end := _inline_end(masked, i)):
            found.append(Formula(_unquoted(text[i + 1:end], text, i), False, i, end + 1))
            i = end + 1
            continue
        # nothing else opens a formula: on to the next backslash or dollar (a book has few)
        special = _SPECIAL.search(masked, i + 1)
        i = special.start() if special else len(masked)
    return found


@lru_cache(maxsize=64)
def prose(text: str) -> str:
    """`text` with its code, HTML comments and formulas blanked (offsets kept): what
    pandoc reads as running text, for the checks that look for what is not math
    (remembered: several checks read each section so)."""
    chars = list(_masked(text))
    for formula in find(text):
        for i in range(formula.offset, formula.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


# --- the pandoc document ------------------------------------------------------------


def as_math(node: dict) -> dict:
    """For `walk`: raw TeX that is a whole math environment becomes a display formula."""
    if node["t"] in ("RawInline", "RawBlock") and node["c"][0] in ("tex", "latex"):
        text = node["c"][1]
        m = _ENVIRONMENT.fullmatch(text)
        if m and m.group(1) in ENVIRONMENTS:
            math = {"t": "Math", "c": [{"t": "DisplayMath"}, text.strip()]}
            return math if node["t"] == "RawInline" else {"t": "Para", "c": [math]}
    return node


def key(node: dict) -> tuple[str, bool]:
    """A Math element's (TeX, display) pair."""
    kind, tex = node["c"]
    return tex, kind["t"] == "DisplayMath"


def unconverted(language: str) -> dict:
    """What an edition shows in place of a formula that cannot be converted: never its TeX."""
    text = f"[{labels(language)['unconverted-formula']}]"
    return {"t": "Span", "c": [["", ["unconverted-formula"], []], [{"t": "Str", "c": text}]]}


# --- conversion ---------------------------------------------------------------------

_converted: dict[tuple[str, bool], Converted] = {}  # within one run of the toolkit


def _native(text: str) -> str:
    """`text` as a Haskell string literal, for pandoc's native reader."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 32 or ord(ch) == 127:
            out.append(f"\\{ord(ch)}\\&")
        else:
            out.append(ch)
    return "".join(out) + '"'


def _reason(message: str) -> str:
    """The gist of texmath's message ("unexpected control sequence \\foo")."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return next((line for line in lines if line.startswith("unexpected")),
                next((line for line in lines[2:] if not line.startswith("expecting")), "not TeX that pandoc reads"))


def _run(formulas: list[tuple[str, bool]]) -> dict[tuple[str, bool], Converted]:
    """One pandoc run converts them all, each in a paragraph of its own; its log names
    the formulas it could not convert, and why."""
    separator = f"<!--{secrets.token_hex(8)}-->"
    blocks = []
    for tex, display in formulas:
        kind = "DisplayMath" if display else "InlineMath"
        blocks.append(f"Para [Math {kind} {_native(tex)}]")
        blocks.append(f'RawBlock (Format "html") {_native(separator)}')
    with scratch() as folder:
        log = folder / "log.json"
        result = pandoc.run(["--from=native", "--to=html5", "--mathml", "--wrap=none", f"--log={log}"],
                            stdin="[" + ",\n".join(blocks) + "]")
        entries = json.loads(log.read_text(encoding="utf-8") or "[]") if log.exists() else []
    reasons = {e.get("contents"): _reason(e.get("message", "")) for e in entries
               if e.get("type") == "CouldNotConvertTeXMath"}
    parts = result.output.decode("utf-8").split(separator)
    out = {}
    for (tex, display), part in zip(formulas, parts):
        found = re.search(r"<math\b.*</math>", part, re.S)
        out[tex, display] = (Converted(found.group()) if found else
                             Converted(None, reasons.get(tex, "not TeX that pandoc reads")))
    return out


def convert(formulas: Iterable[tuple[str, bool]]) -> dict[tuple[str, bool], Converted]:
    """Each (TeX, display) formula converted as the editions convert it; remembered
    for the rest of the run, so the check, the build and each edition share one conversion."""
    formulas = list(dict.fromkeys(formulas))
    if missing := [f for f in formulas if f not in _converted]:
        _converted.update(_run(missing))
    return {f: _converted[f] for f in formulas}


def diagnostic(path: Path, line: int, column: int, tex: str, why: str) -> Diagnostic:
    """A formula that cannot be converted (or typeset), at its place."""
    shown = " ".join(tex.split())
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return Diagnostic(path, line, column, Severity.ERROR, CODE, f"TeX math that cannot be {why}: {shown}", HINT)


def unconvertible(path: Path, text: str, formula: Formula, converted: Converted) -> Diagnostic:
    return diagnostic(path, *line_col(text, formula.offset), formula.tex, f"converted ({converted.error})")


# --- the build ----------------------------------------------------------------------


def _normal(key: tuple[str, bool]) -> tuple[str, bool]:
    """A formula as compared across the sections and pandoc's document: whitespace aside."""
    return " ".join(key[0].split()), key[1]


def _located(project, language: str, failed: dict[tuple[str, bool], Converted]) -> list[Diagnostic]:
    """A diagnostic at each place of the edition's sections or front matter that holds a
    failed formula; one at the language's folder for a formula found nowhere else."""
    from .manuscript import MANUSCRIPT_DIR

    wanted = {_normal(k): c for k, c in failed.items()}
    out, placed = [], set()
    for section in project.manuscripts[language].sections:
        for formula in find(section.text):
            if (converted := wanted.get(_normal(formula.key))) is not None:
                out.append(unconvertible(section.path, section.text, formula, converted))
                placed.add(_normal(formula.key))
    from .front_matter import markdown_fields  # it imports this module

    for pos, text in markdown_fields(project, language):
        for formula in find(text, code=False):
            if (converted := wanted.get(_normal(formula.key))) is not None:
                out.append(diagnostic(pos.path, pos.line, pos.column, formula.tex, f"converted ({converted.error})"))
                placed.add(_normal(formula.key))
    for k, converted in wanted.items():
        if k not in placed:
            out.append(diagnostic(MANUSCRIPT_DIR / language, 0, 0, k[0], f"converted ({converted.error})"))
    return out


def in_edition(ast: dict, project, language: str) -> tuple[dict, list[Diagnostic]]:
    """The edition's document with every math environment a formula and every formula
    that cannot be converted replaced by a marker, and where those are in the sources."""
    from .pandoc_ast import walk

    found = []

    def collect(node: dict) -> dict:
        node = as_math(node)
        if node["t"] == "Math":
            found.append(key(node))
        return node

    ast = {**ast, "blocks": walk(ast["blocks"], collect), "meta": walk(ast["meta"], collect)}
    failed = {k: c for k, c in convert(found).items() if c.mathml is None} if found else {}
    if not failed:
        return ast, []
    marker = unconverted(language)

    def mark(node: dict) -> dict:
        return marker if node["t"] == "Math" and key(node) in failed else node

    ast = {**ast, "blocks": walk(ast["blocks"], mark), "meta": walk(ast["meta"], mark)}
    return ast, _located(project, language, failed)


def _drawn(node: dict) -> dict:
    """For `walk`: a word of the rendered references that is a field's formula, as the formula."""
    if node["t"] != "Str" or FORMULA_OPEN not in node["c"]:
        return node
    pieces, at = [], 0
    for m in FORMULA_WORD.finditer(node["c"]):
        if m.start() > at:
            pieces.append({"t": "Str", "c": node["c"][at:m.start()]})
        pieces.append({"t": "Math", "c": [{"t": "InlineMath"}, formula_tex(m.group(1))]})
        at = m.end()
    if at < len(node["c"]):
        pieces.append({"t": "Str", "c": node["c"][at:]})
    return {"t": "Span", "c": [["", [], []], pieces]}


def in_references(ast: dict, language: str) -> tuple[dict, list[tuple[str, bool]]]:
    """The edition after citeproc, with the formulas of BibTeX fields (which csl_items gave
    citeproc as words) drawn as formulas; one that cannot be converted is a marker, and is
    returned: `check` reports it at the field."""
    from .pandoc_ast import walk

    ast = {**ast, "blocks": walk(ast["blocks"], _drawn), "meta": walk(ast["meta"], _drawn)}
    found = []

    def collect(node: dict) -> dict:
        if node["t"] == "Math":
            found.append(key(node))
        return node

    walk(ast["blocks"], collect)
    failed = [k for k, c in convert(found).items() if c.mathml is None] if found else []
    if failed:
        marker = unconverted(language)
        ast = {**ast, "blocks": walk(ast["blocks"], lambda n: marker if n["t"] == "Math" and key(n) in failed
                                     else n)}
    return ast, failed


def typeset_ahead(project, languages: list[str]) -> None:
    """Start typesetting the print editions' formulas (sections and front matter), so the
    build prepares the editions meanwhile; the check and the print edition collect them."""
    from .engines import ziamath
    from .front_matter import markdown_fields  # it imports this module

    texts = [(s.text, True) for language in languages for s in project.manuscripts[language].sections]
    texts += [(text, False) for language in languages for _, text in markdown_fields(project, language)]
    found = [f.key for text, code in texts for f in find(text, code=code)]
    if found:
        ziamath.typeset_ahead(c.mathml for c in convert(found).values() if c.mathml is not None)
