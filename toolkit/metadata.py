"""Read `manuscript/article.yaml` into Metadata, keeping where each field is."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .confine import Refused, escape_controls, read_text
from .errors import ProjectError
from .model import Author, LanguageMetadata, Metadata, Position

METADATA_PATH = Path("manuscript/article.yaml")
DEFAULT_STYLE = "numeric-alphabetical"
DEFAULT_BIBLIOGRAPHY = Path("bibliography/references.bib")
TITLE_STATUSES = ("final", "working")
# BCP 47 (RFC 5646) language tags: language, optional script, region, variants
BCP47 = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|\d{3}))?(-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*")


def _position(path: Path, node: yaml.Node) -> Position:
    return Position(path, node.start_mark.line + 1, node.start_mark.column + 1)


def _mapping(path: Path, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise ProjectError(f"{what} must be a mapping of names to values", path, *_line_col(node))
    fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise ProjectError(f"a name in {what} must be plain text", path, *_line_col(key))
        name = str(key.value)
        if name in fields:
            first = fields[name][0].start_mark.line + 1
            raise ProjectError(f"'{escape_controls(name)}' is given twice in {what} (first on line {first})",
                               path, *_line_col(key), hint="YAML keeps only the last; remove one")
        fields[name] = (key, value)
    return fields


def _line_col(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _text(path: Path, node: yaml.Node | None, what: str) -> str:
    if node is None:
        return ""
    if not isinstance(node, yaml.ScalarNode):
        raise ProjectError(f"{what} must be text", path, *_line_col(node))
    if node.tag == "tag:yaml.org,2002:null" or node.value in ("", "~", "null") and node.style is None:
        return ""
    return str(node.value).strip()


def _texts(path: Path, node: yaml.Node | None, what: str) -> tuple[str, ...]:
    if node is None:
        return ()
    if isinstance(node, yaml.ScalarNode):
        text = _text(path, node, what)
        return tuple(k.strip() for k in text.split(",") if k.strip()) if text else ()
    if not isinstance(node, yaml.SequenceNode):
        raise ProjectError(f"{what} must be a list", path, *_line_col(node))
    return tuple(t for t in (_text(path, item, what) for item in node.value) if t)


def _author(path: Path, node: yaml.Node) -> Author:
    if isinstance(node, yaml.ScalarNode):
        return Author(name=_text(path, node, "an author"))
    fields = _mapping(path, node, "an author")
    known = {"name", "affiliation", "orcid", "email"}
    for name, (key, _) in fields.items():
        if name not in known:
            raise ProjectError(f"unknown author field '{escape_controls(name)}'", path, *_line_col(key),
                               hint="author fields: " + ", ".join(sorted(known)))
    return Author(**{name: _text(path, value, f"author {name}") for name, (_, value) in fields.items()})


def _language(path: Path, code: str, key: yaml.Node, node: yaml.Node) -> LanguageMetadata:
    fields = _mapping(path, node, f"language '{code}'")
    known = {"title", "short-title", "abstract", "keywords", "notes"}
    for name, (k, _) in fields.items():
        if name not in known:
            raise ProjectError(f"unknown field '{escape_controls(name)}' for language '{code}'", path, *_line_col(k),
                               hint="per-language fields: " + ", ".join(sorted(known)))
    get = lambda name: fields.get(name, (None, None))[1]  # noqa: E731
    notes_node = get("notes")
    notes = {}
    if notes_node is not None:
        notes = {name: _text(path, v, f"note '{name}'") for name, (_, v) in _mapping(path, notes_node, "notes").items()}
    positions = {name: _position(path, k) for name, (k, _) in fields.items()}
    positions["language"] = _position(path, key)
    return LanguageMetadata(
        language=code,
        title=_text(path, get("title"), "title"),
        abstract=_text(path, get("abstract"), "abstract"),
        keywords=_texts(path, get("keywords"), "keywords"),
        notes=notes,
        positions=positions,
        short_title=_text(path, get("short-title"), "short-title"),
    )


def _date(path: Path, node: yaml.Node | None) -> str:
    text = _text(path, node, "date")
    if text and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise ProjectError(f"date '{text}' is not an ISO 8601 date", path, *_line_col(node),
                           hint="write the publication date as 2026, 2026-11 or 2026-11-25")
    return text


def _bibliographies(path: Path, node: yaml.Node | None) -> tuple[Path, ...]:
    """`bibliography:` as one file or a list of files, read in that order."""
    if isinstance(node, yaml.SequenceNode):
        files = [Path(_text(path, item, "a bibliography file")) for item in node.value]
        if not files or not all(str(f) not in ("", ".") for f in files):
            raise ProjectError("'bibliography' must list one or more files", path, *_line_col(node))
        if len(set(files)) < len(files):
            raise ProjectError("'bibliography' lists a file twice", path, *_line_col(node))
        return tuple(files)
    return (Path(_text(path, node, "bibliography") or DEFAULT_BIBLIOGRAPHY),)


def parse_metadata(text: str, path: Path = METADATA_PATH) -> Metadata:
    try:
        root = yaml.compose(text)
    except RecursionError:
        raise ProjectError("article metadata is nested too deeply to read", path, 1, 1) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ProjectError(f"article metadata is not valid YAML: {problem}", path, line, col) from None
    if root is None:
        raise ProjectError("article metadata is empty", path, 1, 1)
    top = _mapping(path, root, "the article metadata")
    known = {"languages", "authors", "title-status", "style", "bibliography", "journal", "date"}
    for name, (key, _) in top.items():
        if name not in known:
            raise ProjectError(f"unknown field '{escape_controls(name)}'", path, *_line_col(key),
                               hint="top-level fields: " + ", ".join(sorted(known)))
    if "languages" not in top:
        raise ProjectError("no 'languages' given", path, 1, 1,
                           hint="add 'languages:' with one block per language, e.g. 'az:' with title, abstract, keywords")
    languages = {}
    for code, (k, v) in _mapping(path, top["languages"][1], "languages").items():
        if not BCP47.fullmatch(code):
            raise ProjectError(f"language '{escape_controls(code)}' is not a BCP 47 language tag", path,
                               *_line_col(k), hint="write a language tag such as az, en, tr, ru or az-Latn")
        languages[code] = _language(path, code, k, v)
    if not languages:
        raise ProjectError("'languages' lists no language", path, *_line_col(top["languages"][0]))
    authors_node = top.get("authors", (None, None))[1]
    authors: tuple[Author, ...] = ()
    if authors_node is not None and not (isinstance(authors_node, yaml.ScalarNode) and not authors_node.value):
        if not isinstance(authors_node, yaml.SequenceNode):
            raise ProjectError("'authors' must be a list", path, *_line_col(authors_node))
        authors = tuple(_author(path, n) for n in authors_node.value)
    bibliographies = _bibliographies(path, top.get("bibliography", (None, None))[1])
    status = _text(path, top.get("title-status", (None, None))[1], "title-status") or "final"
    if status not in TITLE_STATUSES:
        raise ProjectError(f"title-status must be one of {', '.join(TITLE_STATUSES)}, not '{status}'",
                           path, *_line_col(top["title-status"][1]))
    return Metadata(
        path=path,
        languages=languages,
        authors=authors,
        title_status=status,
        style=_text(path, top.get("style", (None, None))[1], "style") or DEFAULT_STYLE,
        bibliography=bibliographies[0],
        bibliographies=bibliographies,
        positions={name: _position(path, k) for name, (k, _) in top.items()},
        journal=_text(path, top.get("journal", (None, None))[1], "journal"),
        date=_date(path, top.get("date", (None, None))[1]),
    )


def load_metadata(root: Path) -> Metadata:
    full = root / METADATA_PATH
    if not full.exists() and not full.is_symlink():
        raise ProjectError(f"no article metadata: {METADATA_PATH} not found in {root}",
                           hint="is this an article project? pass its folder with --project")
    try:
        text = read_text(root, METADATA_PATH, "article metadata")
    except Refused as refused:
        raise ProjectError(refused.reason, METADATA_PATH, refused.line, refused.column) from None
    return parse_metadata(text, METADATA_PATH)
