"""Numbered figures, tables and equations, cross-referenced alike in every format and language.

The crossref fixture has figures in PNG, SVG and PDF, a table long enough to
cross a page, two labelled equations, section labels, lists of references and
LaTeX's \\ref forms, in Azerbaijani and English; every edition is built and read
back as a reader gets it (the page, pdfminer's text, Word's paragraphs, the JATS).
"""

from __future__ import annotations

import base64
import json
import re
import zipfile

import docx
import lxml.html
import pikepdf
import pytest

from tests.conftest import FIXTURES, copy_project
from tests.writers.test_jats import validated
from toolkit.cli import main
from toolkit.project import load_project

NBSP = "\u00a0"
# the references of the first section's two paragraphs, in order, as each language writes them
REFERENCES = {
    "az": ["Şəkil 1", "Şəkil 2", "Şəkil 1, 2", "Şəkil 1–3", "Cədvəl 1", "(1)", "(2)", "(1), (2)",
           "“Məlumat” bölməsi", "1", "Cədvəl 1"],
    "en": ["Figure 1", "Figure 2", "Figures 1, 2", "Figures 1–3", "Table 1", "Eq. (1)", "(2)", "Eqs. (1), (2)",
           "Section “Data”", "1", "Table 1"],
}
CAPTIONS = {
    "az": ["Şəkil 1. Ticarət yollarının xəritəsi", "Şəkil 2. İllər üzrə dövriyyə", "Şəkil 3. Arxiv sənədindən qrafik",
           "Cədvəl 1. Türkiyə ilə ticarət dövriyyəsi"],
    "en": ["Figure 1. Map of the trade routes", "Figure 2. Turnover by year", "Figure 3. Graph from an archival document",
           "Table 1. Trade turnover with Turkey"],
}
LABELS = ["fig:map", "fig:chart", "fig:scan", "tbl:trade", "eq:growth", "eq:balance", "sec:intro", "sec:data"]


def plain(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project("crossref", tmp_path_factory.mktemp("crossref"))
    assert main(["--project", str(root), "check", "--strict"]) == 0
    assert main(["--project", str(root), "build"]) == 0
    return root


def page(root, language):
    return lxml.html.fromstring((root / f"build/{language}/article.html").read_bytes())


def pdf_pages(root, language) -> list[str]:
    from pdfminer.high_level import extract_text

    path = root / f"build/{language}/article.pdf"
    with pikepdf.open(path) as document:
        count = len(document.pages)
    return [plain(extract_text(str(path), page_numbers=[n])) for n in range(count)]


# --- the scanner ------------------------------------------------------------------


def test_the_scanner_reports_cross_references_with_their_places_not_citations():
    project = load_project(FIXTURES / "crossref")
    section = project.manuscripts["az"].sections[0]
    assert {c.key for c in project.manuscripts["az"].citations} == {"kuru2001", "aydin1999"}
    line = section.text.splitlines()[2]
    first = section.crossrefs[0]
    assert (first.label, first.position.line, first.position.column) == ("fig:map", 3, line.index("@fig:map") + 2)
    assert first.text == "[@fig:map]"
    assert [r.label for r in section.crossrefs] == [
        "fig:map", "fig:chart", "fig:map", "fig:chart", "fig:map", "fig:chart", "fig:scan", "tbl:trade", "eq:growth",
        "eq:balance", "eq:growth", "eq:balance", "sec:data", "fig:map", "tbl:trade"]
    latex = section.crossrefs[-1]
    assert latex.text == r"\autoref{tbl:trade}" and latex.position.line == 11
    labels = [(label.id, label.kind) for s in project.manuscripts["en"].sections for label in s.labels]
    assert sorted(labels) == sorted([("fig:map", "fig"), ("fig:chart", "fig"), ("fig:scan", "fig"),
                                     ("tbl:trade", "tbl"), ("eq:growth", "eq"), ("eq:balance", "eq"),
                                     ("sec:intro", "sec"), ("sec:data", "sec")])
    image = project.manuscripts["en"].sections[0].images[0]
    assert image.alt == "Map of the trade routes"


# --- the web edition ----------------------------------------------------------------


@pytest.mark.parametrize("language", ["az", "en"])
def test_web_edition_numbers_captions_and_links_every_reference(built, language):
    tree = page(built, language)
    captions = [plain(c.text_content()) for c in tree.xpath("//figcaption | //table/caption")]
    assert captions == CAPTIONS[language]
    groups = [plain(g.text_content()) for g in tree.xpath("//p[1]/following::span[@class='crossref-group']")]
    assert groups[:len(REFERENCES[language])] == REFERENCES[language]
    assert [plain(n.text_content()) for n in tree.xpath("//*[@class='equation-number']")] == ["(1)", "(2)"]
    ids = set(tree.xpath("//@id"))
    links = tree.xpath("//a[contains(concat(' ', @class, ' '), ' crossref ')]/@href")
    assert len(links) == 14 and all(href.startswith("#") and href[1:] in ids for href in links)
    assert set(LABELS) <= ids
    assert tree.xpath("//span[@id='eq:growth'][@class='equation']")
    text = tree.xpath("string(//main)")
    assert "fig:" not in text and "@" not in text and "?" not in text.split("Ədəbiyyat")[0].split("References")[0]


def test_figures_are_embedded_and_sized_as_the_page_keeps_them(built):
    images = page(built, "en").xpath("//figure/img")
    sources = [img.get("src") for img in images]
    assert [s.split(";")[0] for s in sources] == ["data:image/png", "data:image/svg+xml", "data:image/svg+xml"]
    scan = base64.b64decode(sources[2].split(",", 1)[1]).decode("utf-8")
    assert scan.startswith("<svg") and "<path" in scan and "%PDF" not in scan  # the PDF's page, as vectors
    assert images[0].get("class") == "width-50" and images[0].get("style") is None
    assert images[1].get("width") == "302"  # 8cm at 96 px per inch
    assert [img.get("alt") for img in images] == ["Map of the trade routes", "Turnover by year",
                                                  "Graph from an archival document"]


def test_the_edition_reports_no_citation_for_a_cross_reference(tmp_path):
    from toolkit.edition import prepare
    from toolkit.styles import project_style

    project = load_project(copy_project("crossref", tmp_path))
    edition = prepare(project, "en", project_style(project), set())
    assert edition.unresolved == [] and not [w for w in edition.warnings if "cross-reference" in w.message]


# --- the print edition --------------------------------------------------------------


@pytest.mark.parametrize("language", ["az", "en"])
def test_print_edition_has_the_same_numbers(built, language):
    text = " ".join(pdf_pages(built, language))
    for caption in CAPTIONS[language]:
        assert caption in text
    for reference in REFERENCES[language]:
        assert reference in text
    assert "fig:" not in text and "eq:" not in text
    after_table = text.split(CAPTIONS[language][3])[1]
    assert re.search(r"\(1\).*\(2\)", after_table)  # the equations' numbers


def test_print_edition_links_each_reference_inside_the_document(built):
    with pikepdf.open(built / "build/az/article.pdf") as document:
        names = document.Root.Names.Dests
        tree = pikepdf.NameTree(names)
        destinations = set(tree.keys())
        links = [str(a.Dest) for p in document.pages for a in p.get("/Annots", []) if a.get("/Dest") is not None]
    assert set(LABELS) - {"sec:intro"} <= set(links) and set(links) <= destinations
    assert links.count("fig:map") == 4


def test_a_long_table_repeats_its_header_row_on_every_page(built):
    pages = pdf_pages(built, "az")
    with_rows = [text for text in pages if re.search(r"\b19[2-8]\d\b", text) and "İxrac" in text]
    assert len(with_rows) >= 2  # the table crosses a page
    assert all("İl İxrac İdxal" in text for text in with_rows)
    assert "1923" in with_rows[0] and "1923" not in with_rows[-1] and "1982" in with_rows[-1]


def test_the_pdf_figure_is_drawn_as_vectors(built):
    """Only the PNG is a raster image in the PDF; the PDF figure's line (#7a2e0e) is a path."""
    with pikepdf.open(built / "build/en/article.pdf") as document:
        images = [o for o in document.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        strokes = b"".join(p.Contents.read_bytes() if isinstance(p.Contents, pikepdf.Stream)
                           else b"".join(s.read_bytes() for s in p.Contents) for p in document.pages)
    assert len(images) == 1
    assert re.search(rb"0\.47\d* 0\.18\d* 0\.05\d* RG", strokes)


def test_a_figure_is_never_split_from_its_caption(tmp_path):
    """Figures one after another: each caption is on the page its image is drawn on."""
    root = copy_project("crossref", tmp_path)
    section = root / "manuscript/az/01-introduction.md"
    figure = "![Ticarət yollarının xəritəsi](../../figures/map.png){width=100%}\n\n"
    # a paragraph and a figure, six times: without `break-inside: avoid` (print.css) some
    # captions go to the next page, away from their images
    filler = "Mətn sətri ki, səhifəni doldurur və şəkli səhifənin sonuna itələyir. "
    section.write_text(section.read_text(encoding="utf-8") + "\n" + f"{filler}\n\n{figure}" * 6, encoding="utf-8")
    assert main(["--project", str(root), "build", "--lang", "az", "--format", "pdf"]) == 0
    pages = pdf_pages(root, "az")
    with pikepdf.open(root / "build/az/article.pdf") as document:
        def images(page) -> int:  # a formula's glyphs are drawn with Do too, as forms
            xobjects = page.Resources.get("/XObject", {})
            return sum(1 for operands, op in pikepdf.parse_content_stream(page) if str(op) == "Do"
                       and xobjects.get(str(operands[0]), {}).get("/Subtype") == "/Image")
        drawn = [images(p) for p in document.pages]
    captions = [len(re.findall(r"Şəkil \d+\. Ticarət yollarının xəritəsi", text)) for text in pages]
    assert sum(drawn) == 7 and drawn == captions


# --- the Word edition ---------------------------------------------------------------


@pytest.mark.parametrize("language", ["az", "en"])
def test_word_edition_has_the_same_numbers_and_png_figures(built, language):
    document = docx.Document(str(built / f"build/{language}/article.docx"))
    paragraphs = [plain(p.text) for p in document.paragraphs]
    assert [p for p in paragraphs if p in CAPTIONS[language]] == CAPTIONS[language]
    body = " ".join(paragraphs)
    for reference in REFERENCES[language]:
        assert reference in body
    assert "(1)" in paragraphs and "(2)" in paragraphs  # each after its equation
    with zipfile.ZipFile(built / f"build/{language}/article.docx") as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        xml = archive.read("word/document.xml").decode("utf-8")
    assert len(media) == 3 and all(n.endswith(".png") for n in media)  # the SVG and the PDF figure as PNG
    assert re.search(r"<w:tblHeader\b", xml)  # Word repeats the header row on every page too
    anchors = set(re.findall(r'w:anchor="([^"]+)"', xml))
    bookmarks = set(re.findall(r'w:bookmarkStart w:id="\d+" w:name="([^"]+)"', xml))
    assert set(LABELS) - {"sec:intro"} <= anchors <= bookmarks


# --- JATS and the submission --------------------------------------------------------


def test_jats_has_numbered_figures_tables_and_equations(tmp_path):
    root = copy_project("crossref", tmp_path)
    assert main(["--project", str(root), "submit", "--lang", "az"]) == 0
    (path,) = (root / "build/submission").glob("*-az.zip")
    with zipfile.ZipFile(path) as archive:
        files = {n.split("/", 1)[1]: archive.read(n) for n in archive.namelist()}
    jats = validated(files["article.jats.xml"])  # against the JATS 1.3 DTD
    figures = jats.findall(".//fig")
    assert [plain(f.findtext("label")) for f in figures] == ["Şəkil 1", "Şəkil 2", "Şəkil 3"]
    assert [plain(f.find("caption").xpath("string()")) for f in figures] == [
        "Ticarət yollarının xəritəsi", "İllər üzrə dövriyyə", "Arxiv sənədindən qrafik"]
    hrefs = [f.find("graphic").get("{http://www.w3.org/1999/xlink}href") for f in figures]
    assert hrefs == ["graphics/figures/map.png", "graphics/figures/chart.svg", "graphics/figures/scan.pdf"]
    for href in hrefs:  # each file in the package, as the project has it
        assert files[href] == (root / href.removeprefix("graphics/")).read_bytes()
    manifest = json.loads(files["manifest.json"])
    assert set(hrefs) <= {f["path"] for f in manifest["files"]}
    (table,) = jats.findall(".//table-wrap")
    assert plain(table.findtext("label")) == "Cədvəl 1" and table.get("id") and table.find("table/thead") is not None
    formulas = jats.findall(".//disp-formula")
    assert [f.findtext("label") for f in formulas] == ["(1)", "(2)"]
    ids = {e.get("id"): e.tag for e in jats.iter() if e.get("id")}
    xrefs = [x for x in jats.iter("xref") if x.get("ref-type") != "bibr"]
    assert len(xrefs) == 14 and all(ids[x.get("rid")] == {"fig": "fig", "table": "table-wrap",
                                                          "disp-formula": "disp-formula", "sec": "sec"}[x.get("ref-type")]
                                    for x in xrefs)
    assert not jats.xpath("//named-content[@content-type='caption-label' or @content-type='equation']")


def test_an_unreadable_pdf_figure_is_a_marker_and_a_located_message(tmp_path, capsys):
    root = copy_project("crossref", tmp_path)
    (root / "figures/scan.pdf").write_bytes(b"%PDF-1.7 not really")
    assert main(["--project", str(root), "build", "--lang", "en", "--format", "html"]) == 0
    err = capsys.readouterr()
    assert "unreadable-image" in err.out + err.err and "scan.pdf" in err.out + err.err
    text = plain(page(root, "en").xpath("string(//figure[@id='fig:scan'])"))
    assert "[image not loaded: ../../figures/scan.pdf]" in text and "Figure 3." in text


# --- the transform on its own -------------------------------------------------------


def numbered(markdown: str, language: str = "en") -> tuple[dict, str, list[str]]:
    """`markdown` read by pandoc and numbered: the document, the plain text a reader sees
    of its last paragraph, the unresolved labels."""
    from toolkit import crossref
    from toolkit.plain_text import stringify
    from toolkit.engines import pandoc

    ast = json.loads(pandoc.run(["--from=markdown", "--to=json"], stdin=markdown).output)
    ast, numbering = crossref.number(ast, language)
    return ast, plain(stringify(ast["blocks"][-1]["c"])), numbering.unresolved


def test_what_is_written_around_a_reference_stays_and_a_citation_beside_it_stays_a_citation():
    ast, text, unresolved = numbered(
        "# Introduction {#intro}\n\n![A](a.png){#fig:a}\n\n![B](b.png){.unnumbered}\n\n![C](c.png){#fig:c}\n\n"
        "See [see @Fig:a, left; @fig:c], [@fig:c; @smith2001], @fig:nowhere and \\ref{intro}.")
    assert text.startswith("See see Figure 1, left, Figure 2, Figure 2; ")  # B is not numbered
    assert text.endswith(", fig:nowhere? and “Introduction”.") and unresolved == ["fig:nowhere"]
    cites = [node for node in ast["blocks"][-1]["c"] if node["t"] == "Span"
             for node in node["c"][1] if node["t"] == "Cite"]
    assert [[c["citationId"] for c in cite["c"][0]] for cite in cites] == [["smith2001"]]  # left for citeproc
    captions = [plain(stringify_caption(b)) for b in ast["blocks"] if b["t"] == "Figure"]
    assert captions == ["Figure 1. A", "B", "Figure 2. C"]


def stringify_caption(figure: dict) -> str:
    from toolkit.plain_text import stringify

    return stringify(figure["c"][1][1])
