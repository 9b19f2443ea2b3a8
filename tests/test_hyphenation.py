"""Hyphenation of the language profiles: Azerbaijani and Turkish patterns generated
from syllable rules, checked against word lists; Russian from Pyphen's patterns."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from toolkit.hyphenation import dictionary_path, dictionary_text, generated, register
from toolkit.languages import profile


def _words(name: str) -> list[str]:
    return [line.strip() for line in (FIXTURES / "hyphenation" / name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


WORDS = _words("az-words.txt")
TURKISH_WORDS = _words("tr-words.txt")


def breaks(hyphenated: str) -> set[int]:
    points, at = set(), 0
    for part in hyphenated.split("-")[:-1]:
        at += len(part)
        points.add(at)
    return points


@pytest.fixture(scope="module")
def azerbaijani():
    import pyphen

    register()
    return pyphen.Pyphen(lang="az")


def test_the_shipped_dictionary_is_what_the_generator_makes():
    assert dictionary_path().read_text(encoding="utf-8") == dictionary_text()


def test_every_break_is_right_and_nearly_all_are_found(azerbaijani):
    assert len(WORDS) >= 200
    assert {"konf-ran-sı", "dip-lo-ma-tik", "pro-to-kol-lar-la"} <= set(WORDS)  # loanwords
    expected = found = 0
    for hyphenated in WORDS:
        word = hyphenated.replace("-", "")
        produced = set(azerbaijani.positions(word))
        wanted = breaks(hyphenated)
        assert produced <= wanted, f"{word}: wrong break in {azerbaijani.inserted(word)} (expected {hyphenated})"
        expected += len(wanted)
        found += len(produced & wanted)
    assert found / expected >= 0.95


@pytest.mark.parametrize("word, hyphenated", [
    ("konfransı", "konf-ran-sı"), ("diplomatik", "dip-lo-ma-tik"), ("protokollarla", "pro-to-kol-lar-la"),
    ("İngiltərə", "İn-gil-tə-rə"), ("Işıqlı", "Işıq-lı"), ("strukturası", "struk-tu-ra-sı"),
    ("şəraiti", "şə-ra-i-ti"), ("müdafiə", "mü-da-fiə"),
])
def test_loanwords_capitals_and_vowel_pairs(azerbaijani, word, hyphenated):
    assert azerbaijani.inserted(word) == hyphenated


@pytest.fixture(scope="module")
def turkish():
    import pyphen

    register()
    return pyphen.Pyphen(lang="tr")


def test_every_generated_dictionary_is_what_the_generator_makes():
    assert {p.code for p in generated()} >= {"az", "tr"}
    for own in generated():
        assert own.hyphenation_file.read_text(encoding="utf-8") == dictionary_text(own.code), own.code


def test_every_turkish_break_is_right_and_nearly_all_are_found(turkish):
    assert len(TURKISH_WORDS) >= 200
    assert {"Türk-çe", "kont-rol", "sant-ral", "prog-ram", "dip-lo-ma-tik"} <= set(TURKISH_WORDS)  # clusters
    expected = found = 0
    for hyphenated in TURKISH_WORDS:
        word = hyphenated.replace("-", "")
        produced = set(turkish.positions(word))
        wanted = breaks(hyphenated)
        assert produced <= wanted, f"{word}: wrong break in {turkish.inserted(word)} (expected {hyphenated})"
        expected += len(wanted)
        found += len(produced & wanted)
    assert found / expected >= 0.95


@pytest.mark.parametrize("word, hyphenated", [
    ("İnönü", "İnö-nü"), ("Işıklı", "Işık-lı"), ("İstanbul", "İs-tan-bul"), ("kâtip", "kâ-tip"),
    ("saat", "sa-at"), ("stratejik", "stra-te-jik"), ("Montrö", "Mont-rö"), ("iadesi", "ia-de-si"),
])
def test_turkish_capitals_circumflexes_vowel_pairs_and_clusters(turkish, word, hyphenated):
    assert turkish.inserted(word) == hyphenated


def test_russian_hyphenates_with_the_profiles_copy_of_pyphens_patterns():
    import pyphen

    register()
    shipped = profile("ru").hyphenation_file
    header = [line for line in shipped.read_text(encoding="utf-8").splitlines() if line.startswith("%")]
    assert any("Pyphen" in line for line in header) and any("LibreOffice" in line for line in header)
    assert pyphen.LANGUAGES["ru"] == shipped
    russian = pyphen.Pyphen(lang="ru")
    assert russian.inserted("отношения") == "от-но-ше-ния"
    assert russian.inserted("договор") == "до-го-вор"
