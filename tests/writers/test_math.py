"""Formulas in every edition: MathML on the web, SVG paths in print, OMML in Word, never raw TeX."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections import Counter

import lxml.html
import pikepdf
import pytest

from tests.conftest import FIXTURES
from tests.writers.test_html import CHROMIUM_ARGS, SCREENSHOTS
from toolkit.cli import main

INLINE, DISPLAY = 4, 5  # per edition: \frac, \sqrt, \int, \dot; $$, equation, align, gather, cases
RAW_TEX = re.compile(r"\\(frac|sqrt|int|dot|begin|end|dv)\b|\$")
MARKER = {"az": "[düstur çevrilə bilmədi]", "en": "[formula could not be converted]"}
LANGUAGES = ("az", "en")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = shutil.copytree(FIXTURES / "math", tmp_path_factory.mktemp("math") / "math")
    assert main(["--project", str(root), "build"]) == 0
    return root


@pytest.mark.parametrize("language", LANGUAGES)
def test_web_edition_has_mathml_and_no_raw_tex(built, language):
    page = lxml.html.fromstring((built / f"build/{language}/article.html").read_bytes())
    maths = page.findall(".//math")
    assert Counter(m.get("display") for m in maths) == {"inline": INLINE, "block": DISPLAY}
    assert all(m.find("semantics/annotation") is not None for m in maths)  # the TeX, for assistive tools
    for annotation in page.iterfind(".//annotation"):  # not shown: the TeX source for tools
        annotation.drop_tree()
    main_text = page.find(".//main").text_content()
    assert not RAW_TEX.search(main_text) and MARKER[language] in main_text


@pytest.mark.parametrize("language", LANGUAGES)
def test_chromium_lays_the_formulas_out_and_shows_no_tex(built, language):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.goto((built / f"build/{language}/article.html").as_uri())
        text = page.evaluate("document.querySelector('main').innerText")
        boxes = page.evaluate("[...document.querySelectorAll('math')].map(m => m.getBoundingClientRect())"
                              ".map(r => [r.width, r.height])")
        fraction = page.evaluate("(() => { const f = document.querySelector('mfrac').children;"
                                 " return [f[0].getBoundingClientRect().bottom, f[1].getBoundingClientRect().top]; })()")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"math-{language}.png"), full_page=True)
        browser.close()
    assert not RAW_TEX.search(text) and MARKER[language] in text
    assert len(boxes) == INLINE + DISPLAY and all(w > 5 and h > 5 for w, h in boxes)
    assert fraction[0] <= fraction[1]  # the numerator stands above the denominator: laid out as math


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_html_has_svg_formulas_on_the_baseline(built, language):
    from toolkit.edition import prepare
    from toolkit.project import load_project
    from toolkit.styles import project_style
    from toolkit.writers.pdf import print_ast, print_html

    project = load_project(built)
    page = print_html(print_ast(prepare(project, language, project_style(project), set())), project)
    assert "<math" not in page
    images = lxml.html.fromstring(page).findall(".//img")
    formulas = [img for img in images if "math" in img.get("class", "").split()]
    assert Counter(img.get("class") for img in formulas) == {"math inline": INLINE, "math display": DISPLAY}
    for img in formulas:
        assert img.get("src").startswith("data:image/svg+xml;base64,")
        style = dict(part.split(":") for part in img.get("style").split(";"))
        assert set(style) == {"width", "height", "vertical-align"} and all(v.endswith("em") for v in style.values())
    fraction = next(img for img in formulas if img.get("alt") == r"\frac{a}{b}")
    assert float(fraction.get("style").split("vertical-align:")[1].removesuffix("em")) < -0.1  # b below the line


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_draws_formulas_as_vector_paths_and_no_tex(built, language):
    from pdfminer.high_level import extract_text

    path = built / f"build/{language}/article.pdf"
    text = extract_text(str(path))
    assert not RAW_TEX.search(text) and MARKER[language] in " ".join(text.split())
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        assert not any(x.get("/Subtype") == "/Image" for x in page.Resources.get("/XObject", {}).values())
        operators = Counter(str(op) for _, op in pikepdf.parse_content_stream(page))
        forms = [x for x in pdf.objects if isinstance(x, pikepdf.Stream) and x.get("/Subtype") == "/Form"]
        glyphs = [Counter(str(op) for _, op in pikepdf.parse_content_stream(form)) for form in forms]
    # every glyph of a formula is a filled outline (curves, not text or a raster image), in the
    # PDF once as a form, drawn wherever it stands
    assert operators["Do"] >= 40, operators
    assert len(glyphs) >= 20 and all(g["f"] == 1 and g["c"] + g["l"] >= 1 for g in glyphs)
    assert sum(g["c"] for g in glyphs) >= 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_word_edition_has_native_equations(built, language):
    with zipfile.ZipFile(built / f"build/{language}/article.docx") as package:
        document = package.read("word/document.xml").decode("utf-8")
    assert document.count("<m:oMathPara>") == DISPLAY
    assert document.count("<m:oMath>") == INLINE + DISPLAY
    shown = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", document))
    assert not RAW_TEX.search(shown) and MARKER[language] in shown
