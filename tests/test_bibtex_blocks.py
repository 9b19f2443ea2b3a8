"""Splitting BibTeX into blocks by bibtexparser 2.1's rules, compared with bibtexparser itself.

bibtexparser stays installed (toolkit.csl_items parses names with it), so its
splitter is the reference: the same blocks, raw texts, keys, fields and
messages, on real files, on the hazardous bibliography of
tests/fixtures/builders.py, on a journal archive and on generated text.
"""

from __future__ import annotations

import logging
import lzma
from importlib.metadata import version

import bibtexparser
import pytest
from bibtexparser.model import Entry, ImplicitComment, ParsingFailedBlock, String
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, REPO
from tests.fixtures.builders import hazardous_bibliography, large_bibliography
from toolkit import bibtex_blocks
from toolkit.bibtex_blocks import split

FILES = sorted(FIXTURES.rglob("*.bib"))


def reference(text: str) -> list[tuple]:
    """bibtexparser's blocks as (kind, raw, type, key, value, fields, reason)."""
    if version("bibtexparser") != "2.1.0":
        pytest.skip(f"the splitter keeps bibtexparser 2.1.0's rules; {version('bibtexparser')} is installed")
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    out = []
    for block in bibtexparser.parse_string(text, parse_stack=[]).blocks:
        inner = getattr(block, "ignore_error_block", None)
        if inner is not None:  # a duplicate key or field: the block as read
            block = inner
        if isinstance(block, Entry):
            fields = tuple((field.key, field.value) for field in block.fields)
            out.append(("entry", block.raw, block.entry_type, block.key, "", fields, ""))
        elif isinstance(block, String):
            out.append(("string", block.raw, "", block.key, block.value, (), ""))
        elif isinstance(block, ParsingFailedBlock):
            out.append(("failed", block.raw, "", "", "", (), block.error.abort_reason))
        else:
            out.append(("comment" if isinstance(block, ImplicitComment) else "other", block.raw, "", "", "", (), ""))
    return out


def blocks(text: str) -> list[tuple]:
    found = split(text)
    for block in found:  # each block's text is where its offset says
        assert text[block.offset:block.offset + len(block.raw)] == block.raw
    return [(b.kind, b.raw, b.type, b.key, b.value, b.fields, b.reason) for b in found]


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(FIXTURES)) for p in FILES])
def test_the_fixtures_split_as_bibtexparser_splits_them(path):
    text = path.read_text(encoding="utf-8")
    assert blocks(text) == reference(text)


def test_generated_bibliographies_split_as_bibtexparser_splits_them():
    for text in (hazardous_bibliography(70)[0], large_bibliography(300)):
        assert blocks(text) == reference(text)


def test_a_journal_archive_splits_as_bibtexparser_splits_it():
    text = lzma.decompress((REPO / "benchmarks" / "data" / "ecolmodell2000.bib.xz").read_bytes()).decode("utf-8")
    found = blocks(text)
    assert found == reference(text)
    assert sum(kind == "entry" for kind, *_ in found) == 3633


def test_fields_read_whole_and_mark_by_mark_are_the_same(monkeypatch):
    """Most fields are read in one match; every field read mark by mark gives the same blocks."""
    texts = [path.read_text(encoding="utf-8") for path in FILES] + [hazardous_bibliography(21)[0]]
    whole = [blocks(text) for text in texts]
    monkeypatch.setattr(bibtex_blocks, "_PLAIN_FIELD", type("Never", (), {"match": lambda *_: None})())
    assert [blocks(text) for text in texts] == whole


@pytest.mark.parametrize("text, expected", [
    ('@book(a, title = "x)y", year = 2001)',
     [("entry", '@book(a, title = "x)y", year = 2001)', "book", "a", "", (("title", '"x)y"'), ("year", "2001")),
       "")]),
    ('@book{a, title = "say {"}hi{"}"}',
     [("entry", '@book{a, title = "say {"}hi{"}"}', "book", "a", "", (("title", '"say {"}hi{"}"'),), "")]),
    ("@book{a,\n  title = {Unclosed\n@book{b, year = 2001}\n",
     [("failed", "@book{a,\n  title = {Unclosed", "", "", "", (),
       "Unexpected block start: `@book`. Was still looking for field-value closing `}` "),
      ("entry", "@book{b, year = 2001}", "book", "b", "", (("year", "2001"),), "")]),
    ("@book{a, title}", [("failed", "@book{a, title}", "", "", "", (),
                          "Expected a `=` after entry key `title`, but found the end of the entry (`}`).")]),
    ("@string{jur @book{a, year = 2001}",
     [("failed", "@string{jur @book", "", "", "", (), "Expected equals sign after field key, but found @book"),
      ("entry", "@book{a, year = 2001}", "book", "a", "", (("year", "2001"),), "")]),
    ("text } between @misc{a}", [("comment", "text } between", "", "", "", (), ""),
                                  ("entry", "@misc{a}", "misc", "a", "", (), "")]),
])
def test_what_bibtexparser_makes_of_them(text, expected):
    assert blocks(text) == expected == reference(text)


# characters and pieces BibTeX gives meaning to, and excerpts of real files with them added
BIBTEX = st.lists(st.sampled_from(list('@{}(),="#%\\ \n\tabkeyAtitle0123ıə\r\xa0\u2028') + [
    "@article{", "@string(", "@comment{", "@preamble{", "@Book (", "\n@misc{", ",\n  title = ", ' = "', '{"}',
    "\\{", '\\"', "\n}\n"]), max_size=120).map("".join)
SOURCES = [path.read_text(encoding="utf-8") for path in FILES]


@st.composite
def excerpts(draw):
    text = draw(st.sampled_from(SOURCES))
    start = draw(st.integers(0, len(text)))
    return text[start:start + draw(st.integers(0, 600))] + draw(BIBTEX)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(BIBTEX, excerpts()))
def test_any_text_splits_as_bibtexparser_splits_it(text):
    assert blocks(text) == reference(text)
