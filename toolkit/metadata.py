"""Read `manuscript/article.yaml` into Metadata, keeping where each field is."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import ProjectError
from .model import Author, LanguageMetadata, Metadata, Position

METADATA_PATH = Path("manuscript/article.yaml")
DEFAULT_STYLE = "numeric-alphabetical"
DEFAULT_BIBLIOGRAPHY = Path("bibliography/references.bib")
TITLE_STATUSES = ("final", "working")


def _position(path: Path, node: yaml.Node) -> Position:
    return Position(path, node.start_mark.line + 1, node.start_mark.column + 1)


def _mapping(path: Path, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise ProjectError(f"{what} must be a mapping of names to values", path, *_line_col(node))
    return {str(k.value): (k, v) for k, v in node.value}


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
            raise ProjectError(f"unknown author field '{name}'", path, *_line_col(key),
                               hint="author fields: " + ", ".join(sorted(known)))
    return Author(**{name: _text(path, value, f"author {name}") for name, (_, value) in fields.items()})


def _language(path: Path, code: str, key: yaml.Node, node: yaml.Node) -> LanguageMetadata:
    fields = _mapping(path, node, f"language '{code}'")
    known = {"title", "short-title", "abstract", "keywords", "notes"}
    for name, (k, _) in fields.items():
        if name not in known:
            raise ProjectError(f"unknown field '{name}' for language '{code}'", path, *_line_col(k),
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


def parse_metadata(text: str, path: Path = METADATA_PATH) -> Metadata:
    try:
        root = yaml.compose(text)
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
            raise ProjectError(f"unknown field '{name}'", path, *_line_col(key),
                               hint="top-level fields: " + ", ".join(sorted(known)))
    if "languages" not in top:
        raise ProjectError("no 'languages' given", path, 1, 1,
                           hint="add 'languages:' with one block per language, e.g. 'az:' with title, abstract, keywords")
    languages = {
        str(k.value): _language(path, str(k.value), k, v)
        for k, v in _mapping(path, top["languages"][1], "languages").values()
    }
    if not languages:
        raise ProjectError("'languages' lists no language", path, *_line_col(top["languages"][0]))
    authors_node = top.get("authors", (None, None))[1]
    authors: tuple[Author, ...] = ()
    if authors_node is not None and not (isinstance(authors_node, yaml.ScalarNode) and not authors_node.value):
        if not isinstance(authors_node, yaml.SequenceNode):
            raise ProjectError("'authors' must be a list", path, *_line_col(authors_node))
        authors = tuple(_author(path, n) for n in authors_node.value)
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
        bibliography=Path(_text(path, top.get("bibliography", (None, None))[1], "bibliography") or DEFAULT_BIBLIOGRAPHY),
        positions={name: _position(path, k) for name, (k, _) in top.items()},
        journal=_text(path, top.get("journal", (None, None))[1], "journal"),
        date=_date(path, top.get("date", (None, None))[1]),
    )


def load_metadata(root: Path) -> Metadata:
    full = root / METADATA_PATH
    if not full.is_file():
        raise ProjectError(f"no article metadata: {METADATA_PATH} not found in {root}",
                           hint="is this an article project? pass its folder with --project")
    try:
        text = full.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ProjectError(f"article metadata is not UTF-8 text ({exc.reason})", METADATA_PATH) from None
    return parse_metadata(text, METADATA_PATH)
