"""The web edition's text face: Charis SIL, subset to the page's characters, embedded as WOFF2."""

from __future__ import annotations

import base64
import io
import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from fontTools.ttLib import TTFont

from tests.conftest import REPO
from tests.writers.test_html import SCREENSHOTS, browser  # noqa: F401
from toolkit import web_fonts
from toolkit.cli import main

FACES = web_fonts.installed()
pytestmark = pytest.mark.skipif(not FACES, reason="needs Charis SIL (Debian's fonts-sil-charis; `make` installs it)")
RULE = re.compile(r'@font-face \{ font-family: "([^"]+)"; font-style: (\w+); font-weight: (\d+); '
                  r'font-display: swap;\s+src: url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\) format\("woff2"\); \}')


def _copy_article(root: Path) -> Path:
    for part in ("manuscript", "bibliography"):
        shutil.copytree(REPO / part, root / part)
    return root


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    root = _copy_article(tmp_path_factory.mktemp("fonts") / "article")
    assert main(["--project", str(root), "build", "--format", "html"]) == 0
    return root


def _page(root: Path, language: str) -> str:
    return (root / f"build/{language}/article.html").read_text(encoding="utf-8")


def _faces(page: str) -> list[tuple[str, str, int, bytes]]:
    """The page's @font-face rules: family, style, weight and the font's bytes."""
    style = lxml.html.fromstring(page).xpath("//style")[0].text
    return [(family, css_style, int(weight), base64.b64decode(data))
            for family, css_style, weight, data in RULE.findall(style)]


def _shown_text(page: str) -> str:
    """What the page shows: the text of its body (the abstract, the references, the title)."""
    return lxml.html.fromstring(page).xpath("//body")[0].text_content()


def _cmap(face: bytes | Path) -> set[int]:
    return set(TTFont(io.BytesIO(face) if isinstance(face, bytes) else face).getBestCmap())


@pytest.mark.parametrize("language", ["az", "en"])
def test_the_page_embeds_four_woff2_faces_that_cover_its_text(shipped, language):
    page = _page(shipped, language)
    faces = _faces(page)
    assert [(family, style, weight) for family, style, weight, _ in faces] == [
        (web_fonts.FAMILY, "normal", 400), (web_fonts.FAMILY, "italic", 400),
        (web_fonts.FAMILY, "normal", 700), (web_fonts.FAMILY, "italic", 700)]
    text = {ord(c) for c in _shown_text(page) if not c.isspace()}
    original = _cmap(FACES["Regular"])
    if language == "az":
        assert {ord(c) for c in "əƏşŞğçöüıİ"} <= text
    assert text - original <= {ord("↩")}  # the back-link arrow is the only character Charis lacks
    for family, style, weight, data in faces:
        assert data.startswith(b"wOF2")
        font = TTFont(io.BytesIO(data))
        assert font.flavor == "woff2" and font["name"].getDebugName(1) == web_fonts.FAMILY
        missing = (text & original) - set(font.getBestCmap())
        assert not missing, (style, weight, "".join(map(chr, sorted(missing))))
    assert "font-src data:" in re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1)


def test_the_subsets_are_a_small_part_of_the_face(shipped):
    faces = _faces(_page(shipped, "az"))
    for (_, style, weight, data), path in zip(faces, FACES.values()):
        assert len(data) < path.stat().st_size / 20, (style, weight, len(data))
        assert len(_cmap(data)) < len(_cmap(path)) / 5
    assert sum(len(data) for *_, data in faces) < 64 * 1024


def test_the_subsets_keep_the_licence_and_leave_the_reserved_names(shipped):
    page = _page(shipped, "az")
    original = TTFont(FACES["Regular"])["name"]
    for *_, data in _faces(page):
        names = TTFont(io.BytesIO(data))["name"]
        for name_id in (0, 7, 8, 9, 13, 14):  # copyright, trademark, maker, designers, licence and its address
            assert names.getDebugName(name_id) == original.getDebugName(name_id), name_id
        assert "SIL Open Font License" in names.getDebugName(13)
        for name_id in (1, 3, 4, 6):  # "Charis" and "SIL" are the licence's Reserved Font Names
            assert "Charis" not in names.getDebugName(name_id) and "SIL" not in names.getDebugName(name_id)
    style = lxml.html.fromstring(page).xpath("//style")[0].text
    notice = style[:style.index("@font-face")]
    assert "Charis SIL" in notice and "SIL Open Font License" in notice and original.getDebugName(0) in notice


def test_the_same_characters_reuse_the_subsets_and_a_new_one_makes_them_again(tmp_path):
    root = _copy_article(tmp_path / "article")
    assert main(["--project", str(root), "build", "--format", "html", "--lang", "az"]) == 0
    cache = root / web_fonts.CACHE
    first, faces = sorted(cache.iterdir()), _faces(_page(root, "az"))
    assert len(first) == 4
    assert main(["--project", str(root), "build", "--format", "html", "--lang", "az", "--force"]) == 0
    assert sorted(cache.iterdir()) == first and _faces(_page(root, "az")) == faces

    section = root / "manuscript/az/07-conclusion.md"
    section.write_text(section.read_text(encoding="utf-8") + "\nŊ ŋ Ж.\n", encoding="utf-8")
    assert main(["--project", str(root), "build", "--format", "html", "--lang", "az"]) == 0
    assert len(list(cache.iterdir())) == 8
    for *_, data in _faces(_page(root, "az")):
        assert {ord(c) for c in "ŊŋЖ"} <= _cmap(data)


def test_without_the_face_the_build_warns_at_the_edition_and_embeds_none(tmp_path, monkeypatch, capsys):
    root = _copy_article(tmp_path / "article")
    empty = tmp_path / "fonts.conf"  # a fontconfig that knows no font
    empty.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(empty))
    monkeypatch.setattr(web_fonts, "DEBIAN", tmp_path / "no-fonts-here")
    assert main(["--project", str(root), "build", "--format", "html", "--lang", "az"]) == 0
    err = capsys.readouterr().err
    assert ("manuscript/az:0:0: warning: Charis SIL is not installed, so the web edition embeds no text face: "
            "a reader without it sees another [web-font]") in err
    assert "Traceback" not in err
    page = _page(root, "az")
    assert "@font-face" not in page and '"Charis SIL"' in page  # named, as a reader may have it

    monkeypatch.undo()  # installed again: the page is made again, with the faces
    assert main(["--project", str(root), "build", "--format", "html", "--lang", "az"]) == 0
    assert "built build/az/article.html" in capsys.readouterr().out
    assert len(_faces(_page(root, "az"))) == 4


def test_chromium_sets_the_az_text_in_the_embedded_face_with_no_fallback(shipped, browser):  # noqa: F811
    """Every element's text is drawn with the embedded faces; only characters Charis SIL
    itself lacks (the back-link arrow) come from another font. Charis SIL is installed
    here too, so a face that failed to load would show as the local "Charis SIL"."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((shipped / "build/az/article.html").as_uri())
    loaded = page.evaluate("document.fonts.ready.then(() => [...document.fonts].filter(f => f.status === 'loaded')"
                           ".map(f => [f.family, f.style, f.weight]))")
    assert [web_fonts.FAMILY, "normal", "400"] in loaded and [web_fonts.FAMILY, "normal", "700"] in loaded
    # an element's fonts are those of the text laid out inside it, its descendants' included
    texts = page.evaluate("[...document.querySelectorAll('body *')].map(e => e.textContent)")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    document = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": document, "selector": "body *"})["nodeIds"]
    assert len(nodes) == len(texts)
    original = _cmap(FACES["Regular"])
    checked, az_letters = 0, 0
    for node, text in zip(nodes, texts):
        shown = {ord(c) for c in text if not c.isspace()}
        if not shown or not shown <= original:
            continue
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        if not fonts:  # no text of its own: its descendants are checked each
            continue
        assert all(f["familyName"] == web_fonts.FAMILY and f["isCustomFont"] for f in fonts), (text, fonts)
        checked += 1
        az_letters += sum(c in "əƏşŞğ" for c in text)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "az-text-face.png"))
    page.close()
    assert checked > 50 and az_letters > 100
