"""Sentences: a period ends one only where a reader would say it does, in each language."""

from __future__ import annotations

import pytest

from toolkit.sentences import notes, split


def texts(paragraph: str, language: str) -> list[str]:
    return [s.text for s in split(paragraph, language)]


@pytest.mark.parametrize("language, paragraph, expected", [
    # initials, in Latin and Cyrillic letters
    ("az", "Cümhurbaşkanı İ. İnönü də bəyan etmişdir [@ref4]. Sovet İttifaqı torpaq tələb etmişdir.",
     ["Cümhurbaşkanı İ. İnönü də bəyan etmişdir [@ref4].", "Sovet İttifaqı torpaq tələb etmişdir."]),
    ("tr", "Dışişleri Bakanı Ş. Saracoğlu Moskova'ya gitti. Rusya talepte bulundu.",
     ["Dışişleri Bakanı Ş. Saracoğlu Moskova'ya gitti.", "Rusya talepte bulundu."]),
    ("ru", "Президент И. Инёню заявил об этом. Советский Союз потребовал территорию.",
     ["Президент И. Инёню заявил об этом.", "Советский Союз потребовал территорию."]),
    # abbreviations of each language's list
    ("az", "Bax: s. 40 və səh. 41. Müqavilə imzalandı.", ["Bax: s. 40 və səh. 41.", "Müqavilə imzalandı."]),
    ("en", "See p. 40 and No. 5 in vol. 2, e.g. Table 1. The treaty was signed.",
     ["See p. 40 and No. 5 in vol. 2, e.g. Table 1.", "The treaty was signed."]),
    ("en", "Dr. Aras spoke. He left.", ["Dr. Aras spoke.", "He left."]),
    ("tr", "Bkz. Kuru'nun makalesi, s. 12 vd. Antlaşma imzalandı.",
     ["Bkz. Kuru'nun makalesi, s. 12 vd.", "Antlaşma imzalandı."]),
    ("ru", "Договор подписан 17 декабря 1925 г. в Париже, т.е. в столице Франции. См. выше.",
     ["Договор подписан 17 декабря 1925 г. в Париже, т.е. в столице Франции.", "См. выше."]),
    # "г." may end a sentence: a capital follows
    ("ru", "Договор подписан в 1925 г. Затем начались переговоры.",
     ["Договор подписан в 1925 г.", "Затем начались переговоры."]),
    # an ordinal's period in Turkish, a year's at a sentence's end in English
    ("tr", "II. Dünya Savaşı'nda Türkiye tarafsız kaldı. 19. yüzyılda durum farklıydı.",
     ["II. Dünya Savaşı'nda Türkiye tarafsız kaldı.", "19. yüzyılda durum farklıydı."]),
    ("en", "The treaty dates from 1925. 1926 followed.", ["The treaty dates from 1925.", "1926 followed."]),
    # decimals, citations with pages, math, a note, a comment
    ("en", "The ratio is 1.5 [@aydin1999, p. 40]. The share is $x.y$ here. Next.",
     ["The ratio is 1.5 [@aydin1999, p. 40].", "The share is $x.y$ here.", "Next."]),
    ("en", "It was signed.^[A note. With two sentences.] It ended. <!-- parity: split. Really. --> Done.",
     ["It was signed.^[A note. With two sentences.]", "It ended. <!-- parity: split. Really. -->", "Done."]),
    # a citation after the period stays with its sentence
    ("en", "It was signed. [@kuru2001] Then it ended.", ["It was signed. [@kuru2001]", "Then it ended."]),
    # quotation marks: a sentence ending inside them, a quoted period with the sentence going on
    ("az", "Saydam dedi: “Heç bir dəyişiklik yoxdur.” Sonra danışıqlar başladı.",
     ["Saydam dedi: “Heç bir dəyişiklik yoxdur.”", "Sonra danışıqlar başladı."]),
    ("en", "“No change.” he said, and left.", ["“No change.” he said, and left."]),
    ("ru", "Он заявил: «Изменений нет». Затем начались переговоры.",
     ["Он заявил: «Изменений нет».", "Затем начались переговоры."]),
    # ! ? and … end sentences; an ellipsis before a small letter does not
    ("en", "Was it signed? Yes! It was… eventually signed.", ["Was it signed?", "Yes!", "It was… eventually signed."]),
    # no end at all
    ("az", "Cədvəl", ["Cədvəl"]),
])
def test_sentence_ends(language, paragraph, expected):
    assert texts(paragraph, language) == expected


def test_a_language_without_a_vocabulary_still_splits_at_capitals():
    assert texts("Erster Satz. Zweiter Satz.", "de") == ["Erster Satz.", "Zweiter Satz."]


def test_sentences_know_where_they_stand():
    paragraph = "One here.  Two there."
    first, second = split(paragraph, "en")
    assert paragraph[first.start:first.end] == "One here." and paragraph[second.start:second.end] == "Two there."


def test_notes_inline_and_by_reference():
    text = "A^[note with [brackets] inside] and B[^n1]. [^n1]: not a reference"
    assert [text[a:b] for a, b in notes(text)] == ["^[note with [brackets] inside]", "[^n1]"]
