"""Quotations as journals set them, in the web, print and Word editions: no quotation
marks around a displayed extract, its reference at its end, no attribution line that
repeats the sentence leading into it (the speaker and date stay data), a translation
said once in a note; and the other language's abstract under its title."""

from __future__ import annotations

import docx
import lxml.html
import pytest

from tests.conftest import copy_project
from toolkit.cli import main
from toolkit.quotations import says_date, says_speaker

AZ = """# Giriş {#introduction}

Baş nazir Rəfiq Saydam 1939-cu ildə belə açıqlama vermişdir:

::: {#q-named .quotation speaker="Rəfiq Saydam" date="1939"}
> “Sovet İttifaqı ilə münasibətlərimizdə heç bir dəyişiklik yoxdur” [@kuru2001].
:::

Türkiyəyə verilən notda belə deyilir:

::: {#q-unnamed .quotation speaker="Sovet hökuməti" date="1945-03-19"}
> “Bu müqavilə artıq “yeni şərtlərə” uyğun gəlmir” [@aydin1999].
:::

Cavab qısa idi:

::: {#q-two .quotation speaker="Türkiyə hökuməti"}
> “Torpaq verilmir” və “baza verilmir” [@kuru2001].
:::
"""

EN = """# Introduction {#introduction}

Prime Minister Refik Saydam made the following statement in 1939:

::: {#q-named .quotation speaker="Refik Saydam" date="1939" translated-from="az" original-language="tr"}
> “There is no change whatsoever in our relations with the Soviet Union” [@kuru2001].
:::

The note delivered to Turkey reads:

::: {#q-unnamed .quotation speaker="the Soviet government" date="1945-03-19" translated-from="az" original-language="ru"}
> “This treaty no longer corresponds to the “new conditions”” [@aydin1999].
:::

The reply was short:

::: {#q-two .quotation speaker="the Turkish government" translated-from="az" original-language="tr"}
> “No territory is given” and “no base is given” [@kuru2001].
:::
"""

NOTE = "Here and below, quotations are translated from the Azerbaijani text; original languages: Turkish, Russian."


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project("complete", tmp_path_factory.mktemp("quotations"))
    for language, text in (("az", AZ), ("en", EN)):
        (root / "manuscript" / language / "01-introduction.md").write_text(text, encoding="utf-8")
    formats = [a for f in ("html", "pdf", "docx") for a in ("--format", f)]
    assert main(["--project", str(root), "build", *formats]) == 0
    return root


def _page(root, language):
    return lxml.html.parse(str(root / "build" / language / "article.html")).getroot()


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _text(element) -> str:
    return _plain(element.text_content())


def _pdf_text(path) -> str:
    from pdfminer.high_level import extract_text

    return _plain(extract_text(str(path)))


def test_a_displayed_extract_has_no_quotation_marks_and_ends_with_its_reference(built):
    page = _page(built, "az")
    extracts = {q.get("id"): _text(q.find(".//blockquote")) for q in page.xpath('//div[@class="quotation"]')}
    assert extracts["q-named"] == "Sovet İttifaqı ilə münasibətlərimizdə heç bir dəyişiklik yoxdur [1]."
    assert extracts["q-unnamed"] == "Bu müqavilə artıq “yeni şərtlərə” uyğun gəlmir [2]."  # the inner marks stay
    assert extracts["q-two"] == "“Torpaq verilmir” və “baza verilmir” [1]."  # two quotations: not one extract
    printed = _pdf_text(built / "build/az/article.pdf")
    assert "belə açıqlama vermişdir: Sovet İttifaqı ilə" in printed and "yoxdur [1]." in printed
    assert "“Sovet İttifaqı" not in printed and "“Bu müqavilə" not in printed
    word = [_plain(p.text) for p in docx.Document(str(built / "build/az/article.docx")).paragraphs
            if p.style.name == "Block Text"]
    assert word[:2] == ["Sovet İttifaqı ilə münasibətlərimizdə heç bir dəyişiklik yoxdur [1].",
                        "Bu müqavilə artıq “yeni şərtlərə” uyğun gəlmir [2]."]


def test_the_attribution_is_printed_only_where_the_lead_in_does_not_say_it(built):
    page = _page(built, "az")
    quotations = {q.get("id"): q for q in page.xpath('//div[@class="quotation"]')}
    named = quotations["q-named"]  # the lead-in names Saydam and the year: no line under it, the data kept
    assert named.get("data-speaker") == "Rəfiq Saydam" and named.get("data-date") == "1939"
    assert not named.xpath('.//*[@class="quotation-source"]')
    assert [_text(s) for q in ("q-unnamed", "q-two") for s in quotations[q].xpath('.//*[@class="quotation-source"]')] \
        == ["— Sovet hökuməti, 19 mart 1945", "— Türkiyə hökuməti"]
    printed = _pdf_text(built / "build/az/article.pdf")
    assert "— Sovet hökuməti, 19 mart 1945" in printed and "— Rəfiq Saydam" not in printed
    word = [_plain(p.text) for p in docx.Document(str(built / "build/az/article.docx")).paragraphs
            if p.text.startswith("—")]
    assert word == ["— Sovet hökuməti, 19 mart 1945", "— Türkiyə hökuməti"]


def test_a_translation_is_said_once_in_a_note_at_the_first_translated_quotation(built):
    page = _page(built, "en")
    notes = [_text(li) for li in page.xpath('//section[@id="footnotes"]//li')]
    assert notes == [NOTE + "↩︎"]
    first = page.xpath('//div[@id="q-named"]//blockquote')[0]
    assert first.xpath('.//a[contains(@class, "footnote-ref")]')  # called from the end of the first extract
    assert "Translated from" not in _text(page)  # under no extract
    printed = _pdf_text(built / "build/en/article.pdf")
    assert printed.count("Here and below, quotations are translated") == 1 and "Translated from" not in printed
    footnotes = docx.Document(str(built / "build/en/article.docx")).part.package
    xml = b"".join(p.blob for p in footnotes.parts if p.partname.endswith("footnotes.xml")).decode()
    assert xml.count("Here and below, quotations are translated") == 1


def test_the_other_languages_abstract_stands_under_its_title(built):
    other = _page(built, "az").xpath('//div[contains(@class, "other-language")]')[0]
    assert other.get("lang") == "en"
    assert [c.get("class") for c in other][:2] == ["other-title", "abstract"]
    assert _text(other[0]) == "The Straits question"
    printed = _pdf_text(built / "build/az/article.pdf")
    assert "The Straits question Abstract. A short abstract." in printed
    word = docx.Document(str(built / "build/az/article.docx")).paragraphs
    assert [_plain(p.text) for p in word if p.style.name == "Abstract Title"][-1] == "The Straits question"


def test_without_a_title_in_that_language_the_abstract_has_none_and_check_says_so(tmp_path, run_cli):
    root = copy_project("complete", tmp_path)
    meta = root / "manuscript" / "article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("    title: The Straits question\n", ""),
                    encoding="utf-8")
    code, out, _ = run_cli("--project", root, "build", "--format", "html", "--lang", "az")
    assert code == 0
    other = _page(root, "az").xpath('//div[contains(@class, "other-language")]')[0]
    assert [c.get("class") for c in other][0] == "abstract"
    _, out, _ = run_cli("--project", root, "check")
    assert "error: no title for language 'en' [missing-title]" in out


@pytest.mark.parametrize("text, speaker, said", [
    ("Baş nazir Rəfiq Saydam belə açıqlama vermişdir:", "Rəfiq Saydam", True),
    ("Türkiyə hökuməti belə cavab vermişdir:", "Türkiyə hökuməti", True),
    ("Türkiyəyə verilən notda belə deyilir:", "Sovet hökuməti", False),
    ("In response, the Turkish government replied as follows:", "the Turkish government", True),
    ("The note delivered to Turkey reads:", "the Soviet government", False),
    ("İsmet İnönü de bəyan etmişdir:", "İsmet İnönü", True),
])
def test_whether_a_lead_in_names_the_speaker(text, speaker, said):
    assert says_speaker(text, speaker, "az" if "ə" in text else "en") is said


@pytest.mark.parametrize("text, date, said", [
    ("10 avqust 1941-ci ildə Ankaraya nota göndərmişdir:", "1941-08-10", True),
    ("1941-ci ildə Ankaraya nota göndərmişdir:", "1941-08-10", False),
    ("1939-cu ildə münasibətlər gərginləşmişdir:", "1939", True),
    ("sent Ankara a joint note on 10 August 1941:", "1941-08-10", True),
    ("sent Ankara a joint note in August 1940:", "1941-08", False),
])
def test_whether_a_lead_in_says_the_date(text, date, said):
    assert says_date(text, date, "az" if "ə" in text else "en") is said
