"""The plain text of a pandoc element, for the places that take text only.

A title, an abstract, a keyword, an author's name or affiliation may hold
Markdown: emphasis, a citation, a link, a formula, a footnote. The first page
of every edition shows that markup; a document property, the HTML `<title>`,
a `<meta>` tag, JSON-LD, the running heads or a JATS `string-name` take text.
`plain` gives that text from the parsed element (after citeproc): a citation
as the edition prints it ("[3]"), a formula as a line of Unicode text
(`$Y_0$` → "Y₀", `$x^{2}$` → "x²", `$\\frac{a}{b}$` → "a/b", a script Unicode
has no letters for as `_(max)`), a link as its text, no footnote, no markup.
"""

from __future__ import annotations

import re
from functools import lru_cache

# elements whose content is running text, and where in "c" it is (None: "c" itself)
_CONTENT_AT = {"Emph": None, "Strong": None, "Strikeout": None, "Superscript": None, "Subscript": None,
               "SmallCaps": None, "Underline": None, "Para": None, "Plain": None, "MetaInlines": None,
               "MetaBlocks": None, "BlockQuote": None, "Span": 1, "Link": 1, "Image": 1, "Cite": 1,
               "Quoted": 1, "Div": 1, "Header": 2}
_BLOCKS = {"Para", "Plain", "Div", "Header", "BlockQuote", "MetaBlocks"}
_QUOTES = {"DoubleQuote": ("“", "”"), "SingleQuote": ("‘", "’")}


def stringify(node) -> str:
    """The characters a reader sees in a pandoc element, list of elements or metadata
    value (white space as written; blocks apart by a space)."""
    if isinstance(node, list):
        return "".join(stringify(item) for item in node)
    if not isinstance(node, dict):
        return ""
    kind, content = node.get("t"), node.get("c")
    if kind in ("Str", "MetaString"):
        return content
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind == "Code":
        return content[1]
    if kind == "Math":
        return math_text(content[1])
    if kind not in _CONTENT_AT:
        return ""  # notes, raw formats, anything that is not running text
    inner = content if _CONTENT_AT[kind] is None else content[_CONTENT_AT[kind]]
    text = stringify(inner)
    if kind == "Quoted":
        opening, closing = _QUOTES.get(content[0]["t"], ("“", "”"))
        return opening + text + closing
    return f" {text} " if kind in _BLOCKS else text


def plain(node) -> str:
    """`stringify` with every run of white space one space, none at the ends."""
    return " ".join(stringify(node).split())


# --- formulas as text ------------------------------------------------------------------

# the characters Unicode has a superscript or subscript form of
_SUPERSCRIPT = dict(zip("0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW",
                        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ"))
_SUBSCRIPT = dict(zip("0123456789+-−=()aehijklmnoprstuvx",
                      "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
_TAG = re.compile(r"<(/?)(i|b|sc|sup|sub)>|<span class=\"nocase\">|</span>")


def _script(text: str, table: dict[str, str], mark: str) -> str:
    """A sub- or superscript in Unicode's script letters where it has them all
    (x², Y₀), else after `_` or `^`, bracketed when longer than one character."""
    tight = "".join(text.split())
    if tight and all(c in table for c in tight):
        return "".join(table[c] for c in tight)
    return f"{mark}{text}" if len(text) == 1 else f"{mark}({text})"


def _rich_to_text(rich: str) -> str:
    """CSL rich text (toolkit.latex's output) as plain text, scripts in Unicode."""
    stack: list[tuple[str, list[str]]] = [("", [])]
    at = 0
    for m in _TAG.finditer(rich):
        stack[-1][1].append(rich[at:m.start()])
        at = m.end()
        closing, name = m.group(1), m.group(2) or "span"
        if m.group(0) == "</span>":
            closing = "/"
        if not closing:
            stack.append((name, []))
        elif len(stack) > 1:
            tag, parts = stack.pop()
            text = "".join(parts)
            if tag == "sup":
                text = _script(text, _SUPERSCRIPT, "^")
            elif tag == "sub":
                text = _script(text, _SUBSCRIPT, "_")
            stack[-1][1].append(text)
    stack[-1][1].append(rich[at:])
    while len(stack) > 1:
        _, parts = stack.pop()
        stack[-1][1].append("".join(parts))
    return "".join(stack[0][1])


@lru_cache(maxsize=4096)
def math_text(tex: str) -> str:
    """A TeX formula as one line of text, as the reference lists print math
    (toolkit.latex: Greek and symbols in Unicode, `\\frac{a}{b}` as a/b)."""
    from .latex import decode

    try:
        rich = decode(f"${' '.join(tex.split())}$").text
    except Exception:  # the decoder's own guard failed: the TeX is still better than nothing
        return " ".join(tex.split())
    return " ".join(_rich_to_text(rich).replace("\u00a0", " ").replace("\u202f", " ").split())
