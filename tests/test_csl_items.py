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
    (r"{\.I}stanbul", "İstanbul"), (r"Da{\u g}", "Dağ"),
    # protecting braces keep their meaning, for the processors: a style's case change skips them
    (r"{NATO} and {Straits}", '<span class="nocase">NATO</span> and <span class="nocase">Straits</span>'),
    # a tie is a non-breaking space: the line is not broken there
    ("1923--1939", "1923–1939"), ("a---b", "a—b"), ("Türk~Dış", "Türk\u00a0Dış"), ("plain  text", "plain text"),
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
    assert paper["title"] == ('The <span class="nocase">Montreux</span> Convention and the '
                              '<span class="nocase">Straits</span>')  # protecting braces
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
    # Better BibTeX's double braces protect case
    assert book["publisher"] == '<span class="nocase">Example Yayınları</span>' and "file" not in book


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


def one(text: str, language: str = "en") -> dict:
    (entry,) = parse_bibliography(text, Path("x.bib")).entries
    return csl_item(entry, language)


def test_number_and_issue_are_both_kept_where_pandocs_bibtex_reader_puts_them():
    assert one("@article{a, number = {3}, issue = {Spring}}")["issue"] == "3, Spring"
    assert one("@article{a, issue = {Spring}}")["issue"] == "Spring"
    assert one("@article{a, number = {3}}")["issue"] == "3"
    assert one("@book{a, number = {12}, series = {S}}")["collection-number"] == "12"
    assert one("@incollection{a, number = {12}}")["collection-number"] == "12"
    assert one("@report{a, number = {TR-7}}")["number"] == "TR-7"


def test_howpublished_and_url_are_kept_whatever_else_the_entry_has():
    web = one(r"@misc{a, howpublished = {\url{https://example.org/~a_b}}, publisher = {P}}")
    assert web["URL"] == "https://example.org/~a_b" and web["publisher"] == "P"
    both = one("@misc{a, howpublished = {Typescript}, publisher = {P}, url = {https://example.org/x--y}}")
    assert both["publisher"] == "Typescript; P" and both["URL"] == "https://example.org/x--y"
    other = one(r"@misc{a, howpublished = {\url{https://example.org/b}}, url = {https://example.org/a}}")
    assert other["URL"] == "https://example.org/a" and "https://example.org/b" in other["publisher"]


@pytest.mark.parametrize("fields, expected", [
    ("eprint = {2101.00001}, eprinttype = {arxiv}",
     {"URL": "https://arxiv.org/abs/2101.00001", "number": "arXiv:2101.00001"}),
    ("eprint = {2101.00001}, archiveprefix = {arXiv}, primaryclass = {cs.CL}",
     {"URL": "https://arxiv.org/abs/2101.00001", "number": "arXiv:2101.00001 [cs.CL]"}),
    ("eprint = {10.1000/xyz}, eprinttype = {doi}", {"DOI": "10.1000/xyz"}),
    ("eprint = {12345678}, eprinttype = {pubmed}",
     {"URL": "https://www.ncbi.nlm.nih.gov/pubmed/12345678", "PMID": "12345678", "number": "PMID: 12345678"}),
    ("eprint = {1234567}, eprinttype = {jstor}", {"URL": "https://www.jstor.org/stable/1234567"}),
    ("eprint = {10013/epic.1}, eprinttype = {hdl}", {"URL": "https://hdl.handle.net/10013/epic.1"}),
    ("eprint = {4HIWAAAAYAAJ}, eprinttype = {googlebooks}",
     {"URL": "https://books.google.com/books?id=4HIWAAAAYAAJ", "number": "Google Books: 4HIWAAAAYAAJ"}),
    ("eprint = {X-1}, eprinttype = {ssrn}", {"number": "ssrn: X-1"}),
])
def test_eprints_become_the_addresses_and_identifiers_styles_print(fields, expected):
    item = one(f"@misc{{a, title = {{T}}, {fields}}}")
    assert {k: item[k] for k in expected} == expected
    assert "URL" in expected or "URL" not in item


def test_an_eprint_never_replaces_a_url_doi_or_number_written_in_the_entry():
    item = one("@report{a, number = {7}, url = {https://example.org}, eprint = {123}, eprinttype = {pubmed}}")
    assert item["URL"] == "https://example.org" and item["number"] == "7"
    assert item["note"] == "PMID: 123"
    assert one("@article{a, doi = {10.1/a}, eprint = {10.2/b}, eprinttype = {doi}}")["DOI"] == "10.1/a"


def test_biblatex_examples_preprints_and_sets():
    found = items("biblatex-examples.bib", "en")
    assert found["wassenberg"]["URL"] == "https://arxiv.org/abs/1008.2849v1"
    assert found["wassenberg"]["number"] == "arXiv:1008.2849v1 [cs.DS]"
    assert found["baez/article"]["URL"] == "https://arxiv.org/abs/math/0307200v3"
    assert found["set"]["author"] == found["herrmann"]["author"]  # a set takes its first member's fields
    assert codes("biblatex-examples.bib") == []
