"""The web edition: validated (Nu HTML checker, axe-core), responsive, citable."""

from __future__ import annotations

import json
import shutil
import subprocess

import lxml.html
import pytest

from tests.conftest import FIXTURES, REPO
from toolkit.cli import main

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "build" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    root = tmp_path_factory.mktemp("web") / "article"
    for part in ("manuscript", "bibliography"):
        shutil.copytree(REPO / part, root / part)
    assert main(["--project", str(root), "build", "--format", "html"]) == 0
    return root


@pytest.fixture(scope="module")
def complete(tmp_path_factory):
    """A fixture with authors, affiliations, a journal and complete references."""
    root = shutil.copytree(FIXTURES / "complete", tmp_path_factory.mktemp("web") / "complete")
    meta = root / "manuscript" / "article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("style: ieee\n", "style: ieee\njournal: Example Journal\n"
                                                              "date: 2026-11-25\n"), encoding="utf-8")
    assert main(["--project", str(root), "build", "--format", "html"]) == 0
    return root


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def tree(root, language):
    return lxml.html.fromstring((root / f"build/{language}/article.html").read_bytes())


@pytest.mark.parametrize("language", ["az", "en"])
def test_nu_html_checker_reports_no_errors(shipped, complete, language):
    pages = [str(root / f"build/{language}/article.html") for root in (shipped, complete)]
    done = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", *pages],
                          capture_output=True, text=True)
    messages = json.loads(done.stderr)["messages"]  # the checker reports on stderr, always
    assert messages == [] and done.returncode == 0, messages


def test_the_validators_do_find_problems(tmp_path, browser):
    """Both validators are live: a page with faults fails them."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html><head><title>x</title></head><body><p><div>x</p><img src="a.png"></body></html>')
    done = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", str(bad)],
                          capture_output=True, text=True)
    assert done.returncode == 1 and json.loads(done.stderr)["messages"]
    page = browser.new_page()
    page.goto(bad.as_uri())
    page.add_script_tag(path=str(AXE))
    assert "image-alt" in page.evaluate("axe.run().then(r => r.violations.map(v => v.id))")
    page.close()


@pytest.mark.parametrize("language", ["az", "en"])
def test_axe_reports_no_violations(shipped, complete, browser, language):
    for root in (shipped, complete):
        page = browser.new_page()
        page.goto((root / f"build/{language}/article.html").as_uri())
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("axe.run().then(r => r.violations.map(v => [v.id, v.nodes.map(n => n.html)]))")
        page.close()
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


def test_citation_shows_its_reference_on_hover_and_focus(complete, browser):
    page = browser.new_page()
    page.goto((complete / "build/az/article.html").as_uri())
    link = page.locator('.citation a[href="#ref-kuru2001"]').first
    link.hover()
    tip = page.locator("#reference-preview")
    assert tip.is_visible() and "Ankara–Moskova İlişkileri" in tip.inner_text()
    assert link.get_attribute("aria-describedby") == "reference-preview"
    page.mouse.move(0, 0)
    assert page.locator("#reference-preview").count() == 0
    link.focus()
    assert page.locator("#reference-preview").is_visible()
    page.keyboard.press("Escape")
    assert page.locator("#reference-preview").count() == 0
    page.close()


def test_citations_and_references_link_both_ways_without_script(complete):
    html = tree(complete, "az")
    for link in html.xpath('//span[contains(@class, "citation")]//a'):
        assert html.get_element_by_id(link.get("href")[1:]) is not None
    for entry in html.xpath('//div[contains(@class, "csl-entry")]'):
        backs = entry.xpath('.//span[contains(@class, "backlinks")]//a')
        assert backs, entry.get("id")
        for back in backs:
            assert html.get_element_by_id(back.get("href")[1:]) is not None
            assert back.get("aria-label")


def test_works_offline_with_the_toolkit_s_own_style_and_script(shipped):
    html = tree(shipped, "az")
    assert not html.xpath("//script[@src] | //link[@rel='stylesheet'] | //img[starts-with(@src, 'http')]")
    scripts = [s.text or "" for s in html.xpath("//script[not(@type)]")]
    assert any("reference-preview" in s for s in scripts)
    assert any("reference-preview" in (s.text or "") for s in html.xpath("//style"))


def test_structure_language_and_quotations(shipped):
    html = tree(shipped, "en")
    assert html.get("lang") == "en" and html.xpath("//main") and html.xpath('//nav[@id="TOC"]')
    assert html.xpath('//link[@rel="alternate"][@hreflang="az"]/@href') == ["../az/article.html"]
    assert html.xpath('//div[contains(@class, "other-language")]/@lang') == ["az"]
    assert html.xpath('//h2[@id="relations-1923-1939"]/a[@class="anchor"][@href="#relations-1923-1939"]')
    sources = [" ".join(s.text_content().split()) for s in html.xpath('//div[contains(@class, "quotation-source")]')]
    assert "— The Soviet and British governments, 10 August 1941" in sources
    assert "— Refik Saydam, 1939" in sources


def _metas(html, attribute):
    out = {}
    for meta in html.xpath(f"//meta[@{attribute}]"):
        out.setdefault(meta.get(attribute), []).append(meta.get("content"))
    return out


def test_metadata_for_indexers(complete):
    html = tree(complete, "az")
    names, properties = _metas(html, "name"), _metas(html, "property")
    assert names["citation_title"] == ["Boğazlar məsələsi"]
    assert names["citation_author"] == ["Leyla Həsənova"]
    assert names["citation_publication_date"] == ["2026/11/25"]
    assert names["citation_language"] == ["az"] and names["citation_pdf_url"] == ["article.pdf"]
    assert names["citation_keywords"] == ["Boğazlar; diplomatiya"]
    references = names["citation_reference"]
    assert len(references) == 2 and any("citation_title=Ankara–Moskova İlişkileri" in r and
                                        "citation_firstpage=12" in r and "citation_lastpage=30" in r
                                        for r in references)
    assert names["DC.title"] == ["Boğazlar məsələsi"] and names["DC.language"] == ["az"]
    assert properties["og:title"] == ["Boğazlar məsələsi"] and properties["og:locale"] == ["az_AZ"]
    assert properties["og:locale:alternate"] == ["en_US"]
    data = json.loads(html.xpath('//script[@type="application/ld+json"]')[0].text)
    assert data["@type"] == "ScholarlyArticle" and data["inLanguage"] == "az"
    assert data["workTranslation"][0]["inLanguage"] == "en"
    assert data["author"][0]["affiliation"]["name"] == "Example University"
    english = json.loads(tree(complete, "en").xpath('//script[@type="application/ld+json"]')[0].text)
    assert english["translationOfWork"] == {"@type": "ScholarlyArticle", "name": "Boğazlar məsələsi",
                                            "inLanguage": "az", "url": "../az/article.html"}


def test_no_invented_metadata(shipped):
    names = _metas(tree(shipped, "az"), "name")
    assert "citation_author" not in names and "citation_publication_date" not in names
    assert "citation_reference" not in names  # the references have no bibliographic data yet
