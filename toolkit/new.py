"""`toolkit new DIR`: a project an author starts from, which `check` passes as a draft.

It holds one section per language showing the three things authors ask for
first — a citation, a quotation and a figure with its cross-reference — a
bibliography with one complete entry (a real book, whose facts are its
title page's), placeholders where the author's own words go (title,
abstract, keywords), a README for the author, a .gitignore and a CI workflow
for the common hosted CI. Only the expected draft warnings remain: a working
title and no authors. The example texts exist for the journal's languages
(az, en, tr, ru); any other language gets the English text, with
`no-language-profile` from `check` where the toolkit has no profile.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ProjectError
from .metadata import BCP47
from .metadata_schema import ARTICLE

DEFAULT_STYLE = next(key.default for key in ARTICLE.keys if key.name == "style")


@dataclass(frozen=True)
class Example:
    """A language's example section and placeholders, translated sentence by sentence."""

    heading: str
    text: str  # the first paragraph: how a citation is written
    quotation: str
    figure: str  # the sentence that cross-references the figure
    caption: str
    title: str
    abstract: str
    keyword: str
    page: str  # the locator term: p. / s. / с.


EXAMPLES = {
    "en": Example("Introduction", "The article begins with this section. Write it in Markdown: a citation is "
                  "written as [@knuth1984, {page} 1].",
                  "Replace this quotation with one from your sources, word for word",
                  "A figure is placed and cross-referenced like this: @fig:example.",
                  "An example figure: replace it with your own", "Working title",
                  "Replace this with the abstract: what the article studies, how, and what it finds.",
                  "keyword", "p."),
    "az": Example("Giriş", "Məqalə bu bölmədən başlayır. Onu Markdown ilə yazın: istinad "
                  "[@knuth1984, {page} 1] kimi yazılır.",
                  "Bu sitatı mənbələrinizdən birindən hərfi-hərfinə götürülmüş sitatla əvəz edin",
                  "Şəkil belə yerləşdirilir və ona belə istinad edilir: @fig:example.",
                  "Nümunə şəkil: onu öz şəklinizlə əvəz edin", "İşçi başlıq",
                  "Bunu xülasə ilə əvəz edin: məqalə nəyi, necə araşdırır və nəyə gəlir.",
                  "açar söz", "s."),
    "tr": Example("Giriş", "Makale bu bölümle başlar. Onu Markdown ile yazın: bir atıf "
                  "[@knuth1984, {page} 1] biçiminde yazılır.",
                  "Bu alıntıyı kaynaklarınızdan birinden kelimesi kelimesine alınmış bir alıntıyla değiştirin",
                  "Bir şekil şöyle yerleştirilir ve ona şöyle atıf yapılır: @fig:example.",
                  "Örnek şekil: onu kendi şeklinizle değiştirin", "Çalışma başlığı",
                  "Bunu özetle değiştirin: makale neyi, nasıl inceliyor ve ne buluyor.",
                  "anahtar kelime", "s."),
    "ru": Example("Введение", "Статья начинается с этого раздела. Пишите его в Markdown: ссылка "
                  "записывается как [@knuth1984, {page} 1].",
                  "Замените эту цитату цитатой из ваших источников, слово в слово",
                  "Рисунок размещается и на него ссылаются так: @fig:example.",
                  "Пример рисунка: замените его своим", "Рабочее название",
                  "Замените это аннотацией: что статья исследует, как и к чему приходит.",
                  "ключевое слово", "с."),
}

# a real book, as its title page and copyright page give it
BIBLIOGRAPHY = """\
@book{knuth1984,
  author    = {Knuth, Donald E.},
  title     = {The {\\TeX}book},
  publisher = {Addison-Wesley},
  location  = {Reading, MA},
  year      = {1984},
  langid    = {english},
}
"""

FIGURE = """\
<svg xmlns="http://www.w3.org/2000/svg" width="480" height="240" viewBox="0 0 480 240">
  <rect x="1" y="1" width="478" height="238" fill="#fdfcf7" stroke="#333" stroke-width="2"/>
  <rect x="60" y="140" width="60" height="80" fill="#4a7ab5"/>
  <rect x="160" y="100" width="60" height="120" fill="#4a7ab5"/>
  <rect x="260" y="60" width="60" height="160" fill="#4a7ab5"/>
  <rect x="360" y="120" width="60" height="100" fill="#4a7ab5"/>
</svg>
"""

GITIGNORE = "build/\n__pycache__/\n"

README = """\
# {title}

An article kept as plain text: `manuscript/article.yaml` holds its metadata
(title, authors, abstract and keywords in each language), `manuscript/<language>/`
its sections in Markdown, `bibliography/references.bib` its references, and
`figures/` its figures. The first language in `article.yaml` is the original.

    toolkit check            # every problem in the sources, with its place
    toolkit build            # HTML, PDF and Word editions into build/<language>/
    toolkit submit           # the package a journal asks for, into build/submission/

Replace the example section, the figure and the placeholders in
`article.yaml`; `check` says what is still missing (a working title, the
authors). `.github/workflows/article.yml` checks and builds the article on
every push to a hosted repository; delete it if you do not want that.
"""

WORKFLOW = """\
# Checks the article on every push and builds its editions (kept as an artifact).
# Set TOOLKIT to where the toolkit is installed from, as pip takes it (a git URL such
# as git+https://…, or a wheel's address); until then the run stops and says so.
name: article
on: [push, pull_request]
env:
  TOOLKIT: ""
jobs:
  article:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: install the toolkit
        run: |
          if [ -z "$TOOLKIT" ]; then
            echo "set TOOLKIT in .github/workflows/article.yml to where the toolkit is installed from"; exit 1
          fi
          python -m pip install "$TOOLKIT"
      - name: check
        run: |
          toolkit check --strict --format json > check.json || status=$?
          cat check.json
          exit ${status:-0}
      - run: toolkit build
      - uses: actions/upload-artifact@v4
        with:
          name: editions
          path: build/
"""


def _yaml_text(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _section(code: str, original: str, example: Example) -> str:
    translated = f' translated-from="{original}"' if code != original else ""
    quote = "«{}»" if code == "ru" else "“{}”"
    page = example.page
    return (f"# {example.heading} {{#sec:introduction}}\n\n"
            f"{example.text.format(page=page)}\n\n"
            f"::: {{#q-example .quotation{translated}}}\n"
            f"> {quote.format(example.quotation)} [@knuth1984, {page} 1].\n"
            ":::\n\n"
            f"{example.figure}\n\n"
            f"![{example.caption}](../../figures/example.svg){{#fig:example}}\n")


def _metadata(languages: list[str], title: str | None, style: str) -> str:
    lines = ["# The article's metadata: see the toolkit's README, \"Metadata\".",
             "title-status: working", "authors: []", f"style: {style}", "languages:"]
    for code in languages:
        example = EXAMPLES.get(code.split("-")[0].lower(), EXAMPLES["en"])
        shown = title if title and code == languages[0] else example.title
        lines += [f"  {code}:", f"    title: {_yaml_text(shown)}", f"    abstract: {_yaml_text(example.abstract)}",
                  f"    keywords: [{_yaml_text(example.keyword)}]"]
    return "\n".join(lines) + "\n"


def files(languages: list[str], title: str | None, style: str) -> dict[str, str]:
    """The project's files by their path in it."""
    out = {"manuscript/article.yaml": _metadata(languages, title, style),
           "bibliography/references.bib": BIBLIOGRAPHY, "figures/example.svg": FIGURE,
           ".gitignore": GITIGNORE, "README.md": README.format(title=title or "A new article"),
           ".github/workflows/article.yml": WORKFLOW}
    for code in languages:
        example = EXAMPLES.get(code.split("-")[0].lower(), EXAMPLES["en"])
        out[f"manuscript/{code}/01-introduction.md"] = _section(code, languages[0], example)
    return out


def new_project(target: Path, languages: list[str], title: str | None = None, style: str | None = None) -> list[Path]:
    """Write the project into `target`, which must not exist or be empty; all or nothing."""
    if not languages:
        raise ProjectError("no language given: --lang az,en (the first is the original)")
    for code in languages:
        if not BCP47.fullmatch(code):
            raise ProjectError(f"'{code}' is not a BCP 47 language tag (az, en, tr, ru, az-Latn …)")
    if len(set(languages)) != len(languages):
        raise ProjectError("a language is given twice in --lang")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ProjectError(f"{target} is not empty: a new article needs a folder of its own")
    written = files(languages, title, style or DEFAULT_STYLE)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        for name, text in written.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if target.exists():
            target.rmdir()  # empty, checked above
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [Path(name) for name in written]
