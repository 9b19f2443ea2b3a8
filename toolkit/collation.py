"""Alphabetical order as each edition's language has it.

Each language's profile gives its alphabet and its capitals: Azerbaijani puts
ç after c, ə after e, x after h, ı before i, q after k; its capital of ı is I
and of i is İ. Letters of another script come after the
edition's own: Cyrillic after Latin in az, en and tr, Latin after Cyrillic in ru. pandoc orders by the language's collation;
citeproc-py compares code points, so the toolkit gives it this order.
"""

from __future__ import annotations

import unicodedata

from .languages import ENGLISH, all_profiles, lowered

# each profile's alphabet (toolkit/languages/<code>/profile.yaml); a language
# with none sorts by the English one
ALPHABETS = {p.code: " ".join(p.alphabet) for p in all_profiles() if p.alphabet}
LATIN = ALPHABETS.get(ENGLISH, "a b c d e f g h i j k l m n o p q r s t u v w x y z")


def sort_key(text: str, language: str) -> tuple:
    """A key that orders strings as the language's alphabet does.

    Letters outside the alphabet sort by their base letter, then by accent;
    case decides only between otherwise equal strings; spaces and punctuation
    come before every letter, so "Aydın M." precedes "Aydınlı A.".
    """
    primary_language = language.split("-")[0].lower()
    order = {letter: rank for rank, letter in enumerate(ALPHABETS.get(primary_language, LATIN).split())}
    base = len(order) + 20
    primary, secondary = [], []
    for char in lowered(text, primary_language):
        if char in order:
            primary.append(20 + order[char])
            secondary.append(0)
            continue
        decomposed = unicodedata.normalize("NFD", char)
        letter = decomposed[0]
        if letter in order:
            primary.append(20 + order[letter])
            secondary.append(sum(ord(c) for c in decomposed[1:]))
        elif letter.isdigit():
            primary.append(10 + int(unicodedata.digit(letter, 0)))
            secondary.append(0)
        elif letter.isalpha():
            primary.append(base + ord(letter))  # other scripts: after Latin, in code-point order
            secondary.append(0)
        elif (letter.isspace() or unicodedata.category(letter)[0] in "PSZ") and primary[-1:] != [1]:
            primary.append(1)  # a run of spaces and punctuation separates words once
            secondary.append(0)
    return tuple(primary), tuple(secondary), text
