"""The parity vocabulary: each shipped numbers.yaml is complete and read as written."""

from __future__ import annotations

import pytest

from toolkit.vocabulary import vocabulary


@pytest.mark.parametrize("language", ["az", "en", "tr", "ru"])
def test_every_shipped_vocabulary_is_complete(language):
    words = vocabulary(language)
    assert sorted(set(words.months.values())) == list(range(1, 13))
    assert sorted(set(words.scales.values())) == [3, 6, 9]
    assert words.abbreviations and all(a.endswith(".") for a in words.abbreviations)
    assert not set(words.months) & set(words.scales)


@pytest.mark.parametrize("language, word, month", [
    ("az", "dekabr", 12), ("az", "avqustundan", 8), ("az", "Dekabrda", 12), ("az", "İyunun", 6),
    ("en", "December", 12), ("en", "may", None), ("en", "May", 5),
    ("tr", "Aralık", 12), ("tr", "Aralık'ta", 12), ("tr", "Aralığında", 12), ("tr", "Ağustosundan", 8),
    ("tr", "ekim", None),  # sowing, not October: Turkish writes its months with a capital
    ("ru", "декабря", 12), ("ru", "Декабрь", 12), ("ru", "августе", 8), ("ru", "январём", 1),
])
def test_month_names_in_their_inflected_forms(language, word, month):
    assert vocabulary(language).month(word) == month


@pytest.mark.parametrize("language, word, power", [
    ("az", "milyon", 6), ("az", "milyard", 9), ("az", "min", 3), ("en", "million", 6), ("en", "thousand", 3),
    ("tr", "milyon", 6), ("tr", "milyar", 9), ("tr", "bin", 3),
    ("ru", "миллионов", 6), ("ru", "миллиона", 6), ("ru", "тысяч", 3), ("ru", "млн", 6), ("ru", "млрд", 9),
])
def test_scale_words(language, word, power):
    assert vocabulary(language).scale(word) == power


def test_a_language_without_numbers_yaml_has_an_empty_vocabulary():
    words = vocabulary("de")
    assert words.months == {} and words.scales == {} and not words.abbreviations
    assert vocabulary("tr-TR") == vocabulary("tr")
