"""Building editions with the real engines (pandoc, WeasyPrint)."""

from __future__ import annotations

import re
import socket
import threading
from pathlib import Path

import pikepdf
import pytest
from docx import Document

from toolkit.atomic import write_atomically

from .conftest import copy_project


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The complete fixture, built once in every language and format."""
    from toolkit.cli import main

    root = copy_project("complete", tmp_path_factory.mktemp("built"))
    assert main(["--project", str(root), "build"]) == 0
    return root


def test_every_edition_is_written(built):
    for lang in ("az", "en"):
        for fmt in ("html", "pdf", "docx"):
            assert (built / "build" / lang / f"article.{fmt}").stat().st_size > 1000


def test_html_is_az_with_headed_reference_list_and_linked_citations(built):
    html = (built / "build/az/article.html").read_text(encoding="utf-8")
    assert '<html lang="az"' in html
    assert re.search(r'<h2[^>]*id="references"[^>]*>Ədəbiyyat(<a [^>]*class="anchor"[^>]*></a>)?</h2>', html)
    assert '<a href="#ref-kuru2001" role="doc-biblioref">[1]</a>' in html
    assert 'class="quotation" data-speaker="İsmet İnönü" data-date="1945"' in html
    assert "<blockquote>" in html and "Xülasə." in html and "Açar sözlər:" in html
    assert "<style" in html and "<link rel=\"stylesheet\"" not in html  # works offline


def test_pdf_embeds_every_font_and_declares_language(built):
    with pikepdf.open(built / "build/az/article.pdf") as pdf:
        assert str(pdf.Root.Lang) == "az"
        fonts = {}
        for page in pdf.pages:
            for name, font in page.Resources.get("/Font", {}).items():
                fonts[str(font.BaseFont)] = font
        assert fonts, "no fonts found"
        for name, font in fonts.items():
            descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{name} not embedded"
        assert any("Charis" in name for name in fonts)


def test_docx_opens_and_keeps_structure(built):
    doc = Document(str(built / "build/az/article.docx"))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    styles = {s for s, _ in paragraphs}
    assert ("Title", "Boğazlar məsələsi") in paragraphs
    assert ("Heading 1", "Giriş") in paragraphs and ("Heading 1", "Ədəbiyyat") in paragraphs
    assert any(s == "Block Text" and "Bir qarış torpaq" in t for s, t in paragraphs)
    assert any("[1, s. 12]" in t for _, t in paragraphs)
    assert any("Kuru" in t and "Tarih Dergisi" in t for _, t in paragraphs)
    assert "Abstract" in styles
    xml = doc.styles.element.xml
    assert re.search(r"<w:lang\b[^>]*w:val=\"az-Latn-AZ\"", xml)  # as Word writes it


def test_unknown_citation_is_shown_as_key_with_marker_in_a_draft(project_copy, run_cli):
    root = project_copy("complete")
    section = root / "manuscript/az/01-introduction.md"
    section.write_text(section.read_text().replace("[@kuru2001, s. 12]", "[@kuru2002, s. 12]"))
    code, out, err = run_cli("--project", root, "build", "--lang", "az", "--format", "html")
    assert code == 0 and "built build/az/article.html" in out
    assert "unresolved citations shown as key?: kuru2002" in err
    html = (root / "build/az/article.html").read_text(encoding="utf-8")
    assert "<strong>kuru2002?</strong>" in html


def test_strict_build_refuses_and_writes_nothing(project_copy, run_cli):
    root = project_copy("complete")
    section = root / "manuscript/az/01-introduction.md"
    section.write_text(section.read_text().replace("[@kuru2001, s. 12]", "[@kuru2002, s. 12]"))
    code, _, err = run_cli("--project", root, "build", "--strict")
    assert code == 1 and "[unknown-citation]" in err and "nothing was written" in err
    assert not (root / "build").exists()


def test_failed_build_leaves_previous_outputs(project_copy, run_cli):
    root = project_copy("complete")
    assert run_cli("--project", root, "build", "--format", "html", "--format", "docx")[0] == 0
    before = {p: p.read_bytes() for p in (root / "build").rglob("article.*")}
    (root / "broken.csl").write_text("<style>not a style</style>")  # XML, but not CSL
    meta = root / "manuscript/article.yaml"
    meta.write_text(meta.read_text().replace("style: ieee", "style: broken.csl"))
    (root / "manuscript/az/01-introduction.md").write_text("# Changed\n\nNew text.\n")
    code, _, err = run_cli("--project", root, "build", "--format", "html", "--format", "docx")
    assert code == 1 and "previous outputs were left in place" in err
    assert {p: p.read_bytes() for p in (root / "build").rglob("article.*")} == before
    assert not list((root / "build").rglob("*.tmp"))


def test_atomic_write_replaces_nothing_when_one_file_fails(tmp_path):
    good = tmp_path / "a.html"
    good.write_bytes(b"old")
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"a file where a folder should be")
    with pytest.raises(OSError):
        write_atomically({good: b"new", blocker / "b.pdf": b"new"})
    assert good.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "blocker"]


class _Listener:
    """A local HTTP-ish listener that counts connections."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self.stop.set()
        self.thread.join(2)
        self.sock.close()


def test_resources_outside_the_project_are_refused_and_never_fetched(project_copy, run_cli):
    listener = _Listener()
    try:
        root = project_copy("complete")
        section = root / "manuscript/az/01-introduction.md"
        section.write_text(section.read_text() + (
            "\n![Secret](file:///etc/passwd)\n\n"
            f"![Remote](http://127.0.0.1:{listener.port}/map.png)\n\n"
            f'<img src="http://127.0.0.1:{listener.port}/raw.png">\n'))
        code, out, _ = run_cli("--project", root, "check")
        assert code == 1
        refused = [l for l in out.splitlines() if "[refused-resource]" in l]
        assert len(refused) == 3 and all(l.startswith("manuscript/az/01-introduction.md:") for l in refused)
        code, _, err = run_cli("--project", root, "build", "--lang", "az")
        assert code == 0
        html = (root / "build/az/article.html").read_text(encoding="utf-8")
        assert "root:x:0" not in html and "/etc/passwd" in html  # shown as a refused marker only
        assert f"127.0.0.1:{listener.port}/map.png" in html and "şəkil yüklənmədi" in html
        with pikepdf.open(root / "build/az/article.pdf") as pdf:
            assert not any("/XObject" in page.Resources and len(page.Resources.XObject) for page in pdf.pages)
        assert listener.connections == 0
    finally:
        listener.close()


def test_each_edition_has_its_own_labels_and_ends_with_the_other_abstract(built):
    az = (built / "build/az/article.html").read_text(encoding="utf-8")
    en = (built / "build/en/article.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in en
    for html, own, other in ((az, ("Xülasə.", "Açar sözlər:", ">Ədəbiyyat<", ">Mündəricat<"), "Abstract."),
                             (en, ("Abstract.", "Keywords:", ">References<", ">Contents<"), "Xülasə.")):
        positions = [html.index(label) for label in own]
        assert html.index(other) > positions[2], "the other language's abstract comes after the references"
        assert re.search(r'<div class="other-language" lang="(az|en)">', html)
    # the title, the abstract, the contents, the first section (h2: the title is the page's h1)
    assert en.index("The Straits question") < en.index("Abstract.") < en.index(">Contents<") \
        < en.index("<h2 id=\"introduction\">Introduction")


def test_html_editions_link_to_each_other(built):
    az = (built / "build/az/article.html").read_text(encoding="utf-8")
    en = (built / "build/en/article.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" hreflang="en" href="../en/article.html">' in az
    assert '<link rel="alternate" hreflang="az" href="../az/article.html">' in en
    assert '<a href="../en/article.html" hreflang="en" lang="en">English</a>' in az
    assert '<a href="../az/article.html" hreflang="az" lang="az">Azərbaycanca</a>' in en


def test_translated_quotation_says_so(built):
    en = (built / "build/en/article.html").read_text(encoding="utf-8")
    assert "Here and below, quotations are translated from the Azerbaijani text; original language: Turkish." in en
    az = (built / "build/az/article.html").read_text(encoding="utf-8")
    assert "quotation-note" not in az.split("</style>")[1]


def test_lang_and_format_select_what_is_built(project_copy, run_cli):
    root = project_copy("complete")
    code, out, _ = run_cli("--project", root, "build", "--lang", "en", "--format", "pdf", "--format", "html")
    assert code == 0
    assert sorted(p.relative_to(root).as_posix() for p in (root / "build").rglob("article.*")) == [
        "build/en/article.html", "build/en/article.pdf"]
    code, _, err = run_cli("--project", root, "build", "--lang", "fr")
    assert code == 2 and "no 'fr' edition" in err


def test_an_image_inside_the_project_is_used_in_every_format(project_copy, run_cli):
    from PIL import Image

    root = project_copy("complete")
    (root / "manuscript/figures").mkdir()
    Image.new("RGB", (40, 30), "red").save(root / "manuscript/figures/map.png")
    for lang, alt in (("az", "Xəritə"), ("en", "Map")):
        section = root / f"manuscript/{lang}/01-introduction.md"
        section.write_text(section.read_text() + f"\n![{alt}](../figures/map.png)\n", encoding="utf-8")
    assert run_cli("--project", root, "check")[0] == 0
    assert run_cli("--project", root, "build", "--lang", "az")[0] == 0
    html = (root / "build/az/article.html").read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in html
    with pikepdf.open(root / "build/az/article.pdf") as pdf:
        assert any("/XObject" in page.Resources and len(page.Resources.XObject) for page in pdf.pages)
    import zipfile

    with zipfile.ZipFile(root / "build/az/article.docx") as docx:
        assert any(name.startswith("word/media/") for name in docx.namelist())
