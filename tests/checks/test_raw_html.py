"""`raw-html`: each piece of raw HTML the editions drop, at the place it is written."""

from __future__ import annotations

from toolkit.checks import run_checks
from toolkit.project import load_project

SECTION = """\
# Əlavə {#extra onclick="alert(1)"}

Mətn [@kuru2001] <script>window.__pwned=1</script> və <b onclick="x()">qalın</b> [söz]{style="color:red" .c}.

<img src="x.png" onerror="x()"> <a href="javascript:alert(1)">j</a> <a href="https://example.org" title="t">ok</a>

```{=html}
<iframe srcdoc="<script>x</script>"></iframe>
<form action="https://example.org"><input name="a"></form>
```

`<script>x</script>`{=html} və `<script>kod</script>` və \\<script> və $a<b$ <https://example.org>

```
<script>kodda</script>
```

[bax](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.org) ![şəkil](x.png)

<meta http-equiv="refresh" content="0;url=https://example.org">
<style>@import "https://example.org/x.css";</style>
<p title="t" data-x="1" aria-label="l" lang="tr">qalır</p> <!-- qeyd <script> -->

::: {.note onmouseover="x()"}
Div
:::
"""

EXPECTED = [
    (1, 17, "attribute onclick= will be dropped from the editions"),
    (3, 18, "raw HTML <script> will be dropped from the editions"),
    (3, 58, "raw HTML attribute onclick= of <b> will be dropped from the editions"),
    (3, 88, "attribute style= will be dropped from the editions"),
    (5, 18, "raw HTML attribute onerror= of <img> will be dropped from the editions"),
    (5, 36, "raw HTML URL javascript:alert(1) of <a href> will be dropped from the editions"),
    (8, 1, "raw HTML <iframe> will be dropped from the editions"),
    (9, 1, "raw HTML <form> will be dropped from the editions"),
    (9, 36, "raw HTML <input> will be dropped from the editions"),
    (12, 2, "raw HTML <script> will be dropped from the editions"),
    (18, 7, "link to javascript:alert(1) will be dropped from the editions"),
    (18, 35, "link to data:text/html;base64,PHNjcmlwdD4= will be dropped from the editions"),
    (20, 1, "raw HTML <meta> will be dropped from the editions"),
    (21, 1, "raw HTML <style> will be dropped from the editions"),
    (24, 12, "attribute onmouseover= will be dropped from the editions"),
]


def test_every_dropped_tag_attribute_and_url_is_reported_where_it_is_written(project_copy):
    root = project_copy("complete")
    (root / "manuscript/az/02-extra.md").write_text(SECTION, encoding="utf-8")
    found = [d for d in run_checks(load_project(root)) if d.code == "raw-html"]
    assert {str(d.path) for d in found} == {"manuscript/az/02-extra.md"}
    assert {d.severity.value for d in found} == {"warning"}
    assert [(d.line, d.column, d.message.split(" (")[0]) for d in found] == EXPECTED


def test_the_message_names_the_element(project_copy):
    root = project_copy("complete")
    (root / "manuscript/az/02-extra.md").write_text("# A\n\nx\n\n    \n<script>x</script>\n", encoding="utf-8")
    (d,) = [d for d in run_checks(load_project(root)) if d.code == "raw-html"]
    assert d.format().splitlines()[0] == ("manuscript/az/02-extra.md:6:1: warning: raw HTML <script> will be dropped "
                                          "from the editions [raw-html]")


def test_html_the_editions_keep_is_not_reported(project_copy):
    root = project_copy("complete")
    (root / "manuscript/az/02-extra.md").write_text(
        '# A {#a .b lang=tr}\n\n<span class="smallcaps">x</span> <sup>2</sup> <abbr title="t">T</abbr> '
        '<a href="#a" hreflang="tr">a</a> <a href="mailto:a@example.org">m</a> [l](../en/x.html) '
        '<img src="../../figures/x.png" alt="x" width="10">\n\n<table><tr><td colspan="2">c</td></tr></table>\n\n'
        '<math><mi>x</mi></math> <details><summary>s</summary>d</details>\n', encoding="utf-8")
    assert [d.format() for d in run_checks(load_project(root)) if d.code == "raw-html"] == []
