"""`toolkit import`: an existing manuscript as a new project, with a report of what became what.

The reader is chosen by the source's extension, or its content when the
extension says nothing: Markdown with YAML front matter (`markdown.py`), or a
Word file (`docx.py`). The article it returns is written as a project
(`project.py`), then the new project is checked like any other.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic
from .article import ImportedArticle
from .report import ImportFailed, failed

MARKDOWN = (".md", ".markdown", ".qmd", ".rmd")
WORD = (".docx",)
_ZIP = b"PK\x03\x04"


def read_source(source: Path) -> ImportedArticle:
    """The source read by the reader its form needs; ImportFailed, located, when it cannot be read."""
    if not source.exists():
        raise failed(source, 0, "the source does not exist", "name a Markdown (.md, .qmd, .Rmd) or Word (.docx) file")
    if not source.is_file():
        raise failed(source, 0, "the source is not a file", "name a Markdown (.md, .qmd, .Rmd) or Word (.docx) file")
    with source.open("rb") as stream:
        head = stream.read(4096)
    if not head.strip():
        raise failed(source, 0, "the source is empty")
    suffix = source.suffix.lower()
    if suffix in WORD or (suffix not in MARKDOWN and head.startswith(_ZIP) and _is_docx(source)):
        return _word(source)
    if suffix in MARKDOWN or (not head.startswith(_ZIP) and _looks_like_markdown(head)):
        from .markdown import read_markdown

        return read_markdown(source)
    raise failed(source, 0, "the source is neither Markdown nor a Word (.docx) file",
                 "import a .md, .markdown, .qmd or .Rmd file with YAML front matter, or a .docx file")


def _word(source: Path) -> ImportedArticle:
    try:
        from .docx import read_docx
    except ImportError:
        raise failed(source, 0, "Word import is not available in this version of the toolkit",
                     "save the manuscript as Markdown, or convert it with pandoc first") from None
    return read_docx(source)


def _is_docx(source: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(source) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _looks_like_markdown(head: bytes) -> bool:
    """Text that opens with YAML front matter or a pandoc title block."""
    try:
        text = head.decode("utf-8-sig", errors="strict" if len(head) < 4096 else "ignore")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text and (text.startswith("---\n") or text.startswith("---\r\n") or text.startswith("% "))


def import_article(source: Path, target: Path | None = None, check: bool = True) -> tuple[Path, list[Diagnostic]]:
    """Import `source` as a new project in `target` (default: a folder named after the title, here).

    Returns the project's folder and the diagnostics: the import's report (located
    in the source), then, with `check`, those of `check` on the new project
    (located in it, relative to its folder). ImportFailed when nothing was written.
    """
    from .project import default_target, write_project

    article = read_source(source)
    target = target if target is not None else default_target(article, Path.cwd())
    write_project(article, target, source)
    return target, list(article.report) + (check_project(target) if check else [])


def check_project(root: Path) -> list[Diagnostic]:
    """`toolkit check` on the project, as its own diagnostics."""
    from ..checks import run_checks
    from ..project import load_project

    return run_checks(load_project(root))


__all__ = ["ImportFailed", "ImportedArticle", "check_project", "import_article", "read_source"]
