"""WeasyPrint, in-process but bounded: time, markup size, resource size and image pixels.

Real WeasyPrint and real inputs: an SVG whose <use> elements multiply to 10⁸
shapes (it would take many minutes), a 100-megapixel PNG of a few kilobytes,
a 51 MB file (sparse: nothing is written).
"""

from __future__ import annotations

import base64
import io
import signal
import time
from pathlib import Path

import pytest
from PIL import Image

from toolkit.engines import weasyprint
from toolkit.engines.limits import deadline

from ..conftest import copy_project


def _svg_bomb(levels: int = 8) -> bytes:
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
             'width="100" height="100"><defs><rect id="l0" width="1" height="1"/>']
    for level in range(1, levels + 1):
        parts.append(f'<g id="l{level}">' + f'<use xlink:href="#l{level - 1}"/>' * 10 + "</g>")
    parts.append(f'</defs><use xlink:href="#l{levels}"/></svg>')
    return "".join(parts).encode()


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()


def _page(src: str) -> str:
    return f'<!DOCTYPE html><html><body><p>Text</p><img src="{src}" alt="x"></body></html>'


def _data(kind: str, data: bytes) -> str:
    return f"data:{kind};base64," + base64.b64encode(data).decode("ascii")


def test_a_run_past_its_time_stops_and_the_alarm_is_put_back(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_TIME_LIMIT", "1")
    weasyprint.render_pdf(_page(_data("image/png", _png(4, 4))), tmp_path, [tmp_path])  # imports, once
    mine = signal.signal(signal.SIGALRM, signal.SIG_IGN)
    started = time.monotonic()
    try:
        # WeasyPrint catches everything while it draws an SVG: the limit must hold all the same
        with pytest.raises(weasyprint.WeasyPrintLimit) as stopped:
            weasyprint.render_pdf(_page(_data("image/svg+xml", _svg_bomb())), tmp_path, [tmp_path])
        assert time.monotonic() - started < 1 + 5
        assert signal.getsignal(signal.SIGALRM) is signal.SIG_IGN
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, mine)
    assert stopped.value.kind == "time"
    assert str(stopped.value) == "WeasyPrint took longer than 1 s (limit: 1 s + 1 s per 10 kB of HTML)"


def test_an_outer_timer_is_given_back_what_is_left():
    signal.signal(signal.SIGALRM, signal.SIG_IGN)
    try:
        signal.setitimer(signal.ITIMER_REAL, 100)
        with deadline(5):
            assert signal.getitimer(signal.ITIMER_REAL)[0] <= 5
        assert 90 < signal.getitimer(signal.ITIMER_REAL)[0] <= 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def test_a_decompression_bomb_is_refused_by_name():
    assert Image.MAX_IMAGE_PIXELS == 89_478_485  # Pillow's guard, left on
    bomb = _png(10_000, 10_000)
    assert len(bomb) < 100_000
    with pytest.raises(weasyprint.WeasyPrintLimit) as stopped:
        weasyprint.render_pdf(_page(_data("image/png", bomb)), Path("/"), [])
    assert stopped.value.kind == "size"
    assert "an image of 100,000,000 pixels" in str(stopped.value)
    assert "89,478,485 pixels, Pillow's decompression-bomb guard" in str(stopped.value)


def test_a_resource_larger_than_the_limit_is_refused(tmp_path):
    big = tmp_path / "big.png"
    with open(big, "wb") as handle:
        handle.truncate(weasyprint.MAX_RESOURCE + 1)  # sparse
    with pytest.raises(weasyprint.WeasyPrintLimit) as stopped:
        weasyprint.render_pdf(_page("big.png"), tmp_path, [tmp_path])
    assert stopped.value.kind == "size"
    assert "a resource larger than 50 MB (file://" in str(stopped.value)


def test_too_much_markup_is_refused_before_rendering(tmp_path):
    html = "<p>" + "x" * weasyprint.MAX_HTML + "</p>"
    started = time.monotonic()
    with pytest.raises(weasyprint.WeasyPrintLimit, match=r"the print HTML has 10\.0 MB of markup \(limit: 10 MB\)"):
        weasyprint.render_pdf(html, tmp_path, [tmp_path])
    assert time.monotonic() - started < 5


def test_data_uris_do_not_count_as_markup():
    assert weasyprint.markup_size(_page(_data("image/png", b"\0" * 30_000))) == len(_page(""))


def test_a_limit_in_the_print_edition_names_it_and_keeps_the_previous_one(tmp_path, run_cli, monkeypatch):
    root = copy_project("complete", tmp_path)
    assert run_cli("--project", root, "build", "--lang", "az", "--format", "pdf")[0] == 0
    before = (root / "build/az/article.pdf").read_bytes()
    (root / "manuscript/figures").mkdir()
    (root / "manuscript/figures/bomb.svg").write_bytes(_svg_bomb())
    section = root / "manuscript/az/01-introduction.md"
    section.write_text(section.read_text(encoding="utf-8") + "\n![Xəritə](../figures/bomb.svg)\n", encoding="utf-8")
    monkeypatch.setenv("TOOLKIT_TIME_LIMIT", "2")
    code, _, err = run_cli("--project", root, "build", "--lang", "az", "--format", "pdf")
    assert code == 1
    assert "error: the az PDF edition failed: WeasyPrint took longer than" in err and "Traceback" not in err
    assert "build failed: previous outputs were left in place" in err
    assert (root / "build/az/article.pdf").read_bytes() == before


def test_weasyprint_is_imported_without_looking_its_libraries_up_and_the_lookup_is_put_back():
    """cffi's library lookup runs ldconfig, gcc and ld for every name WeasyPrint tries in vain;
    the import opens the sonames directly, so it starts no process."""
    import subprocess
    import sys

    script = ("import ctypes.util, resource, sys\n"
              "looked_up = ctypes.util.find_library\n"
              "from toolkit.engines.weasyprint import _import\n"
              "_import()\n"
              "used = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
              "print('weasyprint' in sys.modules, ctypes.util.find_library is looked_up, used.ru_utime + used.ru_stime)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert out[:2] == ["True", "True"] and float(out[2]) == 0.0
