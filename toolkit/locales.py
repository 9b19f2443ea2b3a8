"""Citation locales: a language profile's own (Azerbaijani) and the standard ones.

pandoc cannot load an external CSL locale, and falls back to en-US without a
word for a language it lacks. So for a language with a toolkit locale, the
locale's terms are embedded into the style as `<locale xml:lang="…">` right
after `<info>`, which takes priority over pandoc's built-in locales.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from .languages import profile

CSL_NS = "http://purl.org/net/xbiblio/csl"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _primary(language: str) -> str:
    return language.split("-")[0].lower()


def toolkit_locale(language: str) -> Path | None:
    """The locale file a language's profile ships (toolkit/languages/<code>/), if any."""
    own = profile(language)
    return own.citation_locale_file if own is not None else None


@cache
def _standard_locales() -> frozenset[str]:
    # citeproc-py ships the standard CSL locales; located without importing it.
    spec = importlib.util.find_spec("citeproc")
    if spec is None or not spec.submodule_search_locations:
        return frozenset({"en"})
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "locales"
    return frozenset(_primary(p.stem.removeprefix("locales-")) for p in folder.glob("locales-*.xml"))


def has_citation_locale(language: str) -> bool:
    return toolkit_locale(language) is not None or _primary(language) in _standard_locales()


def localized_style(style: Path, language: str) -> bytes | None:
    """The style with the toolkit's locale for `language` embedded, or None if it has none;
    a style with a locale block of its own for the language keeps it, filled in from the locale."""
    locale_path = toolkit_locale(language)
    if locale_path is None:
        return None
    from lxml import etree

    tree = etree.parse(str(style))
    root = tree.getroot()
    locale = etree.parse(str(locale_path)).getroot()
    own = [b for b in root.findall(f"{{{CSL_NS}}}locale") if b.get(XML_LANG) in (_primary(language), language)]
    if own:  # the style's own terms for the language win; the locale fills in the rest
        _fill(own[0], locale)
        return etree.tostring(tree, xml_declaration=True, encoding="utf-8")
    block = etree.Element(f"{{{CSL_NS}}}locale")
    block.set(XML_LANG, _primary(language))
    for child in locale:
        if isinstance(child.tag, str) and etree.QName(child).localname in ("style-options", "date", "terms"):
            block.append(child)
    info = root.find(f"{{{CSL_NS}}}info")
    root.insert(root.index(info) + 1 if info is not None else 0, block)
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8")


def _fill(block, locale) -> None:
    """Add to the style's locale `block` what the locale file has and the block lacks:
    one block per language, as citeproc-py requires, with CSL's precedence (a style's
    term over a locale's; a style that sets any ordinal replaces all the locale's)."""
    from lxml import etree

    def local(element) -> str:
        return etree.QName(element).localname if isinstance(element.tag, str) else ""

    terms = block.find(f"{{{CSL_NS}}}terms")
    if terms is None:
        terms = etree.SubElement(block, f"{{{CSL_NS}}}terms")
    have = {(t.get("name"), t.get("form", "long")) for t in terms if local(t) == "term"}
    own_ordinals = any(name.startswith(("ordinal", "long-ordinal")) for name, _ in have)
    dates = {d.get("form") for d in block if local(d) == "date"}
    for child in locale:
        kind = local(child)
        if kind == "style-options" and block.find(f"{{{CSL_NS}}}style-options") is None:
            block.insert(0, child)
        elif kind == "date" and child.get("form") not in dates:
            block.insert(block.index(terms), child)
        elif kind == "terms":
            for term in list(child):
                name = term.get("name") or ""
                if local(term) != "term" or (name, term.get("form", "long")) in have:
                    continue
                if own_ordinals and name.startswith(("ordinal", "long-ordinal")):
                    continue
                terms.append(term)
