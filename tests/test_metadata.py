import re
from pathlib import Path

import pytest

from toolkit.errors import ProjectError
from toolkit.labels import labels
from toolkit.metadata import MetadataError, parse_metadata
from toolkit.metadata_schema import ARTICLE, table

README = Path(__file__).parent.parent / "README.md"
FIXTURES = Path(__file__).parent / "fixtures"

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

EVERY_KEY = """\
title-status: final
authors:
  - name: Ada Yılmaz
    affiliation: Baku State University
    orcid: 0000-0000-0000-0000
    email: ada@example.org
  - Ali Veli
style: ieee
bibliography: [refs/a.bib, refs/b.bib]
journal: Journal
date: 2026-11-25
languages:
  az:
    title: Başlıq
    short-title: Qısa
    abstract: Xülasə.
    keywords: [bir]
    labels:
      references: Mənbələr
  en:
    title: Title
    abstract: Abstract.
    keywords: one
    notes:
      keywords: Translated.
"""


def problems(text):
    return [(d.line, d.column, d.code, d.message) for d in parse_metadata(text).problems]


def test_languages_keep_order_and_fields():
    meta = parse_metadata(GOOD)
    assert list(meta.languages) == ["az", "en"]
    assert meta.languages["az"].keywords == ("bir", "iki")
    assert meta.languages["en"].keywords == ("one", "two")
    assert meta.languages["en"].abstract == ""
    assert meta.title_status == "working" and meta.authors == ()
    assert meta.languages["az"].positions["title"].line == 5
    assert meta.problems == ()


def test_defaults():
    meta = parse_metadata("languages:\n  az:\n    title: X\n")
    assert meta.style == "numeric-alphabetical" and meta.bibliography == Path("bibliography/references.bib")
    assert meta.title_status == "final"
    assert meta.languages["az"].labels == {} and meta.languages["az"].notes == {}


def test_every_key_of_the_schema_is_read():
    meta = parse_metadata(EVERY_KEY)
    assert meta.problems == ()
    assert [a.name for a in meta.authors] == ["Ada Yılmaz", "Ali Veli"]
    assert meta.authors[0].email == "ada@example.org" and meta.authors[0].orcid == "0000-0000-0000-0000"
    assert meta.bibliographies == (Path("refs/a.bib"), Path("refs/b.bib"))
    assert (meta.style, meta.journal, meta.date) == ("ieee", "Journal", "2026-11-25")
    assert meta.languages["az"].short_title == "Qısa"
    assert meta.languages["az"].labels == {"references": "Mənbələr"}
    assert meta.languages["en"].notes == {"keywords": "Translated."}


@pytest.mark.parametrize("article", sorted(FIXTURES.glob("*/manuscript/article.yaml")) + [README.parent / "manuscript/article.yaml"],
                         ids=lambda p: p.parent.parent.name)
def test_every_shipped_article_yaml_is_valid(article):
    assert parse_metadata(article.read_text(encoding="utf-8")).problems == ()


@pytest.mark.parametrize("text, line, words", [
    ("languages: [\n", 2, "not valid YAML"),
    ("- languages\n", 1, "must be a mapping"),
    ("", 1, "empty"),
])
def test_unreadable_metadata_is_a_located_error(text, line, words):
    with pytest.raises(ProjectError) as caught:
        parse_metadata(text)
    assert words in caught.value.message
    assert caught.value.line == line


@pytest.mark.parametrize("text, where, words, code", [
    ("autors: []\nlanguages:\n  az: {title: X}\n", (1, 1), "unknown key 'autors' in the article metadata; "
     "did you mean 'authors'?", "unknown-metadata-key"),
    ("languages:\n  az:\n    titel: X\n", (3, 5), "unknown key 'titel' in language 'az'; did you mean 'title'?",
     "unknown-metadata-key"),
    ("languages:\n  en:\n    keyword: [a]\n", (3, 5), "did you mean 'keywords'?", "unknown-metadata-key"),
    ("authors:\n  - name: A\n    afiliation: B\nlanguages:\n  az: {title: X}\n", (3, 5),
     "unknown key 'afiliation' in 'authors' item 1; did you mean 'affiliation'?", "unknown-metadata-key"),
    ("languages:\n  en:\n    notes: {keyword: x}\n", (3, 13),
     "unknown note name 'keyword' in 'notes' of language 'en'; did you mean 'keywords'?", "unknown-note-name"),
    ("title-status: maybe\nlanguages:\n  az: {title: X}\n", (1, 15), "'title-status' must be final or working, not 'maybe'",
     "metadata-value"),
    ("languages:\n  az:\n    title: X\nauthors: Ali\n", (4, 10), "'authors' must be a list", "metadata-type"),
    ("languages:\n  az:\n    title: [X]\n", (3, 12), "'title' of language 'az' must be text", "metadata-type"),
    ("languages:\n  az:\n    title: X\ndate: 25.11.2026\n", (4, 7), "'date' must be an ISO 8601 date", "metadata-value"),
    ("style: a\nstyle: b\nlanguages:\n  az: {title: X}\n", (2, 1), "'style' is given twice", "duplicate-metadata-key"),
])
def test_a_problem_is_located_and_reading_goes_on(text, where, words, code):
    (found,) = problems(text)
    assert found[:2] == where and found[2] == code
    assert words in found[3]


def test_a_language_tag_must_be_bcp47_and_a_name_suggests_its_tag():
    meta = parse_metadata("languages:\n  az: {title: X}\n  english: {title: Y}\n  az-Latn-AZ: {title: Z}\n")
    assert list(meta.languages) == ["az", "az-Latn-AZ"]
    ((line, column, code, message),) = problems("languages:\n  az: {title: X}\n  english: {title: Y}\n")
    assert (line, column, code) == (3, 3, "language-tag")
    assert "'english' is not a BCP 47 language tag; did you mean 'en'?" in message


def test_the_block_of_a_language_that_is_not_a_tag_is_checked_too():
    found = problems("languages:\n  az: {title: X}\n  english:\n    title: Y\n    keyword: [a]\n")
    assert [(line, code) for line, _, code, _ in sorted(found)] == [(3, "language-tag"), (5, "unknown-metadata-key")]
    assert "did you mean 'keywords'?" in sorted(found)[1][3]


def test_labels_are_kept_per_language():
    meta = parse_metadata("languages:\n  tr:\n    title: X\n    labels:\n      references: Kaynakça\n"
                          "      abstract: Özet\n")
    assert meta.languages["tr"].labels == {"references": "Kaynakça", "abstract": "Özet"}
    assert meta.languages["tr"].positions["labels"].line == 4


def test_an_unknown_label_name_suggests_the_closest():
    assert "references" in labels("en")
    ((line, column, code, message),) = problems("languages:\n  tr:\n    labels:\n      refrences: Kaynakça\n")
    assert (line, column, code) == (4, 7, "unknown-label-name")
    assert "unknown label name 'refrences'" in message and "did you mean 'references'?" in message


def test_a_label_must_be_text():
    ((line, _, code, message),) = problems("languages:\n  tr:\n    labels:\n      references: [a, b]\n")
    assert (line, code) == (4, "metadata-type") and "'references'" in message and "must be text" in message


def test_every_problem_in_the_file_is_reported_at_once():
    text = ("autors: []\ntitle-status: maybe\nlanguages:\n  en:\n    keyword: [a]\n    labels: {abstrct: A}\n"
            "  english: {title: Y}\n")
    found = problems(text)
    assert [(line, code) for line, _, code, _ in sorted(found)] == [
        (1, "unknown-metadata-key"), (2, "metadata-value"), (5, "unknown-metadata-key"), (6, "unknown-label-name"), (7, "language-tag")]


def test_without_a_language_every_problem_is_still_listed():
    with pytest.raises(MetadataError) as caught:
        parse_metadata("autors: []\nlanguages:\n  english: {title: Y}\n")
    lines = caught.value.format().splitlines()
    assert re.match(r"manuscript/article\.yaml:1:1: error: unknown key 'autors'.*\[unknown-metadata-key\]", lines[0])
    assert any(re.match(r"manuscript/article\.yaml:3:3: error: language 'english'.*\[language-tag\]", line)
               for line in lines)
    with pytest.raises(MetadataError) as caught:
        parse_metadata("authors: []\n")
    assert "no 'languages' given" in caught.value.message and caught.value.line == 1
    assert "one block per language" in caught.value.hint  # the hint is the schema's help


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
    meta = parse_metadata(f"languages:\n  en:\n    title: T\nbibliography: {value}\n")
    (problem,) = meta.problems
    assert words in problem.message and problem.line == 4
    assert meta.bibliographies == (Path("bibliography/references.bib"),)


def test_readme_table_is_the_schemas():
    """README's table of article.yaml keys is printed by `python -m toolkit.metadata_schema`."""
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- metadata-schema: start -->\n", "<!-- metadata-schema: end -->"
    assert start in text and end in text
    assert text.split(start, 1)[1].split(end, 1)[0].strip("\n") + "\n" == table()
    assert all(f"| `{key.name}` |" in table() for key in ARTICLE.keys)
