"""What indexers read in a web edition's head: Highwire `citation_*` tags (Google
Scholar), Dublin Core, Open Graph and schema.org JSON-LD.

Only what the project states is said: no publication date unless
`article.yaml` gives one, no reference that has no bibliographic data. Every
title, name, abstract and keyword is the plain text of the field as the
edition prints it (toolkit/front_matter.py): no Markdown, TeX or HTML.
"""

from __future__ import annotations

import json
from html import escape

from .csl_items import csl_items, person_name
from .front_matter import FrontText, front_citations
from .languages import profile
from .model import Project
from .rich_text import plain_item



def og_locale(language: str) -> str:
    """Open Graph's locale (az_AZ), from the language's profile; the code itself without one."""
    own = profile(language)
    return own.locale if own is not None else language.replace("-", "_")


# Inside <script> nothing may open or close anything: no "</script>", no
# "<!--" (which would swallow the rest of the page), no "<script". JSON strings
# may spell every character as an escape, so these never appear literally.
_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                0x2028: "\\u2028", 0x2029: "\\u2029"}


def script_json(data) -> str:
    """`data` as JSON that can stand inside a <script> element whatever its strings hold."""
    return json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_SAFE)


def _meta(attribute: str, name: str, content: str) -> str:
    return f'<meta {attribute}="{escape(name)}" content="{escape(content)}">'


def _year(item: dict) -> str:
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return str(parts[0][0]) if parts[0] else ""


def citation_reference(item: dict) -> str:
    """One reference as Highwire's `citation_reference` content; "" when nothing is known."""
    fields = []
    if item.get("title"):
        fields.append(("citation_title", item["title"]))
    fields += [("citation_author", person_name(a)) for a in item.get("author", [])]
    container = item.get("container-title")
    if container:
        kind = "citation_journal_title" if item["type"].startswith("article") else "citation_inbook_title"
        fields.append((kind, container))
    if year := _year(item):
        fields.append(("citation_publication_date", year))
    for variable, tag in (("volume", "citation_volume"), ("issue", "citation_issue"), ("DOI", "citation_doi"),
                          ("ISBN", "citation_isbn"), ("publisher", "citation_publisher"), ("URL", "citation_public_url")):
        if item.get(variable):
            fields.append((tag, item[variable]))
    if page := item.get("page"):
        first, _, last = page.partition("-")
        fields.append(("citation_firstpage", first))
        if last:
            fields.append(("citation_lastpage", last))
    return "; ".join(f"{tag}={value.replace(';', ',')}" for tag, value in fields)


def _json_ld(project: Project, language: str, items: list[dict], texts: FrontText) -> dict:
    meta = project.metadata

    def work(code: str) -> dict:
        return {"@type": "ScholarlyArticle", "name": texts.titles.get(code, ""), "inLanguage": code,
                "url": f"../{code}/article.html"}

    data = {"@context": "https://schema.org", "@type": "ScholarlyArticle", "name": texts.title,
            "headline": texts.title[:110], "inLanguage": language,
            "encoding": {"@type": "MediaObject", "encodingFormat": "application/pdf", "contentUrl": "article.pdf"}}
    if texts.abstract:
        data["abstract"] = texts.abstract
    if texts.keywords:
        data["keywords"] = list(texts.keywords)
    if texts.authors:
        data["author"] = [{"@type": "Person", "name": name,
                           **({"affiliation": {"@type": "Organization", "name": affiliation}} if affiliation else {}),
                           **({"identifier": f"https://orcid.org/{a.orcid}"} if a.orcid else {})}
                          for (name, affiliation), a in zip(texts.authors, meta.authors)]
    if meta.date:
        data["datePublished"] = meta.date
    if meta.journal:
        data["isPartOf"] = {"@type": "Periodical", "name": meta.journal}
    original = next(iter(meta.languages))
    editions = [code for code in project.manuscripts if code in meta.languages]
    if language == original:
        translations = [work(code) for code in editions if code != original]
        if translations:
            data["workTranslation"] = translations
    elif original in editions:
        data["translationOfWork"] = work(original)
    citations = []
    for item in items:
        cited = {"@type": "CreativeWork"}
        if item.get("title"):
            cited["name"] = item["title"]
        if item.get("author"):
            cited["author"] = [person_name(a) for a in item["author"]]
        if year := _year(item):
            cited["datePublished"] = year
        if len(cited) > 1:
            citations.append(cited)
    if citations:
        data["citation"] = citations
    return data


def head_html(project: Project, language: str, texts: FrontText) -> str:
    """The indexers' tags of an edition's head; `texts`: its front matter as plain text."""
    meta = project.metadata
    cited = {c.key for c in (*project.manuscripts[language].citations, *front_citations(project, language))}
    items = [plain_item(item) for item in csl_items(project.bibliography, language, cited)]
    abstract, keywords = texts.abstract, texts.keywords
    lines = [_meta("name", "citation_title", texts.title)]
    lines += [_meta("name", "citation_author", name) for name in texts.names]
    lines += [_meta("name", "citation_author_institution", affiliation) for _, affiliation in texts.authors[:1]
              if affiliation]
    if meta.date:
        lines.append(_meta("name", "citation_publication_date", meta.date.replace("-", "/")))
    if meta.journal:
        lines.append(_meta("name", "citation_journal_title", meta.journal))
    lines.append(_meta("name", "citation_language", language))
    if keywords:
        lines.append(_meta("name", "citation_keywords", "; ".join(keywords)))
    if abstract:
        lines.append(_meta("name", "citation_abstract", abstract))
    lines.append(_meta("name", "citation_pdf_url", "article.pdf"))
    lines += [_meta("name", "citation_reference", ref) for ref in map(citation_reference, items) if ref]
    lines.append('<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">')
    lines.append(_meta("name", "DC.title", texts.title))
    lines += [_meta("name", "DC.creator", name) for name in texts.names]
    lines.append(_meta("name", "DC.language", language))
    lines += [_meta("name", "DC.subject", k) for k in keywords]
    if abstract:
        lines.append(_meta("name", "DC.description", abstract))
    lines.append(_meta("name", "DC.type", "Text"))
    if meta.date:
        lines.append(_meta("name", "DC.date", meta.date))
    lines.append(_meta("property", "og:type", "article"))
    lines.append(_meta("property", "og:title", texts.title))
    if abstract:
        lines.append(_meta("property", "og:description", abstract))
    lines.append(_meta("property", "og:locale", og_locale(language)))
    lines += [_meta("property", "og:locale:alternate", og_locale(code))
              for code in project.manuscripts if code != language]
    lines += [_meta("property", "article:tag", k) for k in keywords]
    lines.append(f'<script type="application/ld+json">\n{script_json(_json_ld(project, language, items, texts))}\n'
                 '</script>')
    return "\n".join(lines) + "\n"
