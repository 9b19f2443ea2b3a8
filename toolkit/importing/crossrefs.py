"""LaTeX labels and references, and Quarto's, in the toolkit's cross-reference syntax.

JOSS and R Markdown papers label with LaTeX: `![Caption.\\label{fig:x}](f.png)`,
`\\begin{equation}\\label{eq:x} … \\end{equation}`, `$$ … \\label{x} $$`, and refer
with `\\ref{…}`, `\\autoref{…}`, `\\cref{…}`, `\\eqref{…}`. Quarto writes `{#fig-x}`
and `@fig-x`. The toolkit reads pandoc-crossref's `{#fig:x}` and `@fig:x`; the
label's own prefix is kept (`tab:` becomes `tbl:`), else it is taken from what
the label is on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..markdown_code import code_ranges, outside_code, sub_outside_code
from .markdown_text import images

PREFIXES = {"fig": "fig", "figure": "fig", "eq": "eq", "eqn": "eq", "equation": "eq", "tbl": "tbl", "tab": "tbl",
            "table": "tbl", "sec": "sec", "section": "sec", "ch": "sec", "chap": "sec", "chapter": "sec"}
LABEL = re.compile(r"[ \t]*\\label\{([^{}\s]+)\}")
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_ENVIRONMENT = re.compile(r"\\begin\{(equation\*?|align\*?|gather\*?|multline\*?|eqnarray\*?)\}(.*?)\\end\{\1\}", re.S)
_TABLE_CAPTION = re.compile(r"^((?:Table)?:[ \t].*)$", re.M)
_HEADING = re.compile(r"^(#{1,6}[ \t].*?)[ \t]*$", re.M)
_REFERENCE = re.compile(r"(~?)\\(ref|autoref|cref|Cref|eqref|pageref)\{([^{}]+)\}")
_QUARTO_ID = re.compile(r"(?<=#)(fig|tbl|eq|sec)-(?=[\w])")
_QUARTO_REF = re.compile(r"(?<![\w@])(-?@)(fig|tbl|eq|sec)-(?=\w)")


def crossref_id(label: str, kind: str) -> str:
    """`fig:map` stays; `tab:trade` -> `tbl:trade`; `growth` on an equation -> `eq:growth`."""
    prefix, colon, rest = label.partition(":")
    if colon and rest and prefix.lower() in PREFIXES:
        return f"{PREFIXES[prefix.lower()]}:{rest.replace(':', '-')}"
    return f"{kind}:{label.replace(':', '-')}"


@dataclass
class Converted:
    text: str
    labels: dict[str, str] = field(default_factory=dict)  # LaTeX label -> its cross-reference id
    done: list[tuple[int, str]] = field(default_factory=list)  # (offset in the original, what was converted)
    left: list[tuple[int, str]] = field(default_factory=list)  # (offset, what was left as LaTeX)


def convert(text: str) -> Converted:
    """The text with its labels and references in the cross-reference syntax."""
    out = Converted(text)
    edits: list[tuple[int, int, str]] = []
    ranges = code_ranges(text)

    def free(start: int, end: int) -> bool:
        return outside_code(text, start, ranges) and all(end <= a or start >= b for a, b, _ in edits)

    def labelled(body: str, kind: str, at: int) -> tuple[str, str] | None:
        found = LABEL.search(body)
        if not found:
            return None
        new = crossref_id(found.group(1), kind)
        out.labels[found.group(1)] = new
        out.done.append((at, f"\\label{{{found.group(1)}}} → {{#{new}}}"))
        return body[:found.start()] + body[found.end():], new

    for image in images(text):
        result = labelled(image.caption, "fig", image.start)
        if result and free(image.start, image.end):
            caption, new = result
            image.caption, image.attributes = caption.rstrip(), f"#{new} {image.attributes.strip()}"
            before, after = _apart(text, image.start, image.end)
            if before or after:
                out.done.append((image.start, f"the figure {new} is set in a paragraph of its own, as a "
                                              "numbered figure must be"))
            edits.append((image.start, image.end, before + image.written() + after))
    for match in _ENVIRONMENT.finditer(text):
        result = labelled(match.group(2), "eq", match.start()) if free(match.start(), match.end()) else None
        if result and match.group(1).startswith("equation"):
            edits.append((match.start(), match.end(), f"$${_no_blank_lines(result[0])}$$ {{#{result[1]}}}"))
        elif result:
            out.done.pop()
            out.left.append((match.start(), f"\\label in a {match.group(1)} environment (one label for several "
                                            "lines): kept as LaTeX"))
    for match in _DISPLAY.finditer(text):
        labelled_already = re.match(r"[ \t]*\{#", text[match.end():])
        if labelled_already or not free(match.start(), match.end()):
            continue
        result = labelled(match.group(1), "eq", match.start())
        if result:
            edits.append((match.start(), match.end(), f"$${_no_blank_lines(result[0])}$$ {{#{result[1]}}}"))
    for pattern, kind in ((_TABLE_CAPTION, "tbl"), (_HEADING, "sec")):
        for match in pattern.finditer(text):
            result = labelled(match.group(1), kind, match.start()) if free(match.start(), match.end()) else None
            if result:
                edits.append((match.start(), match.end(), _with_id(result[0].rstrip(), result[1])))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    text = sub_outside_code(_QUARTO_ID, lambda m: f"{m.group(1)}:", text)
    text = sub_outside_code(_QUARTO_REF, lambda m: f"{m.group(1)}{m.group(2)}:", text)
    out.text = _references(text, out)
    for match in LABEL.finditer(out.text):
        if outside_code(out.text, match.start(), code_ranges(out.text)):
            out.left.append((match.start(), f"\\label{{{match.group(1)}}} is on nothing the "
                                                            "toolkit numbers: kept as LaTeX"))
    return out


def _references(text: str, out: Converted) -> str:
    ranges = code_ranges(text)

    def one(match: re.Match) -> str:
        if not outside_code(text, match.start(), ranges):
            return match.group(0)
        tie, command, names = match.group(1), match.group(2), match.group(3)
        if command == "pageref":
            out.left.append((match.start(), f"\\pageref{{{names}}}: the editions have no page numbers to refer to; "
                                            "kept as LaTeX"))
            return match.group(0)
        keys = []
        for name in (n.strip() for n in names.split(",")):
            key = out.labels.get(name) or (crossref_id(name, "sec") if name.partition(":")[0].lower() in PREFIXES
                                           and ":" in name else None)
            if key is None:
                out.left.append((match.start(), f"\\{command}{{{name}}} names no label the import found; "
                                                "kept as LaTeX"))
                return match.group(0)
            keys.append(key)
        mark = "-@" if command == "ref" else "@"
        written = f"{mark}{keys[0]}" if len(keys) == 1 else "[" + "; ".join(f"{mark}{k}" for k in keys) + "]"
        out.done.append((match.start(), f"\\{command}{{{names}}} → {written}"))
        return ("\u00a0" if tie else "") + written

    return _REFERENCE.sub(one, text)


def _apart(text: str, start: int, end: int) -> tuple[str, str]:
    """The line breaks that make text[start:end] a paragraph of its own: an image in running
    text is an inline picture, alone it is a figure."""
    before, after = text[:start].rstrip(" \t"), text[end:].lstrip(" \t")
    ahead = "" if not before or before.endswith("\n\n") else "\n" if before.endswith("\n") else "\n\n"
    behind = "" if after in ("", "\n") or after.startswith("\n\n") else "\n" if after.startswith("\n") else "\n\n"
    return ahead, behind


def _no_blank_lines(body: str) -> str:
    """A display formula may hold no blank line (pandoc would end it there)."""
    return re.sub(r"\n[ \t]*(?=\n)", "", body)


def _with_id(line: str, ident: str) -> str:
    """A heading or caption line with `{#ident}`, merged into its attributes if it has them."""
    attributes = re.search(r"\{([^{}]*)\}$", line)
    if attributes and not attributes.group(1).startswith("@"):
        return line[:attributes.start()] + "{#" + ident + " " + attributes.group(1).strip() + "}"
    return f"{line} {{#{ident}}}"
