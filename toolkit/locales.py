"""Citation locales: the toolkit's own (Azerbaijani) and the standard ones.

pandoc cannot load an external CSL locale, and falls back to en-US without a
word for a language it lacks. So for a language with a toolkit locale, the
locale's terms are embedded into the style as `<locale xml:lang="…">` right
after `<info>`, which takes priority over pandoc's built-in locales.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from importlib.resources import files
from pathlib import Path

CSL_NS = "http://purl.org/net/xbiblio/csl"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _primary(language: str) -> str:
    return language.split("-")[0].lower()


def toolkit_locale(language: str) -> Path | None:
    """The toolkit's own locale file for a language, if it ships one."""
    folder = Path(str(files("toolkit") / "assets" / "csl"))
    found = sorted(folder.glob(f"locales-{_primary(language)}-*.xml"))
    return found[0] if found else None


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
    """The style with the toolkit's locale for `language` embedded, or None if it has none."""
    locale_path = toolkit_locale(language)
    if locale_path is None:
        return None
    from lxml import etree

    tree = etree.parse(str(style))
    root = tree.getroot()
    locale = etree.parse(str(locale_path)).getroot()
    block = etree.Element(f"{{{CSL_NS}}}locale")
    block.set(XML_LANG, _primary(language))
    for child in locale:
        if isinstance(child.tag, str) and etree.QName(child).localname in ("style-options", "date", "terms"):
            block.append(child)
    info = root.find(f"{{{CSL_NS}}}info")
    root.insert(root.index(info) + 1 if info is not None else 0, block)
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8")
