"""The print edition as typeset: pages, running heads, first page, links, notes, outline, metadata."""

from __future__ import annotations

import shutil
import subprocess

import pikepdf
import pytest

from tests.conftest import copy_project
from toolkit.cli import main

PARAGRAPH = ("Boğazlar məsələsi 1936-cı ildə Montrö Müqaviləsi ilə həll olundu və bu müqavilə "
             "Türkiyənin Boğazlar üzərində suverenliyini bərpa etdi; danışıqlar uzun sürdü [@kuru2001, s. 12].\n\n")


def _text(path, page=None):
    from pdfminer.high_level import extract_text

    return extract_text(str(path), page_numbers=None if page is None else [page])


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    """The complete fixture, long enough for several pages, with a footnote, a short title and a journal."""
    root = copy_project("complete", tmp_path_factory.mktemp("pdf"))
    meta = root / "manuscript" / "article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8")
                    .replace("    title: Boğazlar məsələsi\n", "    title: Boğazlar məsələsi\n    short-title: Boğazlar\n"),
                    encoding="utf-8")  # the fixture's journal is "Example Journal"
    for language in ("az", "en"):
        section = root / "manuscript" / language / "01-introduction.md"
        text = section.read_text(encoding="utf-8")
        head, _, rest = text.partition("\n\n")
        note = "Qeyd: Montrö Müqaviləsi 20 iyul 1936-cı ildə imzalanmışdır." if language == "az" else \
            "Note: the Montreux Convention was signed on 20 July 1936."
        section.write_text(f"{head}\n\nMüqavilə haqqında qeyd.^[{note}]\n\n" + PARAGRAPH * 40 + rest,
                           encoding="utf-8")
    assert main(["--project", str(root), "build", "--format", "pdf", "--lang", "az"]) == 0
    return root


@pytest.fixture(scope="module")
def pdf(article):
    return article / "build/az/article.pdf"


def test_several_pages_with_page_numbers(pdf):
    with pikepdf.open(pdf) as document:
        assert len(document.pages) >= 3
        assert [round(float(x)) for x in document.pages[0].MediaBox[2:]] == [595, 842]  # A4
    assert _text(pdf, 1).split()[-1] == "2"


def test_running_heads_alternate_and_skip_the_first_page(pdf):
    first, second, third = ([line.strip() for line in _text(pdf, i).splitlines()] for i in range(3))
    assert second[0] == "Leyla Həsənova"  # left-hand page: the authors
    assert "Boğazlar" in third and "Leyla Həsənova" not in third  # right-hand page: the short title
    assert first[0] == "Boğazlar məsələsi" and "Boğazlar" not in first  # the first page: the title block only


def test_first_page_has_title_authors_affiliation_abstract_keywords(pdf):
    first = _text(pdf, 0)
    for part in ("Boğazlar məsələsi", "Leyla Həsənova", "Example University", "Xülasə.", "Açar sözlər:"):
        assert part in first


def test_footnote_sits_at_the_foot_of_its_page(pdf):
    first = [line.strip() for line in _text(pdf, 0).splitlines() if line.strip()]
    note = next(i for i, line in enumerate(first) if line.startswith("1. Qeyd: Montrö"))
    assert note >= len(first) - 4  # among the last lines, above the page number
    assert "Müqavilə haqqında qeyd.1" in " ".join(first)  # the call, right after the sentence


def test_citations_link_to_the_reference_list(pdf):
    with pikepdf.open(pdf) as document:
        links = [a for page in document.pages for a in page.get("/Annots", [])
                 if a.get("/Subtype") == "/Link" and ("/Dest" in a or a.get("/A", {}).get("/S") == "/GoTo")]
        assert len(links) >= 40  # one per citation


def test_outline_and_document_properties(pdf):
    with pikepdf.open(pdf) as document:
        with document.open_outline() as outline:
            titles = [item.title for item in outline.root]
        assert "Giriş" in " ".join(titles) or any("Giriş" in [c.title for c in item.children] for item in outline.root)
        info = document.docinfo
        assert str(info["/Title"]) == "Boğazlar məsələsi"
        assert str(info["/Author"]) == "Leyla Həsənova"
        assert str(info["/Subject"]) == "Qısa xülasə. İki cümlə."
        assert str(info["/Keywords"]) == "Boğazlar, diplomatiya"
        assert str(document.Root.Lang) == "az"


@pytest.mark.parametrize("paper, size", [("b5", [499, 709]), ("letter", [612, 792])])
def test_paper_sizes(article, tmp_path, paper, size):
    root = shutil.copytree(article, tmp_path / "copy")
    assert main(["--project", str(root), "build", "--format", "pdf", "--lang", "en", "--paper", paper]) == 0
    with pikepdf.open(root / "build/en/article.pdf") as document:
        assert [round(float(x)) for x in document.pages[0].MediaBox[2:]] == size


def _qpdf_check(path):
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_archival_variant(article, tmp_path):
    root = shutil.copytree(article, tmp_path / "archival")
    assert main(["--project", str(root), "build", "--format", "pdf", "--lang", "az", "--pdf-variant", "pdf/a-3b"]) == 0
    path = root / "build/az/article.pdf"
    with pikepdf.open(path) as document:
        meta = document.open_metadata()
        assert meta["pdfaid:part"] == "3" and meta["pdfaid:conformance"] == "B"
        attached = set(document.attachments)
        assert {"01-introduction.md", "article.yaml", "references.bib"} <= attached
        assert "/OutputIntents" in document.Root
    _qpdf_check(path)


def test_accessible_variant(article, tmp_path):
    root = shutil.copytree(article, tmp_path / "accessible")
    assert main(["--project", str(root), "build", "--format", "pdf", "--lang", "az", "--pdf-variant", "pdf/ua-1"]) == 0
    path = root / "build/az/article.pdf"
    with pikepdf.open(path) as document:
        assert document.open_metadata()["pdfuaid:part"] == "1"
        assert bool(document.Root.MarkInfo.Marked) and "/StructTreeRoot" in document.Root
        assert str(document.Root.Lang) == "az"
    _qpdf_check(path)


def test_the_print_edition_passes_qpdf(pdf):
    _qpdf_check(pdf)


def _roles(node, found: set) -> set:
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.add(str(kid.S))
            _roles(kid, found)
    return found


def test_the_print_edition_is_tagged(pdf):
    """Without --pdf-variant the reader's edition is a tagged PDF: marked, with a structure
    tree of its headings, paragraphs and quotation that assistive technology follows."""
    with pikepdf.open(pdf) as document:
        assert bool(document.Root.MarkInfo.Marked) and "/StructTreeRoot" in document.Root
        assert {"/H1", "/P", "/BlockQuote"} <= _roles(document.Root.StructTreeRoot, set())


def test_turkish_and_russian_references_are_set_in_the_text_face(tmp_path):
    """Every letter of the references (Turkish ı ş ğ, Azerbaijani ə, Cyrillic) comes
    out of the PDF as written, from the embedded, subset text face alone."""
    root = copy_project("reftypes", tmp_path)
    assert main(["--project", str(root), "build", "--format", "pdf"]) == 0
    for language in ("az", "en"):
        path = root / f"build/{language}/article.pdf"
        text = " ".join(_text(path).split())
        for written in ("Türk Dış Politikası", "Внешняя политика Турции", "Xəlilov X.", "Çelebi M.", "İttifaqının",
                        "Boğazlar məsələsi", "1939–1945"):
            assert written in text, written
        with pikepdf.open(path) as document:
            fonts = [font for page in document.pages for font in page.Resources.Font.values()]
            names = {str(font.BaseFont) for font in fonts}
            assert all(name.split("+")[-1].startswith("Charis-SIL") for name in names), names
            assert all(len(name.split("+")[0]) == 7 for name in names), "subset fonts carry a tag"
            for font in fonts:
                descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), "embedded"


def test_document_properties_are_plain_text_whatever_the_metadata_holds(tmp_path):
    """A citation, markup and a straight quote in the abstract, keywords and author
    cannot break out of the PDF's properties onto the first page."""
    root = copy_project("complete", tmp_path)
    meta = root / "manuscript" / "article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8")
                    .replace("abstract: Qısa xülasə. İki cümlə.",
                             "abstract: 'Qısa *xülasə* [@kuru2001] 12\" \">onload=x'")
                    .replace("keywords: [Boğazlar, diplomatiya]", "keywords: ['Boğazlar \"x\" <b>', diplomatiya]")
                    .replace("Leyla Həsənova", "'Leyla \"Həsənova\"'"), encoding="utf-8")
    assert main(["--project", str(root), "build", "--format", "pdf", "--lang", "az"]) == 0
    pdf = root / "build/az/article.pdf"
    with pikepdf.open(pdf) as document:
        info = document.docinfo
        assert str(info["/Subject"]).startswith("Qısa xülasə [1] 12")
        assert "onload=x" in str(info["/Subject"]) and "<span" not in str(info["/Subject"])
        assert "Boğazlar" in str(info["/Keywords"]) and "diplomatiya" in str(info["/Keywords"])
        assert "Həsənova" in str(info["/Author"])
    first = " ".join(_text(pdf, 0).split())
    assert '">' not in first and "content=" not in first
    assert first.index("Boğazlar məsələsi") < first.index("Leyla")  # the title still opens the page


def test_archival_variant_attaches_every_bibliography_file(tmp_path):
    from tests.conftest import FIXTURES

    root = shutil.copytree(FIXTURES / "biber", tmp_path / "biber")
    assert main(["--project", str(root), "build", "--format", "pdf", "--pdf-variant", "pdf/a-3b"]) == 0
    with pikepdf.open(root / "build/en/article.pdf") as document:
        assert {"01-text.md", "article.yaml", "examples.bib", "local.bib"} <= set(document.attachments)


def _full_lines(path) -> list[int]:
    """The characters of each full line of running text (11 pt, as wide as the widest)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    lines = []
    for page in extract_pages(str(path)):
        for box in page:
            if isinstance(box, LTTextContainer):
                for line in box:
                    chars = [c for c in line if isinstance(c, LTChar)] if isinstance(line, LTTextLine) else []
                    if chars and round(chars[0].size, 1) == 11.0:
                        lines.append((line.x1 - line.x0, len(line.get_text().rstrip("\n"))))
    widest = max(width for width, _ in lines)
    return [n for width, n in lines if width >= widest - 3]


@pytest.mark.parametrize("paper", ["a4", "b5", "letter"])
def test_a_full_line_holds_65_to_80_characters_on_every_paper(tmp_path, paper):
    """Journals set 65-80 characters a line; three sections of the shipped article's text."""
    import statistics

    root = copy_project("parity-drifts", tmp_path)
    assert main(["--project", str(root), "build", "--format", "pdf", "--lang", "az", "--lang", "en",
                 "--paper", paper]) == 0
    for language in ("az", "en"):
        lengths = _full_lines(root / "build" / language / "article.pdf")
        assert len(lengths) > 15 and 65 <= statistics.median(lengths) <= 80, (language, statistics.median(lengths))


def test_the_pdf_is_dated_as_the_article_says_never_by_the_run(tmp_path, monkeypatch):
    """Its date is SOURCE_DATE_EPOCH's, else article.yaml's `date:`, else none: two builds
    of the same sources are the same file."""
    root = copy_project("complete", tmp_path)
    meta = root / "manuscript" / "article.yaml"
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)

    def built() -> tuple[bytes, dict]:
        shutil.rmtree(root / "build", ignore_errors=True)  # built afresh each time
        assert main(["--project", str(root), "build", "--format", "pdf", "--lang", "en"]) == 0
        data = (root / "build/en/article.pdf").read_bytes()
        with pikepdf.open(root / "build/en/article.pdf") as pdf:
            return data, {k: str(v) for k, v in pdf.docinfo.items() if k in ("/CreationDate", "/ModDate")}

    first, info = built()
    assert info == {}  # no date anywhere: none is made up
    assert built()[0] == first  # the same bytes from the same sources
    meta.write_text(meta.read_text(encoding="utf-8").replace("style: ieee\n", "style: ieee\ndate: 2026-11-25\n"),
                    encoding="utf-8")
    assert built()[1] == {"/CreationDate": "D:20261125000000Z", "/ModDate": "D:20261125000000Z"}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    assert built()[1]["/CreationDate"] == "D:20231114221320Z"


def test_a_quotation_is_never_parted_from_the_sentence_that_leads_into_it(tmp_path):
    """The lead-in moved down a line at a time through a page break (at one of these
    depths the quotation would start the next page without `break-before: avoid`)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    filler = "Mətn sətri ki, səhifəni doldurur və sitatı səhifənin sonuna itələyir, Boğazlar məsələsi haqqında. " * 3
    for depth in range(14, 23):
        root = copy_project("bilingual", tmp_path / str(depth))
        section = root / "manuscript/az/02-war.md"
        text = section.read_text(encoding="utf-8").replace(
            "1939–1945-ci illərdə Türkiyə neytral qaldı.", "\n\n".join([filler] * depth) + "\n\nİnönü demişdir: LEADIN.")
        section.write_text(text, encoding="utf-8")
        assert main(["--project", str(root), "build", "--format", "pdf", "--lang", "az"]) == 0
        pages = [" ".join(e.get_text() for e in page if isinstance(e, LTTextContainer))
                 for page in extract_pages(str(root / "build/az/article.pdf"))]
        lead = next(i for i, page in enumerate(pages) if "LEADIN" in page)
        assert "Bir qarış torpaq" in pages[lead], depth


def test_the_journal_styles_references_hang_from_their_numbers(tmp_path):
    """An entry's later lines are indented; its number stands out in the first (the style
    says `hanging-indent`)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer, LTTextLine

    root = copy_project("reftypes", tmp_path)
    assert main(["--project", str(root), "build", "--format", "pdf", "--format", "html", "--lang", "az"]) == 0
    assert 'class="references csl-bib-body hanging-indent"' in (root / "build/az/article.html").read_text(
        encoding="utf-8")
    lines = [line for page in extract_pages(str(root / "build/az/article.pdf")) for box in page
             if isinstance(box, LTTextContainer) for line in box if isinstance(line, LTTextLine)]
    first = next(i for i, line in enumerate(lines) if line.get_text().startswith("1. Cəfərov"))
    mm = 72 / 25.4
    assert lines[first + 1].x0 - lines[first].x0 > 5 * mm  # "Onun Problemləri …" under the text, not the number


def _lines(path) -> list[tuple[int, str, float, float]]:
    """Each line of running text (9.5 to 11 pt): its page, text, baseline and size."""
    import pymupdf

    found = []
    with pymupdf.open(path) as document:
        for number, page in enumerate(document, 1):
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    spans = [s for s in line["spans"] if s["text"].strip()]
                    if spans and 9.4 < spans[0]["size"] < 11.2:
                        found.append((number, "".join(s["text"] for s in line["spans"]).rstrip(),
                                      spans[0]["origin"][1], spans[0]["size"]))
    return found


def test_a_proper_name_is_never_hyphenated_where_the_same_word_in_small_letters_is(tmp_path):
    root = copy_project("bilingual", tmp_path)
    section = root / "manuscript/az/02-war.md"
    sentence = "Onlar Konstantinopolislilərlə və konstantinopolislilərlə görüşdülər, sonra qayıtdılar. "
    section.write_text(section.read_text(encoding="utf-8") + "\n" + sentence * 40 + "\n", encoding="utf-8")
    assert main(["--project", str(root), "build", "--format", "pdf", "--lang", "az"]) == 0
    ends = [text.split()[-1] for _, text, _, _ in _lines(root / "build/az/article.pdf") if text.endswith("\u2010")]
    assert any(end.startswith("konst") for end in ends)  # hyphenation is on, for the word in small letters
    assert not any(end.startswith("Konst") for end in ends)


def _long_words(count: int) -> str:
    """Distinct long words, so that nearly every line ends in a hyphen."""
    stems = ["international", "institutional", "constitutional", "organisational", "representational"]
    return " ".join(f"{stems[i % 5]}{'isation' if i % 2 else 'ising'}{'s' * (i % 3)}" for i in range(count))


def test_no_page_but_the_last_ends_on_a_hyphenated_word(tmp_path):
    """Laid out once, the pages end on a hyphen; the print edition mends them."""
    import pymupdf
    import weasyprint as engine

    from toolkit.engines import weasyprint
    from toolkit.engines.weasyprint_lines import lines, page_ends
    from toolkit.hyphenation import register

    html = ("<html lang='en'><style>@page { size: 90mm 70mm; margin: 8mm } p { hyphens: auto; "
            "text-align: justify; font-size: 11pt; margin: 0 }</style>"
            + "".join(f"<p>{_long_words(60)}</p>" for _ in range(3)) + "</html>")
    register()
    assert page_ends(lines(engine.HTML(string=html).render()))  # what WeasyPrint alone does
    pdf, _ = weasyprint.render_pdf(html, tmp_path, [tmp_path])
    (tmp_path / "out.pdf").write_bytes(pdf)
    with pymupdf.open(tmp_path / "out.pdf") as document:
        last_lines = [page.get_text().rstrip().splitlines()[-1] for page in document][:-1]
    assert len(last_lines) >= 3 and not [line for line in last_lines if line.endswith(("\u2010", "-"))]


def test_ladders_of_three_hyphenated_line_ends_are_found_in_the_layout():
    import weasyprint as engine

    from toolkit.engines.weasyprint_lines import ladder, ladders, lines
    from toolkit.hyphenation import register

    html = ("<html lang='en'><style>@page { size: 90mm 200mm; margin: 8mm } p { hyphens: auto; "
            f"text-align: justify; font-size: 11pt }}</style><h2>Ladders</h2><p>{_long_words(40)}</p>"
            "<p>Short words end this one at its line ends, and no line of it ends in a hyphen at all.</p></html>")
    register()
    found = lines(engine.HTML(string=html).render())
    runs = ladders(found)
    assert runs and all(len(run) >= 3 and all(line.text.endswith("\u2010") for line in run) for run in runs)
    assert all(run[0].block is found[1].block for run in runs)  # the first paragraph's, not the second's
    first = ladder(runs[0])
    assert first.page == 1 and first.heading == "Ladders" and "\u2010" not in first.text


def test_a_ladder_is_mended_at_the_line_left_least_loose_or_else_reported():
    from toolkit.engines.weasyprint_lines import LOOSE, Line, mend

    def run(*loose):
        return [Line(1, f"line {n} broken\u2010", None, None, "", value) for n, value in enumerate(loose)]

    three = run(0.4, 0.2, 0.3)
    assert mend(three) is three[1]
    five = run(0.1, 0.1, 0.45, 0.1, 0.1)
    assert mend(five) is five[2]  # the one that leaves no three in a row
    assert mend(run(0.6, LOOSE + 0.1, 0.9)) is None  # each would be too loose: reported instead


def _first_line_width(html: str) -> float:
    import weasyprint as engine
    from weasyprint.formatting_structure.boxes import LineBox, TextBox

    page = engine.HTML(string=html).render().pages[0]._page_box
    line = next(box for box in page.descendants() if isinstance(box, LineBox))
    return sum(box.width for box in line.descendants() if isinstance(box, TextBox))


@pytest.mark.parametrize("marked", ['class="proper-name" style="hyphens: manual"', 'style="{}"'])
def test_words_that_fit_a_line_but_for_the_space_before_a_span_are_not_cut_short(tmp_path, marked):
    """A proper name's span, or a word kept whole, after words that fill the line all but
    their final space: WeasyPrint alone ended that line after its first word, a short line
    in mid paragraph ("gələ-" / "cəyə" / "narahatlıqla ...")."""
    import pymupdf

    from toolkit.engines import weasyprint
    from toolkit.engines.weasyprint_lines import UNBROKEN

    style = "p { margin: 0; font-size: 11pt; text-align: justify; hyphens: auto; text-indent: 0 }"
    words = "the second trade agreement was signed in"
    measure = _first_line_width(f"<html lang='en'><style>{style}</style><p>{words}</p></html>") + 0.5  # px
    rest = " ".join(["and the talks that followed went on for a long time"] * 5)
    html = (f"<html lang='en'><style>@page {{ size: 150mm 120mm; margin: 10mm }} {style} "
            f"p {{ width: {measure}px }}</style><p>{words} <span {marked.format(UNBROKEN)}>Moscow</span> "
            f"{rest}.</p></html>")
    pdf, _ = weasyprint.render_pdf(html, tmp_path, [tmp_path])
    (tmp_path / "out.pdf").write_bytes(pdf)
    with pymupdf.open(tmp_path / "out.pdf") as document:
        found = [("".join(span["text"] for span in line["spans"]).strip(), line["bbox"][2] - line["bbox"][0])
                 for block in document[0].get_text("dict")["blocks"] for line in block.get("lines", [])]
    assert found[0][0] == words and found[1][0].startswith("Moscow")
    assert len(found) > 3 and all(width >= 0.8 * measure * 0.75 for _, width in found[:-1])  # px to pt


def test_a_ladder_is_reported_at_its_paragraph_in_the_sources_with_the_pdfs_page(tmp_path):
    from toolkit.engines.weasyprint_lines import Ladder
    from toolkit.project import load_project
    from toolkit.writers.pdf import _ladder_warning

    root = copy_project("bilingual", tmp_path)
    section = root / "manuscript/en/02-war.md"
    text = section.read_text(encoding="utf-8")
    section.write_text(text + "\nA ladder follows.\n\n" + _long_words(12) + "\n", encoding="utf-8")
    printed = " ".join(_long_words(12).split()[3:9])  # some of its lines, as the layout joins them
    warning = _ladder_warning(load_project(root), "en", Ladder(2, ("a‐", "b‐", "c‐"), "War", printed))
    assert (str(warning.path), warning.line, warning.code) == ("manuscript/en/02-war.md",
                                                               len(text.splitlines()) + 4, "hyphen-ladder")
    assert warning.message.startswith("build/en/article.pdf, page 2 in “War”: 3 lines in a row end in a hyphen")
    # a page end the layouts could not mend: one line
    warning = _ladder_warning(load_project(root), "en", Ladder(2, ("c‐",), "War", printed))
    assert warning.code == "page-end-hyphen" and warning.line == len(text.splitlines()) + 4
    assert warning.message == "build/en/article.pdf, page 2 in “War”: the page ends on a hyphenated word (c‐)"


def test_full_pages_end_at_the_same_depth_or_whole_lines_short(tmp_path):
    """Headings, a quotation and paragraphs of every length: the text's last baseline on
    each page but the last is the deepest one, or a whole number of lines (15.4 pt) above
    it where a heading or a quotation is kept with what follows."""
    root = copy_project("bilingual", tmp_path)
    section = root / "manuscript/az/02-war.md"
    filler = "Mətn sətri ki, səhifəni doldurur, Boğazlar məsələsi haqqında danışır və davam edir. "
    parts = [f"## Başlıq {n}\n\n" + "\n\n".join(filler * (1 + (n * k) % 7) for k in range(1, 4)) for n in range(12)]
    text = section.read_text(encoding="utf-8").replace("1939–1945-ci illərdə Türkiyə neytral qaldı.",
                                                       "\n\n".join(parts[:6]) + "\n\nİnönü demişdir:")
    section.write_text(text + "\n\n" + "\n\n".join(parts[6:]) + "\n", encoding="utf-8")
    assert main(["--project", str(root), "build", "--format", "pdf", "--lang", "az"]) == 0
    found = _lines(root / "build/az/article.pdf")
    pages = max(page for page, *_ in found)
    bottoms = [max(y for page, _, y, _ in found if page == number) for number in range(2, pages)]
    deepest = max(bottoms)
    short = [(deepest - y) / 15.4 for y in bottoms]
    assert pages >= 5 and all(abs(lines - round(lines)) < 0.05 for lines in short), short
    assert sum(round(lines) == 0 for lines in short) >= len(short) / 2, short
