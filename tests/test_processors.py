"""pandoc's citeproc (the build) and citeproc-py (`toolkit refs`) print the same references.

Both get the same CSL items and the same style; the only differences allowed
are the ones named in KNOWN_DIFFERENCES, each a precise statement of what one
processor does that the other does not, listed in the README too.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import FIXTURES, REPO
from toolkit.checks.bibliography import incomplete_keys
from toolkit.edition import prepare
from toolkit.engines import citeproc, pandoc
from toolkit.project import load_project
from toolkit.references import cited_keys, style_for
from toolkit.styles import resolve_style
from toolkit.csl_items import csl_items

STYLES = ("numeric-alphabetical", "ieee")


def _stringify(blocks: list[dict]) -> list[str]:
    """Each block list as pandoc's plain text, whitespace normalised."""
    doc = {"pandoc-api-version": [1, 23, 1], "meta": {}, "blocks": []}
    for content in blocks:
        doc["blocks"] += content + [{"t": "HorizontalRule"}]
    plain = pandoc.run(["--from=json", "--to=plain", "--wrap=none"], stdin=json.dumps(doc)).output.decode()
    parts = re.split(r"\n\s*-{10,}\s*\n?", plain)
    return [" ".join(p.split()) for p in parts[: len(blocks)]]


def _walk(node, found: dict):
    if isinstance(node, dict):
        if node.get("t") == "Cite":
            found["cites"].append([{"t": "Plain", "c": node["c"][1]}])
            return
        if node.get("t") == "Div" and "csl-entry" in node["c"][0][1]:
            found["entries"].append((node["c"][0][0].removeprefix("ref-"), node["c"][1]))
            return
        for value in node.values():
            _walk(value, found)
    elif isinstance(node, list):
        for value in node:
            _walk(value, found)


def with_pandoc(project, language: str, csl) -> tuple[list[tuple[str, str]], list[str]]:
    edition = prepare(project, language, csl, incomplete=set())
    found = {"cites": [], "entries": []}
    _walk(edition.ast["blocks"], found)
    texts = _stringify([content for _, content in found["entries"]] + found["cites"])
    entries = [(key.lower(), text) for (key, _), text in zip(found["entries"], texts)]
    return entries, texts[len(entries):]


_LOCATOR = re.compile(r"^(?P<label>s\.|p\.|pp\.)\s*(?P<locator>.+)$")


def _citations(project, language: str) -> list[list[tuple[str, dict]]]:
    """The manuscript's citations as citeproc-py citation items."""
    texts = []
    for citation in project.manuscripts[language].citations:  # one per key: one per [...] is wanted
        if not texts or texts[-1][1] != (citation.text, citation.position.line) or citation.text.count("@") == 1:
            texts.append((citation.text, (citation.text, citation.position.line)))
    result = []
    for text, _ in texts:
        cites = []
        for part in text.strip("[]").split(";"):
            key, _, rest = part.strip().partition(",")
            options = {}
            if m := _LOCATOR.match(rest.strip()):
                options = {"locator": m["locator"].replace("--", "–"), "label": "page"}
            cites.append((key.strip().lstrip("@"), options))
        result.append(cites)
    return result


def with_citeproc_py(project, language: str, csl) -> tuple[list[tuple[str, str]], list[str]]:
    keys = cited_keys(project, language)
    items = csl_items(project.bibliography, language, keys)
    entries, cites = citeproc.render(items, style_for(csl, language), language, _citations(project, language))
    return [(key, " ".join(text.split())) for key, text in entries], [" ".join(c.split()) for c in cites]


# What citeproc-py does differently, each with the change that turns its text
# into pandoc's; every one must occur (see the last test) and is in the README.
KNOWN_DIFFERENCES = {
    "punctuation-collapsing": (
        "citeproc-py does not collapse doubled punctuation: an empty reference is '1. .' under "
        "numeric-alphabetical (pandoc: '1.')",
        lambda text, language: re.sub(r"\.\s+\.", ".", text)),
    "second-field-align": (
        "with second-field-align (ieee), pandoc sets the number apart from the text ('[1] C. Cəfərov'), "
        "citeproc-py runs them together ('[1]C. Cəfərov')",
        lambda text, language: re.sub(r"^(\[\d+\])(?=\S)", r"\1 ", text)),
    "punctuation-in-quote": (
        "citeproc-py ignores the English locale's punctuation-in-quote: '“Title”, Journal' "
        "(pandoc: '“Title,” Journal')",
        lambda text, language: re.sub(r"”([,.])", r"\1”", text) if language == "en" else text),
}
SEEN: set[str] = set()

# entries of every type, and entries that say only where the text cites them (as the shipped
# article's do; its own list is compared in tests/article/test_processors.py)
CASES = [("reftypes", FIXTURES / "reftypes"), ("placeholders", FIXTURES / "parity-drifts")]


@pytest.fixture(scope="module", params=CASES, ids=[c[0] for c in CASES])
def project(request):
    return load_project(request.param[1])


def _explained(ours: str, theirs: str, language: str) -> bool:
    """True when applying some of the named differences turns ours into theirs."""
    names = list(KNOWN_DIFFERENCES)
    for mask in range(1, 2 ** len(names)):
        text, used = ours, []
        for i, name in enumerate(names):
            if mask & (1 << i):
                text = KNOWN_DIFFERENCES[name][1](text, language)
                used.append(name)
        if text == theirs:
            SEEN.update(used)
            return True
    return False


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("language", ["az", "en"])
def test_both_processors_print_the_same_references(project, language, style):
    csl = resolve_style(project.root, style)
    by_pandoc, cites_pandoc = with_pandoc(project, language, csl)
    by_citeproc, cites_citeproc = with_citeproc_py(project, language, csl)
    assert [k for k, _ in by_citeproc] == [k for k, _ in by_pandoc], "the same order"
    assert len(by_pandoc) == len(cited_keys(project, language))
    for (key, ours), (_, theirs) in zip(by_citeproc, by_pandoc):
        assert ours == theirs or _explained(ours, theirs, language), \
            f"{key}: citeproc-py {ours!r} != pandoc {theirs!r}"
    assert cites_citeproc == cites_pandoc


def test_every_named_difference_occurs():
    """A difference that no longer shows is taken off the list (and the README)."""
    assert SEEN == set(KNOWN_DIFFERENCES)


def test_the_readme_lists_every_difference():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in KNOWN_DIFFERENCES:
        assert f"`{name}`" in readme, name
