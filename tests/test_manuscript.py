from pathlib import Path

import pytest

from toolkit.errors import ProjectError
from toolkit.manuscript import parse_section

P = Path("manuscript/az/01-a.md")

TEXT = """# Giriş {#introduction}

## İkinci başlıq

Birinci abzas [@kuru2001, s. 12] və
davamı @aydin1999 deyir; e-poçt user@example.org deyil.

::: {#q-one .quotation speaker="Rəfiq Saydam" date="1939"}
> “Söz” [@ref2; @ref4].
:::

Kod `[@notacitation]` sayılmır. ![Xəritə](../figures/map.png)
"""


def test_headings_keep_identifiers_or_get_pandoc_style_ones():
    section = parse_section(TEXT, P)
    assert [(h.level, h.title, h.id) for h in section.headings] == [
        (1, "Giriş", "introduction"), (2, "İkinci başlıq", "ikinci-başlıq")]
    assert section.headings[0].position.line == 1


def test_citations_have_key_and_position_and_skip_emails_and_code():
    section = parse_section(TEXT, P)
    assert [(c.key, c.position.line, c.position.column) for c in section.citations] == [
        ("kuru2001", 5, 16), ("aydin1999", 6, 8), ("ref2", 9, 10), ("ref4", 9, 17)]
    assert section.citations[0].text == "[@kuru2001, s. 12]"


def test_quotation_div_is_structured():
    (quotation,) = parse_section(TEXT, P).quotations
    assert quotation.id == "q-one"
    assert quotation.speaker == "Rəfiq Saydam" and quotation.date == "1939"
    assert [c.key for c in quotation.citations] == ["ref2", "ref4"]
    assert quotation.position.line == 8


def test_paragraphs_are_counted_with_quotations():
    section = parse_section(TEXT, P)
    assert [p.position.line for p in section.paragraphs] == [5, 9, 12]
    assert section.paragraphs[0].text.startswith("Birinci abzas")


def test_images_are_found():
    (image,) = parse_section(TEXT, P).images
    assert image.target == "../figures/map.png" and image.position.line == 12


def test_unclosed_quotation_is_a_located_error():
    with pytest.raises(ProjectError) as caught:
        parse_section('::: {#q .quotation}\n> “x” [@a].\n', P)
    assert caught.value.line == 1 and "never closed" in caught.value.message
