"""One allow-list for the HTML the editions carry.

A journal builds manuscripts it did not write. Raw HTML in a section, a
title or a BibTeX field must not run script, submit a form, load or restyle
anything: the editions keep only what scholarly text and pandoc's own HTML
need. The same sets drive the three places that judge HTML, so they cannot
disagree: `clean_html` (the web and print pages, through nh3 — the Rust
ammonia sanitiser), `sanitise_ast` (the pandoc document every writer starts
from) and the `raw-html` check (the sources, so the author hears of it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import nh3

from .pandoc_ast import walk

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TEXT = {"p", "br", "hr", "wbr", "blockquote", "pre", "div", "span", "ul", "ol", "li", "dl", "dt", "dd",
         "figure", "figcaption", "img", "a", "em", "strong", "i", "b", "u", "s", "del", "ins", "sub", "sup",
         "small", "mark", "abbr", "dfn", "cite", "q", "code", "kbd", "samp", "var", "time", "bdi", "bdo",
         "ruby", "rt", "rp", "details", "summary", "section", "header", "footer", "nav", "article", "aside"}
_TABLES = {"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"}
# pandoc --mathml
_MATHML = {"math", "mi", "mo", "mn", "ms", "mtext", "mrow", "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot",
           "mover", "munder", "munderover", "mtable", "mtr", "mtd", "mspace", "mstyle", "semantics", "annotation",
           "mpadded", "mphantom", "menclose"}
TAGS = frozenset(_HEADINGS | _TEXT | _TABLES | _MATHML)

# Dropped together with what they hold: their content is code, or text that
# was never meant to be read as text.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "noembed", "noframes", "textarea", "select", "title", "xmp", "plaintext", "svg", "canvas", "audio", "video",
    "head"})

GLOBAL_ATTRIBUTES = frozenset({"id", "class", "lang", "dir", "title", "role"})
ATTRIBUTE_PREFIXES = frozenset({"aria-", "data-"})
_MATH_ALIGN = {"columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines", "rowlines"}
ATTRIBUTES: dict[str, frozenset[str]] = {tag: frozenset(names) for tag, names in {
    "a": {"href", "hreflang", "tabindex"},
    "img": {"src", "alt", "width", "height"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "time": {"datetime"}, "ol": {"start", "reversed", "type"}, "li": {"value"},
    "details": {"open"}, "col": {"span"}, "colgroup": {"span"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"}, "td": {"colspan", "rowspan", "headers"},
    "math": {"display", "xmlns", "alttext"},
    "mi": {"mathvariant"}, "mn": {"mathvariant"}, "mtext": {"mathvariant"}, "ms": {"mathvariant"},
    "mo": {"mathvariant", "stretchy", "fence", "separator", "lspace", "rspace", "form", "accent", "largeop",
           "movablelimits", "symmetric", "minsize", "maxsize"},
    "mfrac": {"linethickness"}, "mstyle": {"displaystyle", "scriptlevel", "mathvariant"},
    "mspace": {"width", "height", "depth"}, "mpadded": {"width", "height", "depth", "lspace", "voffset"},
    "mtable": _MATH_ALIGN | {"frame", "displaystyle"}, "mtr": {"columnalign", "rowalign"},
    "mtd": {"columnalign", "rowalign", "columnspan", "rowspan"}, "menclose": {"notation"},
    "mover": {"accent"}, "munder": {"accentunder"}, "munderover": {"accent", "accentunder"},
    "annotation": {"encoding"},
}.items()}

URL_SCHEMES = frozenset({"http", "https", "mailto"})  # and relative URLs, which have none
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
_URL_SPACE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def element_kept(tag: str) -> bool:
    return tag.lower() in TAGS


def attribute_kept(tag: str, name: str) -> bool:
    """Whether `name` survives on an element `tag` (itself kept); never style, never on…."""
    name = name.lower()
    return (name in GLOBAL_ATTRIBUTES or name in ATTRIBUTES.get(tag.lower(), ())
            or any(name.startswith(prefix) for prefix in ATTRIBUTE_PREFIXES))


def scheme(url: str) -> str:
    """A URL's scheme as a browser reads it (tabs and line breaks removed, outer
    spaces stripped, any case), lower-cased; "" for a relative URL."""
    m = _SCHEME.match(_URL_SPACE.sub("", url).strip(_C0_AND_SPACE))
    return m.group(1).lower() if m else ""


def url_kept(tag: str, attribute: str, url: str, images: Iterable[str] = ()) -> bool:
    """http, https, mailto and relative URLs; a `data:` URI only as the source of an
    image the toolkit itself embedded (one of `images`)."""
    found = scheme(url)
    if found == "data":
        return tag.lower() == "img" and attribute.lower() == "src" and url in images
    return not found or found in URL_SCHEMES


def clean_html(fragment: str, images: Iterable[str] = ()) -> str:
    """`fragment` with everything outside the allow-list removed; `images` are the
    `data:` URIs of the images the toolkit embedded (kept as `<img src>`)."""
    images = frozenset(images)

    def judge(tag: str, attribute: str, value: str) -> str | None:
        if attribute.lower() in URL_ATTRIBUTES and not url_kept(tag, attribute, value, images):
            return None
        return value

    return nh3.clean(fragment, tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
                     attributes={"*": set(GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in ATTRIBUTES.items()}},
                     generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES), attribute_filter=judge,
                     url_schemes=set(URL_SCHEMES | {"data"}), link_rel=None, strip_comments=True)


# --- the pandoc document --------------------------------------------------------

METADATA_CLASSES = frozenset({"abstract", "keywords", "other-language"})  # made from article.yaml
_ATTR_AT = {"Code": 0, "CodeBlock": 0, "Header": 1, "Div": 0, "Span": 0, "Link": 0, "Image": 0, "Figure": 0,
            "Table": 0}


def _as_text(node: dict) -> dict:
    """Raw HTML (or any raw format) as the characters it was written with."""
    if node["t"] == "RawInline":
        return {"t": "Str", "c": node["c"][1]}
    if node["t"] == "RawBlock":
        return {"t": "Para", "c": [{"t": "Str", "c": node["c"][1]}]}
    return node


def pandoc_attribute_kept(name: str) -> bool:
    """Whether a pandoc attribute (`{key=value}`) stays in the document: no event handler, no style."""
    return not (name.lower().startswith("on") or name.lower() == "style")


def _attr(attr: list) -> list:
    ident, classes, pairs = attr
    return [ident, classes, [[k, v] for k, v in pairs if pandoc_attribute_kept(k)]]


def _table(content: list) -> list:
    attr, caption, specs, head, bodies, foot = content

    def rows(items):
        return [[_attr(a), [[_attr(cell[0]), *cell[1:]] for cell in cells]] for a, cells in items]

    return [_attr(attr), caption, specs, [_attr(head[0]), rows(head[1])],
            [[_attr(b[0]), b[1], rows(b[2]), rows(b[3])] for b in bodies], [_attr(foot[0]), rows(foot[1])]]


def _target_kept(kind: str, url: str) -> bool:
    if scheme(url) == "data":
        return kind == "Image" and url.startswith("data:image/")
    return not scheme(url) or scheme(url) in URL_SCHEMES


def _clean(node: dict) -> dict:
    """No on… or style attribute; no link or image to a URL outside the allow-list."""
    kind = node["t"]
    if kind == "Table":
        return {"t": kind, "c": _table(node["c"])}
    if kind in _ATTR_AT:
        at = _ATTR_AT[kind]
        node = {"t": kind, "c": [*node["c"][:at], _attr(node["c"][at]), *node["c"][at + 1:]]}
    if kind in ("Link", "Image"):
        attr, inlines, (url, _) = node["c"]
        if not _target_kept(kind, url):
            return {"t": "Span", "c": [attr, inlines]}  # the link's text, the image's description
    return node


def _metadata_as_text(node: dict) -> dict:
    if node["t"] == "Div" and METADATA_CLASSES & set(node["c"][0][1]):
        return {"t": "Div", "c": [node["c"][0], walk(node["c"][1], _as_text)]}
    return node


def embedded_images(ast: dict) -> set[str]:
    """The `data:` URIs of the document's images, which the toolkit embedded from
    project files: the only `data:` sources an edition's page keeps."""
    found: set[str] = set()

    def visit(node: dict) -> dict:
        if node["t"] == "Image" and scheme(node["c"][2][0]) == "data":
            found.add(node["c"][2][0])
        return node
    walk([ast["meta"], ast["blocks"]], visit)
    return found


def sanitise_ast(ast: dict) -> dict:
    """The document with its metadata (title, authors, abstracts, keywords) as text,
    and no event handler, style attribute or unsafe link anywhere."""
    meta = walk(walk(ast["meta"], _as_text), _clean)
    blocks = walk(walk(ast["blocks"], _metadata_as_text), _clean)
    return {**ast, "meta": meta, "blocks": blocks}
