"""Turkish and Russian at work: the fixture articles built in every format, their
editions generating every heading and label in the edition's language.

tests/fixtures/turkish is an English original with a Turkish translation,
tests/fixtures/russian an Azerbaijani original with a Russian translation: two
passages of the shipped article each, its quotations and its bibliography.
Only the other language's abstract and keywords, which every edition prints
in their own language, may carry English (or Azerbaijani) labels.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from lxml import etree

from .conftest import copy_project

NBSP = "\u00a0"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# what an English edition generates: none of it may appear in a Turkish or Russian one
ENGLISH = ("References", "Contents", "Here and below", "bibliographic details incomplete", "original language",
           "Link to this section", "Back to citation", "This article in another language", "Figure", "Table")
EXPECTED = {
    ("turkish", "tr"): {
        "labels": ("Kaynakça", "Özet.", "Anahtar kelimeler:", "kaynak bilgileri eksik",
                   "alıntılar Azerbaycanca metinden çevrilmiştir", "özgün metinlerin dilleri: Rusça, Türkçe"),
        "headings": ("1941 Ortak Notası", "1925 Antlaşmasının Feshi", "Kaynakça"),
        "date": f"19{NBSP}Mart{NBSP}1945",
        "other": ("Abstract.", "Keywords:"),
    },
    ("russian", "ru"): {
        "labels": ("Список литературы", "Аннотация.", "Ключевые слова:", "библиографическое описание неполное",
                   "цитаты в переводе; язык источника: азербайджанский", "языки оригиналов: русский, турецкий"),
        "headings": ("Совместная нота 1941 года", "Расторжение пакта 1925 года", "Список литературы"),
        "date": f"19{NBSP}марта{NBSP}1945{NBSP}г.",
        "other": ("Xülasə.", "Açar sözlər:"),
    },
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from toolkit.cli import main

    roots = {}
    for name in ("turkish", "russian"):
        root = copy_project(name, tmp_path_factory.mktemp(name))
        # the Soviet note of 19 March 1945 (manuscript/TRANSLATION.md) dated, so the editions write a
        # date of their own: the other dated quotation's lead-in says its date, so none is printed under it
        for section in root.glob("manuscript/*/02-denunciation.md"):
            text = section.read_text(encoding="utf-8")
            section.write_text(text.replace("{#q-soviet-note-1925-treaty .quotation ",
                                            '{#q-soviet-note-1925-treaty .quotation date="1945-03-19" '),
                               encoding="utf-8")
        formats = [arg for fmt in ("html", "pdf", "docx", "jats") for arg in ("--format", fmt)]
        assert main(["--project", str(root), "build", *formats]) == 0
        roots[name] = root
    return roots


def _html_text(path) -> str:
    import lxml.html

    page = lxml.html.parse(str(path)).getroot()
    for other in page.xpath('//*[contains(concat(" ", @class, " "), " other-language ")]'):
        other.drop_tree()  # the original's abstract and keywords, in the original's language
    return page.text_content()


def _pdf_text(path) -> str:
    from pdfminer.high_level import extract_text

    text = unicodedata.normalize("NFC", extract_text(str(path)))
    return re.sub(r"[\u2010-](?:\n)", "", text)  # a word hyphenated at a line's end, joined


def _docx_text(path) -> str:
    """The Word edition's paragraphs, then its footnotes' (a translated quotation's note is one)."""
    from docx import Document

    document = Document(str(path))
    notes = [part for part in document.part.package.parts if part.partname.endswith("/footnotes.xml")]
    texts = ["".join(t.text or "" for t in paragraph.iter(f"{W}t"))
             for part in notes for paragraph in etree.fromstring(part.blob).iter(f"{W}p")]
    return "\n".join([p.text for p in document.paragraphs] + texts)


def _only_in_other_language(text: str, other: tuple[str, ...]) -> str:
    """The text without the other language's abstract and keywords (one block, printed once)."""
    for label in other:
        assert text.count(label) <= 1, label
    return text


@pytest.mark.parametrize("name, language", list(EXPECTED))
def test_every_format_is_built(built, name, language):
    for fmt in ("html", "pdf", "docx", "jats.xml"):
        assert (built[name] / "build" / language / f"article.{fmt}").stat().st_size > 1000


@pytest.mark.parametrize("name, language", list(EXPECTED))
def test_the_web_edition_speaks_the_editions_language(built, name, language):
    path = built[name] / "build" / language / "article.html"
    html = path.read_text(encoding="utf-8")
    expected = EXPECTED[name, language]
    assert f'<html lang="{language}"' in html
    assert f'property="og:locale" content="{language}_{language.upper()}"' in html
    for heading in expected["headings"]:
        assert re.search(rf"<h[1-4][^>]*>{re.escape(heading)}", html), heading
    text = _html_text(path)
    for label in expected["labels"]:
        assert label in text, label
    assert expected["date"] in text
    for word in (*ENGLISH, "Abstract", "Keywords"):
        assert word not in text, word


@pytest.mark.parametrize("name, language", list(EXPECTED))
def test_the_print_edition_speaks_the_editions_language(built, name, language):
    text = _pdf_text(built[name] / "build" / language / "article.pdf")
    expected = EXPECTED[name, language]
    for label in (*expected["headings"], *expected["labels"]):
        assert " ".join(label.split()) in " ".join(text.split()), label
    assert " ".join(expected["date"].split(NBSP)) in " ".join(text.replace(NBSP, " ").split())
    text = _only_in_other_language(text, expected["other"])
    for word in ENGLISH:
        assert word not in text, word


@pytest.mark.parametrize("name, language", list(EXPECTED))
def test_the_word_edition_speaks_the_editions_language(built, name, language):
    text = _docx_text(built[name] / "build" / language / "article.docx")
    expected = EXPECTED[name, language]
    for label in (*expected["headings"], *expected["labels"]):
        assert label in text, label
    assert expected["date"] in text
    text = _only_in_other_language(text, expected["other"])
    for word in ENGLISH:
        assert word not in text, word


@pytest.mark.parametrize("name, language", list(EXPECTED))
def test_the_jats_reference_list_has_the_editions_heading(built, name, language):
    xml = (built[name] / "build" / language / "article.jats.xml").read_text(encoding="utf-8")
    assert f'xml:lang="{language}"' in xml
    assert f"<title>{EXPECTED[name, language]['headings'][-1]}</title>" in xml
    assert "<title>References</title>" not in xml


def test_the_original_editions_keep_their_own_labels(built):
    english = _html_text(built["turkish"] / "build" / "en" / "article.html")
    assert "References" in english and "quotations are translated from the Azerbaijani text" in english
    azerbaijani = _html_text(built["russian"] / "build" / "az" / "article.html")
    assert "Ədəbiyyat" in azerbaijani and f"10{NBSP}avqust{NBSP}1941" in azerbaijani
