"""`toolkit submit`: refused while errors remain; otherwise one complete, reproducible zip per language."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile

import docx
import pikepdf
import pytest
from lxml import etree

from tests.conftest import FIXTURES
from toolkit.submit import slug

AUTHOR, AFFILIATION = "Leyla Həsənova", "Example University"
ACKNOWLEDGEMENT = "# Təşəkkür {#acknowledgements}\n\nMüəllif Example Fondunun dəstəyinə görə təşəkkür edir.\n"


@pytest.fixture(scope="module")
def submitted(tmp_path_factory):
    """The complete fixture, with an acknowledgements section, submitted once."""
    from toolkit.cli import main

    root = shutil.copytree(FIXTURES / "complete", tmp_path_factory.mktemp("submit") / "complete")
    for language in ("az", "en"):
        (root / "manuscript" / language / "02-acknowledgements.md").write_text(ACKNOWLEDGEMENT, encoding="utf-8")
    assert main(["--project", str(root), "submit"]) == 0
    return root


def open_zip(root, language):
    path = root / "build/submission" / f"bogazlar-meselesi-{language}.zip"
    archive = zipfile.ZipFile(path)
    return {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}


def pdf_text(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return " ".join(extract_text(io.BytesIO(data)).split())


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_one_zip_per_language_with_every_part(submitted):
    assert sorted(p.name for p in (submitted / "build/submission").iterdir()) == [
        "bogazlar-meselesi-az.zip", "bogazlar-meselesi-en.zip"]
    assert set(open_zip(submitted, "az")) == {
        "manuscript.docx", "manuscript.pdf", "anonymised/manuscript.docx", "anonymised/manuscript.pdf",
        "article.jats.xml", "references.bib", "references.json", "references.ris", "manifest.json"}
    assert slug("Türkiyə–Sovet İttifaqı münasibətləri (1923–1946)") == "turkiye-sovet-ittifaqi-munasibetleri-1923-1946"


def test_the_manuscript_docx_has_the_journal_look(submitted):
    files = open_zip(submitted, "az")
    document = docx.Document(io.BytesIO(files["manuscript.docx"]))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7  # A4
    assert round(section.left_margin.cm, 1) == 2.5 and round(section.top_margin.cm, 1) == 2.5
    used = {p.style.name for p in document.paragraphs}
    assert {"Title", "Author", "Abstract", "Keywords", "Heading 1", "Block Text", "Bibliography"} <= used
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(files["manuscript.docx"])).read("word/styles.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fonts = styles.find(f"{w}docDefaults/{w}rPrDefault/{w}rPr/{w}rFonts")
    assert fonts.get(f"{w}ascii") == "Charis SIL"  # a face with every letter and the ⟨ ⟩ the references use
    spacing = styles.find(f"{w}docDefaults/{w}pPrDefault/{w}pPr/{w}spacing")
    assert spacing.get(f"{w}line") == "360"  # 1.5 lines
    assert document.styles["Title"].font.size.pt == 18 and document.styles["Heading 1"].font.color.rgb == (0, 0, 0)
    text = docx_text(files["manuscript.docx"])
    assert AUTHOR in text and "Təşəkkür" in text


def test_the_anonymised_copy_names_nobody(submitted):
    for language in ("az", "en"):
        files = open_zip(submitted, language)
        text = docx_text(files["anonymised/manuscript.docx"])
        core = zipfile.ZipFile(io.BytesIO(files["anonymised/manuscript.docx"])).read("docProps/core.xml").decode()
        custom = zipfile.ZipFile(io.BytesIO(files["anonymised/manuscript.docx"])).read("docProps/custom.xml").decode()
        for name in (AUTHOR, AFFILIATION, "Example Fondunun", "Təşəkkür"):
            assert name not in text and name not in core and name not in custom
            assert name not in pdf_text(files["anonymised/manuscript.pdf"])
        with pikepdf.open(io.BytesIO(files["anonymised/manuscript.pdf"])) as document:
            assert "/Author" not in document.docinfo
            assert AUTHOR not in str(document.open_metadata())
        assert "Boğazlar" in text  # the article itself is all there
        with pikepdf.open(io.BytesIO(files["manuscript.pdf"])) as document:
            assert str(document.docinfo["/Author"]) == AUTHOR


JATS = {"xlink": "http://www.w3.org/1999/xlink"}


def test_jats_has_both_languages_quotations_and_structured_references(submitted):
    root = etree.fromstring(open_zip(submitted, "az")["article.jats.xml"])
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert root.tag == "article" and root.get("dtd-version") == "1.3" and root.get(lang) == "az"
    meta = root.find("front/article-meta")
    order = [child.tag for child in meta]
    assert order.index("title-group") < order.index("contrib-group") < order.index("abstract") \
        < order.index("trans-abstract") < order.index("kwd-group")  # the JATS content model's order
    assert meta.findtext("title-group/article-title") == "Boğazlar məsələsi"
    trans = meta.find("title-group/trans-title-group")
    assert trans.get(lang) == "en" and trans.findtext("trans-title") == "The Straits question"
    assert meta.findtext("abstract/p") == "Qısa xülasə. İki cümlə."
    assert meta.find("trans-abstract").get(lang) == "en" and meta.findtext("trans-abstract/p").startswith("A short")
    groups = {g.get(lang): [k.text for k in g.findall("kwd")] for g in meta.findall("kwd-group")}
    assert groups == {"az": ["Boğazlar", "diplomatiya"], "en": ["Straits", "diplomacy"]}
    assert meta.findtext("contrib-group/contrib/string-name") == AUTHOR
    quote = root.find("body//disp-quote")
    assert quote[-1].tag == "attrib" and quote[-1].text == "İsmet İnönü, 1945"
    refs = {ref.get("id"): ref for ref in root.findall("back/ref-list/ref")}
    assert set(refs) == {"ref-kuru2001", "ref-aydin1999"}
    for xref in root.iter("xref"):
        assert xref.get("ref-type") == "bibr" and xref.get("rid") in refs
    article = refs["ref-kuru2001"].find("element-citation")
    assert article.get("publication-type") == "journal"  # JATS4R's name, not CSL's
    assert article.findtext("person-group/name/surname") == "Kuru"
    assert article.findtext("article-title") == "Ankara–Moskova İlişkileri"
    assert (article.findtext("source"), article.findtext("year"), article.findtext("fpage"),
            article.findtext("lpage")) == ("Tarih Dergisi", "2001", "12", "30")
    book = refs["ref-aydin1999"].find("element-citation")
    assert book.findtext("publisher-name") == "Example Yayınları" and book.findtext("isbn") == "978-0-306-40615-7"


def test_bibliography_in_three_formats(submitted):
    files = open_zip(submitted, "en")
    assert files["references.bib"] == (submitted / "bibliography/references.bib").read_bytes()
    items = json.loads(files["references.json"])
    assert {item["id"] for item in items} == {"kuru2001", "aydin1999"}
    records = files["references.ris"].decode().rstrip("\n").split("\n\n")
    assert len(records) == 2 and all(r.startswith("TY  - ") and r.endswith("ER  - ") for r in records)
    assert "AU  - Kuru, Ali" in records[0] and "SP  - 12" in records[0] and "EP  - 30" in records[0]


def test_manifest_lists_every_file_with_its_hash(submitted):
    from toolkit import __version__

    files = open_zip(submitted, "az")
    manifest = json.loads(files.pop("manifest.json"))
    assert manifest["toolkit"] == __version__
    assert manifest["article"]["titles"] == {"az": "Boğazlar məsələsi", "en": "The Straits question"}
    assert manifest["article"]["authors"] == [{"name": AUTHOR, "affiliation": AFFILIATION}]
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    assert listed == {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}


def test_two_runs_give_byte_identical_zips(submitted, tmp_path):
    from toolkit.cli import main

    again = shutil.copytree(submitted, tmp_path / "again", ignore=shutil.ignore_patterns("build"))
    assert main(["--project", str(again), "submit", "--lang", "az"]) == 0
    first = (submitted / "build/submission/bogazlar-meselesi-az.zip").read_bytes()
    assert (again / "build/submission/bogazlar-meselesi-az.zip").read_bytes() == first


def test_several_bibliography_files_are_packed_as_one_references_bib(tmp_path):
    from toolkit.bibliography import parse_bibliography
    from toolkit.project import load_project
    from toolkit.edition import Edition
    from toolkit.writers.exports import bibtex

    root = shutil.copytree(FIXTURES / "biber", tmp_path / "biber")
    packed = bibtex(Edition("en", {}), load_project(root)).decode("utf-8")
    assert packed.startswith("% bibliography/examples.bib\n") and "\n% bibliography/local.bib\n" in packed
    keys = [entry.key for entry in parse_bibliography(packed, tmp_path / "references.bib").entries]
    assert keys == ["set", "aksin", "herrmann", "yoon", "wassenberg", "angenendt"]


def test_a_submission_without_the_journals_id_and_issn_is_refused(project_copy, run_cli):
    """journal-meta needs both: no invalid JATS is written, and the message says where to add them."""
    root = project_copy("complete")
    meta = root / "manuscript/article.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text[:text.index("journal:")], encoding="utf-8")
    code, _, err = run_cli("--project", root, "submit")
    assert code == 1 and "submission refused" in err
    assert "manuscript/article.yaml:1:1: error: the journal has no 'id' and no 'issn' or 'eissn', which the " \
           "submission's JATS needs [missing-journal-data]" in err
    assert not (root / "build" / "submission").exists()
