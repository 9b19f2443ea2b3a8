"""A corpus of bad and hostile input: every case ends in a located message and
the right exit status, and none reads a file outside the project, reaches the
network, puts a script into the web edition or destroys the previous editions.

Each case starts from the complete fixture, already built, with a canary
folder beside the project (a file whose secret must never be opened or
copied) and a listener on 127.0.0.1 that must see no request.
"""

from __future__ import annotations

import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from .conftest import copy_project

SECRET = "CANARY-7f3a9c"
OPENED: list[str] = []  # every file path this process opened while a case ran
_WATCHING = [False]


def _audit(event: str, args) -> None:
    if _WATCHING[0] and event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


class _Listener(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):  # noqa: N802 - the stdlib's name
        _Listener.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(SECRET.encode())

    do_POST = do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def listener():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Listener)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def built_base(tmp_path_factory):
    """The complete fixture, built once (both languages, every format)."""
    from toolkit.cli import main

    root = copy_project("complete", tmp_path_factory.mktemp("base"))
    assert main(["--project", str(root), "build"]) == 0
    return root


@dataclass
class World:
    """One case's project, with the canary folder beside it."""

    root: Path
    outside: Path
    url: str

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def append(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    def yaml(self, old: str, new: str) -> None:
        path = self.root / "manuscript/article.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def section(self, text: str | bytes, name: str = "02-case.md") -> Path:
        """A new section, the same in both languages (so the translation check is content)."""
        self.write(f"manuscript/en/{name}", text)
        return self.write(f"manuscript/az/{name}", text)

    def bib(self, text: str) -> None:
        self.append("bibliography/references.bib", "\n" + text + "\n")


@dataclass
class Case:
    name: str
    setup: Callable[[World], None]
    # (arguments after --project, expected exit status, a regex the output must match)
    runs: list[tuple[list[str], int, str]]
    tags: set[str] = field(default_factory=set)
    verify: Callable[[World], None] | None = None  # what else must hold afterwards


def _cite(extra: str = "") -> str:
    return f"# Əlavə {{#extra}}\n\nMətn [@kuru2001]. {extra}\n"


LOC = r"[\w./-]+:\d+:\d+: "  # a located message: path:line:col:
CHECK_OK = (["check"], 0, r"0 errors")
BUILD_OK = (["build", "--lang", "az", "--format", "html"], 0, r"built build/az/article\.html")
REFUSED = r"build refused: nothing was written"


def _shows(world: World, *texts: str) -> None:
    html = (world.root / "build/az/article.html").read_text(encoding="utf-8")
    for text in texts:
        assert text in html, text


def _symlink(world: World, relative: str, target: str | Path) -> None:
    path = world.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def _nested_yaml(depth: int) -> str:
    return "languages:\n  az:\n    title: x\n    notes: " + "[" * depth + "]" * depth + "\n"


def _dependent_style(parent_url: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" '
            'version="1.0" default-locale="en-US"><info><title>Dependent</title>'
            '<id>http://www.zotero.org/styles/dependent-case</id>'
            f'<link href="{parent_url}" rel="independent-parent"/>'
            '<updated>2020-01-01T00:00:00+00:00</updated></info></style>\n')


CASES = [
    # --- script in the web edition -------------------------------------------------
    Case("title-script", lambda w: w.yaml("title: Boğazlar məsələsi",
                                           'title: "Boğazlar <script>window.__pwned=1</script>"'),
         [BUILD_OK], {"web"}, lambda w: _shows(w, "Boğazlar &lt;script&gt;window.__pwned=1&lt;/script&gt;")),
    Case("author-svg-onload", lambda w: w.yaml("Leyla Həsənova", '"Leyla <svg onload=alert(1)>"'),
         [BUILD_OK], {"web"}),
    Case("affiliation-iframe", lambda w: w.yaml("Example University",
                                                 '"<iframe srcdoc=\'<script>alert(1)</script>\'></iframe>"'),
         [BUILD_OK], {"web"}),
    Case("abstract-comment-script", lambda w: w.yaml("abstract: Qısa xülasə. İki cümlə.",
                                                      'abstract: "<!--<script> Qısa xülasə. İki cümlə."'),
         [BUILD_OK], {"web"}),
    Case("keywords-img-onerror", lambda w: w.yaml("keywords: [Boğazlar, diplomatiya]",
                                                   'keywords: ["<img src=x onerror=alert(1)>", diplomatiya]'),
         [BUILD_OK], {"web"}),
    Case("section-script", lambda w: w.section(_cite("<script>window.__pwned=1</script>")),
         [(["check"], 0, LOC + r"warning: .*script.* \[raw-html\]"), BUILD_OK], {"web"}),
    Case("section-onclick-attribute", lambda w: w.section(_cite('<b onclick="alert(1)">x</b>')),
         [(["check"], 0, LOC + r"warning: .*onclick.* \[raw-html\]"), BUILD_OK], {"web"}),
    Case("section-pandoc-attribute", lambda w: w.section(_cite("[x]{onclick=alert(1)}")),
         [(["check"], 0, LOC + r"warning: .*onclick.* \[raw-html\]"), BUILD_OK], {"web"}),
    Case("section-raw-html-block", lambda w: w.section(_cite() + "\n```{=html}\n<script>alert(1)</script>\n```\n"),
         [(["check"], 0, LOC + r"warning: .*script.* \[raw-html\]"), BUILD_OK], {"web"}),
    Case("section-raw-html-inline", lambda w: w.section(_cite("`<script>alert(1)</script>`{=html}")),
         [(["check"], 0, LOC + r"warning: .*script.* \[raw-html\]"), BUILD_OK], {"web"}),
    Case("section-form", lambda w: w.section(_cite() + '\n<form action="https://example.org"><input name=a></form>\n'),
         [(["check"], 0, LOC + r"warning: .*form.* \[raw-html\]"), BUILD_OK], {"web"}),
    Case("section-meta-refresh", lambda w: w.section(_cite() + '\n<meta http-equiv="refresh" content="0;url=https://example.org">\n'),
         [(["check"], 0, LOC + r"warning: .*meta.* \[raw-html\]"), BUILD_OK], {"web"}),
    Case("section-javascript-link", lambda w: w.section(_cite("[bax](javascript:alert(1))")),
         [(["check"], 0, LOC + r"warning: .*javascript.* \[raw-html\]"), BUILD_OK], {"web"}),
    Case("section-raw-javascript-href", lambda w: w.section(_cite('<a href="javascript:alert(1)">bax</a>')),
         [(["check"], 0, LOC + r"warning: .*javascript.* \[raw-html\]"), BUILD_OK], {"web"}),
    Case("section-data-link", lambda w: w.section(_cite("[bax](data:text/html;base64,PHNjcmlwdD4=)")),
         [(["check"], 0, LOC + r"warning: .*data.* \[raw-html\]"), BUILD_OK], {"web"}),
    Case("section-object-embed", lambda w: w.section(_cite('<object data="x.swf"></object><embed src="x.swf">')),
         [(["check"], 1, LOC + r"(warning|error): .*(object|embed|x\.swf)")], {"web"}),
    Case("section-style-element", lambda w: w.section(_cite() + f'\n<style>body {{ background: url({w.url}/bg) }}</style>\n'),
         [(["check"], 0, LOC + r"warning: .*style.* \[raw-html\]"), BUILD_OK], {"web"}),
    Case("bibtex-javascript-url", lambda w: w.bib("@online{evil, author={X, Y}, title={T}, date={2020}, "
                                                   "url={javascript:alert(1)}}") or w.section(_cite("[@evil]")),
         [(["check"], 1, LOC + r"error: .*javascript.*\[invalid-url\]"), BUILD_OK], {"web"}),
    # --- files from outside the project -----------------------------------------------
    Case("bibliography-absolute", lambda w: w.yaml("style: ieee", f"style: ieee\nbibliography: {w.outside / 'canary.bib'}"),
         [(["check"], 2, r"manuscript/article\.yaml:\d+:\d+: error: bibliography .* is outside the project")]),
    Case("bibliography-dotdot", lambda w: w.yaml("style: ieee", "style: ieee\nbibliography: ../outside/canary.bib"),
         [(["check"], 2, r"article\.yaml:\d+:\d+: error: bibliography .* is outside the project"),
          (["submit"], 2, r"outside the project")]),
    Case("bibliography-symlink", lambda w: (_symlink(w, "bibliography/linked.bib", w.outside / "canary.bib"),
                                             w.yaml("style: ieee", "style: ieee\nbibliography: bibliography/linked.bib")),
         [(["check"], 2, r"article\.yaml:\d+:\d+: error: .*outside the project \(a symbolic link leads out")]),
    Case("bibliography-proc-environ", lambda w: w.yaml("style: ieee", "style: ieee\nbibliography: /proc/self/environ"),
         [(["check"], 2, r"article\.yaml:\d+:\d+: error: bibliography .* is outside the project"),
          (["build"], 2, r"outside the project")]),
    Case("style-dotdot", lambda w: w.yaml("style: ieee", "style: ../outside/canary.csl"),
         [(["check"], 2, r"article\.yaml:\d+:\d+: error: citation style .* is outside the project"),
          (["build"], 2, r"outside the project")]),
    Case("style-absolute", lambda w: w.yaml("style: ieee", f"style: {w.outside / 'canary.csl'}"),
         [(["check"], 2, r"article\.yaml:\d+:\d+: error: citation style .* is outside the project")]),
    Case("section-symlink-outside", lambda w: _symlink(w, "manuscript/az/02-linked.md", w.outside / "canary.md"),
         [(["check"], 1, r"manuscript/az/02-linked\.md:0:0: error: section .* outside the project .*\[refused-source\]"),
          (["build"], 1, REFUSED),
          (["build", "--format", "pdf", "--pdf-variant", "pdf/a-3b"], 1, REFUSED)]),
    Case("fix-through-symlink", lambda w: _symlink(w, "manuscript/az/02-linked.md", w.outside / "canary.md"),
         [(["fix", "--typography"], 1, r"02-linked\.md:0:0: error: .*outside the project.*\[refused-source\]")]),
    Case("section-symlink-etc-passwd", lambda w: _symlink(w, "manuscript/az/02-passwd.md", "/etc/passwd"),
         [(["check"], 1, r"02-passwd\.md:0:0: error: .*outside the project.*\[refused-source\]"),
          (["build"], 1, REFUSED)]),
    Case("raw-img-dotdot", lambda w: w.section(_cite('<img src="../../../outside/canary.png" alt="x">')),
         [(["check"], 1, LOC + r"error: image '\.\./\.\./\.\./outside/canary\.png' is outside the project \[refused-resource\]"),
          BUILD_OK]),
    Case("markdown-image-dotdot", lambda w: w.section(_cite("![x](../../../outside/canary.png)")),
         [(["check"], 1, LOC + r"error: image .* is outside the project \[refused-resource\]"), BUILD_OK]),
    Case("image-symlink-outside", lambda w: (_symlink(w, "figures/map.png", w.outside / "canary.png"),
                                             w.section(_cite("![x](../../figures/map.png)"))),
         [(["check"], 1, LOC + r"error: image .* outside the project \(a symbolic link leads out.*\[refused-resource\]"),
          BUILD_OK]),
    Case("image-file-url", lambda w: w.section(_cite("![x](file:///etc/passwd)")),
         [(["check"], 1, LOC + r"error: image .* outside the project \[refused-resource\]"), BUILD_OK]),
    Case("language-key-traversal", lambda w: w.yaml("  en:\n", "  ../../../outside:\n    title: x\n  en:\n"),
         [(["check"], 1, r"article\.yaml:\d+:\d+: error: language '\.\./\.\./\.\./outside' is not a BCP 47"),
          (["build"], 1, r"not a BCP 47(.|\n)*" + REFUSED)]),
    Case("language-key-absolute", lambda w: w.yaml("  en:\n", f"  {w.outside}:\n    title: x\n  en:\n"),
         [(["build"], 1, r"article\.yaml:\d+:\d+: error: language .* is not a BCP 47(.|\n)*" + REFUSED)]),
    Case("language-folder-symlink", lambda w: (shutil.rmtree(w.root / "manuscript/en"),
                                               _symlink(w, "manuscript/en", w.outside / "sections")),
         [(["check"], 1, r"manuscript/en:0:0: error: section folder .* outside the project"),
          (["build"], 1, REFUSED)]),
    # --- network -------------------------------------------------------------------------
    Case("dependent-style-unknown-parent", lambda w: (w.write("styles/dep.csl", _dependent_style(f"{w.url}/parent")),
                                                      w.yaml("style: ieee", "style: styles/dep.csl")),
         [(["check"], 2, r"article\.yaml:\d+:\d+: error: the dependent style dep\.csl names its parent .* not in the bundled"),
          (["build"], 2, r"never fetched")]),
    Case("dependent-style-bundled-parent", lambda w: (w.write("styles/dep.csl", _dependent_style("http://www.zotero.org/styles/apa")),
                                                      w.yaml("style: ieee", "style: styles/dep.csl")),
         [CHECK_OK, BUILD_OK, (["refs"], 0, r"Kuru, A\.")]),
    Case("style-import", lambda w: w.section(_cite() + f'\n<style>@import "{w.url}/import.css";</style>\n'),
         [BUILD_OK]),
    Case("entity-encoded-src", lambda w: w.section(_cite(f'<img src="&#x68;ttp://{w.url[7:]}/entity.png" alt="x">')),
         [(["check"], 1, LOC + r"error: .*\[refused-resource\]"), BUILD_OK]),
    Case("entity-encoded-file-src", lambda w: w.section(_cite(
        '<img src="' + "".join(f"&#x{ord(c):x};" for c in str(w.outside / "canary.png")) + '" alt="x">')),
         [(["check"], 1, LOC + r"error: image .* outside the project \[refused-resource\]"), BUILD_OK]),
    Case("section-yaml-abbreviations", lambda w: w.section(_cite() + f"\n---\ncitation-abbreviations: {w.url}/abbr.json\n---\n"),
         [(["check"], 1, r"manuscript/az/02-case\.md:5:1: error: a section may not set metadata.*\[section-metadata\]"),
          BUILD_OK]),
    Case("section-yaml-abbreviations-file", lambda w: w.section(_cite() + f"\n---\ncitation-abbreviations: {w.outside / 'canary.json'}\n---\n"),
         [(["check"], 1, r"\[section-metadata\]"), BUILD_OK]),
    Case("section-yaml-overrides", lambda w: w.section("---\ntitle: Hijacked\nlang: ru\nreferences: []\n---\n\n" + _cite()),
         [(["check"], 1, r"manuscript/az/02-case\.md:1:1: error: a section may not set metadata"), BUILD_OK],
         verify=lambda w: _shows(w, '<html lang="az"', '<h1 class="title">Boğazlar məsələsi', 'id="ref-kuru2001"')),
    Case("remote-image", lambda w: w.section(_cite(f"![x]({w.url}/remote.png)")),
         [(["check"], 1, LOC + r"error: image .* \(no http: resources are fetched\) \[refused-resource\]"), BUILD_OK]),
    Case("raw-srcset", lambda w: w.section(_cite(f'<img srcset="{w.url}/srcset.png 2x" src="{w.url}/src.png" alt="x">')),
         [(["check"], 1, r"\[refused-resource\]"), BUILD_OK]),
    # --- crashes and hangs ------------------------------------------------------------------
    Case("refs-style-without-bibliography", lambda w: None, [(["refs", "--style", "agora"], 1, r"error: .*no reference list")]),
    Case("dangling-symlink-section", lambda w: _symlink(w, "manuscript/az/02-gone.md", w.root / "nowhere.md"),
         [(["check"], 1, r"02-gone\.md:0:0: error: section .* is a symbolic link to nothing \[refused-source\]"),
          (["build"], 1, REFUSED)]),
    Case("directory-named-md", lambda w: (w.root / "manuscript/az/02-folder.md").mkdir(),
         [(["check"], 1, r"02-folder\.md:0:0: error: section .* is not a regular file \(a directory\)"),
          (["build"], 1, REFUSED)]),
    Case("section-symlink-dev-zero", lambda w: _symlink(w, "manuscript/az/02-zero.md", "/dev/zero"),
         [(["check"], 1, r"02-zero\.md:0:0: error: section .* outside the project")]),
    Case("fifo-section", lambda w: os.mkfifo(w.root / "manuscript/az/02-fifo.md"),
         [(["check"], 1, r"02-fifo\.md:0:0: error: section .* is not a regular file \(a named pipe\)"),
          (["build"], 1, REFUSED)]),
    Case("nul-in-image-path", lambda w: w.section(_cite("![x](fig\x00ure.png)")),
         [(["check"], 1, r"02-case\.md:3:\d+: error: section contains a NUL character \[refused-source\]"),
          (["build"], 1, REFUSED)]),
    Case("yaml-nested-deep", lambda w: w.write("manuscript/article.yaml", _nested_yaml(1000)),
         [(["check"], 2, r"manuscript/article\.yaml:\d+:\d+: error: ")]),
    Case("yaml-too-large", lambda w: w.append("manuscript/article.yaml", "# " + "x" * (2 * 1024 * 1024) + "\n"),
         [(["check"], 2, r"manuscript/article\.yaml:0:0: error: article metadata .* more than the 1 MB")]),
    Case("nested-brackets", lambda w: w.section(_cite("[" * 29)),
         [(["check"], 1, LOC + r"error: .*\[deep-nesting\]"), (["build"], 1, REFUSED)]),
    Case("nested-spans", lambda w: w.section(_cite("<span>" * 30)),
         [(["check"], 1, LOC + r"error: .*\[deep-nesting\]")]),
    Case("crossref-cycle", lambda w: w.bib("@book{c1, title={A}, crossref={c2}}\n@book{c2, title={B}, crossref={c1}}"),
         [(["check"], 1, r"references\.bib:\d+:\d+: error: crossref of 'c1' leads back to it: c1 → c2 → c1 \[crossref-cycle\]")]),
    Case("xref-cycle", lambda w: w.bib("@book{x1, title={A}, xref={x1}}"),
         [(["check"], 1, r"references\.bib:\d+:\d+: error: xref of 'x1' leads back to it \[crossref-cycle\]|xref of 'x1' leads back")]),
    Case("duplicate-yaml-key", lambda w: w.yaml("style: ieee", "style: ieee\nstyle: apa"),
         [(["check"], 1, r"manuscript/article\.yaml:\d+:1: error: 'style' is given twice"), (["build"], 1, REFUSED)]),
    Case("newline-in-file-name", lambda w: w.section(_cite("[@nokey]"), name="02-a\n01-introduction.md:1:1: error: forged.md"),
         [(["check"], 1, r'(?m)^"manuscript/az/02-a\\n01-introduction\.md:1:1: error: forged\.md":3:\d+: error')]),
    # --- the earlier ones ----------------------------------------------------------------------
    Case("unclosed-brace-bib", lambda w: w.bib("@book{open, title={Unclosed, year=1999"),
         [(["check"], 1, r"references\.bib:\d+:\d+: error: .*\[bib-syntax\]")]),
    Case("undefined-macro", lambda w: w.bib("@book{mac, author={A, B}, title={T}, year=1999, publisher=nomacro}"),
         [(["check"], 1, r"references\.bib:\d+:\d+: error: .*nomacro.*\[undefined-string\]")]),
    Case("latin9-section", lambda w: w.section("# Ba\xe7l\xfdq\n\nM\xe9tn.\n".encode("latin-1")),
         [(["check"], 1, r"manuscript/az/02-case\.md:1:5: error: section is not UTF-8 text.*\[refused-source\]"),
          (["build"], 1, REFUSED)]),
    Case("latin9-bibliography", lambda w: w.write("bibliography/references.bib",
                                                   (w.root / "bibliography/references.bib").read_bytes() + "@book{l, title={Ba\xe7}}".encode("latin-1")),
         [(["check"], 1, r"bibliography/references\.bib:19:19: error: bibliography is not UTF-8 text"),
          (["build"], 1, REFUSED)]),
    Case("latin9-metadata", lambda w: w.write("manuscript/article.yaml", (w.root / "manuscript/article.yaml")
                                               .read_bytes().replace("Boğazlar".encode(), b"Bo\xe7azlar")),
         [(["check"], 2, r"manuscript/article\.yaml:\d+:\d+: error: article metadata is not UTF-8")]),
    Case("empty-metadata", lambda w: w.write("manuscript/article.yaml", ""),
         [(["check"], 2, r"manuscript/article\.yaml:1:1: error: article metadata is empty")]),
    Case("empty-section", lambda w: w.section(""), [CHECK_OK, BUILD_OK]),
    Case("empty-bibliography", lambda w: w.write("bibliography/references.bib", ""),
         [(["check"], 1, LOC + r"error: .*\[unknown-citation\]"), BUILD_OK]),
    Case("bom-crlf", lambda w: (w.write("manuscript/article.yaml", "\ufeff" + (w.root / "manuscript/article.yaml")
                                        .read_text(encoding="utf-8").replace("\n", "\r\n")),
                                w.section("\ufeff" + _cite("[@nokey]").replace("\n", "\r\n"))),
         [(["check"], 1, r"manuscript/az/02-case\.md:3:\d+: error: .*nokey.*\[unknown-citation\]"), BUILD_OK]),
    Case("nul-in-section", lambda w: w.section("# A\n\nMətn\x00 burada.\n"),
         [(["check"], 1, r"manuscript/az/02-case\.md:3:5: error: section contains a NUL character \[refused-source\]")]),
    Case("unclosed-div", lambda w: w.section(_cite() + "\n::: {#q-open .quotation}\n> Sitat [@kuru2001].\n"),
         [(["check"], 2, r"manuscript/az/02-case\.md:5:1: error: quotation div is never closed")]),
    Case("huge-line", lambda w: w.section("# Uzun\n\n" + "söz " * 300_000 + "\n"), [BUILD_OK]),
    Case("section-too-large", lambda w: w.section("# Uzun\n\n" + "söz " * 1_500_000 + "\n"),
         [(["check"], 1, r"02-case\.md:0:0: error: section .* more than the 5 MB.*\[refused-source\]")]),
    Case("missing-manuscript", lambda w: shutil.rmtree(w.root / "manuscript/az") or shutil.rmtree(w.root / "manuscript/en"),
         [(["check"], 2, r"error: no manuscript sections found")]),
    Case("missing-metadata", lambda w: (w.root / "manuscript/article.yaml").unlink(),
         [(["check"], 2, r"error: no article metadata")]),
    Case("missing-bibliography", lambda w: (w.root / "bibliography/references.bib").unlink(),
         [(["check"], 2, r"bibliography/references\.bib:0:0: error: bibliography .* does not exist")]),
    Case("bibliography-is-directory", lambda w: ((w.root / "bibliography/references.bib").unlink(),
                                                  (w.root / "bibliography/references.bib").mkdir()),
         [(["check"], 2, r"error: bibliography .* is not a regular file \(a directory\)")]),
    Case("invalid-yaml", lambda w: w.write("manuscript/article.yaml", "languages: [az\n  title: x: y\n"),
         [(["check"], 2, r"manuscript/article\.yaml:\d+:\d+: error: article metadata is not valid YAML")]),
    Case("unknown-language-edition", lambda w: None, [(["build", "--lang", "xx"], 2, r"error: no 'xx' edition")]),
    Case("unknown-style-name", lambda w: None, [(["build", "--style", "ieeee"], 2, r"error: unknown citation style 'ieeee'")]),
    Case("style-not-xml", lambda w: (w.write("styles/bad.csl", "<style>\n<oops></style>"),
                                     w.yaml("style: ieee", "style: styles/bad.csl")),
         [(["check"], 2, r"styles/bad\.csl:2:\d+: error: citation style is not well-formed XML"),
          (["build"], 2, r"styles/bad\.csl:2:\d+: error"), (["refs"], 2, r"styles/bad\.csl:2:\d+: error")]),
    Case("yaml-tag", lambda w: w.yaml("title-status: final", "title-status: !!python/object/apply:os.system [id]"),
         [(["check"], 1, r"manuscript/article\.yaml:\d+:\d+: error: 'title-status' must be text"), (["build"], 1, REFUSED)]),
]


def _outputs(root: Path) -> dict[str, bytes]:
    build = root / "build"
    return {str(p.relative_to(build)): p.read_bytes() for p in sorted(build.rglob("*")) if p.is_file()
            and "screenshots" not in p.parts}


def _unsafe_html(html: str, script: str) -> list[str]:
    """What in a web edition could run, as a browser parses it: any script but the
    toolkit's own and JSON-LD, an event handler, a javascript: URL, a frame, a form,
    a refresh."""
    from html.parser import HTMLParser

    problems: list[str] = []

    class Reader(HTMLParser):
        script_type: str | None = None

        def handle_starttag(self, tag, attrs):
            values = {name: value or "" for name, value in attrs}
            if tag == "script":
                self.script_type = values.get("type", "")
            if tag in ("iframe", "form", "object", "embed", "frame", "base"):
                problems.append(f"<{tag}>")
            if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
                problems.append("meta refresh")
            for name, value in values.items():
                if name.startswith("on"):
                    problems.append(f"{tag} {name}=")
                if name in ("href", "src", "action", "formaction", "xlink:href") and \
                        re.sub(r"\s", "", value).lower().startswith(("javascript:", "vbscript:")):
                    problems.append(f"{tag} {name}={value[:40]}")

        def handle_data(self, data):
            if self.script_type is None:
                return
            if self.script_type == "application/ld+json":
                if re.search(r"<!--|<script|</script", data, re.I):
                    problems.append("JSON-LD can open or close a tag")
            elif data.strip() != script.strip():
                problems.append(f"script: {data[:60]!r}")
            self.script_type = None

        def handle_endtag(self, tag):
            if tag == "script":
                self.script_type = None

    Reader(convert_charrefs=True).feed(html)
    return problems


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case, built_base, tmp_path, listener, capsys):
    from toolkit.cli import main
    from toolkit.writers.base import asset

    outside = tmp_path / "outside"
    (outside / "sections").mkdir(parents=True)
    for name in ("canary.bib", "canary.md", "canary.csl", "canary.json", "sections/01-introduction.md"):
        (outside / name).write_text(f"# {SECRET}\n\n{SECRET} 1923-1939 [@kuru2001]\n", encoding="utf-8")
    (outside / "canary.png").write_bytes(b"\x89PNG\r\n\x1a\n" + SECRET.encode())
    canaries = {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()}
    root = tmp_path / "project"
    shutil.copytree(built_base, root, symlinks=True)
    before = _outputs(root)
    world = World(root, outside, f"{listener}/{case.name}")
    case.setup(world)
    _Listener.seen.clear()
    OPENED.clear()
    for argv, expected, pattern in case.runs:
        _WATCHING[0] = True
        try:
            code = main(["--project", str(root), *argv])
        finally:
            _WATCHING[0] = False
        out, err = capsys.readouterr()
        output = out + err
        assert code == expected, f"{argv}: exit {code}, expected {expected}\n{output}"
        assert re.search(pattern, output), f"{argv}: no match for {pattern!r} in\n{output}"
        assert "Traceback" not in output and "internal error" not in output, output
        assert SECRET not in output
        after = _outputs(root)
        if argv[0] in ("build", "submit") and code != 0:
            assert {k: v for k, v in after.items() if k in before} == before, "a failed build changed the editions"
    if case.verify:
        case.verify(world)
    assert {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()} == canaries, "a file outside was changed"
    assert not _Listener.seen, f"requests reached the listener: {_Listener.seen}"
    read = [p for p in OPENED if Path(p).resolve().is_relative_to(outside) or p.startswith("/proc/self/environ")
            or p == "/etc/passwd"]
    assert not read, f"files outside the project were opened: {read}"
    written = _outputs(root)
    for name, data in written.items():
        assert SECRET.encode() not in data, f"the canary reached {name}"
    script = asset("js", "web.js").read_text(encoding="utf-8")
    for name, data in written.items():
        if name.endswith(".html"):
            assert not _unsafe_html(data.decode("utf-8"), script), (name, _unsafe_html(data.decode("utf-8"), script))


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 60


def test_closed_pipe_exits_quietly(built_base):
    """`toolkit check --format json | head -c 1`: no traceback, no BrokenPipeError."""
    bulk = built_base.parent / "pipe"
    shutil.copytree(built_base, bulk)
    (bulk / "manuscript/az/02-many.md").write_text(
        "# Çox\n\n" + "\n\n".join(f"Mətn [@missing{i}]." for i in range(400)) + "\n", encoding="utf-8")
    reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    done = subprocess.run([sys.executable, "-m", "toolkit", "--project", str(bulk), "check", "--format", "json"],
                          stdout=reader.stdin, stderr=subprocess.PIPE, timeout=60)
    reader.stdin.close()
    reader.wait()
    assert done.returncode in (0, 1)
    assert b"Traceback" not in done.stderr and b"BrokenPipe" not in done.stderr, done.stderr.decode()
