"""The words of Markdown as pandoc prints them, to show an import loses none."""

from __future__ import annotations

import re
from collections import Counter

from toolkit.engines.pandoc import run


def words(markdown: str) -> Counter:
    """Every word (letters only, lower case) of the text pandoc reads in `markdown`."""
    plain = run(["-f", "markdown", "-t", "plain", "--wrap=none"], markdown).output.decode("utf-8")
    plain = re.sub(r"\\[A-Za-z]+", " ", plain)  # TeX commands in formulas (\label, \cr) are markup, not words
    return Counter(re.findall(r"[^\W\d_]+", plain.lower()))


def text_words(text: str) -> Counter:
    return Counter(re.findall(r"[^\W\d_]+", text.lower()))
