"""One numbering: `toolkit refs` lists the references in the edition's order.

The toolkit decides the order once (the style's sort keys, the edition's
alphabet) and gives it to both processors, so pandoc's citeproc (the build)
and citeproc-py (`toolkit refs`) cannot disagree: not on entries with four or
more authors, editors only, no author, a corporate author, Cyrillic and Latin
mixed, name particles, nor on the Azerbaijani capitals I and İ.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import FIXTURES
from toolkit.edition import prepare
from toolkit.pandoc_ast import walk
from toolkit.engines import citeproc
from toolkit.project import load_project
from toolkit.session import Session
from toolkit.references import cited_keys, format_references, style_for
from toolkit.styles import resolve_style
from toolkit.csl_items import csl_items

STYLES = ("numeric-alphabetical", "ieee", "apa", "chicago-author-date", "modern-language-association",
          "harvard-cite-them-right", "gost-r-7-0-5-2008", "nature", "elsevier-harvard")


@pytest.fixture(scope="module")
def project():
    return load_project(FIXTURES / "ordering")


def _edition_order(project, language, csl) -> list[str]:
    edition = prepare(project, language, csl, incomplete=set())
    found: list[str] = []

    def visit(node):
        if node["t"] == "Div" and "csl-entry" in node["c"][0][1]:
            found.append(node["c"][0][0].removeprefix("ref-"))
        return node

    walk(edition.ast["blocks"], visit)
    return found


def _refs_order(project, language, csl) -> list[str]:
    keys = cited_keys(project, language)
    items = csl_items(project.bibliography, language, keys)
    entries, _ = citeproc.render(items, style_for(csl, language), language, [[(k, {})] for k in keys])
    by_id = {item["id"].lower(): item["id"] for item in items}
    return [by_id[key] for key, _ in entries]


@pytest.mark.parametrize("language", ["az", "en"])
@pytest.mark.parametrize("style", STYLES)
def test_refs_and_the_edition_list_the_same_entries_in_the_same_order(project, style, language):
    csl = resolve_style(project.root, style)
    edition = _edition_order(project, language, csl)
    assert sorted(edition) == sorted(cited_keys(project, language))
    assert _refs_order(project, language, csl) == edition


def test_the_azerbaijani_capital_i_sorts_before_the_dotted_one_in_the_edition(project):
    """I is the capital of ı, which precedes i: the edition follows the alphabet
    (pandoc alone would put Işıqlı after İsmayılov)."""
    order = _edition_order(project, "az", resolve_style(project.root, "apa"))
    assert order.index("dotless") < order.index("dotted")


def test_numbers_in_the_text_are_the_positions_in_the_list(project):
    """[n] in the edition's text is the n-th line of `toolkit refs`."""
    from toolkit.plain_text import stringify

    csl = resolve_style(project.root, "numeric-alphabetical")
    edition = prepare(project, "az", csl, incomplete=set())
    numbers: dict[str, str] = {}

    def visit(node):
        if node["t"] == "Cite" and len(node["c"][0]) == 1:
            numbers[node["c"][0][0]["citationId"]] = stringify(node["c"][1]).strip("[]")
        return node

    walk(edition.ast["blocks"], visit)
    refs = _refs_order(project, "az", csl)
    lines = format_references(Session(project, "numeric-alphabetical"), "az")
    assert len(numbers) == 7
    for key, number in numbers.items():
        assert lines[int(number) - 1].startswith(f"{number}. ")
        assert refs[int(number) - 1] == key
