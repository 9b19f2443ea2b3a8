"""Citations of `ids` aliases reach the engines as their entries' keys."""

from __future__ import annotations

from pathlib import Path

from toolkit.aliases import text_with_main_keys, with_main_keys
from toolkit.bibliography import parse_bibliography
from toolkit.manuscript import parse_section
from toolkit.model import Manuscript

BIB = parse_bibliography("@misc{main, ids = {old, older}, title = {T}}\n@misc{other, title = {U}}\n", Path("x.bib"))
TEXT = ("# A\n\nAs shown [@old, p. 3; @other] and by @{older} [-@old].\n\n"
        "Code `@old` and an e-mail old@old.org stay; so does [@other].\n")


def manuscript(text: str) -> Manuscript:
    section = parse_section(text, Path("manuscript/en/01.md"))
    return with_main_keys(Manuscript("en", Path("manuscript/en"), (section,)), BIB)


def test_citations_carry_the_entry_key_and_the_alias_as_written():
    cited = [(c.key, c.alias) for c in manuscript(TEXT).citations]
    assert cited == [("main", "old"), ("other", ""), ("main", "older"), ("main", "old"), ("other", "")]


def test_the_markdown_pandoc_gets_names_the_entry_key_at_each_alias_and_nowhere_else():
    (section,) = manuscript(TEXT).sections
    assert text_with_main_keys(section) == (
        "# A\n\nAs shown [@main, p. 3; @other] and by @{main} [-@main].\n\n"
        "Code `@old` and an e-mail old@old.org stay; so does [@other].\n")


def test_without_aliases_nothing_changes():
    bib = parse_bibliography("@misc{main, title = {T}}\n", Path("x.bib"))
    section = parse_section(TEXT, Path("manuscript/en/01.md"))
    same = with_main_keys(Manuscript("en", Path("manuscript/en"), (section,)), bib)
    assert text_with_main_keys(same.sections[0]) == TEXT
