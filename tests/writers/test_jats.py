"""JATS references carry what the bibliography says, in JATS's own elements."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.conftest import FIXTURES, REPO, copy_project
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


# --- the front and back matter a journal's production system reads --------------------------

ALI = "{http://www.niso.org/schemas/ali/1.0/}"
SUBMITTED = """journal:
  title: Example Journal
  id: example-journal
  issn: 1234-5679
  eissn: 2434-561X
  publisher: Example Press
date: 2026-11-25
license: cc-by-4.0
copyright-holder: Leyla Həsənova
funding:
  - funder: Example Foundation
    award-id: EF-2026-17
  - Another Fund
"""
CLOSING = {"az": "# Təşəkkür {#acknowledgements}\n\nMüəllif həmkarlarına təşəkkür edir.\n\n"
                 "# Maliyyələşdirmə {.funding}\n\nİş Example Fondunun\nqrantı ilə aparılmışdır.\n",
           "en": "# Acknowledgements {#acknowledgements}\n\nThe author thanks her colleagues.\n\n"
                 "# Funding {.funding}\n\nThe work was funded by\nthe Example Foundation.\n"}


@pytest.fixture(scope="module")
def submitted_jats(tmp_path_factory):
    """The complete fixture with the journal, permissions and funding in article.yaml and
    acknowledgements and funding sections, as JATS (validated) in each language."""
    root = copy_project("complete", tmp_path_factory.mktemp("jats"))
    meta = root / "manuscript/article.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text[:text.index("journal:")] + SUBMITTED, encoding="utf-8")
    for language, section in CLOSING.items():
        (root / "manuscript" / language / "09-closing.md").write_text(section, encoding="utf-8")
    project = load_project(root)
    return {language: render_jats(project, language, project_style(project)) for language in ("az", "en")}


def test_the_doctype_names_the_public_dtd_a_validator_resolves(submitted_jats):
    tree = etree.fromstring(submitted_jats["en"]).getroottree()
    assert tree.docinfo.public_id == "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD with MathML3 v1.3 20210610//EN"
    assert tree.docinfo.system_url == "https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3-mathml3.dtd"
    # the same DTD as the package's catalog gives for the public identifier
    assert _Catalog().public[tree.docinfo.public_id].name == tree.docinfo.system_url.rsplit("/", 1)[1]
    validated(submitted_jats["en"])


def test_journal_meta_has_what_journal_publishing_requires(submitted_jats):
    journal = validated(submitted_jats["az"]).find("front/journal-meta")
    assert [child.tag for child in journal] == ["journal-id", "journal-title-group", "issn", "issn", "publisher"]
    assert journal.findtext("journal-id") == "example-journal"
    assert journal.findtext("journal-id") and journal.find("journal-id").get("journal-id-type") == "publisher-id"
    assert {i.get("publication-format"): i.text for i in journal.iter("issn")} == {
        "print": "1234-5679", "electronic": "2434-561X"}
    assert journal.findtext("publisher/publisher-name") == "Example Press"


def test_permissions_carry_the_copyright_and_the_licence_by_its_url(submitted_jats):
    meta = validated(submitted_jats["en"]).find("front/article-meta")
    permissions = meta.find("permissions")
    assert permissions.findtext("copyright-statement") == "© 2026 Leyla Həsənova"
    assert permissions.findtext("copyright-year") == "2026"  # the year of `date:`
    assert permissions.findtext("copyright-holder") == "Leyla Həsənova"
    assert permissions.findtext(f"license/{ALI}license_ref") == "https://creativecommons.org/licenses/by/4.0/"
    assert "Attribution 4.0 International" in "".join(permissions.find("license/license-p").itertext())
    order = [child.tag for child in meta]
    assert order.index("pub-date") < order.index("permissions") < order.index("abstract")


@pytest.mark.parametrize("language", ["az", "en"])
def test_acknowledgements_are_ack_and_funding_is_the_funding_group(submitted_jats, language):
    root = validated(submitted_jats[language])
    (ack,) = root.findall("back/ack")
    assert ack.findtext("title") == ("Təşəkkür" if language == "az" else "Acknowledgements")
    assert ack.findtext("p") in ("Müəllif həmkarlarına təşəkkür edir.", "The author thanks her colleagues.")
    body = etree.tostring(root.find("body"), encoding="unicode")
    assert "həmkarlarına" not in body and "colleagues" not in body and "Example Fondunun" not in body
    assert "funded by" not in body
    group = root.find("front/article-meta/funding-group")
    assert [(g.findtext("funding-source"), g.findtext("award-id")) for g in group.findall("award-group")] == [
        ("Example Foundation", "EF-2026-17"), ("Another Fund", None)]
    (statement,) = group.findall("funding-statement")
    assert statement.text in ("İş Example Fondunun qrantı ilə aparılmışdır.",
                              "The work was funded by the Example Foundation.")  # on one line
    assert root.find("front/article-meta")[-1] is group  # last, as the content model orders it


def test_no_csl_type_leaks_into_the_jats(submitted_jats):
    for xml in submitted_jats.values():
        assert b"article-journal" not in xml
        assert {c.get("publication-type") for c in validated(xml).iter("element-citation")} == {"journal", "book"}


def test_titles_identifiers_and_affiliations_are_one_line_and_an_affiliation_names_its_institution(tmp_path):
    root = copy_project("front-matter", tmp_path)
    meta = root / "manuscript/article.yaml"
    text = meta.read_text(encoding="utf-8")
    text = text.replace("  id: example-journal", '  id: "example\\n  journal"')
    text = text.replace("  title: Example Journal", "  title: |\n    Example\n    Journal")
    text = text.replace("affiliation: \"Baku State University, 'Faculty' of History\"",
                        "affiliation: |\n      Baku State University,\n      Faculty of History")
    meta.write_text(text, encoding="utf-8")
    project = load_project(root)
    assert not project.metadata.problems
    for language in ("az", "en"):
        jats = validated(render_jats(project, language, project_style(project)))
        for tag in ("article-title", "trans-title", "journal-id", "journal-title", "aff", "string-name"):
            for element in jats.iter(tag):
                text = "".join(element.itertext(tag, "italic", "bold", "xref", "institution"))
                assert "\n" not in text and "  " not in text and text == text.strip(), (tag, text)
                assert element.find(".//break") is None
        assert jats.findtext(".//journal-id") == "example journal"
        first, second = (contrib.find("aff") for contrib in jats.iter("contrib"))
        assert second.findtext("institution") == "Baku State University, Faculty of History"
        institution = first.find("institution")  # its markup as text, its citation after it
        assert [child.tag for child in institution] == [] and institution.text.startswith("Institute of Mathematics")
        assert "ℝⁿ" in institution.text and "Studies" in institution.text
        assert institution.getnext().tag == "xref" and institution.getnext().get("ref-type") == "bibr"


def test_a_translated_quotation_keeps_its_note():
    from toolkit.labels import labels

    project = load_project(FIXTURES / "kitchen-sink")
    root = validated(render_jats(project, "en", project_style(project)))
    (quote,) = root.iter("disp-quote")
    (call,) = quote.findall(".//xref[@ref-type='fn']")
    note = " ".join("".join(root.find(f".//fn[@id='{call.get('rid')}']").itertext()).split())
    said = labels("en")["translated-quotations"].format(source="Azerbaijani")
    assert said in note and "Turkish" in note
    assert quote.findtext("attrib") == "İsmet İnönü, 10\u00a0August\u00a01941"


def test_without_journal_data_no_empty_journal_element_is_written(tmp_path):
    """A draft's JATS leaves out what it does not know (check and submit say what is missing)."""
    root = copy_project("complete", tmp_path)
    meta = root / "manuscript/article.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text[:text.index("journal:")], encoding="utf-8")
    project = load_project(root)
    journal = etree.fromstring(render_jats(project, "en", project_style(project))).find("front/journal-meta")
    assert len(journal) == 0
    assert etree.fromstring(render_jats(project, "en", project_style(project))).find(".//permissions") is None
