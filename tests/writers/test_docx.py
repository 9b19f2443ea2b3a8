"""The Word edition: the journal's styles and page, and no stray document properties."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from lxml import etree

from tests.conftest import copy_project
from toolkit.cli import main


def test_docx_uses_the_journal_reference_document_and_only_standard_properties(project_copy):
    root = project_copy("complete")
    assert main(["--project", str(root), "build", "--format", "docx", "--lang", "en"]) == 0
    path = root / "build/en/article.docx"
    document = docx.Document(str(path))
    assert round(document.sections[0].page_width.cm, 1) == 21.0
    assert document.styles["Block Text"].paragraph_format.left_indent.cm > 0.9
    assert [p.style.name for p in document.paragraphs if p.text.startswith("—")] == ["Quotation Source"]
    with zipfile.ZipFile(path) as package:
        custom = package.read("docProps/custom.xml").decode()
        core = package.read("docProps/core.xml").decode()
    for leaked in ("running-authors", "bibliography", "toolkit-", "language-switch"):
        assert leaked not in custom  # metadata meant for templates, and temporary paths
    assert "<dc:title>The Straits question</dc:title>" in core and "<dc:language>en</dc:language>" in core


# --- the page: footer, measure, headings, face, attribution, language, properties ----------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PARAGRAPHS = {"az": "Boğazlar məsələsi 1936-cı ildə Montrö Müqaviləsi ilə həll olundu və bu müqavilə Türkiyənin "
                    "Boğazlar üzərində suverenliyini bərpa etdi; danışıqlar uzun sürdü [@kuru2001, s. 12].\n\n",
              "en": "The Straits question was settled by the Montreux Convention in 1936, and the convention gave "
                    "Turkey back its sovereignty over the Straits; the talks were long [@kuru2001, p. 12].\n\n"}


@pytest.fixture(scope="module")
def word(tmp_path_factory):
    """The complete fixture, two pages long, built as Word in both languages."""
    root = copy_project("complete", tmp_path_factory.mktemp("word"))
    for language, paragraph in PARAGRAPHS.items():
        section = root / f"manuscript/{language}/01-introduction.md"
        section.write_text(section.read_text(encoding="utf-8") + "\n" + paragraph * 25, encoding="utf-8")
    assert main(["--project", str(root), "build", "--format", "docx"]) == 0
    return root


def _part(root, language: str, name: str):
    with zipfile.ZipFile(root / f"build/{language}/article.docx") as package:
        return etree.fromstring(package.read(name))


def _size(styles, style_id: str) -> int:
    """A paragraph style's size in half-points, as Word resolves it (its own, its base's, the default)."""
    while style_id:
        style = styles.find(f"{W}style[@{W}styleId='{style_id}']")
        size = style.find(f"{W}rPr/{W}sz")
        if size is not None:
            return int(size.get(f"{W}val"))
        based = style.find(f"{W}basedOn")
        style_id = based.get(f"{W}val") if based is not None else ""
    return int(styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz").get(f"{W}val"))


def test_headings_step_up_from_the_text_and_the_text_is_ragged_right(word):
    styles = _part(word, "en", "word/styles.xml")
    assert _size(styles, "Heading1") > _size(styles, "Heading2") > _size(styles, "BodyText")
    document = docx.Document(str(word / "build/en/article.docx"))
    for name in ("Body Text", "First Paragraph", "Abstract", "Block Text"):
        style = document.styles[name]
        while style.paragraph_format.alignment is None:  # inherited
            style = style.base_style
        assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT, name
    assert _part(word, "en", "word/settings.xml").find(f"{W}autoHyphenation") is None  # ragged, unhyphenated


def test_the_quotation_source_stands_at_the_quotation_indent_with_space_after(word):
    document = docx.Document(str(word / "build/en/article.docx"))
    source, quotation = document.styles["Quotation Source"], document.styles["Block Text"]
    assert source.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT  # as the web and print editions
    assert source.paragraph_format.left_indent == quotation.paragraph_format.left_indent
    assert source.paragraph_format.space_after.pt >= 12


@pytest.mark.skipif(not shutil.which("fc-list"), reason="fontconfig is not installed")
def test_the_text_face_has_the_angle_brackets_the_editions_print(word):
    styles = _part(word, "en", "word/styles.xml")
    face = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts").get(f"{W}ascii")
    having = subprocess.run(["fc-list", ":charset=27e8 27e9", "family"], capture_output=True, text=True).stdout
    assert face in {name for line in having.splitlines() for name in line.split(",")}  # ⟨ ⟩ (U+27E8, U+27E9)


@pytest.mark.parametrize("language, tag", [("az", "az-Latn-AZ"), ("en", "en-US")])
def test_languages_are_tagged_as_word_tags_them(word, language, tag):
    default = _part(word, language, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}val") == tag
    tags = {e.get(f"{W}val") for e in _part(word, language, "word/document.xml").iter(f"{W}lang")}
    assert tags == {"az-Latn-AZ", "en-US"}  # the other language's abstract and keywords too


def test_the_application_properties_are_the_toolkits_without_stale_counts(word):
    app = _part(word, "en", "docProps/app.xml")
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    assert app.findtext(f"{ns}Application") == "toolkit"
    for stale in ("Words", "Characters", "CharactersWithSpaces", "Lines", "Paragraphs", "Pages", "AppVersion",
                  "Template", "TotalTime"):
        assert app.find(f"{ns}{stale}") is None, stale


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_every_page_shows_its_number_in_the_footer(word, tmp_path):
    from pdfminer.high_level import extract_text

    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(word / "build/en/article.docx")], check=True, timeout=180, capture_output=True)
    pdf = tmp_path / "article.pdf"
    pages = [extract_text(str(pdf), page_numbers=[n]) for n in range(2)]
    assert all(page.split() for page in pages)  # two pages at least
    assert [page.split()[-1] for page in pages] == ["1", "2"]
