"""JATS references carry what the bibliography says, in JATS's own elements."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.conftest import FIXTURES, REPO
from toolkit.project import load_project
from toolkit.styles import project_style
from toolkit.writers.jats import render_jats

LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MML = "{http://www.w3.org/1998/Math/MathML}"
DTDS = REPO / "node_modules" / "@jats4r" / "dtds" / "schema"  # npm: @jats4r/dtds (package.json)


class _Catalog(etree.Resolver):
    """The DTDs by public identifier from the package's OASIS catalog: nothing is fetched."""

    def __init__(self):
        super().__init__()
        catalog = etree.parse(str(DTDS / "catalog.xml"))
        self.public = {e.get("publicId"): DTDS / e.get("uri")
                       for e in catalog.iter("{urn:oasis:names:tc:entity:xmlns:xml:catalog}public")}

    def resolve(self, system_url, public_id, context):
        if public_id in self.public:
            return self.resolve_filename(str(self.public[public_id]), context)
        return None  # a module of the DTD: its system identifier, relative to the DTD's own file


def validated(xml: bytes) -> etree._Element:
    """The document, validated against the DTD its DOCTYPE names; XMLSyntaxError if it is not valid."""
    parser = etree.XMLParser(dtd_validation=True, load_dtd=True, resolve_entities=True, no_network=True)
    parser.resolvers.add(_Catalog())
    return etree.fromstring(xml, parser)


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


def test_publication_types_are_jats4rs():
    """JATS4R's names (journal, book, confproc, thesis …), never CSL's (article-journal)."""
    from toolkit.writers.jats import PUBLICATION_TYPES

    types = {key: citation.get("publication-type") for key, citation in refs("en").items()}
    assert set(types.values()) <= set(PUBLICATION_TYPES.values()) | {"preprint", "other"}, types
    assert "journal" in types.values() and "book" in types.values()
    assert not any("-" in t and t != "legal-doc" for t in types.values())


@pytest.mark.parametrize("language", ["az", "en"])
def test_formulas_are_mathml_and_valid_against_the_jats_1_3_mathml3_dtd(language):
    project = load_project(FIXTURES / "math")
    xml = render_jats(project, language, project_style(project))
    assert b"Journal Publishing DTD with MathML3 v1.3" in xml.split(b"<article", 1)[0]
    root = validated(xml)
    inline, display = root.findall(".//body//inline-formula"), root.findall(".//body//disp-formula")
    assert (len(inline), len(display)) == (4, 5)
    for formula in inline + display:
        math = formula.find(f"alternatives/{MML}math")
        assert math is not None and formula.findtext("alternatives/tex-math")
        assert math.get("display") == ("block" if formula in display else "inline")


def test_the_dtd_validation_finds_errors():
    project = load_project(FIXTURES / "math")
    xml = render_jats(project, "en", project_style(project))
    broken = xml.replace(b"<inline-formula>", b"<inline-formula><bogus/>", 1)
    with pytest.raises(etree.XMLSyntaxError, match="bogus"):
        validated(broken)


@pytest.mark.parametrize("fixture", ["complete", "reftypes"])
def test_articles_without_formulas_are_valid_too(fixture):
    project = load_project(FIXTURES / fixture)
    for language in project.manuscripts:
        validated(render_jats(project, language, project_style(project)))
