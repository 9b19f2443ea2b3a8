"""Archival locations read into the numbers of their parts, in the forms the four languages write."""

from __future__ import annotations

import pytest

from toolkit.archives import holding


@pytest.mark.parametrize("written, parts", [
    ("Ф. 568. Оп. 1. Д. 1", {"division": "568", "section": "1", "call-number": "1"}),
    ("Ф. 568. Оп. 1. Д. 55. Л. 18", {"division": "568", "section": "1", "call-number": "55", "page": "18"}),
    ("f. 1, siy. 2, iş 3", {"division": "1", "section": "2", "call-number": "3"}),
    ("F. 568. Op. 1. D. 1. Ll. 5–7", {"division": "568", "section": "1", "call-number": "1", "page": "5-7"}),
    ("F. 28. Karton 41. D. 3", {"division": "28", "printing-number": "41", "call-number": "3"}),
])
def test_fond_inventory_box_file_and_leaves_are_read(written, parts):
    assert holding(written) == parts


@pytest.mark.parametrize("written", [
    "BOA. HR.SYS. 1234/5",  # the Ottoman archive's own codes
    "Ф. 568. Оп. 1. Д. 1. Л. 18 об.",  # a verso
    "Оп. 1. Д. 1",  # no fond
    "Ф. 568. Ф. 569",  # a part twice
    "",
])
def test_any_other_location_is_left_as_written(written):
    assert holding(written) is None
