"""Finer parity: sentences, notes, dates and amounts, in each language pair.

tests/fixtures/parity-drifts holds three sections of the shipped article in
Azerbaijani (the original) and English, with Turkish and Russian translations
of the Azerbaijani. Each test puts one drift into one translation and expects
it reported at the translation, with the original's place in the message.
"""

from __future__ import annotations

import re

import pytest
import yaml

from tests.checks.test_parity import edit, other_place, parity
from toolkit.checks.parity import numbers
from toolkit.diagnostics import Severity



@pytest.fixture
def drifts(project_copy):
    return project_copy("parity-drifts")


def test_the_aligned_translations_have_no_parity_diagnostics(drifts):
    """Including the English translator's note and the English split marked in 02-trade."""
    assert parity(drifts) == []


# --- az → en ------------------------------------------------------------------

EN_TREATY_3 = ("Neither party would commit aggression against the other, nor would it join hostile activities "
               "of third states directed against one of the parties. ")


def test_a_dropped_sentence_is_found_and_named(drifts):
    edit(drifts / "manuscript/en/01-treaty.md", EN_TREATY_3, "")
    (d,) = parity(drifts)
    assert d.code == "parity-sentences" and d.severity == Severity.WARNING
    assert (str(d.path), d.line) == ("manuscript/en/01-treaty.md", 3)
    assert other_place(d) == "manuscript/az/01-treaty.md:3"
    assert d.message.startswith("4 sentences in en, 5 in az: az sentence 3 (“Heç bir tərəf digərinə qarşı")
    assert "has no en counterpart" in d.message


EN_MERGED = ("Under the treaty, if one of the parties was attacked, the other was to remain neutral; neither party "
             "would commit aggression")


def merge_en_sentences_2_and_3(root):
    edit(root / "manuscript/en/01-treaty.md",
         "Under the treaty, if one of the parties was attacked, the other was to remain neutral. Neither party "
         "would commit aggression", EN_MERGED)


def test_a_merged_sentence_pair_is_reported(drifts):
    merge_en_sentences_2_and_3(drifts)
    (d,) = parity(drifts)
    assert d.code == "parity-sentences" and (str(d.path), d.line) == ("manuscript/en/01-treaty.md", 3)
    assert "4 sentences in en, 5 in az: az sentences 2–3 are one en sentence, 2 (“Under the treaty," in d.message
    assert "<!-- parity: merge -->" in d.message


@pytest.mark.parametrize("marker", [
    "<!-- parity: merge -->\n",  # on the line before, in the paragraph
    "<!-- parity: merge -->\n\n",  # a paragraph of its own just before
    "<!-- parity: merge — sentences 2 and 3 are one English sentence -->\n",  # with a reason
])
def test_a_marked_merge_is_not_reported(drifts, marker):
    merge_en_sentences_2_and_3(drifts)
    edit(drifts / "manuscript/en/01-treaty.md", "On 17 December", marker + "On 17 December")
    assert parity(drifts) == []


def test_a_merge_marker_does_not_excuse_an_added_sentence(drifts):
    edit(drifts / "manuscript/en/01-treaty.md", "On 17 December", "<!-- parity: merge -->\nOn 17 December")
    edit(drifts / "manuscript/en/01-treaty.md", "Russia itself.", "Russia itself. It was signed in Paris.")
    (d,) = parity(drifts)
    assert d.code == "parity-sentences" and "6 sentences in en, 5 in az" in d.message
    assert "en sentence 6 (“It was signed in Paris.”) has no az counterpart" in d.message


def test_an_unmarked_split_is_reported_with_the_split_sentence(drifts):
    edit(drifts / "manuscript/en/02-trade.md",
         "<!-- parity: split — the Azerbaijani sentence on the trade shares is two English sentences -->\n", "")
    (d,) = parity(drifts)
    assert d.code == "parity-sentences" and (str(d.path), d.line) == ("manuscript/en/02-trade.md", 3)
    assert "az sentence 2 (“Dünya iqtisadi böhranından dolayı Türkiyənin ixrac…”) is en sentences 2–3" in d.message
    assert "<!-- parity: split -->" in d.message


def test_a_dropped_note_of_the_original(project_copy):
    sink = project_copy("kitchen-sink")
    edit(sink / "manuscript/en/01-giris.md", "^[The convention was signed at Montreux on 20 July 1936.]", "")
    found = [d for d in parity(sink) if d.code == "parity-footnotes"]
    assert len(found) == 1 and found[0].severity == Severity.ERROR
    assert "0 notes in en, 1 in az" in found[0].message and other_place(found[0]) == "manuscript/az/01-giris.md:3"


# --- az → ru ------------------------------------------------------------------

def test_a_dropped_russian_sentence(drifts):
    edit(drifts / "manuscript/ru/03-war.md", "Сталин же в ответ предложил Турции территорию. ", "")
    (d,) = parity(drifts)
    assert d.code == "parity-sentences" and (str(d.path), d.line) == ("manuscript/ru/03-war.md", 3)
    assert "3 sentences in ru, 4 in az: az sentence 3 (“Stalin isə bunun qarşılığında Türkiyəyə torpaq" in d.message
    assert other_place(d) == "manuscript/az/03-war.md:3"


def test_a_dropped_russian_sentence_with_a_number_is_found_by_it(drifts):
    """The last sentence holds the 12 islands: numbers tell which sentence went."""
    edit(drifts / "manuscript/ru/03-war.md", " Сталин отстаивал мнение, что части греческих островов, близкие к "
         "турецкому побережью, должны быть переданы Турции, а 12 островов либо переданы Турции, либо разделены "
         "между Грецией и Турцией.", "")
    found = {d.code: d for d in parity(drifts)}
    assert set(found) == {"parity-sentences", "parity-numbers"}
    assert "az sentence 4 (“Stalin Yunan adalarının Türkiyə sahillərinə yaxın" in found["parity-sentences"].message
    assert "only in az: 12;" in found["parity-numbers"].message


def test_a_merged_russian_sentence_pair(drifts):
    edit(drifts / "manuscript/ru/03-war.md", "Сараджоглу. От Сараджоглу,", "Сараджоглу, и от Сараджоглу,")
    (d,) = parity(drifts)
    assert d.code == "parity-sentences" and "az sentences 1–2 are one ru sentence, 1" in d.message


def test_a_changed_day_of_the_month_in_russian(drifts):
    edit(drifts / "manuscript/ru/03-war.md", "25 сентября 1939 г.", "26 сентября 1939 г.")
    (d,) = parity(drifts)
    assert d.code == "parity-numbers" and (str(d.path), d.line) == ("manuscript/ru/03-war.md", 3)
    assert "only in az: 25; only in ru: 26" in d.message


def test_a_changed_month_in_russian(drifts):
    edit(drifts / "manuscript/ru/01-treaty.md", "17 декабря 1925 г.", "17 ноября 1925 г.")
    (d,) = parity(drifts)
    assert d.code == "parity-numbers" and "only in az: month 12; only in ru: month 11" in d.message


def test_a_changed_scale_word_in_russian(drifts):
    edit(drifts / "manuscript/ru/02-trade.md", "38 млн руб.", "38 тыс. руб.")
    (d,) = parity(drifts)
    assert d.code == "parity-numbers" and "only in az: ×10^6; only in ru: ×10^3" in d.message


# --- en → tr ------------------------------------------------------------------

@pytest.fixture
def english_original(drifts):
    """The same texts as an English original with a Turkish translation. An English
    original has no translator's note; its split sentence on the trade shares is one
    Turkish sentence, which the Turkish marks."""
    meta_path = drifts / "manuscript/article.yaml"
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    meta["languages"] = {code: meta["languages"][code] for code in ("en", "tr")}
    meta_path.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for code in ("az", "ru"):
        for path in (drifts / "manuscript" / code).iterdir():
            path.unlink()
        (drifts / "manuscript" / code).rmdir()
    treaty = drifts / "manuscript/en/01-treaty.md"
    text = treaty.read_text(encoding="utf-8")
    treaty.write_text(re.sub(r"\^\[Translator's note:.*?Neutrality\.\]", "", text), encoding="utf-8")
    edit(drifts / "manuscript/tr/02-trade.md", "1931 ticaret", "<!-- parity: merge -->\n1931 ticaret")
    return drifts


def test_the_english_original_and_its_turkish_translation_agree(english_original):
    assert parity(english_original) == []


def test_without_its_marker_the_turkish_merge_is_reported(english_original):
    edit(english_original / "manuscript/tr/02-trade.md", "<!-- parity: merge -->\n", "")
    (d,) = parity(english_original)
    assert d.code == "parity-sentences" and (str(d.path), d.line) == ("manuscript/tr/02-trade.md", 3)
    assert "4 sentences in tr, 5 in en: en sentences 2–3 are one tr sentence, 2" in d.message
    assert other_place(d) == "manuscript/en/02-trade.md:3"


def test_a_dropped_turkish_sentence(english_original):
    edit(english_original / "manuscript/tr/01-treaty.md", " Antlaşmaya göre taraflardan biri saldırıya uğradığında "
         "diğeri tarafsız kalacaktı.", "")
    (d,) = parity(english_original)
    assert d.code == "parity-sentences" and (str(d.path), d.line) == ("manuscript/tr/01-treaty.md", 3)
    assert "en sentence 2 (“Under the treaty, if one of…”) has no tr counterpart" in d.message


def test_a_changed_day_of_the_month_in_turkish(english_original):
    edit(english_original / "manuscript/tr/01-treaty.md", "17 Aralık 1925'te", "18 Aralık 1925'te")
    (d,) = parity(english_original)
    assert d.code == "parity-numbers" and "only in en: 17; only in tr: 18" in d.message


def test_a_changed_turkish_month(english_original):
    edit(english_original / "manuscript/tr/03-war.md", "25 Eylül 1939'da", "25 Ekim 1939'da")
    (d,) = parity(english_original)
    assert d.code == "parity-numbers" and "only in en: month 9; only in tr: month 10" in d.message


def test_a_changed_scale_word_in_turkish(english_original):
    edit(english_original / "manuscript/tr/02-trade.md", "38 milyon ruble", "38 milyar ruble")
    (d,) = parity(english_original)
    assert d.code == "parity-numbers" and "only in en: ×10^6; only in tr: ×10^9" in d.message


# --- numbers across the four languages -------------------------------------------

@pytest.mark.parametrize("az, en, tr, ru", [
    ("17 dekabr 1925-ci ildə", "on 17 December 1925", "17 Aralık 1925'te", "17 декабря 1925 г."),
    ("1939-cu ilin avqustundan", "from August 1939", "1939 Ağustosundan", "с августа 1939 г."),
    ("25 sentyabr 1939-cu ildə", "on 25 September 1939", "25 Eylül 1939'da", "25 сентября 1939 г."),
    ("1923–1939-cu illər", "1923–1939", "1923–1939 yılları", "1923–1939 гг."),
    ("38 milyon rubl", "38 million roubles", "38 milyon ruble", "38 миллионов рублей"),
    ("38 milyon rubl", "38 million roubles", "38 milyon ruble", "38 млн руб."),
    ("1936-cı ildə", "in 1936", "1936'da", "в 1936-м"),
    ("[@ref4, s. 12] 1931-ci il", "[@ref4, p. 13] the 1931 agreement", "[@ref4, s. 14] 1931 antlaşması",
     "[@ref4, с. 15] договор 1931 г."),
])
def test_numbers_compare_across_the_four_languages(az, en, tr, ru):
    assert numbers(az, "az") == numbers(en, "en") == numbers(tr, "tr") == numbers(ru, "ru")


def test_a_comment_holds_no_numbers():
    assert numbers("<!-- parity: merge, sentences 2 and 3 --> in 1936", "en") == numbers("in 1936", "en")
