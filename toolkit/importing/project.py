"""An ImportedArticle written as a toolkit project, all at once or not at all.

The project is written into a temporary folder beside DIR and renamed to DIR
at the end, so a failure leaves nothing half-written. article.yaml is written
through the schema's keys (`toolkit/metadata_schema.py`), so what the import
writes is what `check` reads.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

import yaml

from ..metadata_schema import ARTICLE, AUTHOR, LANGUAGE
from .article import ImportedArticle
from .report import failed

GITIGNORE = "build/\n"
_AUTHOR_EXTRA = ("corresponding", "equal-contrib", "roles")


def default_target(article: ImportedArticle, cwd: Path) -> Path:
    """The folder named after the title (its slug), in `cwd`."""
    from ..submit import slug

    return cwd / slug(article.title or "article")


def write_project(article: ImportedArticle, target: Path, source: Path) -> None:
    """`article` as a project in `target`, which must not exist; ImportFailed (at the source) otherwise."""
    if target.exists() or target.is_symlink():
        raise failed(source, 0, f"{target} already exists: the import writes a new project only",
                     "name a folder that does not exist: toolkit import SOURCE DIR")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise failed(source, 0, f"the folder {parent} does not exist", "create it first, or name another DIR")
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.import-", dir=parent))
    try:
        _write(article, scratch)
        if target.exists():  # made meanwhile: never replace it
            raise failed(source, 0, f"{target} was created during the import; nothing was written into it")
        os.rename(scratch, target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def _write(article: ImportedArticle, root: Path) -> None:
    language = article.language
    (root / "manuscript" / language).mkdir(parents=True)
    digits = max(2, len(str(len(article.sections))))
    for n, section in enumerate(article.sections, 1):
        _file(root, f"manuscript/{language}/{n:0{digits}d}-{section.slug}.md", section.markdown.encode("utf-8"))
    bibliography = article.bibliography or {"references.bib": b""}
    for name, data in bibliography.items():
        _file(root, f"bibliography/{name}", data)
    for name, data in article.files.items():
        _file(root, name, data)
    _file(root, "manuscript/article.yaml", article_yaml(article, list(bibliography)).encode())
    _file(root, ".gitignore", GITIGNORE.encode())


def _file(root: Path, name: str, data: bytes) -> None:
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise ValueError(f"an imported file's path must stay in the project: {name}")
    path = root.joinpath(*relative.parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def article_yaml(article: ImportedArticle, bibliographies: list[str]) -> str:
    """manuscript/article.yaml for `article`, its keys those of the schema, in the schema's order."""
    names = {key.name for key in ARTICLE.keys}
    data: dict = {}
    if article.title_guessed:
        data["title-status"] = "working"
    data["authors"] = [_author(a) for a in article.authors]
    if article.style:
        data["style"] = article.style
    files = [f"bibliography/{name}" for name in bibliographies]
    data["bibliography"] = files[0] if len(files) == 1 else files
    if article.date:
        data["date"] = article.date
    title = f"{article.title}: {article.subtitle}" if article.subtitle else article.title
    block = {"title": title, "abstract": article.abstract, "keywords": list(article.keywords)}
    assert all(k in {key.name for key in LANGUAGE.keys} for k in block) and set(data) <= names
    data["languages"] = {article.language: {k: v for k, v in block.items() if v}}
    header = "# Written by 'toolkit import'; its report said what was mapped, guessed and not kept.\n"
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


class _Dumper(yaml.SafeDumper):
    """Text of several lines as a literal block (`|`), as an author would write it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not any(line != line.rstrip() for line in value.split("\n")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _author(author) -> dict:
    known = {key.name for key in AUTHOR.keys}
    entry = {"name": author.name, "affiliation": author.affiliation, "orcid": author.orcid, "email": author.email}
    entry |= {k: author.extra[k] for k in _AUTHOR_EXTRA if author.extra.get(k)}
    assert set(entry) <= known
    return {k: v for k, v in entry.items() if v not in ("", None, [], False)}
