"""Azerbaijani hyphenation: generated patterns, checked against the article's vocabulary."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from toolkit.hyphenation import dictionary_path, dictionary_text, register

WORDS = [line.strip() for line in (FIXTURES / "hyphenation" / "az-words.txt").read_text(encoding="utf-8").splitlines()
         if line.strip() and not line.startswith("#")]


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
