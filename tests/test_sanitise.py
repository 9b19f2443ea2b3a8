"""The allow-list: what raw HTML, pandoc attributes and links the editions keep.

Every test runs the real nh3 and, for the pandoc document, the real pandoc.
"""

from __future__ import annotations

import json

import pytest

from toolkit.engines import pandoc
from toolkit.sanitise import (ATTRIBUTES, DROPPED_WITH_CONTENT, GLOBAL_ATTRIBUTES, TAGS, clean_html,
                              embedded_images, sanitise_ast, scheme)
from toolkit.scholarly import script_json

PNG = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
       "AAAABJRU5ErkJggg==")


def parse(markdown: str) -> dict:
    return json.loads(pandoc.run(["--from=markdown", "--to=json"], stdin=markdown).output)


def nodes(tree, kind: str) -> list[dict]:
    found = []

    def visit(node):
        if isinstance(node, list):
            for item in node:
                visit(item)
        elif isinstance(node, dict):
            if node.get("t") == kind:
                found.append(node)
            for value in node.values():
                visit(value)
    visit(tree)
    return found


# --- the allow-list itself ----------------------------------------------------------


def test_the_allow_list_keeps_no_active_element_or_attribute():
    assert not TAGS & {"script", "style", "iframe", "object", "embed", "form", "input", "button", "meta", "link",
                       "base", "svg", "template", "frame", "textarea", "select", "audio", "video"}
    assert not TAGS & DROPPED_WITH_CONTENT
    names = set(GLOBAL_ATTRIBUTES).union(*ATTRIBUTES.values())
    assert not [n for n in names if n.startswith("on") or n in ("style", "srcdoc", "formaction", "action",
                                                                 "srcset", "background", "xlink:href")]


@pytest.mark.parametrize("url, expected", [
    ("https://example.org", "https"), ("MAILTO:a@b.org", "mailto"), ("../en/article.html", ""), ("#ref-a", ""),
    ("JaVaScRiPt:alert(1)", "javascript"), (" \x01javascript:alert(1)", "javascript"),
    ("java\tscr\nipt:alert(1)", "javascript"), ("vbscript:msgbox", "vbscript"), ("data:text/html,x", "data"),
    ("/tmp/a:b.png", ""), ("a/b:c", ""),
])
def test_scheme_is_read_as_a_browser_reads_it(url, expected):
    assert scheme(url) == expected


# --- raw HTML ------------------------------------------------------------------------


def test_script_style_and_frame_content_vanishes_rather_than_becoming_text():
    out = clean_html('<p>a<script>window.__pwned=1</script>b<style>p{color:red}</style>c'
                     '<iframe srcdoc="<script>x</script>">inner</iframe>d<noscript><p>n</p></noscript>'
                     '<textarea><b>t</b></textarea>e<svg onload="x()"><text>s</text></svg>f</p>')
    assert out == "<p>abcdef</p>"


@pytest.mark.parametrize("html", [
    '<img src="x" onerror="window.__pwned=1">', '<p onclick="x()">t</p>', '<a href="#a" onmouseover="x()">t</a>',
    '<details open ontoggle="x()"><summary>s</summary></details>', '<p style="position:fixed">t</p>',
    '<b ONCLICK="x()">t</b>',
])
def test_event_handlers_and_style_attributes_are_dropped(html):
    names = [name for item in _tree(clean_html(html)) if isinstance(item, tuple) for name, _ in item[1]]
    assert not [n for n in names if n.startswith("on") or n == "style"]
    assert _tree(clean_html(html))[0][0] == html[1:html.index(" ")]  # the element itself stays


@pytest.mark.parametrize("html", [
    '<form action="https://example.org"><input name="a"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://example.org">', '<link rel="stylesheet" href="x.css">',
    '<base href="https://example.org/">', '<object data="x.swf"></object>', '<embed src="x.swf">',
    '<iframe src="https://example.org"></iframe>', '<style>@import "https://example.org/x.css";</style>',
    '<math><annotation-xml encoding="text/html"><script>x</script></annotation-xml></math>',
])
def test_forms_frames_plugins_and_head_elements_are_dropped(html):
    out = clean_html(html)
    for tag in ("form", "input", "button", "meta", "link", "base", "object", "embed", "iframe", "style", "script",
                "annotation-xml"):
        assert f"<{tag}" not in out
    assert "import" not in out and "https" not in out


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java&#9;script:alert(1)",
    "&#106;avascript:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd",
])
def test_links_keep_only_http_https_mailto_and_relative_urls(href):
    assert clean_html(f'<a href="{href}">t</a>') == "<a>t</a>"
    for kept in ("https://example.org/a?b=1", "http://example.org", "mailto:a@example.org", "#ref-a",
                 "../en/article.html"):
        assert clean_html(f'<a href="{kept}">t</a>') == f'<a href="{kept}">t</a>'


def test_links_are_not_rewritten():
    assert clean_html('<a href="https://example.org">t</a>') == '<a href="https://example.org">t</a>'


def test_a_data_image_is_kept_only_when_the_toolkit_embedded_it():
    html = f'<img src="{PNG}" alt="dot">'
    assert clean_html(html, images={PNG}) == html
    assert clean_html(html) == '<img alt="dot">'
    assert clean_html(f'<a href="{PNG}">t</a>', images={PNG}) == "<a>t</a>"
    assert "src" not in clean_html('<img src="data:text/html;base64,PHNjcmlwdD4=">', images={PNG})


def test_pandoc_s_own_html_passes_unchanged(tmp_path):
    template = tmp_path / "body.html"
    template.write_text('<nav id="TOC" aria-labelledby="t">$table-of-contents$</nav>\n$body$\n')
    html = pandoc.run(["--from=markdown", "--to=html5", "--mathml", "--toc", "--standalone", f"--template={template}"],
                      stdin="# Head {#h .c}\n\nText^[A *note*.] H~2~O x^2^ [sc]{.smallcaps} ~~del~~ `code` "
                            "<https://example.org> [ref](#h){hreflang=en}.\n\n"
                            "| A | B |\n|---|---|\n| 1 | 2 |\n\n: Caption\n\nTerm\n:   Definition\n\n"
                            "| line one\n| line two\n\n```python\nprint('x')\n```\n\n"
                            "$x^2 + \\frac{a}{b}$ and $$\\sqrt{x}$$\n\n> quoted\n\n::: {.quotation lang=tr}\nq\n:::\n"
                      ).output.decode()
    assert "<math" in html and "<table>" in html and 'role="doc-endnotes"' in html and "<nav" in html
    assert _tree(clean_html(html)) == _tree(html)


def _tree(html: str) -> list:
    from html.parser import HTMLParser

    out: list = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            out.append((tag, sorted(attrs)))

        def handle_data(self, data):
            if data.strip():
                out.append(data.strip())
    Reader(convert_charrefs=True).feed(html)
    return out


def test_mathml_is_kept():
    math = ('<math display="block" xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msubsup><mi>x</mi>'
            '<mn>1</mn><mn>2</mn></msubsup><mo stretchy="false">(</mo><mfrac><mi>a</mi><mi>b</mi></mfrac>'
            '<msqrt><mi>y</mi></msqrt></mrow><annotation encoding="application/x-tex">x</annotation></semantics>'
            '</math>')
    assert clean_html(math) == math


def test_comments_and_unbalanced_markup_cannot_swallow_or_escape():
    assert clean_html("<p>a<!--<script>-->b</p>") == "<p>ab</p>"
    assert clean_html("<p>a</p></article></main><script>x</script><p>b") == "<p>a</p><p>b</p>"


# --- the pandoc document ----------------------------------------------------------------


def test_metadata_is_text_in_the_document():
    ast = parse('---\ntitle: "A <script>window.__pwned=1</script> title"\nauthor-detail:\n'
                '  - name: "<svg onload=x()>Ada"\n    affiliation: "<iframe srcdoc=\'x\'></iframe>Uni"\n---\n\n'
                "::: {.abstract}\n<b onclick=x()>Abstract</b>\n\n<section onclick=x()>\nblock\n</section>\n:::\n\n"
                "::: {.other-language}\n::: {.keywords}\n<img src=x onerror=y()>\n:::\n:::\n\n"
                "Body <b>raw</b>.\n")
    assert any(nodes(ast, "RawInline"))
    clean = sanitise_ast(ast)
    assert not nodes(clean["meta"], "RawInline") and not nodes(clean["meta"], "RawBlock")
    title = "".join(n["c"] if n["t"] == "Str" else " " for n in clean["meta"]["title"]["c"])
    assert "<script>window.__pwned=1</script>" in title
    author = clean["meta"]["author-detail"]["c"][0]["c"]
    assert "<svg onload=x()>" in json.dumps(author, ensure_ascii=False)
    front = [b for b in clean["blocks"] if b["t"] == "Div"]
    assert not nodes(front, "RawInline") and not nodes(front, "RawBlock")
    texts = [n["c"] for n in nodes(front, "Str")]
    assert "<b onclick=x()>" in texts and "<img src=x onerror=y()>" in texts and "<section onclick=\"x()\">" in texts
    # the body's raw HTML is left to the HTML allow-list, which keeps <b>
    assert [n["c"][1] for n in nodes(clean["blocks"][-1], "RawInline")] == ["<b>", "</b>"]


def test_event_handler_and_style_attributes_leave_every_element():
    ast = parse('# H {#h onclick="x()" style="color:red" lang=tr}\n\n[s]{onmouseover=x() .c} '
                '`c`{onclick=x()} [l](https://example.org){ONCLICK=x()} ![i](a.png){onerror=x() style="w"}\n\n'
                "::: {#d onclick=x()}\nd\n:::\n\n```{.py onclick=x()}\ncode\n```\n\n"
                "| A |\n|---|\n| 1 |\n")
    table = next(b for b in ast["blocks"] if b["t"] == "Table")
    table["c"][0][2].append(["onclick", "x()"])
    table["c"][4][0][3][0][1][0][0][2].append(["style", "color:red"])  # a body cell
    clean = json.dumps(sanitise_ast(ast))
    assert "onclick" in json.dumps(ast) and "ONCLICK" in json.dumps(ast)
    assert "onclick" not in clean.lower() and "onmouseover" not in clean and "onerror" not in clean
    assert '"style"' not in clean and '["lang", "tr"]' in clean


@pytest.mark.parametrize("target", ["javascript:alert(1)", "JavaScript:alert(1)", "vbscript:x", "data:text/html,x",
                                    "file:///etc/passwd"])
def test_a_link_outside_the_allow_list_becomes_its_text(target):
    ast = sanitise_ast(parse(f"[the text]({target}) and [ok](https://example.org) [rel](../x.html) "
                             "[mail](mailto:a@example.org)"))
    assert [n["c"][2][0] for n in nodes(ast, "Link")] == ["https://example.org", "../x.html", "mailto:a@example.org"]
    assert [n["c"] for n in nodes(nodes(ast, "Span")[0], "Str")] == ["the", "text"]


def test_images_keep_data_uris_of_images_only():
    ast = sanitise_ast(parse(f"![dot]({PNG}) ![page](data:text/html,x) ![js](javascript:x)"))
    assert [n["c"][2][0] for n in nodes(ast, "Image")] == [PNG]
    assert embedded_images(ast) == {PNG}


def test_the_reference_list_keeps_no_javascript_link():
    references = [{"id": "evil", "type": "webpage", "title": "T", "URL": "javascript:alert(1)"},
                  {"id": "good", "type": "webpage", "title": "G", "URL": "https://example.org"}]
    source = f"---\nreferences: {json.dumps(references)}\n---\n\n[@evil; @good]\n"
    ast = json.loads(pandoc.run(["--from=markdown", "--to=json", "--citeproc"], stdin=source).output)
    targets = [n["c"][2][0] for n in nodes(sanitise_ast(ast), "Link")]
    assert "https://example.org" in targets
    assert all(scheme(t) in ("", "http", "https") for t in targets)
    # pandoc's citeproc itself writes the URL as "https://javascript:…"; were it to keep it,
    # the entry's link would still be dropped
    entry = {"t": "Div", "c": [["ref-evil", ["csl-entry"], []], [{"t": "Para", "c": [
        {"t": "Link", "c": [["", [], []], [{"t": "Str", "c": "javascript:alert(1)"}], ["javascript:alert(1)", ""]]}]}]]}
    assert not nodes(sanitise_ast({"meta": {}, "blocks": [entry]}), "Link")


# --- JSON inside <script> --------------------------------------------------------------


def test_json_for_a_script_element_can_open_or_close_nothing():
    data = {"abstract": "<!--<script> </script> a & b > c \u2028\u2029 ünicode", "n": [1, {"x": "</SCRIPT"}]}
    text = script_json(data)
    assert not any(c in text for c in "<>&\u2028\u2029")
    assert json.loads(text) == data and "ünicode" in text
