"""BibTeX as real tools write it, read into CSL items both processors get."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from toolkit.bibliography import parse_bibliography
from toolkit.checks.bibliography import check_bibliography
from toolkit.csl_items import csl_item, csl_items, decode

BIBTEX = FIXTURES / "bibtex"


def load(name: str):
    path = Path("bibliography") / name
    return parse_bibliography((BIBTEX / name).read_text(encoding="utf-8"), path)


def items(name: str, language: str = "az") -> dict[str, dict]:
    return {item["id"]: item for item in csl_items(load(name), language)}


def codes(name: str) -> list[str]:
    return [d.code for d in check_bibliography(load(name))]


@pytest.mark.parametrize("latex, text", [
    (r"{\"u}ber", "über"), (r"{\c c}ay", "çay"), (r"{\c C}elik", "Çelik"), (r"\&", "&"), (r"{\i}", "ı"),
    (r"{\.I}stanbul", "İstanbul"), (r"Da{\u g}", "Dağ"), (r"{NATO} and {Straits}", "NATO and Straits"),
    ("1923--1939", "1923–1939"), ("a---b", "a—b"), ("Türk~Dış", "Türk Dış"), ("plain  text", "plain text"),
])
def test_latex_escapes_and_braces_become_unicode(latex, text):
    assert decode(latex) == text


def test_string_macros_concatenation_and_month_macros():
    bib = load("bibtex-classic.bib")
    assert bib.strings["tdp"] == r"T{\"u}rk D{\i}{\c s} Politikas{\i}"
    book = items("bibtex-classic.bib")["celik1990"]
    assert book["title"] == "Türk Dış Politikası II"
    assert book["publisher-place"] == "Ankara"
    assert book["publisher"] == "Example Yayınları & Dağıtım"
    assert book["issued"] == {"date-parts": [[1990, 12]]}
    assert book["author"] == [{"family": "Çelik", "given": "Bora"}, {"family": "Müller", "given": "Jörg"}]


def test_crossref_lends_the_parent_fields_with_biblatex_renaming():
    paper = items("bibtex-classic.bib")["sahin1995"]
    assert paper["type"] == "paper-conference"
    assert paper["title"] == "The Montreux Convention and the Straits"
    assert paper["container-title"] == "Proceedings of the Example Conference"
    assert paper["editor"] == [{"family": "Kaya", "given": "Emre"}]
    assert paper["publisher-place"] == "İstanbul" and paper["issued"] == {"date-parts": [[1995, 10]]}
    entry = load("bibtex-classic.bib").by_key()["sahin1995"]
    assert entry.fields["booktitle"].inherited_from == "proc1995"
    assert "missing-field" not in codes("bibtex-classic.bib")


def test_comments_and_preambles_are_skipped():
    bib = load("bibtex-classic.bib")
    assert [e.key for e in bib.entries] == ["celik1990", "sahin1995", "proc1995"]
    assert not bib.failures


def test_better_bibtex_export():
    bib = load("better-bibtex.bib")
    assert not bib.failures and codes("better-bibtex.bib") == []
    article = items("better-bibtex.bib")["kuruAnkaraMoskovaIliskileri2001"]
    assert article["author"] == [{"family": "Kuru", "given": "Ali"}, {"literal": "Example Research Group"}]
    assert article["title"] == "Ankara–Moskova İlişkileri: 1923–1939"
    assert article["title-short"] == "Ankara–Moskova İlişkileri"
    assert article["container-title"] == "Tarih Dergisi"
    assert article["issued"] == {"date-parts": [[2001, 12]]}
    assert article["accessed"] == {"date-parts": [[2024, 5, 6]]}
    assert article["DOI"] == "10.1234/td.2001.18.2.12" and article["issue"] == "2" and article["page"] == "12-30"
    assert article["language"] == "tr" and article["annote"] == "Read for the 1925 treaty."
    book = items("better-bibtex.bib")["aydinTurkDisPolitikasi1999"]
    assert book["publisher"] == "Example Yayınları" and "file" not in book


def test_unicode_keys_resolve(project_copy, run_cli):
    bib = load("unicode-keys.bib")
    assert [e.key for e in bib.entries] == ["Əliyev2015", "Петров1980"]
    root = project_copy("complete")
    (root / "bibliography" / "references.bib").write_text(
        (BIBTEX / "unicode-keys.bib").read_text(encoding="utf-8"), encoding="utf-8")
    for language in ("az", "en"):
        section = next((root / "manuscript" / language).glob("*.md"))
        section.write_text("# A\n\nText [@Əliyev2015; @Петров1980, s. 3].\n", encoding="utf-8")
    code, out, _ = run_cli("--project", root, "check")
    assert "unknown-citation" not in out and "uncited-entry" not in out
    code, out, _ = run_cli("--project", root, "refs", "--style", "numeric-alphabetical")
    assert code == 0 and "Əliyev Ə." in out and "Петров И." in out


def test_biblatex_dates_and_ranges():
    bib = parse_bibliography("@book{a, title={T}, date={1923/1946}}\n@book{b, title={T}, date={1925-12-17}}\n",
                             Path("x.bib"))
    a, b = (csl_item(e, "az") for e in bib.entries)
    assert a["issued"] == {"date-parts": [[1923], [1946]]}
    assert b["issued"] == {"date-parts": [[1925, 12, 17]]}


def test_langid_names_become_language_codes_and_translated_titles_show_in_english():
    bib = parse_bibliography(
        "@book{p, title={Внешняя политика}, translatedtitle={Foreign Policy}, langid={russian}}\n"
        "@book{e, title={Foreign Policy}, translatedtitle={Xarici siyasət}, langid={english}}\n", Path("x.bib"))
    russian, english = bib.entries
    assert csl_item(russian, "az")["language"] == "ru"
    assert csl_item(russian, "az")["title"] == "Внешняя политика"
    assert csl_item(russian, "en")["title"] == "Внешняя политика [Foreign Policy]"
    assert csl_item(english, "en")["title"] == "Foreign Policy"  # already in the edition's language


def test_undefined_macros_unknown_crossrefs_and_langids_are_reported():
    text = ("@book{a, title = nosuch # { II}, year = 1999, author = {X, Y}}\n"
            "@inbook{b, title = {T}, crossref = {missing}, author = {X, Y}, booktitle = {B}, year = 2000}\n"
            "@book{c, title = {Внешняя политика}, author = {X, Y}, year = 2000}\n"
            "@book{d, title = {T}, author = {X, Y}, year = 2000, langid = {klingonish}}\n")
    found = {(d.code, d.line) for d in check_bibliography(parse_bibliography(text, Path("x.bib")))}
    assert {("undefined-string", 1), ("unknown-crossref", 2), ("missing-langid", 3), ("unknown-langid", 4)} <= found
