"""JATS references carry what the bibliography says, in JATS's own elements."""

from __future__ import annotations

from lxml import etree

from tests.conftest import FIXTURES
from toolkit.project import load_project
from toolkit.styles import project_style
from toolkit.writers.jats import render_jats

LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def refs(language: str) -> dict:
    project = load_project(FIXTURES / "reftypes")
    root = etree.fromstring(render_jats(project, language, project_style(project)))
    return {ref.get("id").removeprefix("ref-"): ref.find("element-citation") for ref in root.iter("ref")}


def test_translated_titles_archives_and_no_empty_elements():
    english, azerbaijani = refs("en"), refs("az")
    book = english["celebi1998"]
    assert book.findtext("source") == "Türk Dış Politikası"
    assert book.find("trans-source").get(LANG) == "en" and book.findtext("trans-source") == "Turkish Foreign Policy"
    assert azerbaijani["celebi1998"].find("trans-source") is None
    assert english["qasimov1945"].get("publication-type") == "manuscript"
    assert english["qasimov1945"].findtext("comment[@content-type='archive']") == \
        "Example Dövlət Arxivi, f. 1, siy. 2, iş 3"
    for citation in english.values():
        assert all((e.text or "").strip() or len(e) for e in citation.iter() if e is not citation)
    assert english["kerimov1939"].findtext("fpage") == "2" and english["kerimov1939"].find("lpage") is None
