"""TeX math in a BibTeX field as CSL rich text: `$K_{1,3}$` -> `<i>K</i><sub>1,3</sub>`.

A reference list prints a title's math inline, so what a line of text can
hold is drawn as text: letters in italic, digits and names of functions
upright, Greek letters and symbols as Unicode, `_`/`^` as `<sub>`/`<sup>`,
`\\mathbb{R}` as ℝ, accents as combining marks, spaces around relations and
binary operators as TeX sets them. What needs two dimensions (fractions,
roots, binomials, matrices) is written on one line (`1/2`, `√x`). This is
the text a line of text shows (`toolkit refs`, RIS, metadata); the editions
draw the formula itself (toolkit.latex keeps its TeX beside this text).
"""

from __future__ import annotations

import unicodedata

from .rich_text import Tag

NAMED = {"arccos", "arcsin", "arctan", "arg", "cos", "cosh", "cot", "coth", "csc", "deg", "det", "dim",
         "exp", "gcd", "hom", "inf", "ker", "lg", "lim", "liminf", "limsup", "ln", "log", "max", "min",
         "Pr", "sec", "sin", "sinh", "sup", "tan", "tanh"}
RELATIONS = {"leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "to": "→",
             "rightarrow": "→", "leftarrow": "←", "gets": "←", "Rightarrow": "⇒", "Leftarrow": "⇐",
             "leftrightarrow": "↔", "Leftrightarrow": "⇔", "iff": "⟺", "implies": "⟹", "mapsto": "↦",
             "hookrightarrow": "↪", "hookleftarrow": "↩", "longrightarrow": "⟶", "in": "∈", "notin": "∉",
             "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "supseteq": "⊇", "approx": "≈",
             "sim": "∼", "simeq": "≃", "cong": "≅", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫",
             "prec": "≺", "succ": "≻", "preceq": "⪯", "succeq": "⪰", "perp": "⊥", "mid": "∣",
             "models": "⊨", "vdash": "⊢", "coloneqq": "≔", "parallel": "∥"}
BINARY = {"times": "×", "cdot": "⋅", "pm": "±", "mp": "∓", "cup": "∪", "cap": "∩", "setminus": "∖",
          "circ": "∘", "oplus": "⊕", "otimes": "⊗", "ast": "∗", "star": "⋆", "wedge": "∧", "land": "∧",
          "vee": "∨", "lor": "∨", "div": "÷", "bullet": "∙", "sqcup": "⊔", "sqcap": "⊓", "odot": "⊙"}
LARGE = {"sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "oint": "∮", "bigcup": "⋃",
         "bigcap": "⋂", "bigoplus": "⨁", "bigotimes": "⨂", "bigvee": "⋁", "bigwedge": "⋀"}
OPEN = {"{": "{", "lbrace": "{", "langle": "⟨", "lfloor": "⌊", "lceil": "⌈", "lvert": "|", "lVert": "‖"}
CLOSE = {"}": "}", "rbrace": "}", "rangle": "⟩", "rfloor": "⌋", "rceil": "⌉", "rvert": "|", "rVert": "‖"}
SPACES = {",": "\u202f", ":": " ", ";": " ", ">": " ", " ": " ", "quad": " ", "qquad": " ", "enspace": " ",
          "thinspace": "\u202f", "!": "", "negthinspace": ""}
IGNORED = {"left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl",
           "biggr", "Biggl", "Biggr", "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle",
           "limits", "nolimits", "relax", "nonumber", "notag", "/", "protect"}
# math alphabets written with Unicode letters (Mathematical Alphanumeric Symbols)
ALPHABETS = {"mathbb": "DOUBLE-STRUCK", "mathcal": "SCRIPT", "mathscr": "SCRIPT", "mathfrak": "FRAKTUR"}
_LETTERLIKE = {"SCRIPT": "SCRIPT", "FRAKTUR": "BLACK-LETTER", "DOUBLE-STRUCK": "DOUBLE-STRUCK"}
UPRIGHT = {"mathrm", "operatorname", "mathsf", "mathtt", "mathup", "mathnormal"}
BOLD = {"mathbf", "boldsymbol", "bm", "mathbfit"}
TEXT = {"text", "textrm", "textnormal", "mbox", "hbox", "textup", "textsf", "texttt", "textit", "textbf",
        "emph"}
ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305", "tilde": "\u0303",
           "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307", "ddot": "\u0308", "acute": "\u0301",
           "grave": "\u0300", "check": "\u030c", "breve": "\u0306", "underline": "\u0332"}
# what needs two dimensions: written on one line, and reported
TWO_DIMENSIONAL = {"frac", "dfrac", "tfrac", "cfrac", "sqrt", "binom", "dbinom", "tbinom", "over", "choose",
                   "stackrel", "overset", "underset", "overbrace", "underbrace", "substack", "atop"}
CHARS = {"+": ("bin", "+"), "-": ("bin", "−"), "*": ("bin", "∗"), "=": ("rel", "="), "<": ("rel", "<"),
         ">": ("rel", ">"), ":": ("rel", ":"), ",": ("punct", ","), ";": ("punct", ";"), "(": ("open", "("),
         "[": ("open", "["), ")": ("close", ")"), "]": ("close", "]"), "'": ("ord", "′"), "|": ("ord", "|"),
         "/": ("ord", "/"), "!": ("close", "!"), "?": ("close", "?"), ".": ("ord", ".")}


def styled_letter(letter: str, alphabet: str) -> str:
    """`R` in `\\mathbb` -> ℝ; a letter Unicode has no styled form for stays as it is."""
    case = "CAPITAL" if letter.isupper() else "SMALL"
    for name in (f"MATHEMATICAL {alphabet} {case} {letter.upper()}",
                 f"{_LETTERLIKE[alphabet]} {case} {letter.upper()}"):
        try:
            return unicodedata.lookup(name)
        except KeyError:
            continue
    return letter


class Atom:
    """One item of a formula, with the kind TeX spaces it by."""

    def __init__(self, kind: str, pieces: list):
        self.kind, self.pieces = kind, pieces


class MathRenderer:
    """Renders one formula; `decoder` supplies text mode, symbol names and problem reports."""

    def __init__(self, decoder):
        self.decoder = decoder
        self.upright = 0

    # -- tokens ------------------------------------------------------------

    def _tokens(self, nodes) -> list:
        """Characters one by one, other nodes whole: `_` and `^` take the next token."""
        from pylatexenc.latexwalker import LatexCharsNode

        tokens = []
        for node in nodes or ():
            if node is None:
                continue
            if isinstance(node, LatexCharsNode):
                tokens += [("char", c) for c in self.decoder.restore(node.chars)]
            else:
                tokens.append(("node", node))
        return tokens

    def render(self, nodes) -> list:
        return self._join(self._atoms(nodes))

    def _atoms(self, nodes) -> list[Atom]:
        tokens = self._tokens(nodes)
        atoms: list[Atom] = []
        i = 0
        while i < len(tokens):
            kind, token = tokens[i]
            i += 1
            if kind == "char" and token.isspace():
                if atoms and atoms[-1].kind == "punct" and atoms[-1].pieces[-1:] != [" "]:
                    atoms[-1].pieces.append(" ")  # {a, b}: the space written after a comma is kept
                continue
            if kind == "char" and token in "_^":
                while i < len(tokens) and tokens[i][0] == "char" and tokens[i][1].isspace():
                    i += 1  # x^ 2: TeX skips the space
                if i < len(tokens):
                    script = self._atoms_of_token(tokens[i])
                    i += 1
                else:
                    script = []
                tag = Tag("sub" if token == "_" else "sup", self._join(script))
                if atoms:
                    atoms[-1].pieces.append(tag)
                    if atoms[-1].kind in ("bin", "rel", "punct", "open"):
                        atoms[-1].kind = "ord"
                else:
                    atoms.append(Atom("ord", [tag]))
                continue
            atoms += self._atoms_of_token((kind, token))
        return atoms

    def _atoms_of_token(self, token) -> list[Atom]:
        kind, value = token
        if kind == "char":
            return self._char(value)
        return self._node(value)

    def _char(self, char: str) -> list[Atom]:
        if char.isspace():
            return []
        if char.isalpha() and char.isascii():
            return [Atom("ord", [char] if self.upright else [Tag("i", [char])])]
        if char in CHARS:
            kind, text = CHARS[char]
            return [Atom(kind, [text])]
        return [Atom("ord", [char])]

    def _group(self, node) -> list:
        """A braced argument or a single token as rendered pieces."""
        from pylatexenc.latexwalker import LatexGroupNode

        if node is None:
            return []
        if isinstance(node, LatexGroupNode):
            return self.render(node.nodelist)
        return self.render([node])

    def _args(self, node) -> list:
        return [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]

    def _node(self, node) -> list[Atom]:
        from pylatexenc.latexwalker import (LatexEnvironmentNode, LatexGroupNode, LatexMacroNode,
                                            LatexSpecialsNode)

        if isinstance(node, LatexGroupNode):
            return [Atom("ord", self.render(node.nodelist))]
        if isinstance(node, LatexSpecialsNode):
            if node.specials_chars == "~":
                return [Atom("ord", ["\u00a0"])]
            if node.specials_chars == "&":
                return [Atom("ord", [" "])]
            return [Atom("ord", [{"--": "−−", "---": "−−−"}.get(node.specials_chars, node.specials_chars)])]
        if isinstance(node, LatexEnvironmentNode):
            return [Atom("open", ["("]), Atom("ord", self.render(node.nodelist)), Atom("close", [")"])]
        if isinstance(node, LatexMacroNode):
            return self._macro(node)
        return []

    def _macro(self, node) -> list[Atom]:
        name = node.macroname
        args = self._args(node)
        if name in NAMED:
            return [Atom("op", [name])]
        if name in LARGE:
            return [Atom("op", [LARGE[name]])]
        if name in RELATIONS:
            return [Atom("rel", [RELATIONS[name]])]
        if name in BINARY:
            return [Atom("bin", [BINARY[name]])]
        if name in OPEN:
            return [Atom("open", [OPEN[name]])]
        if name in CLOSE:
            return [Atom("close", [CLOSE[name]])]
        if name in SPACES:
            return [Atom("ord", [SPACES[name]])] if SPACES[name] else [Atom("tight", [])]
        if name in IGNORED:
            return []
        if name == "\\":
            return [Atom("punct", ["; "])]
        if name in ALPHABETS:
            text = "".join(self.decoder.plain(self.decoder.text(a.nodelist if hasattr(a, "nodelist") else [a]))
                           for a in args)
            return [Atom("ord", ["".join(styled_letter(c, ALPHABETS[name]) if c.isascii() and c.isalpha()
                                         else c for c in text)])]
        if name in UPRIGHT or name in BOLD or name == "mathit":
            self.upright += name != "mathit"
            try:
                pieces = [p for a in args for p in self._group(a)]
            finally:
                self.upright -= name != "mathit"
            if name == "mathit":
                pieces = [Tag("i", pieces)]
            elif name in BOLD:
                pieces = [Tag("b", pieces)]
            return [Atom("op" if name == "operatorname" else "ord", pieces)]
        if name in TEXT:
            return [Atom("ord", self.decoder.text_macro(node))]
        if name in ACCENTS:
            base = self.decoder.plain(self._group(args[0])) if args else ""
            if not base:
                return []
            return [Atom("ord", [Tag("i", [base[:1] + ACCENTS[name] + base[1:]]) if base.isalpha() and
                                 not self.upright else base[:1] + ACCENTS[name] + base[1:]])]
        if name in TWO_DIMENSIONAL:
            return self._linear(name, args)
        symbol = self.decoder.symbol(name)
        if symbol is not None and not args:
            return [Atom("ord", [symbol])]
        self.decoder.unknown(node, bool(args))
        return [Atom("ord", self._group(a)) for a in args]

    def _linear(self, name: str, args: list) -> list[Atom]:
        """A fraction, root or binomial on one line: 1/2, √x, (n k)."""
        def operand(arg):
            atoms = self._atoms(arg.nodelist if hasattr(arg, "nodelist") else [arg])
            pieces = self._join(atoms)
            return ["("] + pieces + [")"] if len(atoms) > 1 else pieces

        if name == "sqrt":
            index = [a for a in args[:-1]]
            root = [Tag("sup", self._group(index[0]))] if index else []
            return [Atom("ord", root + ["√"] + (operand(args[-1]) if args else []))]
        if name in ("frac", "dfrac", "tfrac", "cfrac") and len(args) == 2:
            return [Atom("ord", operand(args[0]) + ["/"] + operand(args[1]))]
        if name in ("binom", "dbinom", "tbinom") and len(args) == 2:
            return [Atom("ord", ["("] + self._group(args[0]) + [" "] + self._group(args[1]) + [")"])]
        if name in ("stackrel", "overset") and len(args) == 2:
            return [Atom("rel", self._group(args[1]) + [Tag("sup", self._group(args[0]))])]
        if name == "underset" and len(args) == 2:
            return [Atom("rel", self._group(args[1]) + [Tag("sub", self._group(args[0]))])]
        return [Atom("ord", [p for a in args for p in self._group(a)])]

    # -- spacing -----------------------------------------------------------

    def _join(self, atoms: list[Atom]) -> list:
        """TeX's spacing as plain spaces: around relations, binary operators and function names."""
        out: list = []
        previous, tight = None, False
        for index, atom in enumerate(atoms):
            kind = atom.kind
            if kind == "tight":  # \! takes back the space TeX would put here
                tight = True
                continue
            following = next((a.kind for a in atoms[index + 1:] if a.kind != "tight"), None)
            if kind == "bin" and (previous in (None, "bin", "rel", "open", "punct", "op") or following is None):
                kind = "ord"  # a sign: −1
            space = previous is not None and (
                kind in ("rel", "bin") or previous in ("rel", "bin")
                or (kind == "op" and previous in ("ord", "close", "op"))
                or (previous == "op" and kind in ("ord", "op")))
            if space and not tight:
                out.append(" ")
            out += atom.pieces
            previous, tight = kind, False
        return out
