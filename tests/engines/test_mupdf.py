"""MuPDF, bounded: figures read in a child process with a time and a memory limit."""

from __future__ import annotations

import io
import time

import pikepdf
import pytest
from PIL import Image

from tests.conftest import FIXTURES
from tests.engines.test_weasyprint import _svg_bomb
from toolkit.engines import mupdf

SCAN = FIXTURES / "crossref" / "figures" / "scan.pdf"


def test_a_pdf_figure_becomes_vectors_and_a_png():
    converted = mupdf.convert(SCAN.read_bytes(), "pdf")
    head = converted.svg.split(b">", 1)[0]
    assert head.startswith(b"<svg") and b'width="340.15748pt"' in head  # 120 mm, in points
    assert b"<path" in converted.svg and b"<image" not in converted.svg
    with Image.open(io.BytesIO(converted.png)) as png:
        assert png.format == "PNG" and png.size[0] in (945, 946) and round(png.info["dpi"][0]) == 200  # 120 mm


def test_an_svg_figure_becomes_a_png_only():
    converted = mupdf.convert((FIXTURES / "crossref" / "figures" / "chart.svg").read_bytes(), "svg")
    assert converted.svg is None
    with Image.open(io.BytesIO(converted.png)) as png:
        assert png.size[0] in (625, 626) and round(png.info["dpi"][0]) == 200  # 300 CSS px: 3.125 in


@pytest.mark.parametrize("data, why", [(b"%PDF-1.7 broken", "cannot be read"), (b"", "cannot be read")])
def test_a_file_mupdf_cannot_read_is_a_figure_error(data, why):
    with pytest.raises(mupdf.FigureError, match=why):
        mupdf.convert(data, "pdf")


def test_an_encrypted_pdf_is_refused(tmp_path):
    with pikepdf.open(SCAN) as document:
        document.save(tmp_path / "locked.pdf", encryption=pikepdf.Encryption(user="secret", owner="secret"))
    with pytest.raises(mupdf.FigureError, match="encrypted"):
        mupdf.convert((tmp_path / "locked.pdf").read_bytes(), "pdf")


def test_a_figure_that_takes_too_long_is_stopped(monkeypatch):
    monkeypatch.setenv("TOOLKIT_TIME_LIMIT", "1")
    started = time.monotonic()
    with pytest.raises(mupdf.MuPDFLimit) as stopped:
        mupdf.convert(_svg_bomb(), "svg")  # 10^8 rectangles by reference
    assert time.monotonic() - started < 5
    assert stopped.value.kind == "time" and "reading the figure took longer than 1 s" in str(stopped.value)
