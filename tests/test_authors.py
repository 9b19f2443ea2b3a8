"""A corresponding author, and every author's affiliation and ORCID iD, in every edition and in JATS."""

from __future__ import annotations

import docx
import pytest
from lxml import html

from tests.conftest import copy_project
from tests.writers.test_jats import validated
from toolkit.cli import main
from toolkit.project import load_project
from toolkit.styles import project_style
from toolkit.writers.jats import render_jats

ORCID = "https://orcid.org/0000-0002-1825-0097"
LABELS = {"az": "Müəlliflə əlaqə", "en": "Corresponding author"}


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    """The complete fixture, its author corresponding (with an ORCID iD and an e-mail), a second
    author without either; every edition in both languages."""
    root = copy_project("complete", tmp_path_factory.mktemp("authors"))
    meta = root / "manuscript/article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "    affiliation: Example University\n",
        "    affiliation: Example University\n    orcid: 0000-0002-1825-0097\n    email: leyla@example.org\n"
        "    corresponding: true\n  - name: Orxan Məmmədov\n    affiliation: Baku State University\n", 1),
        encoding="utf-8")
    formats = [arg for fmt in ("html", "pdf", "docx") for arg in ("--format", fmt)]
    assert main(["--project", str(root), "build", *formats]) == 0
    return root


@pytest.mark.parametrize("language", ["az", "en"])
def test_the_web_edition_marks_the_corresponding_author(article, language):
    page = html.fromstring((article / f"build/{language}/article.html").read_bytes())
    first, second = page.xpath("//header[@id='title-block-header']/p[@class='author']")
    assert first.xpath("sup[@class='corresponding-mark']/text()") == ["*"]
    assert first.xpath("a[@class='orcid']/@href") == [ORCID]
    assert "Example University" in first.text_content() and "Baku State University" in second.text_content()
    assert not second.xpath("sup") and not second.xpath("a")
    (note,) = page.xpath("//p[@class='corresponding']")
    assert " ".join(note.text_content().split()) == f"* {LABELS[language]}: leyla@example.org"
    assert note.xpath("a/@href") == ["mailto:leyla@example.org"]


def test_the_print_edition_shows_the_orcid_and_the_corresponding_author(article):
    from pdfminer.high_level import extract_text

    text = " ".join(extract_text(str(article / "build/en/article.pdf"), page_numbers=[0]).split())
    assert ORCID in text and "Corresponding author: leyla@example.org" in text


@pytest.mark.parametrize("language", ["az", "en"])
def test_the_word_edition_shows_affiliations_orcids_and_the_corresponding_author(article, language):
    document = docx.Document(str(article / f"build/{language}/article.docx"))
    authors = [p.text for p in document.paragraphs if p.style.name == "Author"]
    assert authors == [f"Leyla Həsənova*\nExample University\n{ORCID}", "Orxan Məmmədov\nBaku State University"]
    (note,) = [p for p in document.paragraphs if p.style.name == "Corresponding Author"]
    assert note.text == f"* {LABELS[language]}: leyla@example.org"
    links = {link.url for p in document.paragraphs for link in p.hyperlinks}
    assert {ORCID, "mailto:leyla@example.org"} <= links


def test_jats_marks_the_corresponding_author_and_is_valid(article):
    project = load_project(article)
    root = validated(render_jats(project, "en", project_style(project)))
    first, second = root.iter("contrib")
    assert first.get("corresp") == "yes" and second.get("corresp") is None
    (call,) = first.findall("xref[@ref-type='corresp']")
    (corresp,) = root.findall(".//author-notes/corresp")
    assert corresp.get("id") == call.get("rid")
    assert "".join(corresp.itertext()) == "*Corresponding author: leyla@example.org"
    assert corresp.findtext("label") == "*" and corresp.findtext("email") == "leyla@example.org"
    assert first.findtext("contrib-id[@contrib-id-type='orcid']") == ORCID
