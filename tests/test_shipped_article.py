"""The shipped article: faithful to the received text, checked, built."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from toolkit.checks import run_checks
from toolkit.project import load_project

REPO = Path(__file__).parent.parent
SOURCE = REPO / "manuscript" / "received" / "000_71e2d387e2ba7e8d.txt"
CORRECTIONS = REPO / "manuscript" / "CORRECTIONS.md"


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    root = tmp_path_factory.mktemp("article")
    for part in ("manuscript", "bibliography"):
        shutil.copytree(REPO / part, root / part)
    return root


@pytest.fixture(scope="module")
def built(article):
    from toolkit.cli import main

    assert main(["--project", str(article), "build", "--format", "html", "--format", "pdf"]) == 0
    return article


def pdf_lines(path: Path) -> list[str]:
    from pdfminer.high_level import extract_text

    # body lines only: page numbers and running heads (here the title: the
    # article has no authors yet) may come between a hyphenated word's halves
    titles = {meta.title for meta in load_project(REPO).metadata.languages.values()}
    lines = [line.strip("\x0c").strip() for line in extract_text(str(path)).splitlines()]
    return [line for line in lines if line and not line.isdigit() and line not in titles]


@pytest.mark.parametrize("language", ["az", "en"])
def test_pdf_hyphenates_line_ends(built, language):
    """Azerbaijani with the toolkit's patterns, English with Pyphen's dictionary."""
    ends = [line for line in pdf_lines(built / f"build/{language}/article.pdf") if line.endswith("\u2010")]
    assert len(ends) >= 5, ends


@pytest.mark.parametrize("language", ["az", "en"])
def test_pdf_text_is_the_manuscript_text_in_the_text_face(built, article, language):
    """Every word of the sections comes out of the PDF as written, and only the
    embedded text face is used: no letter fell back to another font or a box."""
    import pikepdf

    lines = pdf_lines(built / f"build/{language}/article.pdf")
    text = ""
    for line in lines:
        text += line[:-1] if line.endswith("\u2010") else line + " "
    printed = set(re.findall(r"\w+", text))
    project = load_project(article)
    for section in project.manuscripts[language].sections:
        for paragraph in section.paragraphs:
            words = set(re.findall(r"\w+", re.sub(r"\[@[^\]]*\]|\{[^}]*\}", " ", paragraph.text)))
            assert words <= printed, sorted(words - printed)
    with pikepdf.open(built / f"build/{language}/article.pdf") as pdf:
        fonts = {str(font.BaseFont).split("+")[-1] for page in pdf.pages
                 for font in page.Resources.Font.values()}
        assert fonts and all(name.startswith("/Charis-SIL") or name.startswith("Charis-SIL") for name in fonts), fonts


def corrections() -> list[tuple[str, str]]:
    """(original, correction) pairs from the table in CORRECTIONS.md."""
    rows = []
    for line in CORRECTIONS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[1] and not set(cells[1]) <= set("-: ") and cells[1] != "Original":
            rows.append(tuple(c.strip("`") for c in cells[1:3]))
    return rows


def source_words() -> list[str]:
    """The received text's words in order: lines joined, corrections applied, citations as tokens."""
    lines = [l.strip() for l in SOURCE.read_text(encoding="utf-8").splitlines() if l.strip()]
    text = " ".join(lines)
    for original, correction in corrections():
        assert text.count(original) == 1, f"correction original not found once: {original!r}"
        text = text.replace(original, correction)
    text = re.sub(r"\[(\d+)\]", lambda m: f" CITE_ref{m.group(1)} ", text)
    return re.findall(r"\w+", text)


def html_words(html: str) -> tuple[list[str], list[str]]:
    """The edition's words with generated parts removed; and the other-language keywords."""
    tree = lxml.html.fromstring(html)
    for xpath in ('//header[@id="title-block-header"]', '//nav[@id="TOC"]', '//nav[contains(@class, "language-switch")]', '//*[@id="refs"]',
                  '//h1[@id="references"]', '//div[contains(@class, "quotation-source")]', '//script',
                  '//style', '//*[contains(@class, "backlinks")]'):
        for node in tree.xpath(xpath):
            node.drop_tree()
    for span in tree.xpath('//span[contains(@class, "citation")]'):
        tokens = " ".join(f"CITE_{key}" for key in span.get("data-cites").split())
        tail = span.tail
        span.clear()  # also drops the tail: put it back
        span.text, span.tail = f" {tokens} ", tail
    other_keywords = []
    for div in tree.xpath('//div[contains(@class, "other-language")]//div[contains(@class, "keywords")]'):
        other_keywords = re.findall(r"\w+", div.text_content())
        div.drop_tree()
    return re.findall(r"\w+", tree.xpath("//body")[0].text_content()), other_keywords


def test_corrections_are_listed_with_reasons():
    rows = corrections()
    assert rows, "CORRECTIONS.md lists no correction"
    assert all(o != c for o, c in rows)


def test_every_source_word_is_in_the_built_edition_in_order(built):
    words, other_keywords = html_words((built / "build/az/article.html").read_text(encoding="utf-8"))
    expected = source_words()
    # The source ends with the cut-off English keyword line: only "relations." survives.
    assert expected[-1] == "relations"
    assert words == expected[:-1]
    assert other_keywords[0] == "Keywords" and other_keywords[-1] == "relations"


def test_structure(article):
    project = load_project(article)
    az = project.manuscripts["az"]
    assert [s.name for s in az.sections] == [
        "01-introduction", "02-friendship-treaty", "03-trade-agreement-1927", "04-disarmament-conference",
        "05-trade-agreement-1931", "06-relations-1939-1945", "07-conclusion"]
    assert [h.title for s in az.sections for h in s.headings][:2] == [
        "Giriş", "1923–1939-cu illərdə Türkiyə-Rusiya münasibətləri"]
    quotations = {q.id: q for q in az.quotations}
    assert list(quotations) == ["q-saydam-1939", "q-note-1941-08-10", "q-soviet-note-1925-treaty", "q-turkish-reply"]
    assert [c.key for q in quotations.values() for c in q.citations] == ["ref2", "ref2", "ref1", "ref4"]
    assert quotations["q-saydam-1939"].speaker == "Rəfiq Saydam"
    assert quotations["q-note-1941-08-10"].date == "1941-08-10"
    assert sorted({c.key for c in az.citations}) == ["ref1", "ref2", "ref4"]


def test_metadata_marks_what_is_missing(article):
    meta = load_project(article).metadata
    assert meta.title_status == "working" and meta.authors == ()
    assert meta.languages["az"].title == "Türkiyə–Sovet İttifaqı münasibətləri (1923–1946)"
    assert meta.languages["en"].title == "Turkish–Soviet Relations, 1923–1946"
    assert "cut off" in meta.languages["en"].notes["keywords"]


def test_draft_check_has_only_warnings_and_strict_reports_what_is_missing(article):
    project = load_project(article)
    draft = run_checks(project)
    assert all(d.severity.value == "warning" for d in draft), [d.format() for d in draft]
    strict = run_checks(project, strict=True)
    codes = sorted(d.code for d in strict if d.severity.value == "error")
    assert codes == ["missing-authors", "missing-field", "missing-field", "missing-field",
                     "working-title", "working-title"]


def test_incomplete_references_are_marked_in_the_edition(built):
    html = (built / "build/az/article.html").read_text(encoding="utf-8")
    for key in ("ref1", "ref2", "ref4"):
        assert re.search(rf'id="ref-{key}".*?⟨{key}: biblioqrafik təsvir natamamdır⟩', html, re.S)


@pytest.mark.parametrize("language", ["az", "en"])
def test_typographic_conventions_in_the_editions(built, language):
    """En-dash ranges, curly quotation marks, no line break inside a date or before a citation."""
    body = lxml.html.fromstring((built / f"build/{language}/article.html").read_bytes()).body
    for element in body.iter("style", "script"):
        element.drop_tree()
    text = body.text_content()
    assert not re.search(r"(?<![\d-])\d{4}-\d{4}(?!\d)", text)
    assert '"' not in text and "“" in text
    assert not re.search(r" \[\d", text)  # a citation never starts a line
    date = "17\u00a0dekabr\u00a01925" if language == "az" else "17\u00a0December\u00a01925"
    assert date in text
