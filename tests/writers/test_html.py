"""The web edition: validated (Nu HTML checker, axe-core), responsive, citable."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import lxml.html
import pytest

from tests.conftest import FIXTURES, REPO, copy_project
from toolkit.cli import main

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "build" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def complete(tmp_path_factory):
    """A fixture with authors, affiliations, a journal and complete references."""
    root = shutil.copytree(FIXTURES / "complete", tmp_path_factory.mktemp("web") / "complete")
    meta = root / "manuscript" / "article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("style: ieee\n", "style: ieee\ndate: 2026-11-25\n"),
                    encoding="utf-8")  # the fixture's journal is "Example Journal"
    assert main(["--project", str(root), "build", "--format", "html"]) == 0
    return root


@pytest.fixture(scope="module")
def formulas(tmp_path_factory):
    """Inline and display formulas (MathML), every math environment, one unconvertible formula."""
    root = shutil.copytree(FIXTURES / "math", tmp_path_factory.mktemp("web") / "math")
    assert main(["--project", str(root), "build", "--format", "html"]) == 0
    return root


@pytest.fixture(scope="module")
def markup(tmp_path_factory):
    """Markup in every front-matter field, and the kitchen-sink article's every construct."""
    roots = []
    for name in ("front-matter", "kitchen-sink"):
        root = shutil.copytree(FIXTURES / name, tmp_path_factory.mktemp("web") / name)
        assert main(["--project", str(root), "build", "--format", "html"]) == 0
        roots.append(root)
    return roots


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def tree(root, language):
    return lxml.html.fromstring((root / f"build/{language}/article.html").read_bytes())


def nu_messages(pages: list) -> tuple[list, int]:
    """The Nu HTML checker's errors for the pages, and its exit status."""
    done = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, pages)],
                          capture_output=True, text=True)
    return json.loads(done.stderr)["messages"], done.returncode  # the checker reports on stderr, always


def axe_violations(browser, page_path) -> list:
    page = browser.new_page(bypass_csp=True)  # the page's policy would refuse axe's own script
    page.goto(page_path.as_uri())
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("axe.run().then(r => r.violations.map(v => [v.id, v.nodes.map(n => n.html)]))")
    page.close()
    return violations


@pytest.mark.parametrize("language", ["az", "en"])
def test_nu_html_checker_reports_no_errors(complete, hostile, formulas, markup, language):
    messages, status = nu_messages([root / f"build/{language}/article.html"
                                    for root in (complete, hostile, formulas, *markup)])
    assert messages == [] and status == 0, messages


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
def test_axe_reports_no_violations(complete, hostile, formulas, markup, browser, language):
    for root in (complete, hostile, formulas, *markup):
        violations = axe_violations(browser, root / f"build/{language}/article.html")
        assert violations == [], violations


@pytest.mark.parametrize("language", ["az", "en"])
@pytest.mark.parametrize("width", [1280, 375, 360])
def test_screenshots_show_no_horizontal_overflow(markup, browser, language, width):
    """The kitchen-sink article: figures, a table, formulas, quotations, notes."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((markup[1] / f"build/{language}/article.html").as_uri())
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"kitchen-sink-{language}-{width}.png"), full_page=True)
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
            if not back.text_content().startswith("↩"):  # a number shown is in the link's name (WCAG 2.5.3)
                assert back.text_content() in back.get("aria-label")



def test_back_links_are_named_by_the_number_they_show(tmp_path):
    """An entry cited at places 1, 2 and 4 shows back links 1, 2, 3, each named with its own number."""
    root = shutil.copytree(FIXTURES / "complete", tmp_path / "complete")
    section = root / "manuscript/az/01-introduction.md"
    section.write_text(section.read_text(encoding="utf-8") + "\nYenə [@aydin1999]. Və [@kuru2001].\n",
                       encoding="utf-8")
    assert main(["--project", str(root), "build", "--format", "html", "--lang", "az"]) == 0
    html = tree(root, "az")
    kuru = html.get_element_by_id("ref-kuru2001").xpath('.//span[contains(@class, "backlinks")]//a')
    assert [a.get("href") for a in kuru] == ["#cite-1", "#cite-2", "#cite-4"]
    assert [a.text_content() for a in kuru] == ["1", "2", "3"]
    assert [a.get("aria-label") for a in kuru] == [f"{n} saylı istinada qayıt" for n in (1, 2, 3)]


def test_works_offline_with_the_toolkit_s_own_style_and_script(complete):
    html = tree(complete, "az")
    assert not html.xpath("//script[@src] | //link[@rel='stylesheet'] | //img[starts-with(@src, 'http')]")
    scripts = [s.text or "" for s in html.xpath("//script[not(@type)]")]
    assert any("reference-preview" in s for s in scripts)
    assert any("reference-preview" in (s.text or "") for s in html.xpath("//style"))


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


# --- a manuscript the journal did not write ------------------------------------------

PROBE = "window.__pwned"
HOSTILE_TITLE = "Boğazlar <script>window.__pwned=1</script> məsələsi"
HOSTILE_ABSTRACT = "<!--<script> Qısa xülasə </script><script>window.__pwned=7</script> & İki cümlə."
HOSTILE_YAML = f"""\
title-status: final
authors:
  - name: 'Leyla <svg onload="window.__pwned=2">Həsənova'
    affiliation: '<iframe srcdoc="<script>parent.__pwned=3</script>"></iframe>Example University'
style: ieee
languages:
  az:
    title: '{HOSTILE_TITLE}'
    abstract: '{HOSTILE_ABSTRACT}'
    keywords: ['<img src=x onerror="window.__pwned=4">Boğazlar', '<b onmouseover="window.__pwned=5">diplomatiya</b>']
  en:
    title: 'The Straits <a href="javascript:window.__pwned=6">question</a>'
    abstract: 'A short abstract. <iframe srcdoc="<script>parent.__pwned=8</script>"></iframe> Two sentences.'
    keywords: [Straits, '<style>body {{ display: none }}</style>diplomacy']
"""
HOSTILE_SECTION = """\
# Əlavə {#extra onclick="window.__pwned=10"}

Mətn [@kuru2001; @evil] və <b onclick="window.__pwned=11">qalın</b> [söz]{onclick="window.__pwned=12"}.

<img src=x onerror="window.__pwned=13"> <a href="javascript:window.__pwned=14">j</a> [bax](javascript:window.__pwned=15)
[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xNjwvc2NyaXB0Pg==) ![Nöqtə](../../figures/dot.png)

<script>window.__pwned=17</script>

```{=html}
<iframe srcdoc="<script>parent.__pwned=18</script>"></iframe>
<form action="https://example.org"><input name="a"><button>Göndər</button></form>
```

`<script>window.__pwned=19</script>`{=html} <span style="position:fixed;inset:0">örtük</span>

<meta http-equiv="refresh" content="0;url=https://example.org">
<style>@import "https://example.org/x.css"; main { display: none }</style>
<object data="x.swf"></object><embed src="x.swf"><base href="https://example.org/">
<details open ontoggle="window.__pwned=20"><summary>Xülasə</summary>mətn</details>
"""
EVIL_ENTRY = ("\n@online{evil,\n  author = {Xəyal, Yusif},\n  title = {Zərərli},\n  date = {2020},\n"
              "  url = {javascript:window.__pwned=21},\n  langid = {azerbaijani},\n}\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The complete fixture with script, handlers, frames, forms, styles and javascript: links
    in every field and form an author controls."""
    from PIL import Image

    root = shutil.copytree(FIXTURES / "complete", tmp_path_factory.mktemp("web") / "hostile")
    (root / "manuscript/article.yaml").write_text(HOSTILE_YAML, encoding="utf-8")
    (root / "manuscript/az/02-extra.md").write_text(HOSTILE_SECTION, encoding="utf-8")
    with open(root / "bibliography/references.bib", "a", encoding="utf-8") as bib:
        bib.write(EVIL_ENTRY)
    (root / "figures").mkdir()
    Image.new("RGB", (4, 4), (122, 46, 14)).save(root / "figures/dot.png")
    assert main(["--project", str(root), "build", "--format", "html", "--format", "pdf"]) == 0
    return root


def _html(root, language):
    return (root / f"build/{language}/article.html").read_text(encoding="utf-8")


def _elements(html):
    """Every start tag as (tag, attributes) and every script's text, as a browser's parser reads them."""
    from html.parser import HTMLParser

    tags, scripts = [], []

    class Reader(HTMLParser):
        inside = None

        def handle_starttag(self, tag, attrs):
            tags.append((tag, {name: value or "" for name, value in attrs}))
            if tag in ("script", "style"):
                self.inside = [tag, tags[-1][1].get("type", ""), ""]
                scripts.append(self.inside)

        def handle_data(self, data):
            if self.inside:
                self.inside[2] += data

        def handle_endtag(self, tag):
            self.inside = None

    Reader(convert_charrefs=True).feed(html)
    return tags, [tuple(script) for script in scripts]


@pytest.mark.parametrize("language", ["az", "en"])
def test_hostile_sources_leave_no_active_content(hostile, language):
    from toolkit.writers.base import asset

    html = _html(hostile, language)
    tags, texts = _elements(html)
    names = [tag for tag, _ in tags]
    assert names.count("script") == 2 and names.count("style") == 1
    assert sorted((kind, type_) for kind, type_, _ in texts) == [("script", ""), ("script", "application/ld+json"),
                                                                 ("style", "")]
    own = {kind: text for kind, type_, text in texts if not type_}
    assert own["script"] == asset("js", "web.js").read_text(encoding="utf-8")
    # the stylesheet, after the text face's notice and @font-face rules (toolkit/web_fonts.py)
    css = asset("css", "web.css").read_text(encoding="utf-8")
    assert own["style"].endswith(css)
    assert re.fullmatch(r"(/\*[^*]*\*/\n(@font-face \{[^{}]*\}\n?)+)?", own["style"][:-len(css)])
    for tag in ("iframe", "form", "input", "button", "object", "embed", "base", "svg", "frame"):
        assert tag not in names, tag
    assert [a["http-equiv"] for tag, a in tags if tag == "meta" and "http-equiv" in a] == ["Content-Security-Policy"]
    assert [tag for tag, a in tags if tag == "link" and a.get("rel") not in ("alternate", "schema.DC")] == []
    for tag, attributes in tags:
        for name, value in attributes.items():
            assert not name.startswith("on") and name != "style", (tag, name)
            if name in ("href", "src", "action", "formaction", "srcdoc", "data"):
                assert not re.sub(r"\s", "", value).lower().startswith(("javascript:", "vbscript:")), (tag, value)
                assert not value.startswith("data:") or (tag, name) == ("img", "src"), (tag, value)


def _text(element) -> str:
    return " ".join(element.text_content().split())


def test_hostile_metadata_shows_as_text(hostile):
    page = lxml.html.fromstring(_html(hostile, "az").encode("utf-8"))
    # pandoc reads a tag such as <script> in metadata as a block of its own: it keeps
    # a line break around it, and writes a tag's attributes its own way
    assert _text(page.xpath("//h1[@class='title']")[0]) == HOSTILE_TITLE
    assert page.findtext(".//title") == HOSTILE_TITLE
    author = _text(page.xpath("//p[@class='author']")[0])
    assert author.startswith('Leyla <svg onload="window.__pwned=2">Həsənova<iframe srcdoc=')
    assert author.endswith("</iframe> Example University")
    keywords = _text(page.xpath("//div[contains(@class, 'keywords')]")[0])
    # a lone <img> may reach the fence as an image (x is none: a marker) or stay text; never an image
    assert keywords.count("Boğazlar") == 1 and not page.xpath("//div[contains(@class, 'keywords')]//img")
    assert "<b onmouseover=" in keywords and "window.__pwned=5" in keywords and "diplomatiya</b>" in keywords
    english = lxml.html.fromstring(_html(hostile, "en").encode("utf-8"))
    title = english.xpath("//h1[@class='title']")[0]
    assert _text(title) == 'The Straits <a href="javascript:window.__pwned=6">question</a>' and not title.xpath(".//a")


def test_hostile_json_ld_parses_and_closes_nothing(hostile):
    for language in ("az", "en"):
        html = _html(hostile, language)
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
        assert not re.search(r"[<>&]", block)
        data = json.loads(block)
        assert data["author"][0]["name"] == 'Leyla <svg onload="window.__pwned=2">Həsənova'
    block = re.search(r'ld\+json">(.*?)</script>', _html(hostile, "az"), re.S).group(1)
    # the abstract as the page prints it: its tags are text, and "--" a dash, as in any text
    assert json.loads(block)["name"] == HOSTILE_TITLE
    assert json.loads(block)["abstract"] == HOSTILE_ABSTRACT.replace("<!--", "<!–")


def test_hostile_links_are_text_and_the_reference_has_no_javascript_link(hostile):
    page = lxml.html.fromstring(_html(hostile, "az").encode("utf-8"))
    entry = page.get_element_by_id("ref-evil")
    assert "Zərərli" in entry.text_content()
    # pandoc's citeproc writes the URL as "https://javascript:…", which is no URL: the link goes
    assert [a.get("href") for a in entry.xpath(".//a[@href]") if not a.get("href").startswith("#cite-")] == []
    assert "bax" in page.text_content() and not page.xpath("//a[starts-with(@href, 'data:')]")


def test_images_the_toolkit_embedded_are_kept(hostile, browser):
    page = lxml.html.fromstring(_html(hostile, "az").encode("utf-8"))
    (image,) = page.xpath("//img")
    assert image.get("src").startswith("data:image/png;base64,") and image.get("alt") == "Nöqtə"
    tab = browser.new_page()
    tab.goto((hostile / "build/az/article.html").as_uri())
    assert tab.evaluate("document.querySelector('main img').naturalWidth") == 4  # the policy lets data: images load
    tab.close()


CSP_PROBE = """document.addEventListener("securitypolicyviolation",
  e => (window.__violations = window.__violations || []).push(e.violatedDirective));"""


@pytest.mark.parametrize("language", ["az", "en"])
def test_hostile_page_runs_nothing_in_chromium_and_still_works(hostile, browser, language):
    page = browser.new_page()
    page.add_init_script(CSP_PROBE)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((hostile / f"build/{language}/article.html").as_uri())
    for selector in ("main b", "main details", "div.keywords", "h1.title", "main img"):
        if page.locator(selector).count():
            page.locator(selector).first.hover()
    page.wait_for_timeout(200)
    assert page.evaluate(f"typeof {PROBE}") == "undefined"
    # nothing was even left for the policy to block: the sanitiser removed it all
    assert page.evaluate("window.__violations || []") == [] and errors == []
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    # the body is whole (no comment or script in the abstract swallowed it) and the preview works
    assert page.locator("#refs .csl-entry").count() == {"az": 3, "en": 2}[language]
    assert page.locator("main h1").count() == 1 and page.locator("main h2").count() >= 3
    link = page.locator('.citation a[href="#ref-kuru2001"]').first
    link.hover()
    assert page.locator("#reference-preview").is_visible()
    assert "Ankara–Moskova İlişkileri" in page.locator("#reference-preview").inner_text()
    page.close()


def test_the_policy_alone_stops_script_the_sanitiser_missed(complete, browser, tmp_path):
    """Raw script put into a built page after the fact runs not: only the toolkit's own
    script and style block are allowed, by their hashes."""
    html = (complete / "build/az/article.html").read_text(encoding="utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
    assert "default-src 'none'" in policy and "img-src data:" in policy and "base-uri 'none'" in policy
    assert "form-action 'none'" in policy and "unsafe" not in policy
    assert html.index("Content-Security-Policy") < min(html.index("<style>"), html.index("<script"))
    injected = html.replace("<main", '<script>window.__pwned=1</script><img src="data:," onerror="window.__pwned=2">'
                            '<a id="go" href="javascript:window.__pwned=3">x</a>'
                            '<style>body{display:none}</style><main', 1)
    page_file = tmp_path / "article.html"
    page_file.write_text(injected, encoding="utf-8")
    page = browser.new_page()
    page.add_init_script(CSP_PROBE)
    page.goto(page_file.as_uri())
    page.click("#go")
    page.wait_for_timeout(200)
    assert page.evaluate(f"typeof {PROBE}") == "undefined"
    assert set(page.evaluate("window.__violations")) >= {"script-src-elem", "script-src-attr", "style-src-elem"}
    assert page.locator("body").is_visible()  # the injected style was refused, the toolkit's applies
    page.locator('.citation a[href="#ref-kuru2001"]').first.hover()
    assert page.locator("#reference-preview").is_visible()
    page.close()


def test_print_edition_gets_no_style_meta_link_or_script_from_the_sources(hostile):
    from toolkit.styles import project_style
    from toolkit.checks.bibliography import incomplete_keys
    from toolkit.edition import prepare
    from toolkit.project import load_project
    from toolkit.writers.pdf import print_ast, print_html

    project = load_project(hostile)
    edition = prepare(project, "az", project_style(project, None), incomplete_keys(project.bibliography))
    tags, texts = _elements(print_html(print_ast(edition), project))
    names = [tag for tag, _ in tags]
    assert names.count("style") == 1 and "@page" in next(t for k, _, t in texts if k == "style")
    assert names.count("link") == 1 and "script" not in names
    assert [a for tag, a in tags if tag == "meta" and "http-equiv" in a] == []
    assert not [name for _, a in tags for name in a if name.startswith("on") or name == "style"]
    assert "iframe" not in names and "form" not in names and "object" not in names
    assert _text(lxml.html.fromstring(print_html(print_ast(edition), project)).xpath("//h1")[0]) == HOSTILE_TITLE


@pytest.fixture(scope="module")
def open_comment(tmp_path_factory):
    """An abstract that opens a comment and a script and closes neither."""
    root = shutil.copytree(FIXTURES / "complete", tmp_path_factory.mktemp("web") / "open-comment")
    meta = root / "manuscript/article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("abstract: Qısa xülasə. İki cümlə.",
                                                             "abstract: '<!--<script> Qısa xülasə. İki cümlə.'"),
                    encoding="utf-8")
    assert main(["--project", str(root), "build", "--format", "html"]) == 0
    return root


def test_an_open_comment_in_the_abstract_leaves_the_json_ld_whole(open_comment, browser):
    html = _html(open_comment, "az")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(block)["abstract"] == "<!–<script> Qısa xülasə. İki cümlə."  # as printed: "--" a dash
    page = browser.new_page()
    page.goto((open_comment / "build/az/article.html").as_uri())
    assert page.locator("#refs .csl-entry").count() == 2
    page.locator('.citation a[href="#ref-kuru2001"]').first.hover()
    assert page.locator("#reference-preview").is_visible()
    page.close()


def test_an_open_script_in_the_abstract_keeps_the_body_out_of_the_abstract(open_comment):
    page = lxml.html.fromstring(_html(open_comment, "az").encode("utf-8"))
    assert not page.xpath("//div[contains(@class, 'abstract')]//h1")
    assert page.xpath("//nav[@id='TOC']//a[@href='#introduction']")
    assert "<script> Qısa xülasə." in _text(page.xpath("//div[contains(@class, 'abstract')]")[0])


TABLES = """\
# Cədvəllər {#tables}

| Sol | Sağ | Orta | Adi |
|:----|----:|:----:|-----|
| a   | 1   | c    | d   |

+---------+--------+--------+
| A       | B      | C      |
+:========+=======:+:======:+
| iki     | 2      | x      |
| sətir   +--------+--------+
|         | 3      | y      |
+---------+--------+--------+
"""


def test_table_columns_keep_their_alignment_without_style_attributes(tmp_path, browser):
    root = shutil.copytree(FIXTURES / "complete", tmp_path / "tables")
    (root / "manuscript/az/02-tables.md").write_text(TABLES, encoding="utf-8")
    assert main(["--project", str(root), "build", "--lang", "az", "--format", "html"]) == 0
    assert not re.search(r"\sstyle=", _html(root, "az").split("<main", 1)[1])
    page = browser.new_page()
    page.goto((root / "build/az/article.html").as_uri())
    aligned = page.evaluate("""[...document.querySelectorAll('main table')].map(t => [...t.rows].map(
        r => [...r.cells].map(c => c.textContent.trim() + ':' + getComputedStyle(c).textAlign)))""")
    page.close()
    assert aligned[0] == [["Sol:left", "Sağ:right", "Orta:center", "Adi:center"],  # a header cell: centred by default
                          ["a:left", "1:right", "c:center", "d:start"]]
    # the cell spanning two rows keeps the second row's cells in their own columns
    assert aligned[1] == [["A:left", "B:right", "C:center"], ["iki sətir:left", "2:right", "x:center"],
                          ["3:right", "y:center"]]


def test_author_date_references_hang_and_numbers_stand_in_the_margin(tmp_path, browser):
    """pandoc marks an author-date list `hanging-indent` and a numbered one with
    `second-field-align` parts: both are laid out as the styles mean."""
    root = shutil.copytree(FIXTURES / "complete", tmp_path / "complete")
    assert main(["--project", str(root), "build", "--format", "html", "--lang", "en", "--style", "APA"]) == 0
    page = browser.new_page(viewport={"width": 600, "height": 900})
    page.goto((root / "build/en/article.html").as_uri())
    entry = page.locator("#refs .csl-entry").first
    assert page.locator("#refs.hanging-indent").count() == 1
    indent = entry.evaluate("e => [getComputedStyle(e).textIndent, getComputedStyle(e).paddingLeft]")
    assert float(indent[0].removesuffix("px")) < 0 < float(indent[1].removesuffix("px"))
    page.close()
    assert main(["--project", str(root), "build", "--format", "html", "--lang", "en", "--style", "ieee"]) == 0
    page = browser.new_page(viewport={"width": 600, "height": 900})
    page.goto((root / "build/en/article.html").as_uri())
    number = page.locator("#refs .csl-left-margin").first.bounding_box()
    text = page.locator("#refs .csl-right-inline").first.bounding_box()
    assert number["x"] + number["width"] <= text["x"] and abs(number["y"] - text["y"]) < 2
    page.close()


def test_a_numeric_range_is_never_broken_at_its_dash(markup, browser):
    """At a phone's width every range ("1923–1936") stands on one line: one box each."""
    html = tree(markup[1], "en")
    ranges = [span.text for span in html.xpath('//main//span[@class="nowrap"]')]
    assert "1923–1936" in ranges and all(re.fullmatch(r"\d+(?:[.,]\d+)?[–—-]\d+(?:[.,]\d+)?", r) for r in ranges)
    page = browser.new_page(viewport={"width": 320, "height": 900})
    page.goto((markup[1] / "build/en/article.html").as_uri())
    boxes = page.evaluate("[...document.querySelectorAll('main .nowrap')].map(s => s.getClientRects().length)")
    page.close()
    assert boxes and set(boxes) == {1}


def test_the_title_is_the_one_h1_and_the_abstract_comes_before_the_contents(markup):
    html = tree(markup[1], "en")
    main = html.xpath("//main")[0]
    assert [h.get("class") for h in main.xpath(".//h1")] == ["title"]
    assert main.xpath('.//h2[@id="sec:intro"]') and main.xpath('.//h3[@id="sec:quote"]')
    assert main.xpath('.//h4[@id="sec:overview"]') and main.xpath('.//h2[@id="references"]')
    order = [e.get("id") or e.get("class") for e in main.xpath('.//*[@id="TOC" or contains(@class, "abstract") '
                                                               'or contains(@class, "keywords") or @id="sec:intro"]')]
    assert order[:4] == ["abstract", "keywords", "TOC", "sec:intro"], order
    toc = [a.text_content() for a in main.xpath('.//nav[@id="TOC"]//a')]
    assert toc[:2] == ["Introduction", "Quotation"] and "References" in toc  # sections and subsections


def test_the_language_switch_keeps_the_readers_place(markup, browser):
    """Go to "Data" from the contents, switch: the Azerbaijani edition opens at "Məlumat"."""
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.goto((markup[1] / "build/en/article.html").as_uri())
    page.locator('#TOC a[href="#sec:data"]').click()
    page.locator('.language-switch a[hreflang="az"]').click()  # scrolled back up to it first
    page.wait_for_load_state()
    assert page.url.endswith("/az/article.html#sec%3Adata") and page.evaluate("document.documentElement.lang") == "az"
    top = page.evaluate("document.getElementById('sec:data').getBoundingClientRect().top")
    assert 0 <= top < 100 and "Məlumat" in page.evaluate("document.getElementById('sec:data').textContent")
    # and a reader who scrolled into a section, with the switch in reach, lands in it too
    page.evaluate("document.getElementById('sec:quote').scrollIntoView()")
    page.evaluate("document.querySelector('.language-switch a[hreflang]').click()")
    page.wait_for_url("**/en/article.html#sec%3Aquote")
    page.close()


def test_a_citation_of_one_reference_is_one_link_brackets_included(markup):
    """"[3]" is the target, not "3" (WCAG 2.5.8, target size); "[1; 3, p. 12]" stays two links."""
    html = tree(markup[1], "en")
    single = html.xpath('//main//span[@data-cites="kuru2001"]//a[@href="#ref-kuru2001"]')
    assert single and all(re.fullmatch(r"\[\d+(, p\. [\d–]+)?\]", a.text_content()) for a in single)
    (several,) = [s for s in html.xpath('//main//span[@data-cites="kuru2001 aydin1999"]')][:1]
    assert [a.text_content() for a in several.xpath(".//a")] == ["1", "3, p. 12"]
    assert several.text_content() == "[1; 3, p. 12]"


def test_a_range_in_the_title_is_kept_whole_too(tmp_path):
    root = copy_project("bilingual", tmp_path)
    meta = root / "manuscript" / "article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("title: The Straits question",
                                                             "title: The Straits question (1923–1946)"),
                    encoding="utf-8")
    assert main(["--project", str(root), "build", "--format", "html", "--lang", "en"]) == 0
    html = tree(root, "en")
    assert html.xpath('//h1[@class="title"]//span[@class="nowrap"]/text()') == ["1923–1946"]
    assert html.xpath("//title/text()") == ["The Straits question (1923–1946)"]
