"""Language profiles: every shipped one complete; a language without one still
builds, with English labels, and `check` says what it lacks."""

from __future__ import annotations

import re

import pytest

from toolkit.labels import labels
from toolkit.languages import ENGLISH, BABEL, guess_language, language_code, missing, primary, profile, shipped
from toolkit.locales import has_citation_locale

from .conftest import copy_project

SHIPPED = ("az", "en", "ru", "tr")


def test_the_four_languages_of_the_journal_are_shipped():
    assert set(SHIPPED) <= set(shipped())
    assert language_code("turkish") == "tr" and primary("ru-RU") == "ru" and BABEL["azerbaijani"] == "az"


@pytest.mark.parametrize("code", SHIPPED)
def test_every_shipped_profile_is_complete(code):
    own, english = profile(code), profile(ENGLISH)
    assert missing(code) == []
    assert set(english.settings) <= set(own.settings)
    assert set(labels(ENGLISH)) == set(own.labels), "every label, in the language's own words"
    assert all(own.labels[key] for key in own.labels)
    for kind, words in english.labels["crossref"].items():
        assert set(own.labels["crossref"][kind]) == set(words)
    assert set(own.labels["languages"]) >= set(SHIPPED)
    assert own.script in ("Latn", "Cyrl") and re.fullmatch(r"[a-z]{2}_[A-Z]{2}", own.locale)
    assert has_citation_locale(code) and own.citation_locale
    assert (own.hyphenation_file is not None and own.hyphenation_file.is_file()) or own.hyphenation_standard
    assert len(own.months) == len(own.standalone_months) == 12
    assert "{day}" in own.date_format("day-month-year") and "{year}" in own.date_format("month-year")
    assert len(own.alphabet) >= 26 and all(len(pair) == 2 for pair in own.quotes)
    assert own.section_names and own.babel and language_code(own.babel) == code


def test_labels_are_the_editions_language_and_english_fills_the_gaps():
    assert labels("tr")["references"] == "Kaynakça" and labels("tr")["abstract"] == "Özet"
    assert labels("ru")["references"] == "Список литературы" and labels("ru")["contents"] == "Содержание"
    assert labels("tr-TR") == labels("tr")
    assert labels("de") == labels(ENGLISH)  # no profile: English throughout
    for code in ("tr", "ru"):  # not one English word left in a shipped translation
        english = labels(ENGLISH)
        same = [k for k, v in labels(code).items() if isinstance(v, str) and v == english[k]]
        assert same == [], code


def test_the_profiles_give_letters_alphabets_and_dates():
    from toolkit.collation import sort_key
    from toolkit.submit import slug
    from toolkit.typography import written_date

    assert guess_language("Внешняя политика") == "ru" and guess_language("Türk Dış Politikası") == "tr"
    assert guess_language("Əsərlər") == "az" and guess_language("Foreign policy") is None
    assert sorted(["çay", "dağ", "ceviz"], key=lambda w: sort_key(w, "tr")) == ["ceviz", "çay", "dağ"]
    assert sorted(["Işık", "İnci", "ılık"], key=lambda w: sort_key(w, "tr")) == ["ılık", "Işık", "İnci"]
    assert written_date("1945-03-19", "ru") == "19\u00a0марта\u00a01945\u00a0г."
    assert written_date("1945-03", "ru") == "март\u00a01945\u00a0г."
    assert written_date("1925-12-17", "tr") == "17\u00a0Aralık\u00a01925"
    assert written_date("1925-12-17", "de") == "17\u00a0December\u00a01925"  # no profile: English
    assert slug("Советско-турецкие отношения") == "sovetsko-tureczkie-otnosheniya"


GERMAN = """\
  de:
    title: Die Meerengenfrage
    abstract: Eine kurze Zusammenfassung. Zwei Sätze.
    keywords: [Meerengen, Diplomatie]
"""


def _with_language(text: str, block: str) -> str:
    """article.yaml with `block` (a language's entry) last in `languages:`, before the fixture's journal."""
    head, sep, journal = text.partition("\njournal:")
    return head.rstrip("\n") + "\n" + block + (sep.lstrip("\n") + journal if sep else "")


@pytest.fixture
def german(tmp_path):
    """The bilingual fixture with a German edition, a language the toolkit has no profile of."""
    root = copy_project("bilingual", tmp_path)
    article = root / "manuscript" / "article.yaml"
    text = article.read_text(encoding="utf-8")
    article.write_text(_with_language(text, GERMAN), encoding="utf-8")
    (root / "manuscript" / "de").mkdir()
    for section in (root / "manuscript" / "en").glob("*.md"):
        (root / "manuscript" / "de" / section.name).write_text(section.read_text(encoding="utf-8"), encoding="utf-8")
    line = (text.partition("\njournal:")[0].rstrip("\n") + "\n").count("\n") + 1
    return root, line


def test_a_language_without_a_profile_is_warned_at_its_key(german, run_cli):
    root, line = german
    code, out, _ = run_cli("--project", root, "check")
    found = [l for l in out.splitlines() if l.endswith("[no-language-profile]")]
    assert len(found) == 1, out
    assert found[0].startswith(f"manuscript/article.yaml:{line}:3: warning: no language profile for 'de'")
    assert "English labels (abstract, keywords, references, contents and" in found[0]
    assert "English dates" in found[0] and "alphabet" in found[0]
    assert "toolkit/languages/de/" in out
    assert "[no-language-profile]" not in run_cli("--project", copy_project("bilingual", root.parent / "b"),
                                                  "check")[1]


def test_a_language_without_a_profile_builds_with_english_labels(german, run_cli):
    root, _ = german
    code, out, err = run_cli("--project", root, "build", "--lang", "de", "--format", "html")
    assert code == 0, out + err
    html = (root / "build" / "de" / "article.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in html
    assert re.search(r"<h2[^>]*>References", html) and "Keywords" in html


GERMAN_LABELS = """\
    labels:
      references: Literatur
      abstract: Zusammenfassung
      keywords: Schlüsselwörter
"""


def test_the_authors_labels_come_before_the_profiles_in_every_format(german, run_cli):
    """`labels:` in article.yaml supplies the words of a language with no profile, and
    overrides a shipped profile's (English "References" -> "Works cited")."""
    root, _ = german
    article = root / "manuscript" / "article.yaml"
    text = _with_language(article.read_text(encoding="utf-8"), GERMAN_LABELS)
    text = text.replace("    title: The Straits question\n",
                        "    title: The Straits question\n    labels:\n      references: Works cited\n")
    article.write_text(text, encoding="utf-8")
    code, out, err = run_cli("--project", root, "build", "--lang", "de", "--lang", "en")
    assert code == 0, out + err
    german_html = (root / "build" / "de" / "article.html").read_text(encoding="utf-8")
    assert re.search(r"<h2[^>]*>Literatur", german_html) and "Schlüsselwörter" in german_html
    assert not re.search(r"<h2[^>]*>References", german_html)
    english_html = (root / "build" / "en" / "article.html").read_text(encoding="utf-8")
    assert re.search(r"<h2[^>]*>Works cited", english_html) and not re.search(r"<h2[^>]*>References", english_html)
    from pdfminer.high_level import extract_text

    assert "Literatur" in extract_text(str(root / "build" / "de" / "article.pdf"))
    import docx

    paragraphs = [p.text for p in docx.Document(str(root / "build" / "en" / "article.docx")).paragraphs]
    assert "Works cited" in paragraphs and "References" not in paragraphs
    # the warning names only what the authors have not given
    code, out, _ = run_cli("--project", root, "check")
    (warning,) = [l for l in out.splitlines() if l.endswith("[no-language-profile]")]
    assert "references" not in warning.split("English labels")[1].split(")")[0]


def test_an_incomplete_profile_is_named_with_what_it_lacks(tmp_path, monkeypatch):
    """A profile folder someone has begun: check names each missing setting and label."""
    import shutil

    from toolkit.checks.language_profiles import check
    from toolkit.languages import profiles
    from toolkit.project import load_project

    folder = tmp_path / "languages"
    shutil.copytree(profiles._folder(), folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    (folder / "de").mkdir()
    (folder / "de" / "profile.yaml").write_text("name: German\nscript: Latn\n", encoding="utf-8")
    (folder / "de" / "labels.yaml").write_text("abstract: Zusammenfassung\n", encoding="utf-8")
    monkeypatch.setattr(profiles, "_folder", lambda: folder)
    profiles.profile.cache_clear()
    profiles.shipped.cache_clear()
    try:
        assert "de" in profiles.shipped()
        gaps = profiles.missing("de")
        assert "locale" in gaps and "dates" in gaps and "labels.references" in gaps
        assert "labels.abstract" not in gaps and "hyphenation dictionary" in gaps
        root = copy_project("bilingual", tmp_path)
        article = root / "manuscript" / "article.yaml"
        article.write_text(_with_language(article.read_text(encoding="utf-8"), GERMAN), encoding="utf-8")
        (root / "manuscript" / "de").mkdir()
        (root / "manuscript" / "de" / "01.md").write_text("# Vertrag {#treaty}\n\nText.\n", encoding="utf-8")
        found = [d for d in check(load_project(root)) if d.code == "incomplete-language-profile"]
        assert len(found) == 1 and "labels.references" in found[0].message
    finally:
        profiles.profile.cache_clear()
        profiles.shipped.cache_clear()
