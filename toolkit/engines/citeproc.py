"""The one gateway to citeproc-py, the second citation processor.

citeproc-py sorts by comparing code points (ç after z); while it renders, its
sort is replaced by one that orders strings by the edition's alphabet
(toolkit.collation), and put back afterwards.
"""

from __future__ import annotations

import io
import warnings
from contextlib import contextmanager
from functools import cmp_to_key

from ..collation import sort_key


CSL_NS = "http://purl.org/net/xbiblio/csl"


class CiteprocError(Exception):
    pass


def _comparable(value, language: str):
    text = str(value)
    if text.strip().lstrip("-").isdigit():
        return (0, int(text), ())
    # citeproc-py gives a title as a MixedString, a list of text segments: it is text
    if isinstance(value, (tuple, list)) and not all(isinstance(part, str) for part in value):
        return (1, 0, tuple(value))
    return (2, 0, sort_key(text, language))


@contextmanager
def _collating(language: str, data_order: dict[str, int]):
    """Sort by the language's alphabet; ties keep the order of the data, as pandoc does."""
    from citeproc.model import Sort

    def sort(self, items, context):
        columns, descending = [], []
        for key in self.findall("cs:key", self.nsmap):
            descending.append(key.get("sort", "ascending").lower() == "descending")
            # an empty key is a missing one: such items go last (CSL 1.0.2, "Sorting"), as in pandoc
            columns.append([None if v is None or v == "" else _comparable(v, language)
                            for v in key.sort_keys(items, context)])

        def compare(a: int, b: int) -> int:
            for column, desc in zip(columns, descending):
                left, right = column[a], column[b]
                if left is None or right is None:
                    if left is right:
                        continue
                    return 1 if left is None else -1  # items without the key go last
                if left[0] != right[0]:
                    result = (left[0] > right[0]) - (left[0] < right[0])
                else:
                    result = (left > right) - (left < right)
                if result:
                    return -result if desc else result
            return data_order.get(items[a].key, 0) - data_order.get(items[b].key, 0)

        return [items[i] for i in sorted(range(len(items)), key=cmp_to_key(compare))]

    original = Sort.sort
    Sort.sort = sort
    try:
        yield
    finally:
        Sort.sort = original


def _locale(language: str) -> str:
    from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

    if language in LANGUAGE_NAMES:
        return language
    return PRIMARY_DIALECTS.get(language.split("-")[0].lower(), language.split("-")[0].lower())


def _item(key: str, options: dict):
    from citeproc import CitationItem
    from citeproc.source import Locator

    options = dict(options)
    if "locator" in options:
        options["locator"] = Locator(options.pop("label", "page"), options["locator"])
    return CitationItem(key.lower(), **options)


# CSL 1.0.2's name variables citeproc-py 0.11 reads as plain strings (and then fails on)
CSL_102_NAMES = ("chair", "compiler", "contributor", "curator", "director", "editor_translator",
                 "executive_producer", "guest", "host", "narrator", "organizer", "performer", "producer",
                 "script_writer", "series_creator")


def _know_csl_102_names() -> None:
    """Make citeproc-py read CSL 1.0.2's newer name variables (the compilers of an
    edited work, `editortype = {compiler}`) as names, as pandoc does."""
    import citeproc

    citeproc.NAMES.extend(name for name in CSL_102_NAMES if name not in citeproc.NAMES)


def render(items: list[dict], style: bytes, language: str, citations: list[list[tuple[str, dict]]]):
    """The bibliography ((lower-cased key, plain text) in order) and the citations as given.

    `citations` is a list of citations, each a list of (key, options) with
    options such as {"locator": "12", "label": "page"}; they are registered
    in order, as a document would cite them.
    """
    return _with_style(style, language, lambda csl: _render(csl, items, language, citations))


def _with_style(style: bytes, language: str, run):
    """`run(csl)` on the style read by citeproc-py; its failures are CiteprocErrors."""
    from citeproc import CitationStylesStyle

    _know_csl_102_names()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            csl = CitationStylesStyle(io.BytesIO(style), locale=_locale(language), validate=False)
        except Exception as exc:
            raise CiteprocError(f"citeproc-py cannot read the style: {exc}") from None
        if csl.root.bibliography is None:
            raise CiteprocError("the style has no reference list (no <bibliography> element): it formats "
                                "citations only; proof its references with a style that has one")
        try:
            return run(csl)
        except CiteprocError:
            raise
        except Exception as exc:  # citeproc-py's own failures: reported, never a traceback
            raise CiteprocError(f"citeproc-py failed on this style or these references: "
                                f"{exc.__class__.__name__}: {exc}") from None


def _sorted(csl, items: list[dict], language: str, citations: list[list[tuple[str, dict]]]):
    """The bibliography with the citations registered and its entries sorted, and the citations."""
    from citeproc import Citation, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    bibliography = CitationStylesBibliography(csl, CiteProcJSON(items), formatter.plain)
    objects = [Citation([_item(key, options) for key, options in cites]) for cites in citations]
    for citation in objects:
        bibliography.register(citation)
    with _collating(language, {str(item["id"]).lower(): i for i, item in enumerate(items)}):
        bibliography.sort()
    return bibliography, objects


def _render(csl, items: list[dict], language: str, citations: list[list[tuple[str, dict]]]):
    bibliography, objects = _sorted(csl, items, language, citations)
    rendered = [str(bibliography.cite(c, lambda item: None)) for c in objects]
    entries = [(item.key, str(entry)) for item, entry in zip(bibliography.items, bibliography.bibliography())]
    return entries, rendered


def bibliography_order(items: list[dict], style: bytes, language: str, keys: list[str]) -> list[str] | None:
    """The order of the reference list the style gives the cited `keys`, decided by the
    toolkit (the style's sort keys, the edition's alphabet); None when the style leaves
    the order to the citations (no sort, or by citation number) or cannot be read."""
    from lxml import etree

    try:
        root = etree.fromstring(style, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
    sort = root.find(f"{{{CSL_NS}}}bibliography/{{{CSL_NS}}}sort")
    if sort is None or any(key.get("variable") == "citation-number" for key in sort):
        return None
    try:  # the sort alone: rendering every entry only to read their order took most of the time
        ordered = _with_style(style, language, lambda csl: [
            item.key for item in _sorted(csl, items, language, [[(key, {})] for key in keys])[0].items])
    except CiteprocError:
        return None
    by_id = {str(item["id"]).lower(): str(item["id"]) for item in items}
    return [by_id[key] for key in ordered if key in by_id]


def imposed(style: bytes, variable: str) -> bytes:
    """The style with its reference list sorted by `variable` alone (the toolkit's order)."""
    from lxml import etree

    root = etree.fromstring(style, etree.XMLParser(resolve_entities=False, no_network=True))
    sort = root.find(f"{{{CSL_NS}}}bibliography/{{{CSL_NS}}}sort")
    for key in list(sort):
        sort.remove(key)
    etree.SubElement(sort, f"{{{CSL_NS}}}key", variable=variable)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")
