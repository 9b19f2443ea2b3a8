from pathlib import Path

import pytest

from toolkit.errors import ProjectError
from toolkit.metadata import parse_metadata

GOOD = """\
title-status: working
authors: []
languages:
  az:
    title: Başlıq
    abstract: Xülasə mətni.
    keywords: [bir, iki]
  en:
    title: Title
    keywords: one, two
"""


def test_languages_keep_order_and_fields():
    meta = parse_metadata(GOOD)
    assert list(meta.languages) == ["az", "en"]
    assert meta.languages["az"].keywords == ("bir", "iki")
    assert meta.languages["en"].keywords == ("one", "two")
    assert meta.languages["en"].abstract == ""
    assert meta.title_status == "working" and meta.authors == ()
    assert meta.languages["az"].positions["title"].line == 5


def test_defaults():
    meta = parse_metadata("languages:\n  az:\n    title: X\n")
    assert meta.style == "numeric-alphabetical" and meta.bibliography == Path("bibliography/references.bib")
    assert meta.title_status == "final"


@pytest.mark.parametrize("text, line, words", [
    ("languages: [\n", 2, "not valid YAML"),
    ("title: X\n", 1, "unknown field 'title'"),
    ("authors: []\n", 1, "no 'languages'"),
    ("languages:\n  az:\n    titel: X\n", 3, "unknown field 'titel'"),
    ("title-status: maybe\nlanguages:\n  az: {title: X}\n", 1, "title-status"),
    ("languages:\n  az:\n    title: X\nauthors: Ali\n", 4, "'authors' must be a list"),
])
def test_bad_metadata_is_a_located_error(text, line, words):
    with pytest.raises(ProjectError) as caught:
        parse_metadata(text)
    assert words in caught.value.message
    assert caught.value.line == line


def test_bibliography_may_be_one_file_or_a_list_read_in_order():
    head = "languages:\n  en:\n    title: T\n"
    one = parse_metadata(head + "bibliography: refs/a.bib\n")
    assert one.bibliography == Path("refs/a.bib") and one.bibliographies == (Path("refs/a.bib"),)
    several = parse_metadata(head + "bibliography:\n  - refs/b.bib\n  - refs/a.bib\n")
    assert several.bibliographies == (Path("refs/b.bib"), Path("refs/a.bib"))
    assert several.bibliography == Path("refs/b.bib")
    assert parse_metadata(head).bibliographies == (Path("bibliography/references.bib"),)


@pytest.mark.parametrize("value, words", [("[]", "one or more files"), ("[a.bib, a.bib]", "a file twice"),
                                          ("[a.bib, [b.bib]]", "must be text")])
def test_a_bad_bibliography_list_is_a_located_error(value, words):
    with pytest.raises(ProjectError) as raised:
        parse_metadata(f"languages:\n  en:\n    title: T\nbibliography: {value}\n")
    assert words in raised.value.message and raised.value.line == 4
