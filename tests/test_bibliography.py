"""Reading BibTeX into the model: positions, raw text, and going on past errors."""

from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.fixtures.builders import hazardous_bibliography
from toolkit.bibliography import (load_bibliography, parse_bibliographies, parse_bibliography, set_members,
                                  strip_delimiters)
from toolkit.checks.bibliography import check_bibliography
from toolkit.confine import Refused

P = Path("bibliography/references.bib")

TEXT = """\
@string{tarih = {Tarih Dergisi}}
@comment{a comment block}
@preamble{"\\newcommand{\\noop}[1]{}"}

@article{kuru2001,
  author = {Kuru, Ali},
  title  = {{Ankara}–Moskova İlişkileri},
  journaltitle = tarih,
  year = 2001,
}

@book{broken,
  title = {Unclosed

@book{aydin1999,
  author = "Aydın, Mehmet",
  title = {Türk Dış Politikası},
  year = {1999},
}

@misc{kuru2001,
  title = {Again},
}
"""


def test_entries_with_positions_and_raw_text():
    bib = parse_bibliography(TEXT, P)
    assert [e.key for e in bib.entries] == ["kuru2001", "aydin1999"]
    kuru = bib.entries[0]
    assert kuru.type == "article" and kuru.position.line == 5 and kuru.position.column == 1
    assert kuru.fields["title"].value == "{Ankara}–Moskova İlişkileri"
    assert kuru.fields["title"].position.line == 7 and kuru.fields["title"].position.column == 3
    assert kuru.fields["journaltitle"].value == "Tarih Dergisi"  # @string macros are expanded
    assert kuru.fields["year"].value == "2001"
    assert kuru.raw.startswith("@article{kuru2001,") and kuru.raw.rstrip().endswith("}")
    assert bib.entries[1].fields["author"].value == "Aydın, Mehmet"


def test_string_comment_and_preamble_are_not_entries():
    keys = {e.key for e in parse_bibliography(TEXT, P).entries}
    assert keys == {"kuru2001", "aydin1999"}


def test_a_broken_block_is_a_failure_at_the_brace_never_closed_and_parsing_goes_on():
    bib = parse_bibliography(TEXT, P)
    (failure,) = bib.failures
    assert (failure.position.line, failure.position.column) == (13, 11)  # the { of `title = {Unclosed`
    assert "never closed" in failure.message and "Unexpected block start" in failure.message
    assert "aydin1999" in {e.key for e in bib.entries}


def test_an_entry_whose_start_a_broken_block_took_is_still_at_its_own_at():
    """`@string{jur` ends where `@book` begins, and its text runs to the end of `@book`;
    the entry is placed at its `@` (once at the start of its line: its place was looked
    for after the broken block's text, and not found)."""
    bib = parse_bibliography("@string{jur @book{a, title = {T}, year = {19x9}}\n", P)
    (failure,) = bib.failures
    assert (failure.position.line, failure.position.column) == (1, 1) and "found @book" in failure.message
    (entry,) = bib.entries
    assert (entry.position.line, entry.position.column) == (1, 13)
    assert (entry.fields["year"].position.line, entry.fields["year"].position.column) == (1, 35)


def test_duplicate_keys_are_kept_apart_with_their_own_position():
    bib = parse_bibliography(TEXT, P)
    (dup,) = bib.duplicates
    assert dup.key == "kuru2001" and dup.type == "misc" and dup.position.line == 21
    assert dup.fields["title"].position.line == 22


def test_strip_delimiters_removes_one_level_only():
    assert strip_delimiters("{{NATO} report}") == "{NATO} report"
    assert strip_delimiters('"quoted"') == "quoted"
    assert strip_delimiters("{a} # {b}") == "{a} # {b}"


def positions(bib):
    """(key, field or "@") -> (line, column) of every entry and field."""
    out = {}
    for entry in bib.entries:
        out[(entry.key, "@")] = (entry.position.line, entry.position.column)
        for name, field in entry.fields.items():
            if not field.inherited_from:
                out[(entry.key, name)] = (field.position.line, field.position.column)
    return out


def test_every_diagnostic_of_a_hazardous_bibliography_is_at_its_true_place():
    text, expected = hazardous_bibliography(70)
    found = sorted((d.code, d.line, d.column) for d in check_bibliography(parse_bibliography(text, P)))
    assert len(expected) == 70 * 3 + 10 + 10  # each entry 3, each Azerbaijani title 1, each broken block 1
    assert found == sorted(expected)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_control_space_at_a_line_end_shifts_nothing_after_it(newline):
    text = newline.join(["@book{a,", "  title = {One\\", "two\\", "three},", "\tyear = {2001},", "}", "",
                         "@book{b,", "  title = {T},", "}", ""])
    found = positions(parse_bibliography(text, P))
    assert found[("a", "year")] == (5, 2)  # after a tab: one column
    assert found[("b", "@")] == (8, 1) and found[("b", "title")] == (9, 3)


def test_fields_on_one_line_after_non_ascii_text_have_their_own_columns():
    text = "@book{ə, title = {Ədəbiyyat Şəki}, year = {2001}, note = {ğ}}\n"
    found = positions(parse_bibliography(text, P))
    line = text.splitlines()[0]
    assert found[("ə", "year")] == (1, line.index("year") + 1)
    assert found[("ə", "note")] == (1, line.index("note") + 1)


def test_an_extra_closing_brace_that_drops_fields_is_reported_at_that_brace():
    text = "@book{a,\n  title = {A}},\n  year = {2001},\n}\n@book{b, title={B}, year={2001}}\n"
    bib = parse_bibliography(text, P)
    (failure,) = bib.failures
    assert (failure.position.line, failure.position.column) == (2, 14)
    assert "closes it early" in failure.message
    assert [e.key for e in bib.entries] == ["a", "b"]


def test_a_stray_closing_brace_between_entries_is_reported_where_it_is():
    bib = parse_bibliography("@book{a, title={A}}\n\n  }\n@book{b, title={B}}\n", P)
    (failure,) = bib.failures
    assert (failure.position.line, failure.position.column) == (3, 3) and "closes nothing" in failure.message
    assert [e.key for e in bib.entries] == ["a", "b"]


def test_a_field_given_twice_keeps_the_first_and_is_reported_at_the_second():
    bib = parse_bibliography("@book{a,\n  title = {First},\n  title = {Second},\n}\n", P)
    (failure,) = bib.failures
    assert failure.code == "duplicate-field" and failure.position.line == 3
    assert bib.entries[0].fields["title"].value == "First"


def test_an_entry_without_a_key_is_reported_and_skipped():
    bib = parse_bibliography("@book{,\n  title = {T},\n}\n", P)
    assert bib.entries == () and "no key" in bib.failures[0].message


def test_several_files_are_one_source_macros_carry_over_and_duplicates_are_kept_apart():
    a, b = Path("bibliography/a.bib"), Path("bibliography/b.bib")
    bib = parse_bibliographies([(a, "@string{j = {Jurnal}}\n@book{x, title={X}}\n"),
                                (b, "@article{y, journal = j}\n\n@misc{x, title={Again}}\n")])
    assert bib.paths == (a, b) and bib.path == a
    assert [e.key for e in bib.entries] == ["x", "y"]
    assert bib.by_key()["y"].fields["journal"].value == "Jurnal"
    (dup,) = bib.duplicates
    assert dup.position == type(dup.position)(b, 3, 1)


def test_aliases_map_to_their_entries_unless_biber_would_skip_them():
    bib = parse_bibliography("@book{main, ids = {old, other, main}, title = {T}}\n"
                             "@book{other, ids = {old}, title = {U}}\n", P)
    assert bib.aliases == {"old": "main"}  # `other` is a key; `main` its own; `old` taken first
    assert bib.resolve("old") == "main" and bib.resolve("main") == "main" and bib.resolve("nosuch") is None


def test_a_set_takes_its_first_members_fields_and_lists_members_that_exist():
    bib = parse_bibliography("@set{s, entryset = {a, old, missing}, annotation = {Mine}}\n"
                             "@article{a, author = {A, B}, title = {T}, date = {2001}, annotation = {Theirs}}\n"
                             "@article{b, ids = {old}, title = {U}}\n", P)
    s = bib.by_key()["s"]
    assert s.fields["author"].value == "A, B" and s.fields["author"].inherited_from == "a"
    assert s.fields["annotation"].value == "Mine"  # never inherited (biber's set_inherit_from)
    assert "ids" not in s.fields
    assert set_members(bib) == {"s": ("a", "b")}


def test_a_file_that_is_not_utf8_is_read_and_the_bad_byte_located(tmp_path):
    folder = tmp_path / "bibliography"
    folder.mkdir()
    (folder / "a.bib").write_bytes("@book{a,\n  title = {Ba".encode() + b"\xe7" + b"},\n  year = {20O1},\n}\n")
    bib = load_bibliography(tmp_path, [Path("bibliography/a.bib")])
    (failure,) = bib.failures
    assert failure.code == "refused-source" and (failure.position.line, failure.position.column) == (2, 14)
    assert bib.entries[0].fields["year"].position.line == 3  # the rest is still read
    assert "not UTF-8" in failure.message


def test_a_bibliography_outside_the_project_is_refused(tmp_path):
    with pytest.raises(Refused):
        load_bibliography(tmp_path, [Path("../elsewhere.bib")])


@pytest.mark.parametrize("name", ["jabref.bib", "better-bibtex.bib", "biblatex-examples.bib"])
def test_real_tools_files_every_position_points_at_the_entry_or_field(name):
    """The '@' of each entry and the name of each field, in files as JabRef, Zotero
    Better BibTeX and biblatex's own examples write them."""
    text = (FIXTURES / "bibtex" / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    bib = parse_bibliography(text, P)
    assert not bib.failures and len(bib.entries) >= 2
    for entry in bib.entries:
        assert lines[entry.position.line - 1][entry.position.column - 1] == "@", entry.key
        for name_, field in entry.fields.items():
            if not field.inherited_from:
                assert lines[field.position.line - 1][field.position.column - 1:].lower().startswith(name_)
