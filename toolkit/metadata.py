"""Read `manuscript/article.yaml` into Metadata, keeping where each field is.

The file is read by its description (`toolkit.metadata_schema`). A problem in
it (an unknown key, a wrong type, a bad value) is collected, located, and the
reading goes on with the key's default, so `check` reports every problem at
once; only a file that cannot be read as metadata at all stops the command.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .confine import Refused, escape_controls, read_text
from .diagnostics import Diagnostic, Severity
from .errors import ProjectError
from .licences import LICENCES, spdx_id
from .metadata_schema import (ARTICLE, Choice, Date, Files, Flag, Key, Kind, Languages, Licence, ListOf, Names, Record,
                              Text, Texts)
from .model import Author, Funding, Journal, LanguageMetadata, Metadata, Position

LANGUAGES_HELP = ARTICLE.key("languages").help

METADATA_PATH = Path("manuscript/article.yaml")
# BCP 47 (RFC 5646) language tags: language, optional script, region, variants
BCP47 = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|\d{3}))?(-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*")
NULL = "tag:yaml.org,2002:null"
TOP = "the article metadata"


class MetadataError(ProjectError):
    """article.yaml names no language, so nothing can be built or checked: every
    problem found in it is listed, not the first only."""

    def __init__(self, problems: list[Diagnostic]):
        first = problems[0]
        super().__init__(first.message, first.path, first.line, first.column, first.hint)
        self.problems = problems

    def format(self) -> str:
        return "\n".join(problem.format() for problem in self.problems)


def closest(name: str, valid) -> str:
    """The "; did you mean 'x'?" suffix naming the valid name nearest to `name` (difflib), or ''."""
    match = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


@dataclass
class Block:
    """A mapping as read: each key's value (defaults filled in) and where each given key is."""

    values: dict[str, object]
    positions: dict[str, Position] = field(default_factory=dict)


@dataclass
class _Reader:
    path: Path
    problems: list[Diagnostic] = field(default_factory=list)

    def at(self, node: yaml.Node) -> Position:
        return Position(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, node: yaml.Node, code: str, message: str, hint: str = "") -> None:
        pos = self.at(node)
        self.problems.append(Diagnostic(pos.path, pos.line, pos.column, Severity.ERROR, code, message, hint))

    def read(self, node: yaml.Node | None, key: Key, where: str):
        """`node` as `key`'s kind; its default when absent or wrong."""
        if node is None:
            return key.default
        what = f"'{key.name}'" + (f" of {where}" if where not in ("", TOP) else "")
        value = self._read(node, key.kind, what)
        return key.default if value is None or value == "" else value

    def _read(self, node: yaml.Node, kind: Kind, what: str):
        empty = isinstance(node, yaml.ScalarNode) and (node.tag == NULL or node.value == "" and node.style is None)
        if isinstance(kind, (Text, Choice, Date, Licence)):
            text = self._text(node, what, kind)
            if text is None or not text:
                return text
            if isinstance(kind, Choice) and text not in kind.values:
                self.error(node, "metadata-value", f"{what} must be {' or '.join(kind.values)}, not "
                           f"'{escape_controls(text)}'{closest(text, kind.values)}")
                return None
            if isinstance(kind, Date) and not re.fullmatch(kind.pattern, text):
                self.error(node, "metadata-value", f"{what} must be {kind.expected}, not '{escape_controls(text)}'",
                           kind.example)
                return None
            if isinstance(kind, Licence):
                if (known := spdx_id(text)) is None:
                    self.error(node, "unknown-license", f"{what} names a licence the toolkit does not know: "
                               f"'{escape_controls(text)}'{closest(text, LICENCES)}",
                               "write its SPDX identifier, one of " + ", ".join(LICENCES))
                return known
            return text
        if isinstance(kind, Flag):
            return self._flag(node, what, kind)
        if empty:
            if isinstance(kind, Languages):
                self.error(node, "metadata-value", f"{what} lists no language", f"add one: {LANGUAGES_HELP}")
            return None
        if isinstance(kind, Texts):
            if isinstance(node, yaml.ScalarNode):
                return tuple(t.strip() for t in (self._text(node, what) or "").split(",") if t.strip())
            if not self._expect(node, yaml.SequenceNode, what, kind):
                return None
            return tuple(t for t in (self._text(item, f"an item of {what}") for item in node.value) if t)
        if isinstance(kind, Files):
            return self._files(node, what, kind)
        if isinstance(kind, ListOf):
            if not self._expect(node, yaml.SequenceNode, what, kind):
                return None
            return tuple(self.record(item, kind.item, f"{what} item {n}") for n, item in enumerate(node.value, 1))
        if isinstance(kind, Record):
            return self.record(node, kind, what)
        if isinstance(kind, Names):
            return self._names(node, kind, what)
        return self._languages(node, kind, what)

    def _expect(self, node: yaml.Node, expected: type, what: str, kind: Kind) -> bool:
        if isinstance(node, expected):
            return True
        self.error(node, "metadata-type", f"{what} must be {kind.noun}")
        return False

    def _text(self, node: yaml.Node, what: str, kind: Kind = Text()) -> str | None:
        if not self._expect(node, yaml.ScalarNode, what, kind):
            return None
        if node.tag == NULL or node.value in ("", "~", "null") and node.style is None:
            return ""
        return str(node.value).strip()

    def _flag(self, node: yaml.Node, what: str, kind: Flag) -> bool | None:
        text = self._text(node, what, kind)
        if not text:
            return None
        if text.lower() in ("true", "yes", "on"):
            return True
        if text.lower() in ("false", "no", "off"):
            return False
        self.error(node, "metadata-value", f"{what} must be true or false, not '{escape_controls(text)}'")
        return None

    def _files(self, node: yaml.Node, what: str, kind: Files) -> tuple[Path, ...] | None:
        if isinstance(node, yaml.ScalarNode):
            text = self._text(node, what)
            return (Path(text),) if text else None
        if not self._expect(node, yaml.SequenceNode, what, kind):
            return None
        texts = [self._text(item, f"a file of {what}") for item in node.value]
        if None in texts:
            return None
        files = [Path(t) for t in texts]
        if not files or any(str(f) in ("", ".") for f in files):
            self.error(node, "metadata-value", f"{what} must list one or more files")
            return None
        if len(set(files)) < len(files):
            self.error(node, "metadata-value", f"{what} lists a file twice")
            return None
        return tuple(files)

    def _mapping(self, node: yaml.Node, what: str, kind: Kind) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """The mapping's keys, each once: a key given twice is reported and its first value kept."""
        if not self._expect(node, yaml.MappingNode, what, kind):
            return None
        fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.error(key, "metadata-type", f"a key of {what} must be plain text")
                continue
            name = str(key.value)
            if name in fields:
                first = fields[name][0].start_mark.line + 1
                self.error(key, "duplicate-metadata-key", f"'{escape_controls(name)}' is given twice in {what} "
                           f"(first on line {first})", "remove one of them")
                continue
            fields[name] = (key, value)
        return fields

    def record(self, node: yaml.Node, record: Record, what: str) -> Block | None:
        if record.shorthand and isinstance(node, yaml.ScalarNode):
            shorthand = record.key(record.shorthand)
            return Block({k.name: k.default for k in record.keys} | {record.shorthand: self.read(node, shorthand, "")})
        fields = self._mapping(node, what, record)
        if fields is None:
            return None
        known = [k.name for k in record.keys]
        for name, (key, _) in fields.items():
            if name not in known:
                self.error(key, "unknown-metadata-key", f"unknown key '{escape_controls(name)}' in {what}{closest(name, known)}",
                           f"the keys of {what}: " + ", ".join(known))
        for key in record.keys:
            if key.required and key.name not in fields:
                self.error(node, "missing-metadata-key", f"no '{key.name}' given in {what}", f"add '{key.name}:': {key.help}")
        return Block({k.name: self.read(fields.get(k.name, (None, None))[1], k, what) for k in record.keys},
                     {name: self.at(key) for name, (key, _) in fields.items() if name in known})

    def _names(self, node: yaml.Node, kind: Names, what: str) -> Block | None:
        fields = self._mapping(node, what, kind)
        if fields is None:
            return None
        valid = list(kind.names())
        block = Block({})
        for name, (key, value) in fields.items():
            if name not in valid:
                self.error(key, f"unknown-{kind.what}-name", f"unknown {kind.what} name '{escape_controls(name)}' "
                           f"in {what}{closest(name, valid)}", f"{kind.what} names: " + ", ".join(valid))
                continue
            text = self._text(value, f"{kind.what} '{name}' of {what}")
            if text is not None:
                block.values[name] = text
                block.positions[name] = self.at(key)
        return block

    def _languages(self, node: yaml.Node, kind: Languages, what: str) -> Block | None:
        fields = self._mapping(node, what, kind)
        if fields is None:
            return None
        if not fields:
            self.error(node, "metadata-value", f"{what} lists no language", f"add one: {LANGUAGES_HELP}")
        block = Block({})
        for code, (key, value) in fields.items():
            if not BCP47.fullmatch(code):
                self.error(key, "language-tag", f"language '{escape_controls(code)}' is not a BCP 47 language tag"
                           f"{_tag_for(code)}", "write a language tag such as az, en, tr, ru or az-Latn")
                self.record(value, kind.block, f"language '{escape_controls(code)}'")  # its problems too, at once
                continue
            language = self.record(value, kind.block, f"language '{code}'")
            block.values[code] = language or Block({k.name: k.default for k in kind.block.keys})
            block.positions[code] = self.at(key)
        return block


def _tag_for(name: str) -> str:
    """'; did you mean 'en'?' for 'english', 'En' or 'eng' where a tag is recognisable."""
    from .labels import labels

    names = labels("en").get("languages")
    names = names if isinstance(names, dict) else {}
    candidates = {str(tag).lower(): str(tag) for tag in names}
    candidates.update({str(english).lower(): str(tag) for tag, english in names.items()})
    match = difflib.get_close_matches(name.lower(), list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{candidates[match[0]]}'?" if match else ""


def _compose(text: str, path: Path) -> yaml.Node:
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
    if not isinstance(root, yaml.MappingNode):
        raise ProjectError(f"the article metadata must be {ARTICLE.noun}", path, root.start_mark.line + 1,
                           root.start_mark.column + 1)
    return root


def _language(code: str, block: Block, position: Position) -> LanguageMetadata:
    values = block.values
    return LanguageMetadata(
        language=code,
        title=values["title"],
        abstract=values["abstract"],
        keywords=values["keywords"],
        notes=dict(values["notes"].values) if values["notes"] else {},  # a Block, or the default {}
        positions=block.positions | {"language": position},
        short_title=values["short-title"],
        labels=dict(values["labels"].values) if values["labels"] else {},
    )


def parse_metadata(text: str, path: Path = METADATA_PATH) -> Metadata:
    """The metadata with every problem found in it; MetadataError when it names no language."""
    root = _compose(text, path)
    reader = _Reader(path)
    top = reader.record(root, ARTICLE, TOP)
    given = top.values["languages"] or Block({})
    languages = {code: _language(code, block, given.positions[code]) for code, block in given.values.items()}
    if not languages:
        raise MetadataError(sorted(reader.problems, key=Diagnostic.sort_key))
    files = top.values["bibliography"]
    given_journal = top.values["journal"]  # a Block, or the default ""
    journal = Journal(**given_journal.values, positions=given_journal.positions) if given_journal else Journal()
    return Metadata(
        path=path,
        languages=languages,
        authors=tuple(Author(**{k.replace("-", "_"): v for k, v in a.values.items()}, positions=a.positions)
                      for a in top.values["authors"] if a is not None),
        title_status=top.values["title-status"],
        style=top.values["style"],
        bibliography=files[0],
        bibliographies=files,
        positions=top.positions,
        journal=journal.title,
        date=top.values["date"],
        journal_meta=journal,
        license=top.values["license"],
        copyright_holder=top.values["copyright-holder"],
        copyright_year=top.values["copyright-year"],
        funding=tuple(Funding(f.values["funder"], f.values["award-id"])
                      for f in top.values["funding"] if f is not None),
        problems=tuple(reader.problems),
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
