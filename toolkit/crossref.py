"""Numbered figures, tables and equations, and the cross-references to them.

The syntax is pandoc-crossref's: `![Caption](map.png){#fig:map}`, a table
caption `: Caption {#tbl:trade}`, `$$ … $$ {#eq:growth}`, a heading
`{#sec:data}`; referred to as `@fig:map`, `[@fig:a; @fig:b]`, `-@fig:map` (the
number alone) or LaTeX's `\\ref{…}`, `\\eqref{…}`, `\\autoref{…}`.

pandoc reads `@fig:map` as a citation. `number` runs once on the edition's
document, before citeproc, and turns every such reference into linked text in
the edition's language ("Şəkil 1", "Figures 1, 2", "Eq. (3)"), so citeproc never
sees it and every writer (web, print, Word, JATS) gets the same numbers. Every
figure and table with a caption is numbered (`.unnumbered` opts out), and
each display equation with a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .labels import labels
from .typography import NBSP

KINDS = ("fig", "tbl", "eq", "sec")
# the LaTeX commands authors coming from LaTeX write; \ref and \eqref give the number alone
LATEX_REF = re.compile(r"\\(?P<command>ref|eqref|autoref|cref|Cref)\{(?P<label>[^{}\s]+)\}")
_EQUATION_LABEL = re.compile(r"\{#(?P<label>eq:[^\s{}]+)[^{}]*\}")
UNNUMBERED = ("unnumbered", "-")


def kind_of(key: str) -> str | None:
    """"fig" for `fig:map` (and pandoc-crossref's capitalised `Fig:map`); None for a citation key."""
    prefix, colon, rest = key.partition(":")
    return prefix.lower() if colon and rest and prefix.lower() in KINDS else None


def normal(key: str) -> str:
    """A reference's label as its target is labelled: `Fig:map` -> `fig:map`."""
    kind = kind_of(key)
    return f"{kind}:{key.partition(':')[2]}" if kind else key


@dataclass(frozen=True)
class Target:
    kind: str
    number: int  # 0 for a section
    text: str  # what names it: "3" or a section's title


@dataclass
class Numbering:
    """The document's targets by label, and the references nothing answered."""

    targets: dict[str, Target] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)


def _str(text: str) -> dict:
    return {"t": "Str", "c": text}


def _span(classes: list[str], inlines: list[dict], ident: str = "") -> dict:
    return {"t": "Span", "c": [[ident, classes, []], inlines]}


def _tied(template: str) -> str:
    """The space between a word and its number no line break may split."""
    return re.sub(r" (?=\{\})|(?<=\{\}) ", NBSP, template)


def _first_words(blocks: list[dict], inlines: list[dict]) -> list[dict]:
    """`blocks` (a caption) with `inlines` put before its first words."""
    if blocks and blocks[0]["t"] in ("Plain", "Para"):
        return [{"t": blocks[0]["t"], "c": inlines + [{"t": "Space"}] + blocks[0]["c"]}, *blocks[1:]]
    return [{"t": "Plain", "c": inlines}, *blocks]


def _plain_text(inlines: list[dict]) -> str:
    from .plain_text import stringify

    return " ".join(stringify(inlines).split())


class _Numberer:
    """Numbers figures, tables and labelled equations in document order, labels their captions."""

    def __init__(self, language: str, numbering: Numbering):
        self.words = labels(language)["crossref"]
        self.numbering = numbering
        self.counts = dict.fromkeys(KINDS, 0)

    def _next(self, kind: str, ident: str) -> tuple[int, str]:
        """The next number of `kind`, and the identifier it keeps: none for a label
        used before (`check` reports it), so that no two elements share one."""
        self.counts[kind] += 1
        if ident in self.numbering.targets:
            return self.counts[kind], ""
        if ident:
            self.numbering.targets[ident] = Target(kind, self.counts[kind], str(self.counts[kind]))
        return self.counts[kind], ident

    def _caption_label(self, kind: str, number: int) -> dict:
        return _span(["caption-label"], [_str(_tied(self.words[kind]["caption"]).format(number))])

    def _captioned(self, kind: str, attr: list, caption: list, inner: list[str] = ()) -> tuple[list, list] | None:
        """The attributes and caption of a numbered figure or table; None if it is not numbered
        (`inner`: the classes of a figure's image, where `![…](…){.unnumbered}` puts them)."""
        ident, classes, pairs = attr
        short, blocks = caption
        if not blocks or any(c in UNNUMBERED for c in [*classes, *inner]):
            return None
        number, kept = self._next(kind, ident)
        return [kept, classes, pairs], [short, _first_words(blocks, [self._caption_label(kind, number)])]

    def _equations(self, inlines: list[dict]) -> list[dict]:
        out, i = [], 0
        while i < len(inlines):
            node = inlines[i]
            found = _equation_label(inlines, i) if node["t"] == "Math" and node["c"][0]["t"] == "DisplayMath" else None
            if found is None:
                out.append(node)
                i += 1
                continue
            label, end, rest = found
            number, kept = self._next("eq", label)
            shown = _tied(self.words["eq"]["number"]).format(number)
            out.append(_span(["equation"], [node, _span(["equation-number"], [_str(shown)])], kept))
            out += [_str(rest)] if rest else []
            i = end
        return out

    def __call__(self, node: dict) -> dict:
        kind = node["t"]
        if kind == "Figure":
            attr, caption, content = node["c"]
            inner = [c for block in content if block["t"] in ("Plain", "Para")
                     for image in block["c"] if image["t"] == "Image" for c in image["c"][0][1]]
            if (numbered := self._captioned("fig", attr, caption, inner)) is not None:
                return {"t": "Figure", "c": [*numbered, content]}
        elif kind == "Table":
            attr, caption, *rest = node["c"]
            if (numbered := self._captioned("tbl", attr, caption)) is not None:
                return {"t": "Table", "c": [*numbered, *rest]}
        elif kind in ("Para", "Plain") and any(n["t"] == "Math" for n in node["c"]):
            return {"t": kind, "c": self._equations(node["c"])}
        elif kind == "Header":
            level, (ident, classes, attrs), inlines = node["c"]
            if ident and ident not in self.numbering.targets:
                self.numbering.targets[ident] = Target("sec", 0, _plain_text(inlines))
        return node


def _equation_label(inlines: list[dict], at: int) -> tuple[str, int, str] | None:
    """After display math at `at`: its `{#eq:label}` (as pandoc left it, words of text),
    the index past it and any characters that followed it in the same word."""
    i = at + 1
    if i < len(inlines) and inlines[i]["t"] in ("Space", "SoftBreak"):
        i += 1
    text = ""
    while i < len(inlines) and inlines[i]["t"] in ("Str", "Space") and "}" not in text:
        text += inlines[i]["c"] if inlines[i]["t"] == "Str" else " "
        i += 1
    m = _EQUATION_LABEL.match(text)
    return (m["label"], i, text[m.end():]) if m else None


class _Referencer:
    """Writes each cross-reference as the linked words of the edition's language."""

    def __init__(self, language: str, numbering: Numbering):
        self.words = labels(language)["crossref"]
        self.numbering = numbering

    def _item(self, label: str) -> tuple[str, Target | None]:
        """The target's label (`Fig:map` finds `fig:map`) and the target, or None."""
        for key in (normal(label), label):
            if key in self.numbering.targets:
                return key, self.numbering.targets[key]
        self.numbering.unresolved.append(label)
        return label, None

    def _number(self, target: Target) -> str:
        return _tied(self.words[target.kind].get("number", "{}")).format(target.text)

    def _link(self, key: str, text: str) -> dict:
        return {"t": "Link", "c": [["", ["crossref"], []], [_str(text)], [f"#{key}", ""]]}

    def _run(self, items: list[tuple[str, Target | None]], bare: bool) -> list[dict]:
        """One kind's references: "Figure 1", "Figures 1, 2", "Figures 1–3", or the numbers
        alone; an unknown label as itself with a "?", as citeproc shows an unknown key."""
        known = [(key, target) for key, target in items if target is not None]
        out: list[dict] = []
        if len(known) == 1 and not bare:
            (key, target), = known
            out.append(self._link(key, _tied(self.words[target.kind]["one"]).format(self._number(target))))
        elif known:
            out = self._listed(known)
            if not bare:
                many = self.words[known[0][1].kind]["many"]
                before, _, after = _tied(many).partition("{}")
                out = ([_str(before)] if before else []) + out + ([_str(after)] if after else [])
        for key, target in items:
            if target is None:
                out += [_str(", ")] if out else []
                out.append(_span(["unresolved-crossref"], [{"t": "Strong", "c": [_str(f"{key}?")]}]))
        return out

    def _listed(self, known: list[tuple[str, Target]]) -> list[dict]:
        """Each number linked, separated by commas; three or more in a row as a range."""
        out: list[dict] = []
        i = 0
        while i < len(known):
            j = i
            while (j + 1 < len(known) and known[j + 1][1].kind != "sec"
                   and known[j + 1][1].number == known[j][1].number + 1):
                j += 1
            if out:
                out.append(_str(", "))
            if j - i >= 2:
                out += [self._link(known[i][0], self._number(known[i][1])), _str("–"),
                        self._link(known[j][0], self._number(known[j][1]))]
                i = j + 1
            else:
                out.append(self._link(known[i][0], self._number(known[i][1])))
                i += 1
        return out

    def _rendered(self, citations: list[dict]) -> list[dict]:
        """References as words, consecutive ones of a kind together, with what was written around
        them (words between two references keep them apart: "see Figure 1, left, Figure 2")."""
        out: list[dict] = []
        runs: list[list[dict]] = []
        for citation in citations:
            last = runs[-1][-1] if runs else None
            if last and kind_of(last["citationId"]) == kind_of(citation["citationId"]) \
                    and citation["citationMode"]["t"] == last["citationMode"]["t"] \
                    and not last["citationSuffix"] and not citation["citationPrefix"]:
                runs[-1].append(citation)
            else:
                runs.append([citation])
        for run in runs:
            if out:
                out += [_str(","), {"t": "Space"}]
            prefix, suffix = run[0]["citationPrefix"], run[-1]["citationSuffix"]
            out += prefix + ([{"t": "Space"}] if prefix else [])
            bare = run[0]["citationMode"]["t"] == "SuppressAuthor"
            out += self._run([self._item(c["citationId"]) for c in run], bare)
            out += suffix
        return out

    def _latex(self, command: str, label: str) -> list[dict]:
        key, target = self._item(label)
        if target is None or command in ("autoref", "cref", "Cref"):
            return self._run([(key, target)], target is None)
        text = self._number(target) if command == "eqref" or target.kind == "sec" else target.text
        return [self._link(key, text)]

    def __call__(self, node: dict):
        kind = node["t"]
        if kind == "Cite":
            citations, content = node["c"]
            refs = [c for c in citations if kind_of(c["citationId"])]
            if not refs:
                return node
            rest = [c for c in citations if not kind_of(c["citationId"])]
            inlines = self._rendered(refs)
            if rest:  # `[@fig:map; @key]`: the citation stays one for citeproc
                inlines += [_str(";"), {"t": "Space"}, {"t": "Cite", "c": [rest, content]}]
            return _span(["crossref-group"], inlines)
        if kind == "RawInline" and node["c"][0] in ("tex", "latex"):
            if m := LATEX_REF.fullmatch(node["c"][1].strip()):
                return _span(["crossref-group"], self._latex(m["command"], m["label"]))
        return node


def number(ast: dict, language: str) -> tuple[dict, Numbering]:
    """The document with its figures, tables and equations numbered and every
    cross-reference written out; and what was numbered and left unresolved."""
    from .pandoc_ast import walk

    numbering = Numbering()
    blocks = walk(ast["blocks"], _Numberer(language, numbering))
    blocks = walk(blocks, _Referencer(language, numbering))
    return {**ast, "blocks": blocks}, numbering
