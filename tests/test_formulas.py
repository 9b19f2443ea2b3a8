"""Formulas: the sections' scanner reads math where pandoc does, and pandoc converts it."""

from __future__ import annotations

import json

from toolkit import formulas
from toolkit.edition_source import MARKDOWN
from toolkit.pandoc_ast import walk
from toolkit.engines import pandoc

TRICKY = r"""$$ x $$

A $a +
b$ c and $20,000 and $30,000 and $x$5 and \$y$ and $ z$.

> quote $$a
> + b$$

`$c$` <!-- $d$ --> [link $e$](https://example.org) ![$f$](a.png) note^[note $g$]

```
$code$
```

\begin{equation}
\begin{cases} a \\ b \end{cases}
\end{equation}

  \begin{align*}
  a &= b
  \end{align*}

Text \begin{gather}x\end{gather} more, \\begin{equation} not math, \begin{itemize} neither \end{itemize}.
"""


def _pandoc_formulas(text: str) -> list[tuple[str, bool]]:
    ast = json.loads(pandoc.run([f"--from={MARKDOWN}", "--to=json"], stdin=text).output)
    found = []

    def visit(node):
        node = formulas.as_math(node)
        if node["t"] == "Math":
            found.append(formulas.key(node))
        return node

    walk(ast["blocks"], visit)
    return found


def test_the_scanner_finds_the_formulas_pandoc_reads():
    found = formulas.find(TRICKY)
    assert [f.key for f in found] == _pandoc_formulas(TRICKY)
    assert [f.key for f in found][:4] == [(" x ", True), ("a +\nb", False), ("5 and \\$y", False), ("a\n+ b", True)]
    starts = [TRICKY[f.offset:f.offset + 7] for f in found]
    assert starts[-3:] == ["\\begin{", "\\begin{", "\\begin{"]


def test_math_environments_become_display_formulas_and_other_raw_tex_stays():
    inline = {"t": "RawInline", "c": ["tex", "\\begin{align}\nx &= 1\n\\end{align}"]}
    block = {"t": "RawBlock", "c": ["latex", "\\begin{gather*} a \\end{gather*}\n"]}
    other = {"t": "RawInline", "c": ["tex", "\\begin{itemize} x \\end{itemize}"]}
    assert formulas.as_math(inline) == {"t": "Math", "c": [{"t": "DisplayMath"}, inline["c"][1]]}
    assert formulas.as_math(block) == {"t": "Para", "c": [{"t": "Math", "c": [{"t": "DisplayMath"},
                                                                               "\\begin{gather*} a \\end{gather*}"]}]}
    assert formulas.as_math(other) is other


def test_conversion_gives_mathml_or_pandoc_s_reason():
    converted = formulas.convert([("\\frac{a}{b}", False), ("\\dv{f}{x}", False), ("x^", True),
                                  ("\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{\"otherwise\"} \\end{cases}", True)])
    fraction, package, dangling, cases = converted.values()
    assert fraction.mathml.startswith('<math display="inline"') and "<mfrac>" in fraction.mathml
    assert package.mathml is None and package.error == "unexpected control sequence \\dv"
    assert dangling.mathml is None and dangling.error == "unexpected eof"
    assert cases.mathml.startswith('<math display="block"') and "<mtable>" in cases.mathml
