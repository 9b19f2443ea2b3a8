"""The Word reader of `toolkit import`, on Word files made by make_fixtures.py beside them
(pandoc and python-docx; Zotero and Mendeley fields citing the shipped references)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from lxml import etree

from toolkit.diagnostics import Severity
from toolkit.importing.article import ImportedArticle
from toolkit.importing.docx import read_docx
from toolkit.importing.docx_package import read_package
from toolkit.importing.report import GUESSED, MAPPED, NOT_KEPT, ImportFailed

FIXTURES = Path(__file__).parent.parent / "fixtures" / "importing" / "docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def zotero() -> ImportedArticle:
    return read_docx(FIXTURES / "zotero.docx")


@pytest.fixture(scope="module")
def azerbaijani() -> ImportedArticle:
    return read_docx(FIXTURES / "azerbaijani.docx")


@pytest.fixture(scope="module")
def review() -> ImportedArticle:
    return read_docx(FIXTURES / "review.docx")


def section(article: ImportedArticle, slug: str) -> str:
    return next(s.markdown for s in article.sections if s.slug == slug)


def messages(article: ImportedArticle, code: str) -> list[str]:
    return [d.message for d in article.report if d.code == code]


# --- sections and their content ------------------------------------------------------------------------------

def test_sections_split_at_top_level_headings(zotero):
    assert [s.slug for s in zotero.sections] == ["introduction", "relations-in-1939-1945", "data", "conclusion"]
    for s in zotero.sections:
        assert s.markdown.startswith("# ")
    assert section(zotero, "relations-in-1939-1945").startswith("# Relations in 1939–1945 {#relations-in-1939-1945}")
    # the empty "References" heading and the list Zotero wrote under it are left out, and said so
    assert not any("References" in s.markdown for s in zotero.sections)
    assert any("empty heading (paragraph 26) “References”" in m for m in messages(zotero, MAPPED))
    assert any("ADDIN ZOTERO_BIBL" in m and "paragraph 27" in m for m in messages(zotero, MAPPED))


def test_zotero_fields_become_citations_and_a_bibliography(zotero):
    assert section(zotero, "introduction").count("[@ref1]") == 1  # with the item's citation key
    assert "[@item-102]" in section(zotero, "relations-in-1939-1945")  # keyed by its item id
    assert "[@ref4]" in section(zotero, "relations-in-1939-1945")
    bib = zotero.bibliography["references.bib"].decode("utf-8")
    assert re.findall(r"@(\w+)\{([^,]+),", bib) == [("misc", "ref1"), ("misc", "item-102"), ("misc", "ref4")]
    assert "Cited in the source as {[}1{]}" in bib
    assert any("item '101' cited as [@ref1] (the key from its citation key)" in m for m in messages(zotero, MAPPED))


def test_mendeley_fields_keep_two_works_with_one_item_id_apart():
    article = read_docx(FIXTURES / "mendeley.docx")
    text = section(article, "conclusion")
    bib = article.bibliography["references.bib"].decode("utf-8")
    keys = re.findall(r"@misc\{([^,]+),", bib)
    assert len(keys) == 2  # ref1 cited twice, as ITEM-1 and as ITEM-2; ref4 as ITEM-1
    notes = dict(re.findall(r"@misc\{([^,]+),\s*note = \{Cited in the source as \{\[\}(\d)", bib))
    one, four = next(k for k, n in notes.items() if n == "1"), next(k for k, n in notes.items() if n == "4")
    assert f"influence. [@{one}]" in text
    assert f"foreign policy. [@{four}; @{one}]" in text


def test_footnote_is_kept_with_a_label_unique_to_its_section(zotero):
    intro = section(zotero, "introduction")
    assert "even closer. [^introduction-1]" in intro
    assert "[^introduction-1]: A footnote of the Word file, with $x^{2}$ in it." in intro


def test_table_math_and_figure(zotero):
    data = section(zotero, "data")
    assert "| Part | Kind  |\n|------|-------|\n| one  | table |\n| two  | image |" in data
    assert ": Parts of the Word file" in data
    assert "$\\frac{a}{b}$" in data and "$$T = E + I$$" in data  # OMML read as TeX
    assert "![A red square of four pixels](../../figures/figure-1.png){width=\"0.1cm\"}" in data
    with zipfile.ZipFile(FIXTURES / "zotero.docx") as archive:
        media = [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]
    assert list(zotero.files) == ["figures/figure-1.png"]
    assert zotero.files["figures/figure-1.png"] in media


def test_quotation_styles_become_quotation_divs(zotero, azerbaijani):
    relations = section(zotero, "relations-in-1939-1945")
    assert "::: {#q-despite-the-reports-circulating .quotation}\n> “Despite the reports" in relations
    assert "::: {#q-no-territory-or-base .quotation}\n> “No territory" in relations  # Intense Quote
    assert "either” [@ref4]\n:::" in relations
    found = messages(zotero, MAPPED)
    assert any(m.startswith("paragraph 10 in the Word style “Quote”") for m in found)
    assert any(m.startswith("paragraph 11 in the Word style “Intense Quote”") for m in found)
    quoted = section(azerbaijani, "1939-1945-dovru-turk-rus-munasibetleri")  # Block Text
    assert "::: {#q-son-gunler-dolasan-gizli .quotation}\n> “Son günlər" in quoted
    assert "yoxdur” [@item-102]\n:::" in quoted


def test_metadata_from_styles_and_core_properties(zotero):
    assert zotero.title == "Turkish–Soviet Relations, 1923–1946"
    assert zotero.subtitle == "A Word file for the import tests"
    assert [a.name for a in zotero.authors] == ["Test Author"]
    assert zotero.abstract.startswith("After the collapse of the Ottoman Empire")
    assert zotero.keywords == ["Turkey", "Soviet Union", "diplomatic relations"]
    assert zotero.language == "en"
    found = messages(zotero, MAPPED)
    assert "title from the paragraph in the Word style Title" in found
    assert "3 keyword(s) from the document properties (docProps/core.xml)" in found
    assert "language en from the document properties (en-GB)" in found


# --- Azerbaijani ---------------------------------------------------------------------------------------------

def test_azerbaijani_file(azerbaijani):
    assert azerbaijani.language == "az"
    assert "language az from the default language of the styles (az-Latn-AZ)" in messages(azerbaijani, MAPPED)
    assert azerbaijani.title == "Türkiyə–Sovet İttifaqı münasibətləri (1923–1946)"
    assert [s.slug for s in azerbaijani.sections] == ["giris", "1939-1945-dovru-turk-rus-munasibetleri"]
    assert section(azerbaijani, "giris").startswith("# Giriş {#giris}\n\nTürkiyə–Rusiya münasibətləri")


def test_language_guessed_from_the_letters_when_the_file_does_not_say(tmp_path):
    document = docx.Document(str(FIXTURES / "azerbaijani.docx"))
    for lang in list(document.styles.element.iter(f"{W}lang")):
        lang.getparent().remove(lang)
    document.save(str(tmp_path / "plain.docx"))
    article = read_docx(tmp_path / "plain.docx")
    assert article.language == "az"
    guesses = [d for d in article.report if d.code == GUESSED]
    assert any("language az guessed from the letters of the text" in d.message for d in guesses)
    assert all(d.severity is Severity.WARNING for d in guesses)


# --- tracked changes, comments, what cannot be kept ------------------------------------------------------------

def test_tracked_changes_accepted(review):
    text = section(review, "conclusion")
    assert "influence. Both periods were examined." in text
    assert "Withdrawn" not in text
    assert "tracked changes accepted: 1 insertion(s), 1 deletion(s)" in messages(review, MAPPED)


def test_comment_and_text_box_reported_at_their_paragraph(review):
    comment = next(d for d in review.report if d.message.startswith("comment by Reviewer"))
    assert (comment.code, comment.line, comment.severity) == (NOT_KEPT, 2, Severity.WARNING)
    assert "on paragraph 2 (“During 1927–1936, relations between Turkey and …”)" in comment.message
    assert "“Check this paragraph against the source.”" in comment.message
    box = next(d for d in review.report if "text box" in d.message)
    assert (box.code, box.line) == (NOT_KEPT, 3)
    assert box.message == "a text box in paragraph 3 is not imported: “Boxed aside words.”"
    assert "Boxed" not in section(review, "conclusion")
    assert all(d.path == FIXTURES / "review.docx" for d in review.report)


def test_no_language_anywhere_is_assumed_english(review):
    assert review.language == "en"
    assert any(m.startswith("language en assumed") for m in messages(review, GUESSED))


# --- no word lost --------------------------------------------------------------------------------------------

def _word_file_words(path: Path) -> Counter:
    """The words of the body and the notes as Word shows them with changes accepted (letters only:
    a citation field's shown "[1]" becomes a citation)."""
    found: Counter = Counter()
    with zipfile.ZipFile(path) as archive:
        for part in ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml"):
            if part in archive.namelist():
                for t in etree.fromstring(archive.read(part)).iter(f"{W}t"):
                    found.update(w.lower() for w in re.findall(r"[^\W\d_]+", t.text or ""))
    return found


def _imported_words(article: ImportedArticle) -> Counter:
    text = "\n".join([article.title, article.subtitle, article.abstract, *article.keywords,
                      *(a.name for a in article.authors), *(s.markdown for s in article.sections),
                      *(b.decode("utf-8") for b in article.bibliography.values()),
                      *(d.message for d in article.report)])
    return Counter(w.lower() for w in re.findall(r"[^\W\d_]+", text))


@pytest.mark.parametrize("name", ["zotero", "azerbaijani", "mendeley", "review"])
def test_every_word_of_the_word_file_is_imported_or_reported(name):
    path = FIXTURES / f"{name}.docx"
    article = read_docx(path)
    assert not _word_file_words(path) - _imported_words(article)
    assert not [d for d in article.report if d.message.startswith("words of")]  # the reader's own check agrees


def test_words_pandoc_did_not_give_are_reported():
    from toolkit.importing.docx import _words_lost

    package = read_package(FIXTURES / "review.docx")
    article = ImportedArticle(language="en")  # as if the conclusion had been dropped
    lost = _words_lost(package, article, FIXTURES / "review.docx")
    assert [(d.line, d.code) for d in lost] == [(1, NOT_KEPT), (2, NOT_KEPT), (3, NOT_KEPT), (4, NOT_KEPT)]
    assert lost[0].message == "words of paragraph 1 are not in the import: conclusion"


# --- bad input -----------------------------------------------------------------------------------------------

def test_a_file_that_is_not_a_word_file_fails_located(tmp_path):
    text = tmp_path / "notes.docx"
    text.write_text("plain text", encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        read_docx(text)
    assert failure.value.diagnostics[0].path == text
    assert "not a Word (.docx) file" in failure.value.diagnostics[0].message
    archive = tmp_path / "other.docx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("content.xml", "<x/>")
    with pytest.raises(ImportFailed, match="no word/document.xml"):
        read_docx(archive)


# --- the files themselves ------------------------------------------------------------------------------------

@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
@pytest.mark.parametrize("name", ["zotero", "azerbaijani", "mendeley", "review"])
def test_fixture_opens_in_libreoffice(name, tmp_path):
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(FIXTURES / f"{name}.docx")], check=True, timeout=120, capture_output=True)
    assert (tmp_path / f"{name}.pdf").stat().st_size > 0


def test_fixtures_open_in_python_docx():
    for name in ("zotero", "azerbaijani", "mendeley", "review"):
        assert docx.Document(str(FIXTURES / f"{name}.docx")).paragraphs


# --- end to end ----------------------------------------------------------------------------------------------

def test_import_check_and_build(tmp_path, run_cli):
    target = tmp_path / "article"
    code, out, err = run_cli("import", FIXTURES / "zotero.docx", target)
    assert code == 0, out + err
    assert "a text box" not in out and "comment by" not in out
    assert "made quotation #q-despite-the-reports-circulating" in out
    assert (target / "figures" / "figure-1.png").is_file()
    assert "@misc{ref1," in (target / "bibliography" / "references.bib").read_text(encoding="utf-8")
    code, out, err = run_cli("check", "--project", target)
    assert code == 0, out + err
    code, out, err = run_cli("build", "--format", "html", "--project", target)
    assert code == 0, out + err
    html = (target / "build" / "en" / "article.html").read_text(encoding="utf-8")
    assert "Despite the reports circulating" in html and "<math" in html and "figure-1" not in html  # embedded
