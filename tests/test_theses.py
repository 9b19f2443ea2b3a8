"""Thesis designations made from the degree code in `type` (journal-style.md, section 3)."""

from __future__ import annotations

import pytest

from toolkit.theses import designation


@pytest.mark.parametrize("written, language, expected", [
    # the patterns section 3 gives
    ("candidate, history", "ru", "дис. … канд. ист. наук"),
    ("phd", "en", "PhD diss."),
    ("phdthesis", "ru", "дис. … д-ра философии (PhD)"),
    ("phd history", "az", "tarix üzrə fəlsəfə doktoru dissertasiyası"),
    ("candidate history", "en", "Cand. Sci. (History) diss."),
    ("doctor, history", "tr", "tarih bilimleri doktoru tezi"),
    ("doctor abstract, history", "ru", "автореф. дис. … д-ра ист. наук"),
    ("mathesis", "az", "magistr dissertasiyası"),
    ("master", "tr", "yüksek lisans tezi"),
    # another discipline follows the same pattern
    ("candidate, philology", "ru", "дис. … канд. филол. наук"),
    ("doctor philology", "az", "filologiya elmləri doktoru dissertasiyası"),
])
def test_a_degree_code_gives_the_editions_designation(written, language, expected):
    assert designation(written, language) == expected


@pytest.mark.parametrize("written, language", [
    ("дис. … канд. ист. наук", "ru"),  # written out: printed as it is
    ("candidate", "ru"),  # a candidate of what: no designation without the discipline
    ("candidate, chemistry", "ru"),  # a discipline the table does not know
    ("phd, doctor", "en"),  # two degrees
    ("master abstract", "ru"),  # no author's abstract for a master's thesis
    ("phd", "de"),  # a language without designations
])
def test_anything_else_is_left_to_print_as_written(written, language):
    assert designation(written, language) is None
