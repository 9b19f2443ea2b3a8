"""Markup in the front matter: shown on every edition's first page, plain text in every
place that takes text (tests/fixtures/front-matter: each kind of markup in each field)."""

from __future__ import annotations

import json
import re
import zipfile
from html.parser import HTMLParser

import lxml.html
import pikepdf
import pytest
from lxml import etree

from tests.conftest import copy_project
from toolkit.cli import main
from toolkit.front_matter import text_markdown

# what each field's plain text is, per edition: citations as the edition numbers them,
# formulas as Unicode text, no footnote, raw HTML and TeX as the characters they are
PLAIN = {
    "az": {
        "title": "Boğazlar məsələsi: Y₀ və “ticarət” [1] </title> <script>x</script>",
        "running-title": "Boğazlar və Y₀",
        "names": ["Leyla Həsənova", "Ali “Kuru” <b>Bəy</b>"],
        "affiliation": "Institute of Mathematics & ℝⁿ Studies [2]",
        "abstract": "Qısa xülasə: α² < βᵢⱼ [1, s. 12] və bağlantı. \\texttt{kod} <b>qalın</b> & “dırnaq” `kod`. "
                    "İkinci abzas: x ≤ 10.",
        "keywords": ["Boğazlar", "x² artımı", "Montrö", "diplomatiya [2]", "a “b” & <c>"],
        "other-title": "The Straits question: Y₀ and “trade” [1] </title> <script>x</script>",
    },
    "en": {
        "title": "The Straits question: Y₀ and “trade” [1] </title> <script>x</script>",
        "running-title": "The Straits and Y₀",
        "names": ["Leyla Həsənova", "Ali “Kuru” <b>Bəy</b>"],
        "affiliation": "Institute of Mathematics & ℝⁿ Studies [2]",
        "abstract": "A short abstract: α² < βᵢⱼ [1, p. 12] and a link. \\texttt{code} <b>bold</b> & “quotes” `code`. "
                    "A second paragraph: x ≤ 10.",
        "keywords": ["Straits", "x² growth", "Montreux", "diplomacy [2]", "a “b” & <c>"],
        "other-title": "Boğazlar məsələsi: Y₀ və “ticarət” [1] </title> <script>x</script>",
    },
}
NOTES = {"az": ["Başlığa qeyd.", "Müəllif ilə əlaqə; corresponding author.", "Xülasəyə qeyd."],
         "en": ["A note on the title.", "Müəllif ilə əlaqə; corresponding author.", "A note on the abstract."]}
# what a text-only place may never hold: Markdown, TeX of a formula, a footnote, markup made from them
LEAKS = ("*", "$", "[@", "^[", "_0", "\\mathbb", "<em>", "<math", "](")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project("front-matter", tmp_path_factory.mktemp("front"))
    assert main(["--project", str(root), "check", "--strict"]) == 0
    assert main(["--project", str(root), "build"]) == 0
    return root


def _page(root, language):
    return (root / f"build/{language}/article.html").read_text(encoding="utf-8")


def _tags(html: str) -> list[tuple[str, dict]]:
    found = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Reader(convert_charrefs=True).feed(html)
    return found


def _no_leak(text: str) -> None:
    for leak in LEAKS:
        assert leak not in text, (leak, text)


@pytest.mark.parametrize("language", ["az", "en"])
def test_the_web_page_shows_the_markup_on_its_first_page(built, language):
    page = lxml.html.fromstring(_page(built, language).encode("utf-8"))
    title, authors = page.xpath("//h1[@class='title']")[0], page.xpath("//p[@class='author']")
    assert title.xpath(".//em") and title.xpath(".//math") and title.xpath(".//a[@href='#ref-kuru2001']")
    assert title.xpath(".//a[@class='footnote-ref']") and not title.xpath(".//script")
    assert authors[0].xpath(".//em") and authors[0].xpath(".//a[@class='footnote-ref']")
    affiliation = authors[0].xpath(".//span[@class='affiliation']")[0]
    assert affiliation.xpath(".//math") and affiliation.xpath(".//a[@href='https://example.org/institute']")
    assert authors[1].text == "Ali “Kuru” <b>Bəy</b>" and not authors[1].xpath(".//b")
    affiliation = authors[1].xpath(".//span[@class='affiliation']")[0]
    assert affiliation.text == "Baku State University, ‘Faculty’ of History"
    abstract = page.xpath("//div[contains(@class, 'abstract') and not(ancestor::div)]")[0]
    assert len(abstract.xpath(".//math")) == 2 and abstract.xpath(".//em") and not abstract.xpath(".//b | .//code")
    assert abstract.xpath(".//a[starts-with(@href, 'https://example.org/')]")
    keywords = page.xpath("//div[contains(@class, 'keywords') and not(ancestor::div)]")[0]
    spans = keywords.xpath(".//span[@class='keyword']")
    assert len(spans) == 5 and spans[0].xpath("em") and spans[1].xpath("math") and spans[2].xpath("a")
    assert [" ".join(k.text_content().split()) for k in spans[2:]] == PLAIN[language]["keywords"][2:]
    notes = [" ".join(li.text_content().split()).rstrip("↩︎").strip()
             for li in page.xpath("//section[@id='footnotes']//li")]
    assert notes[:3] == NOTES[language]  # each note once, in reading order: title, author, abstract


@pytest.mark.parametrize("language", ["az", "en"])
def test_every_text_only_place_of_the_web_page_gets_the_plain_text(built, language):
    html = _page(built, language)
    expected = PLAIN[language]
    tags = _tags(html)
    assert re.search(r"<title>(.*?)</title>", html, re.S).group(1) == \
        expected["title"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    metas = [(a.get("name") or a.get("property"), a["content"]) for tag, a in tags if tag == "meta" and "content" in a]
    by_name: dict[str, list[str]] = {}
    for name, content in metas:
        by_name.setdefault(name, []).append(content)
    for name in ("citation_title", "DC.title", "og:title"):
        assert by_name[name] == [expected["title"]]
    for name in ("citation_abstract", "DC.description", "og:description"):
        assert by_name[name] == [expected["abstract"]]
    assert by_name["citation_author"] == by_name["DC.creator"] == expected["names"]
    assert by_name["citation_author_institution"] == [expected["affiliation"]]
    assert by_name["citation_keywords"] == ["; ".join(expected["keywords"])]
    assert by_name["DC.subject"] == by_name["article:tag"] == expected["keywords"]
    for name, contents in by_name.items():
        if name not in ("viewport", "generator", "citation_reference", "citation_pdf_url"):
            for content in contents:
                _no_leak(content)
    # nothing broke out of an attribute: every meta tag has its two attributes and no more
    assert all(len(a) == 2 for tag, a in tags if tag == "meta" and "content" in a and "http-equiv" not in a)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert not re.search(r"[<>&]", block)
    data = json.loads(block)
    assert data["name"] == expected["title"] and data["abstract"] == expected["abstract"]
    assert data["keywords"] == expected["keywords"]
    assert [a["name"] for a in data["author"]] == expected["names"]
    assert data["author"][0]["affiliation"]["name"] == expected["affiliation"]
    other = data.get("workTranslation", [data.get("translationOfWork")])[0]
    assert other["name"] == expected["other-title"]


@pytest.mark.parametrize("language", ["az", "en"])
def test_the_print_edition_shows_the_markup_and_its_properties_are_plain(built, language):
    from pdfminer.high_level import extract_text

    pdf = built / f"build/{language}/article.pdf"
    expected = PLAIN[language]
    with pikepdf.open(pdf) as document:
        info = {key: str(value) for key, value in document.docinfo.items()}
    assert info["/Title"] == expected["title"]
    assert info["/Author"] == ", ".join(expected["names"])
    assert info["/Subject"] == expected["abstract"]
    assert info["/Keywords"] == ", ".join(expected["keywords"])
    first = " ".join(extract_text(str(pdf), page_numbers=[0]).split())
    for note in NOTES[language]:
        assert note in first  # at the foot of the first page
    assert "$" not in first and "[@" not in first and "^[" not in first


@pytest.mark.parametrize("language", ["az", "en"])
def test_the_print_page_draws_the_formulas_and_its_running_heads_are_plain_text(built, language):
    from toolkit.styles import project_style
    from toolkit.checks.bibliography import incomplete_keys
    from toolkit.edition import prepare
    from toolkit.project import load_project
    from toolkit.writers.pdf import print_ast, print_html

    project = load_project(built)
    edition = prepare(project, language, project_style(project, None), incomplete_keys(project.bibliography))
    page = lxml.html.fromstring(print_html(print_ast(edition), project))
    assert page.xpath("//div[@class='running-title']")[0].text_content() == PLAIN[language]["running-title"]
    assert page.xpath("//div[@class='running-authors']")[0].text_content() == ", ".join(PLAIN[language]["names"])
    assert page.findtext(".//title") == PLAIN[language]["title"]
    # each formula an SVG image: one in the title, one in the affiliation, two in the
    # abstract, one in the keywords
    assert len(page.xpath("//header[@id='title-block-header']//img[contains(@class, 'math')]")) == 2
    own = "//div[contains(@class, '{}') and not(ancestor::div)]//img[contains(@class, 'math')]"
    assert len(page.xpath(own.format("abstract"))) == 2 and len(page.xpath(own.format("keywords"))) == 1
    assert not page.xpath("//*[contains(@class, 'unconverted-formula')]")


@pytest.mark.parametrize("language", ["az", "en"])
def test_the_word_edition_shows_the_markup_and_its_properties_are_plain(built, language):
    expected = PLAIN[language]
    with zipfile.ZipFile(built / f"build/{language}/article.docx") as docx:
        core = etree.fromstring(docx.read("docProps/core.xml"))
        body = docx.read("word/document.xml").decode("utf-8")
        notes = docx.read("word/footnotes.xml").decode("utf-8")
    dc, cp = "{http://purl.org/dc/elements/1.1/}", \
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
    assert core.findtext(f"{dc}title") == expected["title"]
    assert core.findtext(f"{dc}creator") == "; ".join(expected["names"])
    assert core.findtext(f"{dc}subject") == expected["abstract"]
    assert core.findtext(f"{cp}keywords") == ", ".join(expected["keywords"])
    paragraphs = re.findall(r"<w:p>.*?</w:p>", body, re.S)
    title = next(p for p in paragraphs if 'w:val="Title"' in p)
    assert "<w:i />" in title and "<m:oMath>" in title and 'w:anchor="ref-kuru2001"' in title
    assert "w:footnoteReference" in title
    author = next(p for p in paragraphs if 'w:val="Author"' in p)
    words = "".join(re.findall(r"<(?:w|m):t[^>]*>([^<]*)<", author))
    assert words.startswith("LeylaHəsənova") or words.startswith("Leyla Həsənova")
    assert "Institute of" in words and "<m:oMath>" in author and "w:footnoteReference" in author
    for note in NOTES[language]:
        assert note in notes


@pytest.mark.parametrize("language", ["az", "en"])
def test_jats_front_matter_has_the_markup_and_plain_names(built, language):
    from tests.writers.test_jats import validated
    from toolkit.project import load_project
    from toolkit.styles import project_style
    from toolkit.writers.jats import render_jats

    project = load_project(built)
    root = validated(render_jats(project, language, project_style(project)))
    title = root.find(".//title-group/article-title")
    assert title.find("italic") is not None and title.find("inline-formula") is not None
    assert title.find("xref[@ref-type='bibr']") is not None and title.find("xref[@ref-type='fn']") is not None
    assert "<script>x</script>" in "".join(title.itertext())  # raw HTML as text, not dropped
    assert [n.text for n in root.iter("string-name")] == PLAIN[language]["names"]
    fns = ["".join(fn.find("p").itertext()).strip() for fn in root.findall(".//author-notes/fn")]
    assert fns[:2] == NOTES[language][:2] and NOTES[language][2] in fns
    for xref in root.iter("xref"):
        if xref.get("ref-type") == "fn" and xref.get("rid", "").startswith("fn-front-"):
            assert root.find(f".//fn[@id='{xref.get('rid')}']") is not None
    aff = " ".join("".join(root.find(".//aff").itertext()).split())
    assert aff == "Institute of Mathematics & ℝⁿ Studies [2]"  # JATS has no formula in an aff: its text
    group = root.find(f".//kwd-group[@{{http://www.w3.org/XML/1998/namespace}}lang='{language}']")
    kwds = [" ".join("".join(k.itertext()).split()) for k in group]
    assert kwds[:3] == PLAIN[language]["keywords"][:3]
    abstract = root.find(".//abstract")
    assert len(abstract.findall("p")) == 2 and abstract.find(".//inline-formula") is not None


@pytest.mark.parametrize("text", [
    "<script>x", "a\n:::\n# b", "```\nx\n```", "~~~\nx", "`code`", "x\n\n::: {.y}\ny\n:::",
    "<!--", "a\n---\nb", "$a\n<script>$", "\\begin{itemize}\\end{itemize}", "[x]{onclick=y} <img src=x>"])
def test_front_matter_markdown_cannot_leave_its_block(text):
    """pandoc reads the escaped field as one paragraph's worth of inlines, inside its div."""
    from toolkit.engines import pandoc

    source = f"::: {{.abstract}}\n{text_markdown(text)}\n:::\n\n# After {{#after}}\n"
    ast = json.loads(pandoc.run(["--from=markdown", "--to=json"], stdin=source).output)
    assert [b["t"] for b in ast["blocks"]] == ["Div", "Header"]
    kinds = json.dumps(ast["blocks"][0])
    for kind in ("RawInline", "RawBlock", "Code", "CodeBlock", "Header", "HorizontalRule"):
        assert f'"t": "{kind}"' not in kinds, (kind, text)


def test_front_matter_markdown_keeps_math_and_markup():
    assert text_markdown("*a* $b < c$ [@k] [l](https://x) ^[n]") == "*a* $b < c$ [@k] [l](https://x) ^[n]"
    assert text_markdown("\\texttt{x} \\$5 a<b") == "\\\\texttt{x} \\$5 a\\<b"


def test_the_submission_manifest_and_name_take_the_plain_text(built, run_cli):
    code, out, _ = run_cli("--project", built, "submit", "--lang", "az")
    assert code == 0
    (written,) = [line.removeprefix("wrote ") for line in out.splitlines()]
    assert written.startswith("build/submission/bogazlar-meselesi-y0-ve-ticaret-")  # no key, no TeX
    with zipfile.ZipFile(built / written) as package:
        name = next(n for n in package.namelist() if n.endswith("manifest.json"))
        article = json.loads(package.read(name))["article"]
    assert article["titles"] == {"az": PLAIN["az"]["title"], "en": PLAIN["az"]["other-title"]}
    assert [a["name"] for a in article["authors"]] == PLAIN["az"]["names"]
    assert article["authors"][0]["affiliation"] == PLAIN["az"]["affiliation"]
    assert article["keywords"]["az"] == PLAIN["az"]["keywords"]
    assert article["keywords"]["en"] == ["Straits", "x² growth", "Montreux", "diplomacy [2]", "a “b” & <c>"]


def test_citations_in_the_metadata_are_checked_cited_and_resolved(project_copy, run_cli):
    from toolkit.checks import run_checks
    from toolkit.project import load_project

    root = project_copy("complete")
    bib = root / "bibliography/references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("@book{aydin1999,", "@book{aydin1999,\n  ids = {aydin}, ")
                   + "\n@book{celik2005,\n  author = {Çelik, Ayşe},\n  title = {Boğazlar},\n  location = {İzmir},\n"
                     "  publisher = {Ege},\n  year = {2005},\n  langid = {turkish},\n}\n", encoding="utf-8")
    meta = root / "manuscript/article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8")
                    .replace("style: ieee\n", "")  # the journal style: numbered in alphabetical order
                    .replace("title: Boğazlar məsələsi", "title: Boğazlar məsələsi [@nokey]")
                    .replace("abstract: Qısa xülasə.", "abstract: Qısa xülasə [@celik2005; @aydin]."),
                    encoding="utf-8")
    found = {d.code: d for d in run_checks(load_project(root))
             if d.code in ("unknown-citation", "alias-citation", "uncited-entry")}
    assert set(found) == {"unknown-citation", "alias-citation"}  # celik2005, cited in the abstract only, is cited
    assert (str(found["unknown-citation"].path), found["unknown-citation"].line) == ("manuscript/article.yaml", 8)
    assert "'nokey'" in found["unknown-citation"].message and "'aydin'" in found["alias-citation"].message
    assert run_cli("--project", root, "build", "--lang", "az", "--format", "html")[0] == 0
    page = lxml.html.fromstring((root / "build/az/article.html").read_bytes())
    abstract = " ".join(page.xpath("//div[contains(@class, 'abstract')]")[0].text_content().split())
    # the alias cites its entry; the journal style numbers a key cited only in the abstract alphabetically
    assert "[1; 2]" in abstract and "aydin" not in abstract
    entries = [e.get("id") for e in page.xpath("//div[@id='refs']/div")]
    assert entries == ["ref-aydin1999", "ref-celik2005", "ref-kuru2001"]
