"""The shipped article's web edition: valid, accessible, readable on a phone, as it is."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import REPO
from tests.writers.test_html import SCREENSHOTS, _metas, axe_violations, browser, nu_messages, tree  # noqa: F401
from toolkit.cli import main


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    root = tmp_path_factory.mktemp("web") / "article"
    for part in ("manuscript", "bibliography"):
        shutil.copytree(REPO / part, root / part)
    assert main(["--project", str(root), "build", "--format", "html"]) == 0
    return root


@pytest.mark.parametrize("language", ["az", "en"])
def test_nu_html_checker_reports_no_errors(shipped, language):
    messages, status = nu_messages([shipped / f"build/{language}/article.html"])
    assert messages == [] and status == 0, messages


@pytest.mark.parametrize("language", ["az", "en"])
def test_axe_reports_no_violations(shipped, browser, language):
    violations = axe_violations(browser, shipped / f"build/{language}/article.html")
    assert violations == [], violations


@pytest.mark.parametrize("language", ["az", "en"])
@pytest.mark.parametrize("width", [1280, 375, 360])
def test_screenshots_show_no_horizontal_overflow(shipped, browser, language, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((shipped / f"build/{language}/article.html").as_uri())
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{language}-{width}.png"), full_page=True)
    page.close()
    assert scroll <= inner


def test_structure_language_and_quotations(shipped):
    html = tree(shipped, "en")
    assert html.get("lang") == "en" and html.xpath("//main") and html.xpath('//nav[@id="TOC"]')
    assert html.xpath('//link[@rel="alternate"][@hreflang="az"]/@href') == ["../az/article.html"]
    assert html.xpath('//div[contains(@class, "other-language")]/@lang') == ["az"]
    assert html.xpath('//h3[@id="relations-1923-1939"]/a[@class="anchor"][@href="#relations-1923-1939"]')
    sources = [" ".join(s.text_content().split()) for s in html.xpath('//div[contains(@class, "quotation-source")]')]
    # a source line only where the lead-in does not already say who spoke and when (it names
    # Saydam, and dates the 1941 note); who and when stay on the quotation as data
    assert sources == ["— The Soviet and British governments", "— The Soviet government"]
    saydam = html.xpath('//div[@id="q-saydam-1939"]')[0]
    assert (saydam.get("data-speaker"), saydam.get("data-date")) == ("Refik Saydam", "1939")
    assert html.xpath('//div[@id="q-note-1941-08-10"]/@data-date') == ["1941-08-10"]


def test_no_invented_metadata(shipped):
    names = _metas(tree(shipped, "az"), "name")
    assert "citation_author" not in names and "citation_publication_date" not in names
    assert "citation_reference" not in names  # the references have no bibliographic data yet
