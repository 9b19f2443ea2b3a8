"""pandoc Markdown with YAML front matter (JOSS, Quarto, R Markdown, plain pandoc) as an ImportedArticle.

The front matter becomes the metadata (`front_matter.py`, `authors.py`,
`dates.py`); the body is rewritten only where the toolkit reads it otherwise —
LaTeX and Quarto labels (`crossrefs.py`), image paths (`figures.py`) — and cut
into sections at its top-level headings (`sections.py`). Every other character
is kept as written, and every front-matter key is either mapped or reported.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..confine import Refused, confined
from ..diagnostics import Diagnostic
from ..metadata import BCP47
from .article import ImportedArticle, ImportedSection
from .authors import _text, read_authors
from .crossrefs import convert
from .dates import computed, iso_date
from .figures import copy_figures
from ..markdown_code import code_ranges, outside_code
from .front_matter import FrontMatter, split_front_matter
from .report import failed, guessed, mapped, not_kept
from .sections import Section, empty_references, first_paragraph, split_sections

MAPPED_KEYS = ("title", "subtitle", "author", "authors", "affiliations", "institute", "abstract", "keywords", "tags",
               "date", "lang", "bibliography", "csl", "references")
# keys that only tell another tool how to render: their own look is the journal style's
_RENDERING = {"output", "format", "documentclass", "classoption", "geometry", "fontsize", "header-includes",
              "toc", "toc-depth", "number-sections", "link-citations", "editor", "execute", "jupyter", "knitr",
              "engine", "params", "mainfont", "papersize", "linestretch", "colorlinks", "fig-cap-location",
              "citation-style", "linkcolor", "urlcolor", "always_allow_html", "editor_options", "reference-section-title"}
_CHUNK = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*\{(r|python|julia|ojs|sql|bash)\b[^}]*\}", re.M | re.I)
_INLINE_R = re.compile(r"`r [^`]+`")
_DISPLAY = re.compile(r"\$\$.+?\$\$", re.S)
_CR = re.compile(r"\\cr(?![A-Za-z])")


def read_markdown(path: Path) -> ImportedArticle:
    text = _read(path)
    front = split_front_matter(text, path)
    report: list[Diagnostic] = []
    article = ImportedArticle(language=_language(front, path, report))
    _titles(article, front, path, report)
    article.authors, found = read_authors(front, path)
    report += found
    _keywords(article, front, path, report)
    _date(article, front, path, report)
    folder = path.parent
    _bibliography(article, front, folder, path, report)
    _style(article, front, folder, path, report)
    _unmapped(front, path, report)

    def line(offset: int) -> int:
        return front.body_line + body.count("\n", 0, offset)

    body = front.body
    converted = convert(body)
    report += [mapped(path, line(at), what) for at, what in converted.done]
    report += [not_kept(path, line(at), what) for at, what in converted.left]
    body = converted.text
    body = _tex_rows(body, lambda at: report.append(mapped(path, line(at), "\\cr in a formula → \\\\ "
                                                           "(the row break the toolkit's TeX reader knows)")))
    figures = copy_figures(body, folder)
    article.files.update(figures.files)
    report += [mapped(path, line(at), f"image {written} → {target}") for at, written, target in figures.copied]
    report += [not_kept(path, line(at), f"image {written}: {why}; its path is kept as written",
                        "put the image into the project's figures/ and point the section at it")
               for at, written, why in figures.missing]
    body = figures.text
    for match in _CHUNK.finditer(body):
        report.append(not_kept(path, line(match.start()), f"a {match.group(2)} code chunk is kept as a code block: "
                               "the toolkit runs no code, so what it computes (figures, tables, numbers) is not in "
                               "the project", "paste its output into the section"))
    for match in _INLINE_R.finditer(body):
        report.append(not_kept(path, line(match.start()), f"inline R code {match.group(0)} is kept as code: its "
                               "value is not computed"))
    sections = split_sections(body)
    sections = _references(sections, path, line_of=lambda s: front.body_line + s.line - 1, report=report)
    sections = _abstract(article, front, sections, path, report)
    article.sections = _named(sections, article, path, front, report)
    if not article.sections:
        raise failed(path, front.body_line, "the source has no text after its front matter",
                     "an article needs at least one section")
    article.report = sorted(report, key=lambda d: (d.line, d.column))
    return article


def _tex_rows(body: str, said) -> str:
    """Plain TeX's row break `\\cr` in display math as LaTeX's `\\\\`, which pandoc's TeX reader knows."""
    ranges = code_ranges(body)

    def display(match: re.Match) -> str:
        if not outside_code(body, match.start(), ranges) or not _CR.search(match.group(0)):
            return match.group(0)
        said(match.start())
        return _CR.sub(r"\\\\", match.group(0))

    return _DISPLAY.sub(display, body)


def _read(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise failed(path, 0, "the source is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise failed(path, line, "the source is not UTF-8 text", "save it as UTF-8",
                     exc.start - data.rfind(b"\n", 0, exc.start)) from None
    if "\x00" in text:
        raise failed(path, text.count("\n", 0, text.index("\x00")) + 1, "the source holds a NUL byte: it is not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _language(front: FrontMatter, path: Path, report: list[Diagnostic]) -> str:
    value = _text(front.data.get("lang", front.data.get("language", "")))
    key = "lang" if "lang" in front.data else "language"
    if value and BCP47.fullmatch(value):
        report.append(mapped(path, front.key_line(key), f"{key}: {value} → the language of the sections, "
                                                        f"manuscript/{value}/"))
        return value
    if value:
        report.append(guessed(path, front.key_line(key), f"'{value}' is not a BCP 47 language tag; the text is "
                              "taken to be English (en)", "rename manuscript/en/ and the block in article.yaml"))
    else:
        report.append(guessed(path, 1, "the source does not say its language; it is taken to be English (en)",
                              "if it is not, rename manuscript/en/ and the language block in article.yaml"))
    return "en"


def _titles(article: ImportedArticle, front: FrontMatter, path: Path, report: list[Diagnostic]) -> None:
    title = _text(front.data.get("title"))
    if title:
        article.title = title
        report.append(mapped(path, front.key_line("title"), "title → the language block's title"))
    else:
        article.title, article.title_guessed = path.stem.replace("_", " ").replace("-", " "), True
        report.append(guessed(path, 1, f"the source has no title; '{article.title}' is taken from the file name "
                              "and marked title-status: working", "write the title into article.yaml"))
    subtitle = _text(front.data.get("subtitle"))
    if subtitle:
        article.subtitle = subtitle
        report.append(mapped(path, front.key_line("subtitle"), "subtitle → after the title and a colon "
                                                               "(article.yaml has no subtitle)"))
    abstract = front.data.get("abstract")
    if abstract:
        article.abstract = str(abstract).strip()
        report.append(mapped(path, front.key_line("abstract"), "abstract → the language block's abstract"))


def _keywords(article: ImportedArticle, front: FrontMatter, path: Path, report: list[Diagnostic]) -> None:
    for key in ("keywords", "tags"):
        value = front.data.get(key)
        if not value:
            continue
        words = [_text(v) for v in value] if isinstance(value, list) else _text(value).split(",")
        article.keywords += [w.strip() for w in words if w.strip() and w.strip() not in article.keywords]
        report.append(mapped(path, front.key_line(key), f"{key} → the language block's keywords"))


def _date(article: ImportedArticle, front: FrontMatter, path: Path, report: list[Diagnostic]) -> None:
    value = front.data.get("date")
    if value in (None, ""):
        return
    line = front.key_line("date")
    iso = None if computed(value) else iso_date(value)
    if iso:
        article.date = iso
        report.append(mapped(path, line, f"date '{_text(value)}' → {iso}"))
    elif computed(value):
        report.append(not_kept(path, line, f"date '{_text(value)}' is computed when the source is rendered: "
                               "not kept (the toolkit never guesses a date)", "write the date into article.yaml"))
    else:
        report.append(not_kept(path, line, f"date '{_text(value)}' does not say its day, month and year "
                               "unambiguously: not kept", "write it into article.yaml as 2019-10-11"))


def _bibliography(article: ImportedArticle, front: FrontMatter, folder: Path, path: Path,
                  report: list[Diagnostic]) -> None:
    value = front.data.get("bibliography")
    files = value if isinstance(value, list) else [value] if value else []
    for n, name in enumerate(files):
        line = front.line("bibliography", n) if isinstance(value, list) else front.key_line("bibliography")
        source = folder / _text(name)
        if not source.is_file():
            raise failed(path, line, f"the bibliography {_text(name)} is not there ({source})",
                         "put it next to the source, or correct the front matter's 'bibliography'")
        try:  # the manuscript's folder only: never a file from elsewhere on the machine
            source = confined(folder, _text(name), "bibliography")
        except Refused as refused:
            raise failed(path, line, f"{refused}: the import reads only the manuscript's folder",
                         "copy the bibliography next to the source") from None
        data = source.read_bytes()
        if source.suffix.lower() == ".json":
            data = _pandoc_bibtex(["-f", "csljson"], data, path, line)
        elif source.suffix.lower() in (".yaml", ".yml"):
            data = _pandoc_bibtex(["-f", "markdown"], b"---\n" + data + b"\n---\n", path, line)
        elif source.suffix.lower() not in (".bib", ".bibtex"):
            raise failed(path, line, f"the bibliography {_text(name)} is neither BibTeX nor CSL JSON or YAML",
                         "convert it to BibTeX")
        target = _free(Path(_text(name)).stem + ".bib", article.bibliography)
        article.bibliography[target] = data
        how = "" if source.suffix.lower() in (".bib", ".bibtex") else " (converted to BibTeX by pandoc)"
        report.append(mapped(path, line, f"bibliography {_text(name)} → bibliography/{target}{how}"))
    references = front.data.get("references")
    if references:
        import yaml

        line = front.key_line("references")
        text = yaml.safe_dump({"references": references}, allow_unicode=True, sort_keys=False)
        target = _free("references.bib", article.bibliography)
        article.bibliography[target] = _pandoc_bibtex(["-f", "markdown"], f"---\n{text}---\n".encode(), path, line)
        report.append(mapped(path, line, f"references → bibliography/{target} (converted to BibTeX by pandoc)"))


def _pandoc_bibtex(reader: list[str], data: bytes, path: Path, line: int) -> bytes:
    from ..engines.pandoc import PandocError, run

    try:
        return run([*reader, "-t", "bibtex", "--standalone"], data).output
    except PandocError as exc:
        raise failed(path, line, f"pandoc could not read the bibliography: {exc}") from None


def _free(name: str, taken: dict) -> str:
    stem, n, candidate = Path(name).stem, 2, name
    while candidate in taken:
        candidate, n = f"{stem}-{n}.bib", n + 1
    return candidate


def _style(article: ImportedArticle, front: FrontMatter, folder: Path, path: Path, report: list[Diagnostic]) -> None:
    value = _text(front.data.get("csl", ""))
    if not value:
        return
    line = front.key_line("csl")
    source = folder / value
    try:  # the manuscript's folder only
        inside = not re.match(r"[a-z]+://", value) and source.is_file() and confined(folder, value, "style")
    except Refused:
        inside = False
    if not inside:
        report.append(not_kept(path, line, f"csl {value}: not a file in the source's folder; the journal style is used",
                               "put the .csl file into the project and name it as style: in article.yaml"))
        return
    target = f"styles/{source.name}"
    article.files[target] = source.read_bytes()
    article.style = target
    report.append(mapped(path, line, f"csl {value} → style: {target}"))


def _unmapped(front: FrontMatter, path: Path, report: list[Diagnostic]) -> None:
    for key, value in front.data.items():
        if key in MAPPED_KEYS:
            continue
        shown = _text(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "…"
        if key in _RENDERING:
            report.append(not_kept(path, front.key_line(key), f"'{key}' ({shown}) tells another tool how to render: "
                                   "not kept", "the editions' look is the journal style's"))
        else:
            report.append(not_kept(path, front.key_line(key), f"'{key}' ({shown}) has no place in article.yaml: "
                                   "not kept", "keep what matters in a section or in a note"))


def _references(sections: list[Section], path: Path, line_of, report: list[Diagnostic]) -> list[Section]:
    if sections and empty_references(sections[-1]):
        last = sections.pop()
        report.append(mapped(path, line_of(last), f"the empty '{last.title}' heading is dropped: every edition "
                                                 "places its reference list at the end"))
    for section in sections:
        if section.title.lower() in ("references", "bibliography"):
            report.append(guessed(path, line_of(section), f"the '{section.title}' section has text: kept as a "
                                  "section; the editions add their own reference list at the end"))
    return sections


def _abstract(article: ImportedArticle, front: FrontMatter, sections: list[Section], path: Path,
              report: list[Diagnostic]) -> list[Section]:
    if article.abstract:
        return sections
    for section in sections:
        line = front.body_line + section.line - 1
        if section.title.lower() == "abstract":
            article.abstract = section.text.split("\n", 1)[1].strip() if "\n" in section.text else ""
            report.append(mapped(path, line, "the 'Abstract' section → the language block's abstract"))
            return [s for s in sections if s is not section]
        if section.title.lower() == "summary" and first_paragraph(section):
            article.abstract = first_paragraph(section)
            report.append(guessed(path, line, "no abstract in the front matter: the abstract is the first paragraph "
                                  "of the 'Summary' section (the section is kept)",
                                  "write the abstract into article.yaml"))
            return sections
    report.append(guessed(path, 1, "the source has no abstract (neither 'abstract:' nor a 'Summary' section)",
                          "write one into article.yaml; check reports it missing"))
    return sections


def _named(sections: list[Section], article: ImportedArticle, path: Path, front: FrontMatter,
           report: list[Diagnostic]) -> list[ImportedSection]:
    from ..submit import slug

    named, taken = [], set()
    for section in sections:
        base = slug(section.title) if section.title else "text"
        name, n = base, 2
        while name in taken:
            name, n = f"{base}-{n}", n + 1
        taken.add(name)
        if not section.title:
            report.append(mapped(path, front.body_line + section.line - 1, "the text before the first heading is a "
                                 f"section of its own, {name}"))
        named.append(ImportedSection(name, section.text))
    return named
