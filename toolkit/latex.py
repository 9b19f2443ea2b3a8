r"""A BibTeX field's LaTeX as CSL rich text, losing no text, with what it could not read.

BibTeX values are LaTeX: accents (`{\"u}`, `\c{s}`, `{\i}`), logos (`\TeX`),
font commands (`\emph`, `{\em …}`), protecting braces (`{DNA}`), math
(`$K_{1,3}$`). The value is parsed with pylatexenc's LatexWalker and written
as the markup CSL-JSON strings allow (toolkit.rich_text): `<i>`, `<b>`,
`<sc>`, `<sup>`, `<sub>` and `<span class="nocase">` for braces that protect
case, as BibTeX defines them (a group at the value's top level that does not
open with a command). Logos become their names, accents precomposed letters,
math text (toolkit.latex_math). A command the toolkit does not know keeps its
argument's text and is reported, and so is math that a line of text cannot
hold; nothing the value says is dropped except what only steers sorting
(`\noopsort`) or spacing (`\kern`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .rich_text import Tag, render, text_of

PERCENT = "\ue000"  # stands in for a bare %, which BibTeX keeps and LaTeX would read as a comment

LOGOS = {"TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2e", "BibTeX": "BibTeX", "BibLaTeX": "BibLaTeX", "Bib": "Bib",
         "MF": "METAFONT", "slMF": "METAFONT", "MP": "MetaPost", "ConTeXt": "ConTeXt", "XeTeX": "XeTeX",
         "XeLaTeX": "XeLaTeX", "LuaTeX": "LuaTeX", "LuaLaTeX": "LuaLaTeX", "pdfTeX": "pdfTeX",
         "pdfLaTeX": "pdfLaTeX", "eTeX": "ε-TeX", "AmS": "AMS", "AMS": "AMS", "AmSTeX": "AMS-TeX",
         "AmSLaTeX": "AMS-LaTeX", "AllTeX": "(La)TeX", "SliTeX": "SliTeX", "PiCTeX": "PiCTeX", "LyX": "LyX",
         "TeXXeT": "TeX-XeT",
         # TUGboat's own (tugboat.cmn): the journal, its publisher, PostScript, acronyms
         "TUB": "TUGboat", "TUG": "TeX Users Group", "PS": "PostScript", "CTAN": "CTAN", "NTS": "NTS",
         "DVI": "DVI", "PDF": "PDF", "HTML": "HTML", "XML": "XML", "SGML": "SGML", "VAX": "VAX", "WEB": "WEB",
         "TANGLE": "TANGLE", "WEAVE": "WEAVE", "DVItoVDU": "DVItoVDU", "JTeX": "JTeX", "PiC": "PiC", "La": "La",
         "TeXhax": "TeXhax", "TeXMaG": "TeXMaG", "TeXtures": "Textures", "Pas": "Pascal", "UG": "Users Group",
         "SC": "Steering Committee", "plain": "plain", "AW": "Addison-Wesley"}
ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
           ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
           "r": "\u030a", "d": "\u0323", "b": "\u0331", "t": "\u0361"}
SPACING_ACCENTS = {'"': "¨", "'": "´", "`": "`", "^": "^", "~": "~", "=": "¯", ".": "˙", "u": "˘", "v": "ˇ",
                   "H": "˝", "c": "¸", "k": "˛", "r": "˚"}
SYMBOLS = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", "textbackslash": "\\",
           "bs": "\\", "textless": "<", "textgreater": ">", "textbar": "|", "textasciitilde": "~",
           "textasciicircum": "^", "textunderscore": "_", "textquotedbl": '"', "ldots": "…", "dots": "…",
           "textellipsis": "…", "textendash": "–", "textemdash": "—", "hyphen": "-", "slash": "/",
           "Dash": "\u202f—\u2009", "dash": "\u202f–\u2009",  # tugboat.cmn: \nobreak\thinspace---\thinspace
           "S": "§", "P": "¶", "copyright": "©", "textcopyright": "©", "dag": "†", "ddag": "‡", "pounds": "£",
           "textsterling": "£", "euro": "€", "texteuro": "€", "textregistered": "®", "texttrademark": "™",
           "guillemotleft": "«", "guillemotright": "»", "guillemetleft": "«", "guillemetright": "»",
           "guilsinglleft": "‹", "guilsinglright": "›", "quotedblbase": "„", "quotesinglbase": "‚",
           "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
           "i": "ı", "j": "ȷ", "ss": "ß", "SS": "SS", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø",
           "O": "Ø", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "dh": "ð", "DH": "Ð", "dj": "đ", "DJ": "Đ",
           "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "textdegree": "°", "textperiodcentered": "·",
           "textbullet": "•", "textschwa": "ə"}
SPACES = {" ": " ", "\\": " ", "newline": " ", "linebreak": " ", ",": "\u202f", "thinspace": "\u202f",
          ";": " ", ":": " ", ">": " ", "enspace": " ", "quad": " ", "qquad": " ", "space": " ",
          "nobreakspace": "\u00a0", "hfill": " ", "hfil": " ", "break": " ", "par": " "}
SILENT = {"relax", "@", "/", "-", "protect", "nobreak", "ignorespaces", "unskip", "leavevmode", "xspace",
          "allowbreak", "newblock", "null", "strut", "smallskip", "medskip", "bigskip", "noindent",
          "frenchspacing", "nocorr", "normalsize", "small", "footnotesize", "scriptsize", "tiny", "large",
          "Large", "LARGE", "huge", "Huge", "selectfont", "isbn", "issn"}
STYLED = {"emph": "i", "textit": "i", "textsl": "i", "mkbibemph": "i", "mkbibitalic": "i", "textbf": "b",
          "mkbibbold": "b", "textsc": "sc", "textsuperscript": "sup", "mkbibsuperscript": "sup",
          "textsubscript": "sub", "NoCaseChange": "nocase"}
SWITCHES = {"em": "i", "it": "i", "itshape": "i", "sl": "i", "slshape": "i", "bf": "b", "bfseries": "b",
            "sc": "sc", "scshape": "sc", "smc": "sc", "rm": None, "sf": None, "tt": None, "cal": None,
            "upshape": None, "rmfamily": None, "sffamily": None, "ttfamily": None, "mdseries": None,
            "normalfont": None, "ssf": None, "slnine": "i"}
TRANSPARENT = {"llap", "rlap", "texttt", "textrm", "textsf", "textup", "textmd", "textnormal", "mbox", "hbox",
               "fbox", "text",
               "acro", "autocap", "path", "url", "nolinkurl", "foreignlanguage", "hyphenrules", "lowercase",
               "uppercase", "MakeUppercase", "MakeLowercase", "MakeSentenceCase", "textlatin", "textgreek",
               "textcyrillic", "textenglish", "textturkish", "textrussian", "mkbibparens", "mkbibbrackets"}
CASES = {"uppercase": str.upper, "MakeUppercase": str.upper, "lowercase": str.lower, "MakeLowercase": str.lower}
QUOTED = {"mkbibquote", "enquote", "textquote"}
DROPPED = {"noopsort", "sortnoop", "SortNoop", "noop", "nosort", "bibnamedelima", "hphantom", "vphantom",
           "phantom", "label", "index"}
DIMENSIONED = {"kern": True, "hskip": True, "vskip": True, "hspace": False, "vspace": False, "raise": True,
               "lower": True, "penalty": True, "mkern": True, "mskip": True}
_DIMENSION = re.compile(
    r"\s*[-+]?\s*(?:\d+\.?\d*|\.\d+)\s*(?:true\s*)?(?:em|ex|pt|pc|in|cm|mm|bp|dd|cc|sp|mu)"
    r"(?:\s*plus\s*[-+]?(?:\d+\.?\d*|\.\d+)\s*(?:fil+|em|ex|pt|mu))?"
    r"(?:\s*minus\s*[-+]?(?:\d+\.?\d*|\.\d+)\s*(?:fil+|em|ex|pt|mu))? ?|\s*\\z@(?:skip)?")
_PENALTY = re.compile(r"\s*[-+]?\d+ ?|\s*\\[@mM]{1,2}")
_CHAR = re.compile(r"`\\?(.)|\"([0-9A-Fa-f]+) ?|'([0-7]+) ?|(\d+) ?")
_NEEDS_PARSING = re.compile(r"[\\{}~$%`]|--|''|[!?]`")
_VERBATIM = re.compile(r"(?:(?:https?|ftp)://|10\.\d{4,9}/)[^\s\\{}$]*")
_ADDRESS = re.compile(r"(?:https?|ftp)://\S+")
_URL_ESCAPES = re.compile(r"\\([%#&_$~])")


@dataclass(frozen=True)
class Problem:
    """Something in a value the decoder could not print as it is meant."""

    offset: int  # 0-based, in the value
    code: str  # "latex-macro" or "latex-math" (a formula never closed)
    text: str  # the command (`\foo`) or the formula as written
    printed: str = ""  # latex-math: what is printed instead
    with_argument: bool = False  # latex-macro: an argument was kept

    def describe(self) -> str:
        if not self.text:
            return "cannot be read as LaTeX: it is printed as written, without braces"
        if self.code == "latex-math":
            return f"has a $ that is never closed, {self.text}: it is printed as text, “{self.printed}”"
        kept = "its argument is kept as text" if self.with_argument else "it is left out"
        return f"uses {self.text}, which the toolkit does not know: {kept}"


@dataclass(frozen=True)
class Decoded:
    text: str  # CSL rich text (plain text when decoded without markup)
    problems: tuple[Problem, ...] = ()
    formulas: tuple[tuple[int, int, str], ...] = ()  # (start, end in the value, TeX): the editions draw them


@lru_cache(maxsize=1)
def _contexts():
    """pylatexenc's walker context with argument specs for the commands decoded here, and its text table."""
    from pylatexenc import latex2text, latexwalker
    from pylatexenc.macrospec import MacroSpec

    context = latexwalker.get_default_latex_context_db()
    specs = {"textsuperscript": "{", "textsubscript": "{", "href": "{{", "mkbibquote": "{", "enquote": "*{",
             "textquote": "[{", "mkbibemph": "{", "mkbibitalic": "{", "mkbibbold": "{", "mkbibsuperscript": "{",
             "mkbibparens": "{", "mkbibbrackets": "{", "autocap": "{", "acro": "{", "NoCaseChange": "{",
             "MakeUppercase": "{", "MakeLowercase": "{", "MakeSentenceCase": "{", "uppercase": "{",
             "lowercase": "{", "hbox": "{", "fbox": "{", "textnormal": "{", "textup": "{", "textmd": "{",
             "nolinkurl": "{", "foreignlanguage": "[{{", "hyphenrules": "{{", "textlatin": "{",
             "textgreek": "{", "textcyrillic": "{", "textenglish": "{", "textturkish": "{",
             "textrussian": "{", "operatorname": "*{", "boldsymbol": "{", "bm": "{", "mathscr": "{",
             "mathfrak": "{", "mathbfit": "{", "mathup": "{", "mathnormal": "{", "overset": "{{",
             "underset": "{{", "stackrel": "{{", "binom": "{{", "dbinom": "{{", "tbinom": "{{", "dfrac": "{{",
             "tfrac": "{{", "cfrac": "{{", "widehat": "{", "widetilde": "{", "overbrace": "{",
             "underbrace": "{", "substack": "{", "hphantom": "{", "vphantom": "{", "phantom": "{",
             "label": "{", "index": "{", "hspace": "*{", "vspace": "*{", "bibnamedelima": "",
             "nth": "{", "tubissue": "{{", "cs": "{", "llap": "{", "rlap": "{",
             **{name: "{" for name in ("noopsort", "sortnoop", "SortNoop", "noop", "nosort")}}
    context.add_context_category("toolkit-bibtex", prepend=True,
                                 macros=[MacroSpec(name, spec) for name, spec in specs.items()])
    return context, latex2text.get_default_latex_context_db()


@lru_cache(maxsize=1)
def _walker():
    """pylatexenc's LatexWalker, answering at once for a character that can only be text.

    The walker reads text one character at a time, and for each asks every
    specials table of the context (`~`, `--`, ``` `` ``` …) before it calls it
    a character: most of the time a field takes to decode. A character that
    is not a backslash, brace, `$`, `%`, space or the first of a special is a
    character token whatever is asked, and the same token is returned here
    without asking; anything else goes to the walker's own `get_token`.
    """
    from pylatexenc.latexwalker import LatexToken, LatexWalker

    not_text = set("\\{}$%") | {spec.specials_chars[0] for spec in _contexts()[0].iter_specials_specs()}

    class Walker(LatexWalker):
        def get_token(self, pos, include_brace_chars=None, environments=True, keep_inline_math=None,
                      parsing_state=None, **kwargs):
            if not include_brace_chars and not kwargs and pos < len(self.s):
                char = self.s[pos]
                if char not in not_text and not char.isspace():
                    return LatexToken(tok="char", arg=char, pos=pos, len=1, pre_space="")
                if char == " " and pos + 1 < len(self.s):  # one space between words: the word's first letter
                    char = self.s[pos + 1]
                    if char not in not_text and not char.isspace():
                        return LatexToken(tok="char", arg=char, pos=pos + 1, len=1, pre_space=" ")
            return super().get_token(pos, include_brace_chars, environments, keep_inline_math, parsing_state,
                                     **kwargs)

    return Walker


def _protect_percent(value: str) -> str:
    """A bare % as a stand-in character (same length, so offsets hold); `\\%` stays an escape."""
    return re.sub(r"(?<!\\)((?:\\\\)*)%", lambda m: m.group(1) + PERCENT, value)


class _Chars:
    """The rest of a characters node after a command took its start (`\\kern-.1em`)."""

    def __init__(self, chars: str, pos: int):
        self.chars, self.pos, self.len = chars, pos, len(chars)


class _Decoder:
    def __init__(self, source: str, markup: bool):
        self.source = source
        self.markup = markup
        self.problems: list[Problem] = []
        self.formulas: list[tuple[int, int, str]] = []  # (start, end, TeX) of each formula
        self.single_quote_open = False

    # -- helpers the math renderer uses --------------------------------------

    @staticmethod
    def restore(chars: str) -> str:
        return chars.replace(PERCENT, "%")

    @staticmethod
    def plain(pieces: list) -> str:
        return text_of(pieces)

    def symbol(self, name: str) -> str | None:
        """A command's text when it is a plain symbol (pylatexenc's table: Greek, arrows, ≤ …)."""
        if name in SYMBOLS:
            return SYMBOLS[name]
        spec = _contexts()[1].get_macro_spec(name)
        replacement = getattr(spec, "simplify_repl", None)
        if isinstance(replacement, str) and "%" not in replacement:
            return replacement
        return None

    def unknown(self, node, with_argument: bool) -> None:
        self.problems.append(Problem(node.pos, "latex-macro", "\\" + node.macroname,
                                     with_argument=with_argument))

    def text_macro(self, node) -> list:
        return [p for a in self._args(node) for p in self._arg(a)]

    # -- text mode -----------------------------------------------------------

    @staticmethod
    def _args(node) -> list:
        return [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]

    def _arg(self, node) -> list:
        from pylatexenc.latexwalker import LatexGroupNode

        return self.text(node.nodelist if isinstance(node, LatexGroupNode) else [node])

    def _raw(self, node) -> str:
        """An argument as written, for URLs: `\\_`, `\\%` … unescaped, line breaks removed."""
        from pylatexenc.latexwalker import LatexGroupNode

        text = self.source[node.pos:node.pos + node.len]
        if isinstance(node, LatexGroupNode):
            text = text[1:-1]
        text = self.restore(text).replace("\\textasciitilde", "~").replace("{}", "")
        return "".join(_URL_ESCAPES.sub(r"\1", text).split())

    def text(self, nodes, top: bool = False) -> list:
        from pylatexenc.latexwalker import (LatexCommentNode, LatexEnvironmentNode, LatexGroupNode,
                                            LatexMacroNode, LatexMathNode, LatexSpecialsNode)

        nodes = [n for n in (nodes or ()) if n is not None]
        out: list = []
        i = 0
        while i < len(nodes):
            node = nodes[i]
            i += 1
            if isinstance(node, LatexGroupNode):
                inner = self.text(node.nodelist)
                special = self.source[node.pos + 1:node.pos + 2] == "\\"  # BibTeX's "special character"
                if top and not special and any(c.lower() != c.upper() for c in text_of(inner)):
                    out.append(Tag("nocase", inner))
                else:
                    out += inner
            elif isinstance(node, LatexMathNode):
                out += self.math(node)
            elif isinstance(node, LatexSpecialsNode):
                out.append(self._special(node.specials_chars))
            elif isinstance(node, LatexCommentNode):  # not met (a bare % is a stand-in): kept as written
                out.append("%" + node.comment + node.comment_post_space)
            elif isinstance(node, LatexEnvironmentNode):
                self.problems.append(Problem(node.pos, "latex-macro", f"\\begin{{{node.environmentname}}}",
                                             with_argument=True))
                out += self.text(node.nodelist)
            elif isinstance(node, LatexMacroNode):
                name = node.macroname
                if name in SWITCHES:  # {\em …}: to the end of the group
                    rest = self.text(nodes[i:], top)
                    i = len(nodes)
                    out += [Tag(SWITCHES[name], rest)] if SWITCHES[name] else rest
                elif name in DIMENSIONED or name == "char":
                    pieces, i, nodes = self._primitive(node, nodes, i)
                    out += pieces
                else:
                    pieces, i = self._macro(node, nodes, i)
                    out += pieces
            else:  # characters
                out.append(self._chars(node.chars))
        return out

    def _special(self, chars: str) -> str:
        if chars == "~":
            return "\u00a0" if self.markup else " "
        return {"--": "–", "---": "—", "``": "“", "''": "”", "!`": "¡", "?`": "¿"}.get(chars, chars)

    def _chars(self, chars: str) -> str:
        chars = self.restore(chars)
        if "`" not in chars and not (self.single_quote_open and "'" in chars):
            return chars
        out = []
        for index, char in enumerate(chars):
            if char == "`":
                out.append("‘")
                self.single_quote_open = True
            elif char == "'" and self.single_quote_open and not chars[index + 1:index + 2].isalpha():
                out.append("’")
                self.single_quote_open = False
            else:
                out.append(char)
        return "".join(out)

    def _macro(self, node, nodes: list, i: int) -> tuple[list, int]:
        name = node.macroname
        args = self._args(node)
        if name in ACCENTS:
            return [self._accent(name, args)], i
        if name in LOGOS:
            return [LOGOS[name]], i
        if name in SPACES or name.isspace():  # `\` at a line's end is a control space too
            space = SPACES.get(name, " ")
            return [space if self.markup or space == " " else " "], i
        if name in SILENT:
            return [], i
        if name in DROPPED:
            return [], i
        if name in ("url", "nolinkurl", "path") and args:
            return [self._raw(args[0])], i
        if name == "href" and len(args) == 2:
            url, text = self._raw(args[0]), self._arg(args[1])
            shown = text_of(text).strip()
            return (text if shown == url else text + [f" ({url})"]), i
        if name == "nth" and args:  # tugboat.cmn: 3\textsuperscript{rd}
            number = text_of(self._arg(args[0])).strip()
            return [number, Tag("sup", [_ordinal(number)])], i
        if name == "tubissue" and len(args) == 2:  # tugboat.cmn: \TUB~#1, no.~#2
            return ["TUGboat\u00a0", *self._arg(args[0]), ", no.\u00a0", *self._arg(args[1])], i
        if name == "cs" and args:  # TUGboat: a control sequence's name, printed with its backslash
            return ["\\", *self._arg(args[0])], i
        if name in STYLED:
            return [Tag(STYLED[name], [p for a in args for p in self._arg(a)])], i
        if name in QUOTED:
            return ["“", *[p for a in args[-1:] for p in self._arg(a)], "”"], i
        if name in CASES:
            return [_cased(p, CASES[name]) for a in args for p in self._arg(a)], i
        if name in TRANSPARENT:
            return [p for a in args[-1:] for p in self._arg(a)], i
        if name == "ensuremath":
            from .latex_math import MathRenderer

            renderer = MathRenderer(self)
            pieces = [p for a in args for p in renderer.render(a.nodelist if hasattr(a, "nodelist") else [a])]
            if not self.markup or not args:
                return pieces, i
            grouped = hasattr(args[0], "nodelist")
            tex = self.restore(self.source[args[0].pos + grouped:args[0].pos + args[0].len - grouped])
            self.formulas.append((node.pos, node.pos + node.len, tex))
            return [Tag("math", pieces, tex=tex)], i
        symbol = self.symbol(name)
        if symbol is not None and not args:
            return [symbol], i
        # not known: the name is left out, its arguments (or the groups that follow) are kept
        if not args:
            from pylatexenc.latexwalker import LatexGroupNode

            while i < len(nodes) and isinstance(nodes[i], LatexGroupNode):
                args.append(nodes[i])
                i += 1
        self.unknown(node, bool(args))
        return [p for a in args for p in self._arg(a)], i

    def _accent(self, name: str, args: list) -> str:
        base = text_of(self._arg(args[0])) if args else ""
        if not base:
            return SPACING_ACCENTS.get(name, "")
        first = {"ı": "i", "ȷ": "j"}.get(base[0], base[0]) if name not in "cdbk" else base[0]
        return unicodedata.normalize("NFC", first + ACCENTS[name] + base[1:])

    def _primitive(self, node, nodes: list, i: int) -> tuple[list, int, list]:
        """`\\kern-.1em`, `\\penalty0`, `\\char`\\\\`: the command takes characters that follow it."""
        start = node.pos + node.len
        rest = self.source[start:start + 40]
        if node.macroname == "char":
            m = _CHAR.match(rest)
            if not m:
                self.unknown(node, False)
                return [], i, nodes
            quoted, hexa, octal, decimal = m.groups()
            code = ord(quoted) if quoted else int(hexa, 16) if hexa else int(octal, 8) if octal else int(decimal)
            pieces = [chr(code)] if 0 < code < 0x110000 else []
        elif node.macroname in ("hspace", "vspace"):
            return ([" "] if node.macroname == "hspace" else []), i, nodes
        else:
            m = (_PENALTY if node.macroname == "penalty" else _DIMENSION).match(rest)
            if not m:
                return [], i, nodes
            pieces = []
        end = start + m.end()
        nodes = list(nodes)
        while i < len(nodes) and nodes[i].pos < end:
            node_end = nodes[i].pos + nodes[i].len
            if node_end > end and hasattr(nodes[i], "chars"):
                nodes[i] = _Chars(nodes[i].chars[end - nodes[i].pos:], end)
                break
            i += 1
        return pieces, i, nodes

    # -- math ----------------------------------------------------------------

    def math(self, node) -> list:
        from .latex_math import MathRenderer

        written = self.source[node.pos:node.pos + node.len]
        if not written.endswith(node.delimiters[1]) or len(written) < 2 * len(node.delimiters[0]):
            pieces = self.text(node.nodelist)  # a $ never closed: its text as text
            self.problems.append(Problem(node.pos, "latex-math", self.restore(written), text_of(pieces)))
            return pieces
        pieces = MathRenderer(self).render(node.nodelist)
        if not self.markup:
            return pieces
        opening, closing = node.delimiters
        tex = self.restore(written[len(opening):len(written) - len(closing)])
        self.formulas.append((node.pos, node.pos + node.len, tex))
        return [Tag("math", pieces, tex=tex)]  # the editions draw it; a line of text shows `pieces`


def _ordinal(number: str) -> str:
    if not number.isdigit():
        return "th"
    value = int(number)
    return "th" if value % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


def _cased(piece, change):
    if isinstance(piece, str):
        return change(piece)
    return Tag(piece.name, [_cased(p, change) for p in piece.children])


@lru_cache(maxsize=65536)
def decode(value: str, markup: bool = True, formulas: bool = False) -> Decoded:
    """A BibTeX value as CSL rich text (`markup`) or plain text (for names), and its problems;
    with `formulas`, its formulas as words the editions turn back into formulas (rich_text)."""
    if _VERBATIM.fullmatch(value.strip()):
        return Decoded(render([value.strip()], markup))  # a URL or a DOI: never read as LaTeX
    if not _NEEDS_PARSING.search(value):
        return Decoded(render([value], markup))
    source = _protect_percent(value)
    decoder = _Decoder(source, markup)
    try:
        nodes, _, _ = _walker()(source, latex_context=_contexts()[0], tolerant_parsing=True).get_latex_nodes()
        text = render(decoder.text(nodes, top=True), markup, formulas)
    except Exception:  # malformed, or nested past Python's stack: every character but braces kept
        return Decoded(render([value.replace("{", "").replace("}", "")], markup),
                       (Problem(0, "latex-macro", ""),))
    # an address written with `{$\sim$}` for its tilde (TeX has no ~ in text) keeps its ~
    text = _ADDRESS.sub(lambda m: m.group().replace("∼", "~"), text)
    if not markup:
        text = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    return Decoded(text, tuple(sorted(decoder.problems, key=lambda p: p.offset)), tuple(decoder.formulas))
