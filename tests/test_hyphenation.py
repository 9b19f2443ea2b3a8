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


def test_english_hyphenates_as_its_profile_says_en_us_not_pyphens_en_gb():
    import pyphen

    register()
    english = pyphen.Pyphen(lang="en")
    assert english.inserted("union") == "union"  # en_GB: "uni-on"
    assert english.inserted("exported") == "ex-port-ed"  # en_GB: "ex-por-ted"


def test_exceptions_break_only_where_the_profile_marks_them_and_a_star_takes_any_ending():
    from toolkit.hyphenation import _own_dictionary
    from toolkit.languages.profiles import Profile

    az = profile("az")
    own = Profile("az", az.folder, {**az.settings, "hyphenation": {
        **az.settings["hyphenation"], "exceptions": ["Sa-ra-coğ-lu", "Türkiyə*", "İnönü"]}}, {})
    assert own.hyphenation_exceptions == {"saracoğlu": [2, 4, 7], "türkiyə*": [], "inönü": []}
    patterns = _own_dictionary(az.hyphenation_file, own.case, own.hyphenation_exceptions)
    assert patterns.positions("Saracoğlu") == [2, 4, 7]
    assert patterns.positions("Türkiyənin") == [] and patterns.positions("İnönü") == []
    assert patterns.positions("İnönünün")  # not starred: an inflected form hyphenates as any word
    import pyphen

    assert patterns.positions("müharibələrin") == pyphen.HyphDict(az.hyphenation_file).positions("müharibələrin")


@pytest.mark.parametrize("code, words", [("az", ["Türkiyənin", "Atatürkün", "Moskvada"]),
                                         ("en", ["Istanbul", "Turkey", "Moscow", "presents"]),
                                         ("tr", ["Türkiye", "Moskova'da"]), ("ru", ["Турции", "Москве"])])
def test_the_shipped_exceptions_are_never_broken(code, words):
    import pyphen

    register()
    patterns = pyphen.Pyphen(lang=code)
    assert [patterns.inserted(word) for word in words] == words


def _para(text: str) -> dict:
    inlines = []
    for word in text.split(" "):
        inlines += [{"t": "Str", "c": word}, {"t": "Space"}]
    return {"t": "Para", "c": inlines[:-1]}


def test_proper_names_are_the_words_capitalised_mid_sentence():
    from toolkit.hyphenation import proper_names

    names = proper_names([_para("Sonra Türkiyə və SSRİ İstanbulda, M. Litvinov ilə, görüşdü. Belə "
                                "görüşlər oldu. Türkiyə razılaşdı.")])
    assert names == {"Türkiyə", "SSRİ", "İstanbulda", "M", "Litvinov"}  # not Sonra, Belə


def test_a_footnote_begins_a_sentence_of_its_own():
    from toolkit.hyphenation import proper_names

    note = {"t": "Span", "c": [["", ["footnote"], []], [{"t": "Str", "c": "Qeyd"}, {"t": "Space"},
                                                        {"t": "Str", "c": "Ankara."}]]}
    assert proper_names([{"t": "Para", "c": [{"t": "Str", "c": "mətn"}, note]}]) == {"Ankara"}  # not "Qeyd"


def test_a_name_is_never_broken_where_the_same_word_in_small_letters_is_while_it_is_kept_whole():
    import pyphen

    from toolkit.hyphenation import kept_whole, register

    register()
    words = pyphen.Pyphen(lang="az", left=3, right=3)
    assert words.positions("Konstantinopolislilərlə") and words.positions("konstantinopolislilərlə")
    with kept_whole(frozenset({"Konstantinopolislilərlə"})):
        assert words.positions("Konstantinopolislilərlə") == []
        assert words.positions("konstantinopolislilərlə")
    assert words.positions("Konstantinopolislilərlə")  # only while the edition is laid out
