"""The article's front matter — titles, authors, abstracts, keywords — in an edition.

Every field of `article.yaml` that is printed is pandoc Markdown: a title, a
name, an affiliation, an abstract or a keyword may hold emphasis, a citation,
a link, a formula (`$…$`) or a footnote, and the first page of every edition
shows them. A field is text all the same: raw HTML and TeX in it stay the
characters they were written with, and nothing in it can leave its place —
the abstract and keywords, which stand in the body, go through
`text_markdown`; the title, names and affiliations are pandoc metadata, read
from a file of their own (toolkit/sanitise.py turns their raw HTML into text).

Once the edition is parsed and its citations resolved, `front_texts` reads
each field's plain text (toolkit/plain_text.py) for the places that take text
only: the HTML `<title>`, `<meta>` tags and JSON-LD, the running heads, the
PDF's and the Word file's document properties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import formulas, orcid
from .aliases import field_with_main_keys
from .labels import labels
from .model import Author, Bibliography, Citation, LanguageMetadata, Position, Project
from .plain_text import plain

# a Markdown escape (backslash and ASCII punctuation) is kept; any other backslash,
# `<` and a backtick are escaped: no raw TeX, raw HTML or code span
_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]|[\\<`]")
# what would start a block of its own at a line's start: a fence, a heading, a setext underline
_OPENS_BLOCK = re.compile(r"^(?=:{3,}|~{3,}|#|[=-]+[ \t]*$)", re.M)


def _escaped(text: str) -> str:
    return _ESCAPE.sub(lambda m: m.group() if len(m.group()) == 2 else "\\" + m.group(), text)


def text_markdown(text: str) -> str:
    """A field as Markdown that renders its emphasis, links, citations, footnotes and
    `$…$` math but cannot run out of its block: no raw HTML or TeX (`<script>` and
    `\\texttt` stay those characters), no code span, fence, div or heading."""
    text = "\n".join(line.strip() for line in text.splitlines())
    out, at = [], 0
    for formula in formulas.find(text, code=False):
        out.append(_escaped(text[at:formula.offset]))
        out.append(" ".join(text[formula.offset:formula.end].split("\n")))  # no line of its own
        at = formula.end
    out.append(_escaped(text[at:]))
    return _OPENS_BLOCK.sub("\\\\", "".join(out))


def _balanced(text: str) -> bool:
    depth = 0
    for m in re.finditer(r"\\.|[\[\]]", text):
        if m.group() in "[]":
            depth += 1 if m.group() == "[" else -1
            if depth < 0:
                return False
    return depth == 0


def _keyword(text: str) -> str:
    """One keyword as a span of its own (`.keyword`), so its text can be read back whole."""
    markdown = " ".join(text_markdown(text).split("\n"))
    if not _balanced(markdown):
        markdown = re.sub(r"(\\.)|([\[\]])", lambda m: m.group(1) or "\\" + m.group(2), markdown)
    return f"[{markdown}]{{.keyword}}"


def abstract_block(meta: LanguageMetadata, bib: Bibliography) -> str:
    """A language's abstract and keywords, each a div of its own, as Markdown (an alias
    citation written as its entry's key, as in the sections)."""
    words = labels(meta.language)
    parts = []
    if meta.abstract:
        abstract = field_with_main_keys(meta.abstract, bib)
        paragraphs = [text_markdown(p.strip()) for p in re.split(r"\n\s*\n", abstract) if p.strip()]
        paragraphs[0] = f"**{words['abstract']}.** {paragraphs[0]}"
        parts.append(f'::: {{.abstract lang={meta.language} custom-style="Abstract"}}\n'
                     + "\n\n".join(paragraphs) + "\n:::")
    if meta.keywords:
        parts.append(f'::: {{.keywords lang={meta.language} custom-style="Keywords"}}\n'
                     f"**{words['keywords']}:** "
                     f"{', '.join(_keyword(field_with_main_keys(k, bib)) for k in meta.keywords)}.\n:::")
    return "\n\n".join(parts)


def edition_metadata(project: Project, language: str) -> dict:
    """The edition's pandoc metadata as pandoc reads it (each string as Markdown):
    title, language, authors; the other languages' titles and the short title only
    to be read as text (`settle` removes them)."""
    meta = project.metadata
    own = meta.languages[language]
    words = labels(language)
    bib = project.bibliography
    data: dict = {"title": field_with_main_keys(own.title, bib), "lang": language, "link-citations": True,
                  "toc-title": words["contents"]}
    data["alternate"] = [{"lang": other, "href": f"../{other}/article.html",
                          "name": labels(other)["language-name"], **({"other": True} if other != language else {})}
                         for other in project.manuscripts]
    data["language-switch"] = words["language-switch"]
    if meta.authors:  # read after the title (pandoc reads its metadata in the order of the names)
        marked = corresponding(meta.authors)
        data["title-authors"] = [{"name": field_with_main_keys(a.name, bib),
                                  **({"affiliation": field_with_main_keys(a.affiliation, bib)}
                                     if a.affiliation else {}),
                                  **({"orcid": text_markdown(orcid.bare(a.orcid))} if a.orcid else {}),
                                  **({"corresponding": True} if a in marked else {})}
                                 for a in meta.authors]
        if marked:
            data["corresponding"] = {"label": words["corresponding-author"],
                                     "email": [text_markdown(a.email) for a in marked]}
    if own.short_title:
        data["short-title"] = field_with_main_keys(own.short_title, bib)
    if others := {code: field_with_main_keys(m.title, bib) for code, m in meta.languages.items()
                  if code != language and m.title}:
        data["titles"] = others
    return data


def corresponding(authors: tuple[Author, ...]) -> list[Author]:
    """The authors the editions mark as corresponding: those with an e-mail to write to
    (check reports the others)."""
    return [a for a in authors if a.corresponding and a.email]


def _fields(project: Project, language: str, names: tuple[str, ...]) -> list[tuple[Position, str]]:
    own = project.metadata.languages[language]
    where = own.positions["language"]
    values = {"title": [own.title], "short-title": [own.short_title], "abstract": [own.abstract],
              "keywords": list(own.keywords)}
    return [(own.positions.get(name, where), v) for name in names for v in values[name] if v]


def markdown_fields(project: Project, language: str | None = None) -> list[tuple[Position, str]]:
    """Each printed field of article.yaml (of one language, and the authors) with where it
    is: the place of its name, as the YAML reader keeps it."""
    meta = project.metadata
    found = [field for code in meta.languages if language in (None, code)
             for field in _fields(project, code, ("title", "short-title", "abstract", "keywords"))]
    at = meta.positions.get("authors", Position(meta.path, 1, 1))
    return found + [(at, text) for a in meta.authors for text in (a.name, a.affiliation) if text]


def front_citations(project: Project, language: str | None = None) -> list[Citation]:
    """The citations of article.yaml's printed fields, each at its field, an alias's with
    its entry's key (as `Citation.key`): of every field, or of those `language`'s edition
    prints (its own, and the other languages' abstracts and keywords)."""
    from .manuscript import field_citations

    fields = markdown_fields(project, language)
    if language is not None:
        fields += [field for code in project.metadata.languages if code != language
                   for field in _fields(project, code, ("abstract", "keywords"))]
    bib, keys = project.bibliography, {entry.key for entry in project.bibliography.entries}
    found = []
    for pos, text in fields:
        for _, citation in field_citations(text, pos):
            if citation.key not in keys and citation.key in bib.aliases:
                citation = Citation(bib.aliases[citation.key], pos, citation.text, alias=citation.key)
            found.append(citation)
    return found


# --- the plain text of each field, once parsed --------------------------------------------


@dataclass(frozen=True)
class FrontText:
    """The front matter of one edition as plain text (`plain_text.plain`)."""

    title: str = ""
    short_title: str = ""  # the running head: the short title, else the title
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    authors: tuple[tuple[str, str], ...] = ()  # (name, affiliation)
    titles: dict[str, str] = field(default_factory=dict)  # every language's title, this one's too
    journal: str = ""
    every_keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)  # every language's keywords

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.authors)


def _own_div(blocks: list[dict], cls: str) -> dict | None:
    """The abstract or keywords div among `blocks` (the edition's own at the top level,
    another language's inside its `.other-language` div), as `abstract_block` made it."""
    return next((b for b in blocks if b["t"] == "Div" and cls in b["c"][0][1]
                 and any(k == "custom-style" for k, _ in b["c"][0][2])), None)


def _abstract(blocks: list[dict]) -> str:
    div = _own_div(blocks, "abstract")
    if div is None:
        return ""
    content = list(div["c"][1])
    if content and content[0]["t"] in ("Para", "Plain"):  # without its label ("Xülasə.")
        inlines = content[0]["c"]
        if inlines and inlines[0]["t"] == "Strong":
            inlines = inlines[1:]
            inlines = inlines[1:] if inlines and inlines[0]["t"] in ("Space", "SoftBreak") else inlines
        content[0] = {"t": content[0]["t"], "c": inlines}
    return plain(content)


def _keywords(blocks: list[dict]) -> tuple[str, ...]:
    div = _own_div(blocks, "keywords")
    found: list[str] = []

    def collect(node):
        if isinstance(node, list):
            for item in node:
                collect(item)
        elif isinstance(node, dict) and node.get("t") == "Span" and "keyword" in node["c"][0][1]:
            found.append(plain(node["c"][1]))
        elif isinstance(node, dict) and isinstance(node.get("c"), list):
            collect(node["c"])

    if div is not None:
        collect(div["c"][1])
    return tuple(k for k in found if k)


def _entries(value: dict | None) -> list[dict]:
    if not value:
        return []
    items = value["c"] if value["t"] == "MetaList" else [value]
    return [item["c"] for item in items if item["t"] == "MetaMap"]


def front_texts(ast: dict, project: Project, language: str) -> FrontText:
    """The plain text of each front-matter field of a parsed, citeproc-resolved edition."""
    meta = ast["meta"]
    title = plain(meta.get("title"))
    titles = {language: title}
    titles.update({code: plain(value) for code, value in (meta.get("titles") or {"c": {}})["c"].items()})
    authors = tuple((plain(entry.get("name")), plain(entry.get("affiliation"))) for entry in
                    _entries(meta.get("title-authors")))
    keywords = {language: _keywords(ast["blocks"])}
    for block in ast["blocks"]:  # the other languages' abstracts and keywords, at the end
        if block["t"] == "Div" and "other-language" in block["c"][0][1]:
            keywords[dict(block["c"][0][2]).get("lang", "")] = _keywords(block["c"][1])
    order = list(project.metadata.languages)
    return FrontText(title=title, short_title=plain(meta.get("short-title")) or title,
                     abstract=_abstract(ast["blocks"]), keywords=keywords[language], authors=authors,
                     titles={code: titles[code] for code in order if code in titles},
                     journal=project.metadata.journal,
                     every_keywords={code: keywords[code] for code in order if keywords.get(code)})


def _string(text: str) -> dict:
    return {"t": "MetaString", "c": text}


def settle(ast: dict, texts: FrontText) -> dict:
    """The edition's metadata with the text-only fields as plain text: the page title
    and the running heads; what was there only to be read as text removed."""
    meta = {k: v for k, v in ast["meta"].items() if k not in ("titles", "short-title")}
    meta["pagetitle"] = _string(texts.title)
    meta["running-title"] = _string(texts.short_title)
    meta["running-authors"] = _string(", ".join(texts.names) or texts.journal or texts.short_title)
    return {**ast, "meta": meta}
