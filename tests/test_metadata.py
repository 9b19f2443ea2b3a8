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
