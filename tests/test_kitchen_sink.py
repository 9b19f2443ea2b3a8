"""Nothing lost: every word and number of the kitchen-sink article's sources is in each of
its editions, and as many formulas, figures and tables.

tests/fixtures/kitchen-sink holds every construct the toolkit supports, in Azerbaijani
and English. Each edition's text is taken out of the file as a reader's tool would
(the web page's <main>, pdfminer for the PDF, the Word file's runs and footnotes) and
compared with the words of what the edition prints: its language's sections and front
matter and the other language's title, abstract and keywords. Words are compared with their
punctuation removed and in lower case; a word hyphenated at a PDF line's end is joined.

What the editions legitimately print otherwise, and how it is tested instead:

- citation keys (`@kuru2001`) become numbers ("[1; 3, s. 12]"); their locators stay, with
  the edition's term ("p. 5" in the English abstract is "s. 5" in the Azerbaijani edition);
- cross-reference labels (`@fig:map`, `\\ref{fig:chart}`) become "Şəkil 1", "Cədvəl 1", "(1)";
- attributes and labels in braces (`{#fig:map width=50%}`, a quotation's `speaker` and
  ISO `date`) are not text: the speaker and date are printed under the quotation,
  the date in words ("10 avqust 1941");
- image and link addresses are not text (the images are embedded);
- formulas are MathML, SVG and Word equations: counted, not read as words.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections import Counter

import lxml.html
import pikepdf
import pytest

from tests.conftest import copy_project
from toolkit import formulas
from toolkit.cli import main
from toolkit.project import load_project

LANGUAGES = ("az", "en")
FIGURES, TABLES = 3, 1


def words(text: str) -> Counter:
    """Each word and number and how often it stands in `text`; letters and digits apart
    ("imzalandı³", a word and its note's call, are two words)."""
    text = unicodedata.normalize("NFKC", text).replace("İ", "I").lower()
    return Counter(re.findall(r"[^\W\d_]+|\d+", text))


def printed_words(markdown: str) -> Counter:
    """The words a Markdown text prints, without what the editions transform (see above)."""
    for formula in reversed(formulas.find(markdown)):
        markdown = markdown[:formula.offset] + " " + markdown[formula.end:]
    markdown = re.sub(r"\\(?:ref|eqref|autoref|cref)\{[^}]*\}", " ", markdown)
    markdown = re.sub(r"\{[^{}]*\}", " ", markdown)  # attributes and labels
    markdown = re.sub(r"\]\([^)]*\)", "] ", markdown)  # image and link addresses
    # a locator's term is the edition's ("p. 5" in the English abstract is "s. 5" in the az edition)
    markdown = re.sub(r"(@[^\[\];,]*,\s*)(?:pp?|s)\.", r"\1", markdown)
    markdown = re.sub(r"-?@\w(?:[\w:.#$%&\-+?<>~/]*\w)?", " ", markdown)  # citation keys, cross-references
    markdown = re.sub(r"^:::.*$", " ", markdown, flags=re.M)  # div fences
    return words(markdown)


def _front(project, language: str, own: bool) -> list[str]:
    meta = project.metadata.languages[language]
    texts = [meta.title, meta.abstract, *meta.keywords]  # another language's abstract stands under its title
    if own:
        texts += [t for a in project.metadata.authors for t in (a.name, a.affiliation)]
    return texts


def sources(project, language: str) -> list[str]:
    """Every source text the edition prints: its sections and front matter, the other
    languages' titles, abstracts and keywords."""
    texts = [s.text for s in project.manuscripts[language].sections] + _front(project, language, True)
    return texts + [t for other in project.metadata.languages if other != language
                    for t in _front(project, other, False)]


def field_formulas(project, language: str) -> list[str]:
    """The TeX of each formula in a printed field of the references the edition cites."""
    from toolkit.checks.latex import PRINTED
    from toolkit.latex import decode

    cited = {c.key for c in project.manuscripts[language].citations}
    return [tex for entry in project.bibliography.entries if entry.key in cited
            for name, field in entry.fields.items() if name in PRINTED
            for *_, tex in decode(field.value).formulas]


def formula_count(project, language: str) -> int:
    """The formulas of the sources: of the texts the edition prints, and of its references' fields."""
    return (sum(len(formulas.find(text, code=False)) for text in sources(project, language))
            + len(field_formulas(project, language)))


def _html_text(page) -> str:
    main = page.xpath("//main")[0]
    for element in main.xpath(".//math | .//script"):
        element.drop_tree()
    for br in main.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for call in main.xpath(".//a[@class='footnote-ref']"):  # "1936" and its note's call "3" apart
        call.text = " " + (call.text or "")
    return main.text_content()


def _pdf_text(path, vocabulary: set[str]) -> str:
    """pdfminer's text, line by line, a change of type size (a note's call, "1936³") a space
    apart; a word hyphenated at a line's end joined when it makes a source word."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    lines = []

    def read(item) -> None:
        if isinstance(item, LTTextLine):
            out, size = [], None
            for char in item:
                if isinstance(char, LTChar):
                    if size and abs(char.size - size) > 0.2 * size:
                        out.append(" ")
                    size = char.size
                out.append(char.get_text())
            lines.append("".join(out))
        elif isinstance(item, LTTextContainer) or hasattr(item, "__iter__"):
            for child in item:
                read(child)

    for page in extract_pages(str(path)):
        read(page)
    text = "\n".join(line.rstrip("\n") for line in lines)

    def join(m: re.Match) -> str:
        whole = m.group(1) + m.group(2)
        return whole if set(words(whole)) <= vocabulary else m.group(0)
    return re.sub(r"(\w+)[-‐\xad]\n(\w+)", join, text)


def _docx_text(xml: str) -> str:
    xml = re.sub(r"<m:oMath>.*?</m:oMath>", " ", xml, flags=re.S)
    xml = re.sub(r"<w:(?:br|tab)\b[^>]*/>", "<w:t> </w:t>", xml)
    return "\n".join("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in re.findall(r"<w:p[ >].*?</w:p>",
                                                                                          xml, flags=re.S))


def _tex(text: str) -> str:
    return " ".join(text.split())


def _tagged(path, tex: set[str]) -> Counter:
    """The tagged PDF's structure: each kind of element, and its Figures as formulas (their
    alternative text is a formula's TeX, `tex`) or figures."""
    found: Counter = Counter()

    def walk(node) -> None:
        if isinstance(node, pikepdf.Array):
            for item in node:
                walk(item)
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                kind = str(node.S)
                found[kind] += 1
                if kind == "/Figure":
                    found["formula" if _tex(str(node.get("/Alt", ""))) in tex else "figure"] += 1
            if "/K" in node:
                walk(node.K)

    with pikepdf.open(path) as document:
        walk(document.Root.StructTreeRoot.K)
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The editions' texts and counts; the PDF counted in its tagged (PDF/UA) variant,
    whose structure names each image, formula and table."""
    root = copy_project("kitchen-sink", tmp_path_factory.mktemp("sink"))
    assert main(["--project", str(root), "check", "--strict"]) == 0
    assert main(["--project", str(root), "build"]) == 0
    project = load_project(root)
    out = {"project": project}
    for language in LANGUAGES:
        vocabulary = sum(map(printed_words, sources(project, language)), Counter())
        page = lxml.html.fromstring((root / f"build/{language}/article.html").read_bytes())
        counts = {"html": (len(page.xpath("//main//math")), len(page.xpath("//main//figure")),
                           len(page.xpath("//main//table")))}
        with zipfile.ZipFile(root / f"build/{language}/article.docx") as docx:
            xml = docx.read("word/document.xml").decode("utf-8") + docx.read("word/footnotes.xml").decode("utf-8")
        counts["docx"] = (xml.count("<m:oMath>"), xml.count("<pic:pic>"), xml.count("<w:tbl>"))
        out[language] = {"vocabulary": vocabulary, "html": _html_text(page), "docx": _docx_text(xml),
                         "pdf": _pdf_text(root / f"build/{language}/article.pdf", set(vocabulary)),
                         "counts": counts}
    assert main(["--project", str(root), "build", "--format", "pdf", "--pdf-variant", "pdf/ua-1"]) == 0
    for language in LANGUAGES:
        tex = {_tex(f.tex) for text in sources(project, language) for f in formulas.find(text, code=False)}
        tex |= {_tex(t) for t in field_formulas(project, language)}
        tagged = _tagged(root / f"build/{language}/article.pdf", tex)
        out[language]["counts"]["pdf"] = (tagged["formula"], tagged["figure"], tagged["/Table"])
        out[language]["captions"] = tagged["/Caption"]
    return out


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_every_word_and_number_of_the_sources_is_in_the_edition(built, language, fmt):
    """As often as the sources have it, at least (the editions add their own words)."""
    missing = built[language]["vocabulary"] - words(built[language][fmt])
    assert missing == Counter(), f"{language} {fmt} lacks {dict(missing)}"
    assert len(built[language]["vocabulary"]) > 100  # the comparison has something to compare


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_formulas_figures_and_tables_are_as_many_as_in_the_sources(built, language, fmt):
    expected = (formula_count(built["project"], language), FIGURES, TABLES)
    assert expected[0] == 15  # 3 in the front matter, 7 in the sections, 1 in the other title, 2 in the other
    #                          abstract, 2 in a title of the references
    assert built[language]["counts"][fmt] == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_is_transformed_is_printed_as_the_edition_says_it(built, language):
    expected = {
        "az": ["Şəkil 1-də", "Şəkil 1–3", "Cədvəl 1-də", "(1) ilə", "qrafik 2 isə",
               "“Məlumat” bölməsi",
               "İsmet İnönü, 10 avqust 1941", "[1; 3, s. 12]", "[2, s. 3]", "[1, s. 40–42; 4]"],
        "en": ["shown in Figure 1", "Figures 1–3", "in Table 1", "Eq. (1)", "chart 2 shows", "Section “Data”",
               "İsmet İnönü, 10 August 1941",
               "Here and below, quotations are translated from the Azerbaijani text; original language: Turkish",
               "[1; 3, p. 12]", "[2, p. 3]", "[1, p. 40–42; 4]"],
    }[language]
    for fmt in ("html", "pdf", "docx"):
        text = " ".join(built[language][fmt].replace("\u00a0", " ").split())
        for phrase in expected:
            assert phrase in text, (fmt, phrase)
        for key in ("kuru2001", "aydin1999", "hobsbawm1983", "fig:map", "tbl:trade", "eq:turnover", "sec:data"):
            assert key not in text, (fmt, key)
    assert built[language]["captions"] == FIGURES + TABLES  # each figure and table has its caption


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_jats_file_is_valid_and_has_every_formula_figure_and_table(built, language):
    from tests.writers.test_jats import validated
    from toolkit.styles import project_style
    from toolkit.writers.jats import render_jats

    project = built["project"]
    root = validated(render_jats(project, language, project_style(project)))
    # a keyword holds no formula in JATS: there the formula is its text ("Y₀ artımı");
    # the other languages' titles are in both (trans-title in JATS)
    metadata = project.metadata.languages.values()
    keywords = sum(len(formulas.find(k, code=False)) for m in metadata for k in m.keywords)
    assert len(root.findall(".//inline-formula") + root.findall(".//disp-formula")) == \
        formula_count(project, language) - keywords
    assert (len(root.findall(".//fig")), len(root.findall(".//table-wrap"))) == (FIGURES, TABLES)
    assert "Y₀" in "".join(root.find(f".//kwd-group[@{{http://www.w3.org/XML/1998/namespace}}lang='{language}']")
                           .itertext())
