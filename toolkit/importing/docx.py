"""A Word (.docx) file as an `ImportedArticle`, through pandoc's DOCX reader.

pandoc reads the text (`docx+citations+styles`, tracked changes accepted): headings,
footnotes, tables, images, equations (OMML as TeX), Zotero and Mendeley citation
fields as citations with their CSL data. The `+styles` divs say which paragraphs
were Word's quotation styles and the abstract; the rest of Word's styles are
ordinary paragraphs. What pandoc leaves out — comments, text boxes, charts, the
reference list a citation manager wrote — is read from the package
(docx_package.py) and reported, and every word of the file is looked for in what
was imported, so nothing is lost without a line in the report.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from ..engines.pandoc import PandocError, run
from ..languages import guess_language, primary
from ..plain_text import stringify
from ..scratch import scratch
from .article import ImportedArticle, ImportedAuthor, ImportedSection
from .dates import iso_date
from .docx_package import NotAWordFile, Package, citation_ready, read_package, words
from .report import failed, guessed, mapped, not_kept

READER = "docx+citations+styles"
WRITER = "markdown-smart-simple_tables-multiline_tables"  # Unicode as written; pipe tables where they fit
QUOTE_STYLES = {"Quote", "Intense Quote", "Block Text"}
ABSTRACT_STYLES = {"Abstract"}
DROPPED_STYLES = {"Abstract Title"}  # the editions print their own heading
# styles of ordinary text, which need no word in the report
PLAIN_STYLES = {"Normal", "Body Text", "First Paragraph", "Compact", "Footnote Text", "Footnote Reference",
                "Endnote Text", "Endnote Reference", "Table", "Captioned Figure", "Image Caption",
                "Table Caption", "Caption", "Figure", "Hyperlink", "Default Paragraph Font", "Source Code",
                "Verbatim Char", "List Paragraph", "Plain Text", "No Spacing"}
# headings of a reference list, which the editions make themselves
REFERENCE_HEADINGS = {"references", "reference list", "bibliography", "works cited", "literature", "sources",
                      "ədəbiyyat", "ədəbiyyat siyahısı", "istifadə olunmuş ədəbiyyat", "kaynakça", "kaynaklar",
                      "литература", "список литературы", "библиография"}
_WORDS = re.compile(r"\w+")
FIGURE_FORMATS = {".png", ".jpg", ".jpeg", ".svg", ".pdf"}


def read_docx(path: Path) -> ImportedArticle:
    """The article a Word file holds, with the report of what became of each part of it."""
    path = Path(path)
    try:
        package = read_package(path)
    except NotAWordFile as error:
        raise failed(path, 0, str(error), hint="save the manuscript as a Word document (.docx)") from None
    report: list = []
    with scratch() as folder:
        try:
            result = run(["-f", READER, "-t", "json", "--track-changes=accept", f"--extract-media={folder}"],
                         citation_ready(path))
        except PandocError as error:
            raise failed(path, 0, f"pandoc could not read the Word file: {error}") from None
        document = json.loads(result.output)
        files = _figures(document["blocks"], folder, path, report)
    report += [not_kept(path, 0, f"pandoc, reading the Word file: {message}") for message in result.warnings]
    meta = document["meta"]
    version = document["pandoc-api-version"]
    write = lambda blocks: _markdown(blocks, version)  # noqa: E731
    bibliography = _references(meta, document["blocks"], version, path, report)
    locate = _locator(package)
    blocks, abstract = _styled(document["blocks"], path, report, locate)
    article = ImportedArticle(language="en", files=files, bibliography=bibliography, report=report)
    _front(article, meta, abstract, package, write, path)
    article.language = _language(package, document["blocks"], path, report)
    article.sections = _sections(blocks, article.title, write, path, report, locate)
    _package_report(package, path, report)
    report += _words_lost(package, article, path)
    return article


# --- places ---------------------------------------------------------------------------------------------------

def _locator(package: Package):
    """The number of the first paragraph of the file that starts with a text's first words (0: none)."""
    starts = [_WORDS.findall(text.lower()) for text in package.paragraphs]

    def locate(text: str) -> int:
        wanted = _WORDS.findall(text.lower())[:6]
        return next((n for n, found in enumerate(starts, start=1) if wanted and found[:len(wanted)] == wanted), 0)

    return locate


def _at(paragraph: int) -> str:
    return f" (paragraph {paragraph})" if paragraph else ""


# --- pandoc's JSON AST ---------------------------------------------------------------------------------------

def _markdown(blocks: list, version: list) -> str:
    """Blocks as pandoc Markdown, one paragraph a line."""
    document = {"pandoc-api-version": version, "meta": {}, "blocks": blocks}
    out = run(["-f", "json", "-t", WRITER, "--wrap=none"], json.dumps(document)).output.decode("utf-8")
    return out.strip()


def _meta_value(value):
    """A metadata value as Python: text, list or dict."""
    kind = value.get("t")
    if kind == "MetaMap":
        return {k: _meta_value(v) for k, v in value["c"].items()}
    if kind == "MetaList":
        return [_meta_value(v) for v in value["c"]]
    if kind == "MetaBool":
        return value["c"]
    return " ".join(stringify(value).split())


def _walk(value, visit):
    """`visit` every element (dict with "t") below `value`, depth first."""
    if isinstance(value, list):
        for item in value:
            _walk(item, visit)
    elif isinstance(value, dict):
        if "t" in value:
            visit(value)
        for item in value.values():
            if isinstance(item, (list, dict)):
                _walk(item, visit)


def _style(node: dict) -> str | None:
    """The Word style pandoc's `+styles` gave a Div or Span, if any."""
    if node.get("t") in ("Div", "Span"):
        return dict(node["c"][0][2]).get("custom-style")
    return None


def _is_attr(value) -> bool:
    return (isinstance(value, list) and len(value) == 3 and isinstance(value[0], str) and isinstance(value[1], list)
            and isinstance(value[2], list) and all(isinstance(p, list) and len(p) == 2 for p in value[2]))


# --- figures -------------------------------------------------------------------------------------------------

def _figures(blocks: list, folder: Path, path: Path, report: list) -> dict[str, bytes]:
    """Read the images pandoc extracted into figures/figure-N.ext; point each image at its file
    as a section (manuscript/<language>/NN-name.md) sees it."""
    files: dict[str, bytes] = {}
    named: dict[str, str] = {}

    def visit(node: dict) -> None:
        if node["t"] != "Image":
            return
        source = node["c"][2][0]
        if not source.startswith(str(folder)):
            return
        if source not in named:
            suffix = Path(source).suffix.lower()
            name = f"figures/figure-{len(named) + 1}{suffix}"
            named[source] = name
            try:
                files[name] = Path(source).read_bytes()
            except OSError:
                report.append(not_kept(path, 0, "an image of the Word file could not be extracted "
                                                f"({Path(source).name})"))
            if suffix not in FIGURE_FORMATS:
                report.append(not_kept(path, 0, f"image {name} is in the {suffix[1:].upper()} format, which the "
                                       "editions cannot show", hint="save it as PNG, JPEG, SVG or PDF and "
                                       "replace the file"))
            else:
                report.append(mapped(path, 0, f"image extracted as {name}"))
        node["c"][2][0] = "../../" + named[source]

    _walk(blocks, visit)
    return files


# --- citations -----------------------------------------------------------------------------------------------

_KEY = re.compile(r"[^\W_][\w:.#$%&\-+?<>~/]*")


def _slug(text: str) -> str:
    from ..submit import slug

    return slug(text)


def _key_for(item: dict, taken: set[str]) -> tuple[str, str]:
    """A citation key for a CSL item, and where it came from."""
    own = str(item.get("citation-key", "")).strip()
    authors = item.get("author") if isinstance(item.get("author"), list) else []
    first = authors[0] if authors and isinstance(authors[0], dict) else {}
    family = str(first.get("family") or first.get("literal") or "")
    year = re.search(r"\d{4}", json.dumps(item.get("issued", ""))) if item.get("issued") else None
    if own and _KEY.fullmatch(own):
        key, source = own, "its citation key"
    elif family and year:
        key, source = f"{_slug(family).replace('-', '')}{year.group(0)}", "its first author and year"
    else:
        ident = _slug(str(item.get("id", ""))) or "item"
        ident = ident[:8].rstrip("-") if len(ident) > 12 else ident  # a Mendeley uuid: its start is enough
        key, source = (ident if ident[0].isalpha() else f"item-{ident}"), "its identifier in the Word file"
    base, n = key, 0
    while key in taken:
        n += 1
        key = f"{base}{chr(ord('a') + n - 1)}" if n <= 26 else f"{base}-{n}"
    taken.add(key)
    return key, source


def _references(meta: dict, blocks: list, version: list, path: Path, report: list) -> dict[str, bytes]:
    """Key each cited item (its CSL citation key, else author and year), rename the citations,
    and write the items pandoc found as BibLaTeX for bibliography/references.bib."""
    references = meta.get("references")
    if not references:
        return {}
    keys: dict[str, str] = {}
    taken: set[str] = set()
    for entry in references["c"]:
        item = _meta_value(entry)
        old = str(item.get("id", ""))
        key, source = _key_for(item, taken)
        keys[old] = key
        entry["c"]["id"] = {"t": "MetaString", "c": key}
        entry["c"].pop("citation-key", None)
        report.append(mapped(path, 0, f"citation field item '{old}' cited as [@{key}] (the key from {source}); "
                                      "its data written to bibliography/references.bib"))

    def visit(node: dict) -> None:
        if node["t"] == "Cite":
            for citation in node["c"][0]:
                citation["citationId"] = keys.get(citation["citationId"], citation["citationId"])

    _walk(blocks, visit)
    document = {"pandoc-api-version": version, "meta": {"references": references}, "blocks": []}
    bib = run(["-f", "json", "-t", "biblatex"], json.dumps(document)).output
    return {"references.bib": bib}


# --- styles: quotations, the abstract, the rest ---------------------------------------------------------------

def _styled(blocks: list, path: Path, report: list, locate) -> tuple[list, list]:
    """The body with Word's styles mapped: quotation styles to quotation divs, the abstract
    taken out, every other styled div and span unwrapped; and the abstract's blocks."""
    abstract: list = []
    seen_styles: Counter = Counter()
    quotation_ids: set[str] = set()

    def blocks_of(items: list, top: bool) -> list:
        out = []
        for node in items:
            style = _style(node)
            if style is None:
                if isinstance(node, dict) and node.get("t") == "BlockQuote" and top:
                    words_ = " ".join(stringify(node).split()[:8])
                    n = locate(words_)
                    report.append(guessed(path, n, f"an indented paragraph{_at(n)} (“{words_} …”) was read as a "
                                                   "block quotation (>)", hint="make it a quotation div (README: "
                                                   "Quotations) or remove the >"))
                out.append(clean(node))
                continue
            inner = clean(node["c"][1])
            seen_styles[style] += 1
            if style in QUOTE_STYLES and node["t"] == "Div":
                out.append(_quotation(inner, style, quotation_ids, path, report, locate))
            elif style in ABSTRACT_STYLES and node["t"] == "Div" and top:
                abstract.extend(inner)
            elif style in DROPPED_STYLES and node["t"] == "Div":
                n = locate(stringify(inner))
                report.append(mapped(path, n, f"the heading{_at(n)} “{stringify(inner).strip()}” (style {style}) "
                                              "is left out: the editions print their own"))
            else:
                out.extend(inner)
        return out

    def clean(value):
        if isinstance(value, list):
            if _is_attr(value):
                return [value[0], value[1], [p for p in value[2] if p[0] != "custom-style"]]
            if value and all(isinstance(v, dict) and "t" in v for v in value):
                return blocks_of(value, False)
            return [clean(v) for v in value]
        if isinstance(value, dict):
            node = {k: clean(v) for k, v in value.items()}
            if node.get("t") == "Note":
                _strip_leading_space(node["c"])
            elif node.get("t") == "Table":  # Word's column widths would make a grid table of every table
                node["c"][2] = [[align, {"t": "ColWidthDefault"}] for align, _ in node["c"][2]]
            elif node.get("t") == "Image":
                node["c"][0] = _image_size(node["c"][0])
            return node
        return value

    body = blocks_of(blocks, True)
    for style, n in sorted(seen_styles.items()):
        if style not in PLAIN_STYLES | QUOTE_STYLES | ABSTRACT_STYLES | DROPPED_STYLES:
            report.append(mapped(path, 0, f"{n} paragraph(s) or run(s) in the Word style “{style}” read as "
                                          "ordinary text"))
    return body, abstract


def _image_size(attr: list) -> list:
    """Word's width in centimetres (the height follows it); pandoc gives inches as 5.5e-2in."""
    sizes = dict(attr[2])
    kept = [(k, v) for k, v in attr[2] if k not in ("width", "height")]
    found = re.fullmatch(r"([\d.]+(?:e[-+]?\d+)?)in", sizes.get("width", ""))
    if found:
        kept.append(("width", f"{max(float(found.group(1)) * 2.54, 0.1):.1f}cm"))
    return [attr[0], attr[1], [list(p) for p in kept]]


def _strip_leading_space(blocks: list) -> None:
    """A note's text starts after its mark: pandoc leaves the space between them."""
    if blocks and blocks[0].get("t") in ("Para", "Plain"):
        inlines = blocks[0]["c"]
        while inlines and inlines[0].get("t") in ("Space", "SoftBreak"):
            inlines.pop(0)


def _quotation(inner: list, style: str, taken: set[str], path: Path, report: list, locate) -> dict:
    """A quotation div (README: Quotations) around the `>` block of a Word quotation style."""
    quote = inner[0] if len(inner) == 1 and inner[0].get("t") == "BlockQuote" else {"t": "BlockQuote", "c": inner}
    first = " ".join(stringify(quote).replace("“", " ").replace("\"", " ").split()[:4])
    base = "q-" + (_slug(first) or "quotation")
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    taken.add(ident)
    n = locate(stringify(quote))
    where = f"paragraph {n}" if n else "a paragraph"
    report.append(mapped(path, n, f"{where} in the Word style “{style}” (“{first} …”) made quotation #{ident}; "
                                  "say who made the statement and when with speaker=\"…\" date=\"…\""))
    return {"t": "Div", "c": [[ident, ["quotation"], []], [quote]]}


# --- title, authors, abstract, keywords, language ----------------------------------------------------------

def _front(article: ImportedArticle, meta: dict, abstract: list, package: Package, write, path: Path) -> None:
    report = article.report
    core = package.core
    for name, styled, fallback in (("title", "Title", core.title), ("subtitle", "Subtitle", "")):
        if name in meta:
            setattr(article, name, write([{"t": "Plain", "c": _inlines(meta[name])}]))
            report.append(mapped(path, 0, f"{name} from the paragraph in the Word style {styled}"))
        elif fallback:
            setattr(article, name, fallback)
            report.append(mapped(path, 0, f"{name} from the document properties (docProps/core.xml)"))
    authors = meta.get("author")
    if authors:
        values = authors["c"] if authors["t"] == "MetaList" else [authors]
        article.authors = [ImportedAuthor(write([{"t": "Plain", "c": _inlines(a)}])) for a in values]
        report.append(mapped(path, 0, f"{len(values)} author(s) from the paragraphs in the Word style Author"))
    elif core.creator:
        article.authors = [ImportedAuthor(core.creator)]
        report.append(guessed(path, 0, f"author “{core.creator}” from the document properties (docProps/core.xml), "
                                       "which name whoever made the file", hint="check the authors in article.yaml"))
    if abstract:
        article.abstract = write(abstract)
        report.append(mapped(path, 0, "abstract from the paragraphs in the Word style Abstract"))
    elif "abstract" in meta:
        article.abstract = write(_blocks(meta["abstract"]))
        report.append(mapped(path, 0, "abstract from the paragraphs in the Word style Abstract"))
    if core.keywords:
        article.keywords = list(core.keywords)
        report.append(mapped(path, 0, f"{len(core.keywords)} keyword(s) from the document properties "
                                      "(docProps/core.xml)"))
    if "date" in meta:
        text = stringify(meta["date"]).strip()
        if date := iso_date(text):
            article.date = date
            report.append(mapped(path, 0, f"date {date} from the paragraph in the Word style Date (“{text}”)"))
        else:
            report.append(not_kept(path, 0, f"the date “{text}” (Word style Date) does not say its day, month and "
                                            "year unambiguously", hint="write it in article.yaml as date: YYYY-MM-DD"))


def _inlines(value: dict) -> list:
    if value["t"] in ("MetaInlines",):
        return value["c"]
    if value["t"] == "MetaBlocks":
        return [i for block in value["c"] for i in (block["c"] if block["t"] in ("Para", "Plain") else [])]
    return [{"t": "Str", "c": stringify(value)}]


def _blocks(value: dict) -> list:
    if value["t"] == "MetaBlocks":
        return value["c"]
    return [{"t": "Para", "c": _inlines(value)}]


def _language(package: Package, blocks: list, path: Path, report: list) -> str:
    """The document properties' language, else the styles' default (unless the letters
    say otherwise), else a guess from the letters, else English — each said so."""
    letters = guess_language(stringify(blocks))
    if package.core.language:
        code = primary(package.core.language)
        report.append(mapped(path, 0, f"language {code} from the document properties ({package.core.language})"))
        return code
    if package.style_language:
        code = primary(package.style_language)
        if letters and letters != code:
            report.append(guessed(path, 0, f"language {letters} guessed from the letters of the text; the styles "
                                           f"say {package.style_language}, which is often Word's own setting",
                                  hint="check the language tag of manuscript/<language>/"))
            return letters
        report.append(mapped(path, 0, f"language {code} from the default language of the styles "
                                      f"({package.style_language})"))
        return code
    if letters:
        report.append(guessed(path, 0, f"language {letters} guessed from the letters of the text: the Word file "
                                       "does not say", hint="check the language tag of manuscript/<language>/"))
        return letters
    report.append(guessed(path, 0, "language en assumed: the Word file does not say, and its letters do not tell",
                          hint="check the language tag of manuscript/<language>/"))
    return "en"


# --- sections ------------------------------------------------------------------------------------------------

def _sections(blocks: list, title: str, write, path: Path, report: list, locate) -> list[ImportedSection]:
    """One section per top-level heading (the highest level used), each heading with an
    identifier from its words, Azerbaijani letters transliterated."""
    levels = [b["c"][0] for b in blocks if b.get("t") == "Header"]
    shift = min(levels) - 1 if levels else 0
    if shift:
        report.append(mapped(path, 0, f"the file's highest heading level is {shift + 1}: its headings are read "
                                      f"{shift} level(s) higher"))
    ids: set[str] = set()
    for block in blocks:
        if block.get("t") == "Header":
            block["c"][0] -= shift
            base = _slug(stringify(block["c"][2])) or "section"
            ident, n = base, 1
            while ident in ids:
                n += 1
                ident = f"{base}-{n}"
            ids.add(ident)
            block["c"][1] = [ident, [c for c in block["c"][1][1] if c != "unnumbered"], []]
    groups: list[list] = []
    for block in blocks:
        if block.get("t") == "Header" and block["c"][0] == 1 or not groups:
            groups.append([])
        groups[-1].append(block)
    if groups and not (groups[0][0].get("t") == "Header" and groups[0][0]["c"][0] == 1):
        heading = title or "Introduction"
        ident = _slug(heading) or "introduction"
        groups[0].insert(0, {"t": "Header", "c": [1, [ident, [], []], [{"t": "Str", "c": heading}]]})
        report.append(guessed(path, 0, f"the text before the first heading became a section headed “{heading}”",
                              hint="rename the heading in its section file"))
    sections = []
    for group in groups:
        heading = " ".join(stringify(group[0]["c"][2]).split())
        rest = [b for b in group[1:] if not (b.get("t") in ("Para", "Plain") and not b["c"])]
        if heading.lower().rstrip(":") in REFERENCE_HEADINGS:
            n = locate(heading)
            if not rest:
                report.append(mapped(path, n, f"the empty heading{_at(n)} “{heading}” is left out: the editions "
                                              "make the reference list"))
                continue
            report.append(guessed(path, n, f"the section{_at(n)} “{heading}” looks like a typed reference list: it "
                                           "is kept as text, and its entries are not in the bibliography",
                                  hint="move its entries into bibliography/references.bib and delete the section"))
        slug = group[0]["c"][1][0]
        text = write(group)
        text = re.sub(r"(?<!\\)\[\^(\d+)\]", lambda m: f"[^{slug}-{m.group(1)}]", text)
        sections.append(ImportedSection(slug, text + "\n"))
    return sections


# --- what pandoc leaves out ----------------------------------------------------------------------------------

def _package_report(package: Package, path: Path, report: list) -> None:
    if package.insertions or package.deletions:
        report.append(mapped(path, 0, f"tracked changes accepted: {package.insertions} insertion(s), "
                                      f"{package.deletions} deletion(s)"))
    for comment in package.comments:
        where = f"paragraph {comment.paragraph} (“{comment.anchor} …”)" if comment.paragraph else "the document"
        report.append(not_kept(path, comment.paragraph, f"comment by {comment.author} on {where}, not imported: "
                                                        f"“{comment.text}”", hint="act on it in the Markdown"))
    for lost in package.lost:
        words_ = f": “{lost.text}”" if lost.text else ""
        report.append(not_kept(path, lost.paragraph, f"{lost.what} in paragraph {lost.paragraph} is not imported"
                                                     f"{words_}", hint="put its content in the text if it belongs "
                                                     "there"))
    for marker, paragraph in package.bibliography_fields:
        report.append(mapped(path, paragraph, f"the reference list the citation manager wrote ({marker}) in "
                                              f"paragraph {paragraph} is left out: the editions make it from "
                                              "bibliography/references.bib"))
    if package.header_text:
        report.append(not_kept(path, 0, f"the headers' and footers' text is not imported: "
                                        f"“{' '.join(package.header_text.split())}”"))


def _words_lost(package: Package, article: ImportedArticle, path: Path) -> list:
    """Every word of the file, looked for in what was imported and reported: what is
    missing is said at its paragraph."""
    found = words("\n".join([article.title, article.subtitle, article.abstract, *article.keywords,
                             *(a.name for a in article.authors), *(s.markdown for s in article.sections),
                             *(d.message for d in article.report)]))
    lost = []
    sources = [(n, text) for n, text in enumerate(package.paragraphs, start=1)] + [(0, package.note_text)]
    for number, text in sources:
        missing = words(text) - found
        found -= words(text)
        if missing:
            where = f"paragraph {number}" if number else "the notes"
            shown = " ".join(sorted(missing.elements())[:12])
            lost.append(not_kept(path, number, f"words of {where} are not in the import: {shown}",
                                 hint="copy them from the Word file where they belong"))
    return lost
