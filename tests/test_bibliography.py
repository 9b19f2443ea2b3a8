"""Reading BibTeX into the model: positions, raw text, and going on past errors."""

from pathlib import Path

from toolkit.bibliography import parse_bibliography, strip_delimiters

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


def test_a_broken_block_is_a_failure_and_parsing_goes_on():
    bib = parse_bibliography(TEXT, P)
    (failure,) = bib.failures
    assert failure.position.line == 12
    assert "Unexpected block start" in failure.message
    assert "aydin1999" in {e.key for e in bib.entries}


def test_duplicate_keys_are_kept_apart_with_their_own_position():
    bib = parse_bibliography(TEXT, P)
    (dup,) = bib.duplicates
    assert dup.key == "kuru2001" and dup.type == "misc" and dup.position.line == 21
    assert dup.fields["title"].position.line == 22


def test_strip_delimiters_removes_one_level_only():
    assert strip_delimiters("{{NATO} report}") == "{NATO} report"
    assert strip_delimiters('"quoted"') == "quoted"
    assert strip_delimiters("{a} # {b}") == "{a} # {b}"
