"""Bad input to `toolkit import`: a located error, exit status 2, no traceback, nothing written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "importing"


def _case(folder: Path, name: str) -> tuple[Path, int | None]:
    """The source of each bad case, and the line its error is at (None: the whole file, 0:0)."""
    source = folder / "paper.md"
    if name == "missing":
        return folder / "nowhere.md", None
    if name == "folder":
        (folder / "folder.md").mkdir()
        return folder / "folder.md", None
    if name == "empty":
        source.write_text("\n  \n")
    elif name == "not-markdown":
        source = folder / "paper.pdf"
        source.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    elif name == "text-without-front-matter":
        source = folder / "notes.txt"
        source.write_text("Just some notes.\n")
    elif name == "broken-yaml":
        source.write_text("---\ntitle: A title\nauthor: [Ada, Leyla\ndate: 2019\n---\n\n# One\n\nText.\n")
        return source, 4
    elif name == "unclosed-front-matter":
        source.write_text("---\ntitle: A title\n\n# One\n\nText.\n")
        return source, 1
    elif name == "front-matter-not-a-mapping":
        source.write_text("---\n- a\n- b\n---\n\n# One\n\nText.\n")
        return source, 2
    elif name == "missing-bibliography":
        source.write_text("---\ntitle: A title\nbibliography:\n  - here.bib\n  - gone.bib\n---\n\n# One\n\nText.\n")
        (folder / "here.bib").write_text("")
        return source, 5
    elif name == "bibliography-outside":  # a file of the machine, not of the manuscript
        (folder / "inside").mkdir()
        (folder / "outside.bib").write_text("@book{a, title={T}, year={2000}}\n")
        source = folder / "inside" / "paper.md"
        source.write_text("---\ntitle: A title\nbibliography: ../outside.bib\n---\n\n# One\n\nText.\n")
        return source, 3
    elif name == "not-utf-8":
        source.write_bytes("---\ntitle: Ba\xfe\n---\n\n# One\n".encode("latin-1"))
        return source, 2
    elif name == "no-text":
        source.write_text("---\ntitle: Only a title\n---\n\n")
        return source, 4
    elif name == "broken-docx":
        source = folder / "paper.docx"
        source.write_bytes(b"PK\x03\x04 not really a zip")
        return source, None
    return source, None


CASES = ["missing", "folder", "empty", "not-markdown", "text-without-front-matter", "broken-yaml",
         "unclosed-front-matter", "front-matter-not-a-mapping", "missing-bibliography", "bibliography-outside",
         "not-utf-8", "no-text"]


@pytest.mark.parametrize("name", CASES)
def test_bad_source(name, tmp_path, run_cli):
    source, line = _case(tmp_path, name)
    target = tmp_path / "project"
    before = sorted(tmp_path.iterdir())
    code, out, err = run_cli("import", source, target)
    assert code == 2, (out, err)
    assert "Traceback" not in err and "internal error" not in err
    where = rf"{re.escape(str(source))}:{line if line is not None else 0}:\d+: error: .+ \[import-failed\]"
    assert re.search(where, err), err
    assert "nothing was written" in err
    assert not target.exists()
    assert sorted(tmp_path.iterdir()) == before  # no temporary folder left either


def test_an_existing_dir_is_refused_and_left_alone(tmp_path, run_cli):
    source = tmp_path / "paper.md"
    shutil.copy(FIXTURES / "title-block/paper.md", source)
    target = tmp_path / "project"
    target.mkdir()
    (target / "mine.txt").write_text("keep")
    code, out, err = run_cli("import", source, target)
    assert code == 2 and "already exists" in err and f"{source}:0:0: error:" in err
    assert [p.name for p in target.iterdir()] == ["mine.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_cli("import", source, empty)[0] == 2 and list(empty.iterdir()) == []


def test_word_without_its_reader_is_reported_cleanly(tmp_path, run_cli):
    """A .docx is handed to the Word reader; were it missing, the import says so, located."""
    source, _ = _case(tmp_path, "broken-docx")
    code, out, err = run_cli("import", source, tmp_path / "project")
    assert code in (1, 2) and "Traceback" not in err
    assert not (tmp_path / "project").exists()


def test_an_image_outside_the_manuscripts_folder_is_never_copied(tmp_path, run_cli):
    """A manuscript from elsewhere naming "/home/…/.ssh/id_rsa" as an image: reported, not read."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG private")
    (tmp_path / "paper").mkdir()
    source = tmp_path / "paper" / "paper.md"
    source.write_text(f"---\ntitle: A title\n---\n\n# One\n\n![a]({secret}) and ![b](../secret.png)\n")
    code, out, err = run_cli("import", source, tmp_path / "project")
    assert "Traceback" not in err
    assert not (tmp_path / "project" / "figures").exists()
    assert not any(b"private" in f.read_bytes() for f in (tmp_path / "project").rglob("*") if f.is_file())
    assert len(re.findall(r"is outside the project: the import reads only the manuscript's folder", out + err)) == 2
