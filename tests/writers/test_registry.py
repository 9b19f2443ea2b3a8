"""The writers' registry: every format made through one contract, the CLI's choices from it."""

from __future__ import annotations

import importlib
import json

import pytest

from tests.conftest import copy_project
from toolkit.cli import _parser as build_parser
from toolkit.edition import Edition
from toolkit.writers import DEFAULT_FORMATS, FORMATS, WRITERS

MAGIC = {"html": b"<!DOCTYPE html>", "pdf": b"%PDF-", "docx": b"PK\x03\x04", "jats": b"<?xml",
         "csl-json": b"[", "ris": b"TY  - ", "bibtex": b"@"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The kitchen-sink article built in every registered format, B5 paper for the PDF."""
    from toolkit.cli import main

    root = copy_project("kitchen-sink", tmp_path_factory.mktemp("registry"))
    args = ["--project", str(root), "build", "--paper", "b5"] + [a for f in FORMATS for a in ("--format", f)]
    assert main(args) == 0
    return root


def test_every_writer_names_a_renderer_and_transforms_that_exist():
    assert set(MAGIC) == set(FORMATS)  # the test knows every format
    for writer in WRITERS.values():
        module, function = writer.renderer.split(":")
        assert callable(getattr(importlib.import_module(f"toolkit.writers.{module}"), function))
        for name in writer.transforms:
            module, function = name.split(":")
            assert callable(getattr(importlib.import_module(f"toolkit.writers.{module}"), function))
    assert len({w.filename for w in WRITERS.values()}) == len(WRITERS)  # no two write one file


def test_the_command_line_takes_its_formats_and_options_from_the_registry():
    parser = build_parser()
    args = parser.parse_args(["build", "--format", "ris", "--paper", "letter"])
    assert args.formats == ["ris"] and args.paper == "letter"
    for fmt in FORMATS:
        assert parser.parse_args(["build", "--format", fmt]).formats == [fmt]
    with pytest.raises(SystemExit):
        parser.parse_args(["build", "--format", "odt"])
    pdf_flags = {o.flag: o.choices for o in WRITERS["pdf"].options}
    with pytest.raises(SystemExit):
        parser.parse_args(["build", "--paper", "a3"])
    assert pdf_flags["paper"] == ("a4", "b5", "letter")


def test_the_print_edition_knows_every_paper_the_registry_offers():
    from toolkit.writers.pdf import PAPERS

    assert set(PAPERS) == set(next(o for o in WRITERS["pdf"].options if o.flag == "paper").choices)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", ["az", "en"])
def test_every_format_is_built_through_the_registry(built, fmt, language):
    data = (built / "build" / language / WRITERS[fmt].filename).read_bytes()
    assert data.startswith(MAGIC[fmt])


def test_by_default_the_three_editions_are_built():
    assert DEFAULT_FORMATS == ("html", "pdf", "docx")


def test_an_option_reaches_its_writer(built):
    import fitz

    with fitz.open(built / "build" / "en" / "article.pdf") as pdf:
        width, height = pdf[0].rect.width, pdf[0].rect.height
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (176, 250)  # B5, in millimetres


def test_the_jats_companions_are_written_beside_it(built):
    from lxml import etree

    root = etree.fromstring((built / "build" / "en" / "article.jats.xml").read_bytes())
    named = {g.get("{http://www.w3.org/1999/xlink}href") for g in root.iter("graphic")}
    assert named == {"graphics/figures/map.png", "graphics/figures/chart.svg", "graphics/figures/scan.pdf"}
    for name in named:
        assert (built / "build" / "en" / name).read_bytes() == (built / name.removeprefix("graphics/")).read_bytes()


def test_the_exports_hold_every_entry_of_the_bibliography(built):
    from toolkit.project import load_project

    project = load_project(built)
    keys = [e.key for e in project.bibliography.entries]
    items = json.loads((built / "build" / "az" / "references.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in items] == keys
    ris = (built / "build" / "az" / "references.ris").read_text(encoding="utf-8")
    assert ris.count("TY  - ") == len(keys) and ris.count("ER  - ") == len(keys)
    assert (built / "build" / "az" / "references.bib").read_bytes() == \
        (built / "bibliography" / "references.bib").read_bytes()


def test_a_writer_that_reads_the_sources_needs_no_prepared_edition(tmp_path):
    from toolkit.project import load_project
    from toolkit.styles import project_style

    project = load_project(copy_project("kitchen-sink", tmp_path))
    bare = Edition("en", {}, csl=project_style(project, None))
    files: dict = {}
    xml = WRITERS["jats"].render(bare, project, files=files)
    assert b"<article" in xml and set(files) == {"graphics/figures/map.png", "graphics/figures/chart.svg",
                                                 "graphics/figures/scan.pdf"}


def test_the_exports_keep_a_title_and_its_translation_apart(tmp_path):
    """The English edition prints "Türk Dış Politikası [Turkish Foreign Policy]"; reference
    managers get the title as written and the translation in its own field (RIS TT)."""
    from toolkit.project import load_project

    project = load_project(copy_project("reftypes", tmp_path))
    english = Edition("en", {})
    (item,) = [i for i in json.loads(WRITERS["csl-json"].render(english, project)) if i["id"] == "celebi1998"]
    assert (item["title"], item["translated-title"]) == ("Türk Dış Politikası", "Turkish Foreign Policy")
    records = WRITERS["ris"].render(english, project).decode("utf-8").split("\n\n")
    (record,) = [r for r in records if "ID  - celebi1998" in r]
    assert "TI  - Türk Dış Politikası\n" in record and "TT  - Turkish Foreign Policy\n" in record
    tags = {line[:2] for r in records for line in r.splitlines()}
    # the RIS specification's tags only (no ED, no AV)
    assert tags <= {"TY", "ID", "AU", "A2", "A4", "TI", "TT", "T2", "T3", "VL", "IS", "ET", "PB", "CY", "DO",
                    "SN", "UR", "LA", "M3", "DB", "AN", "N1", "AB", "SP", "EP", "PY", "DA", "Y2", "ER"}, tags
