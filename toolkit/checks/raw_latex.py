"""LaTeX commands in a section's text, outside math, that the editions drop.

pandoc reads `\\texttt{…}`, `\\cite{…}`, `\\emph{…}` or a `\\begin{itemize}`
written into Markdown as raw TeX, which no edition prints: the words inside
are lost without a trace. Formulas (`$…$`, the math environments of
toolkit/formulas.py) and the cross-references toolkit/crossref.py writes out
(`\\ref`, `\\eqref`, `\\autoref`, `\\cref`) are what the toolkit reads; every
other command is reported where it is written (`raw-latex`), with the
Markdown that says the same.
"""

from __future__ import annotations

import re

from ..crossref import LATEX_REF
from ..diagnostics import Diagnostic, Severity
from ..formulas import ENVIRONMENTS, prose
from ..model import Project, Section
from ..typography import line_col

CODE = "raw-latex"
_COMMAND = re.compile(r"\\([A-Za-z]+)")
# not running text: raw HTML tags, link targets, attribute blocks, div fences
_NOT_TEXT = re.compile(r"<[^<>\n]*>|\]\([^)\n]*\)|\{[#.][^{}\n]*\}|\{[^{}\n]*=[^{}\n]*\}|^[ \t]*:::.*$", re.M)
_MARKDOWN = {
    "texttt": "`code`", "emph": "*emphasis*", "textit": "*emphasis*", "textbf": "**bold**",
    "textsc": "[small caps]{.smallcaps}", "underline": "[underlined]{.underline}",
    "textsuperscript": "^superscript^", "textsubscript": "~subscript~", "footnote": "^[the note]",
    "url": "<https://…>", "href": "[text](https://…)", "includegraphics": "![caption](path)",
    "section": "# Heading", "subsection": "## Heading", "subsubsection": "### Heading", "paragraph": "#### Heading",
    "label": "{#label} after the heading, figure, table caption or $$ … $$",
    "pageref": "@sec:label or \\ref{label}", "nameref": "@sec:label", "vref": "@fig:label", "Autoref": "@fig:label",
    "cpageref": "@fig:label", "labelcref": "@fig:label", "item": "a Markdown list (- item)",
    "newline": "a line ending in \\", "linebreak": "a line ending in \\", "quote": "> quotation",
    "newcommand": "no macro: write out what it stands for", "renewcommand": "no macro: write out what it stands for",
    "def": "no macro: write out what it stands for",
}
_CITE = re.compile(r"(?:paren|text|foot|auto|super|full|no)?cite[a-z]*\*?|citep|citet|citealp|citeauthor|citeyear")
_ARGUMENTS = re.compile(r"(?:\s*\[[^\[\]\n]*\])*(?:\s*\{(?:[^{}]|\{[^{}]*\})*\})*")


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def _hint(name: str) -> str:
    if _CITE.fullmatch(name):
        return "cite with pandoc's syntax: [@key], [@key, p. 12], @key (README: Sections)"
    if name in _MARKDOWN:
        return f"write it in Markdown: {_MARKDOWN[name]}"
    return "write it in Markdown, or inside $…$ if it is math (README: Math)"


def _environment_end(text: str, start: int, name: str) -> int:
    """Past the `\\end{name}` closing the environment opened at `start`, or the text's end."""
    depth = 0
    for m in re.finditer(r"\\(begin|end)\{" + re.escape(name) + r"\}", text[start:]):
        depth += 1 if m.group(1) == "begin" else -1
        if depth == 0:
            return start + m.end()
    return len(text)


def raw_latex(section: Section) -> list[Diagnostic]:
    text = section.text
    masked = _NOT_TEXT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), prose(text))
    found, at = [], 0
    while m := _COMMAND.search(masked, at):
        at = m.end()
        backslashes = len(m.string[:m.start()]) - len(m.string[:m.start()].rstrip("\\"))
        if backslashes % 2:  # `\\texttt`: an escaped backslash, then text
            continue
        name = m.group(1)
        if LATEX_REF.match(masked, m.start()):
            continue  # a cross-reference the build writes out
        if name == "begin" and (env := re.match(r"\\begin\{([A-Za-z]+\*?)\}", masked[m.start():])):
            end = _environment_end(masked, m.start(), env.group(1))
            at = max(at, end)
            if env.group(1) in ENVIRONMENTS:
                continue  # a math environment (an unconvertible one is the `math` check's)
            what = f"LaTeX environment {env.group(1)}"
            hint = "write it in Markdown: a list, a > quotation, a ::: div (README: Sections)"
        else:
            arguments = _ARGUMENTS.match(masked, m.end())
            at = max(at, arguments.end())  # commands inside its arguments go with it
            what = f"raw LaTeX {_shown(text[m.start():arguments.end()])}"
            hint = _hint(name)
        found.append(Diagnostic(section.path, *line_col(text, m.start()), Severity.WARNING, CODE,
                                f"{what} is not printed by any edition", hint))
    return found


def check(project: Project) -> list[Diagnostic]:
    return [d for m in project.manuscripts.values() for s in m.sections for d in raw_latex(s)]
