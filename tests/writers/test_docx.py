"""The Word edition: the journal's styles, and no stray document properties."""

from __future__ import annotations

import zipfile

import docx

from toolkit.cli import main


def test_docx_uses_the_journal_reference_document_and_only_standard_properties(project_copy):
    root = project_copy("complete")
    assert main(["--project", str(root), "build", "--format", "docx", "--lang", "en"]) == 0
    path = root / "build/en/article.docx"
    document = docx.Document(str(path))
    assert round(document.sections[0].page_width.cm, 1) == 21.0
    assert document.styles["Block Text"].paragraph_format.left_indent.cm > 0.9
    assert [p.style.name for p in document.paragraphs if p.text.startswith("—")] == ["Quotation Source"]
    with zipfile.ZipFile(path) as package:
        custom = package.read("docProps/custom.xml").decode()
        core = package.read("docProps/core.xml").decode()
    for leaked in ("running-authors", "bibliography", "toolkit-", "language-switch"):
        assert leaked not in custom  # metadata meant for templates, and temporary paths
    assert "<dc:title>The Straits question</dc:title>" in core and "<dc:language>en</dc:language>" in core
