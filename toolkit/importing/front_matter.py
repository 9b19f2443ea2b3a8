"""A Markdown manuscript's YAML front matter, read with the line of every key.

pandoc, JOSS, Quarto and R Markdown open the file with a YAML block between
`---` lines (closed by `---` or `...`); plain pandoc may instead open it with a
title block (`% title`, `% authors`, `% date`). Lines are kept so the report can
point at each key in the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .report import failed


@dataclass
class FrontMatter:
    data: dict = field(default_factory=dict)
    node: yaml.MappingNode | None = None
    offset: int = 0  # the source line before the YAML text's first line
    body: str = ""
    body_line: int = 1  # the source line the body starts on
    lines: dict[str, int] = field(default_factory=dict)  # a title block's keys and their lines

    def line(self, *path: str | int) -> int:
        """The source line of the value at `path` (keys and list indices); its nearest parent's if absent."""
        if self.node is None:
            return self.lines.get(str(path[0]), 1) if path else 1
        node: yaml.Node | None = self.node
        line = node.start_mark.line if node else 0
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            node, line = child
        return self.offset + line + 1

    def key_line(self, key: str) -> int:
        if self.node is None:
            return self.lines.get(key, 1)
        for key_node, _ in (self.node.value if self.node else ()):
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return self.offset + key_node.start_mark.line + 1
        return 1


def _child(node: yaml.Node | None, step: str | int) -> tuple[yaml.Node, int] | None:
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == step:
                return value, key_node.start_mark.line
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step], node.value[step].start_mark.line
    return None


_OPEN = re.compile(r"---[ \t]*\n(?![ \t]*\n)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def split_front_matter(text: str, path: Path) -> FrontMatter:
    """The front matter and the body after it; ImportFailed, at its line, for broken YAML."""
    if not _OPEN.match(text):
        return _title_block(text)
    close = _CLOSE.search(text, text.index("\n") + 1)
    if close is None:
        raise failed(path, 1, "the YAML front matter opened here is never closed",
                     "end it with a line '---' before the text begins")
    source = text[text.index("\n") + 1:close.start()]
    end = text.find("\n", close.end())
    body = text[end + 1:] if end >= 0 else ""
    body_line = text.count("\n", 0, end + 1) + 1 if end >= 0 else text.count("\n") + 2
    loader = yaml.SafeLoader(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, column = (mark.line + 2, mark.column + 1) if mark else (1, 0)
        problem = getattr(exc, "problem", None) or str(exc)
        raise failed(path, line, f"the YAML front matter is not valid YAML: {problem}",
                     "fix the front matter; pandoc cannot read it either", column) from None
    finally:
        loader.dispose()
    if data is None:
        return FrontMatter(body=body, body_line=body_line)
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise failed(path, 2, "the YAML front matter must be a mapping of keys to values",
                     "write it as 'title: …', 'author: …', one key a line")
    return FrontMatter({str(k): v for k, v in data.items()}, node, 1, body, body_line)


def _title_block(text: str) -> FrontMatter:
    """pandoc's title block: up to three `%` lines (title, authors separated by ';', date)."""
    lines = text.split("\n")
    values: list[str] = []
    while len(values) < 3 and len(values) < len(lines) and lines[len(values)].startswith("%"):
        values.append(lines[len(values)][1:].strip())
    if not values:
        return FrontMatter(body=text, body_line=1)
    data: dict = {}
    for key, value in zip(("title", "author", "date"), values):
        if value:
            data[key] = [a.strip() for a in value.split(";") if a.strip()] if key == "author" else value
    keys = {key: n for n, key in enumerate(("title", "author", "date"), 1)}
    return FrontMatter(data, None, 0, "\n".join(lines[len(values):]), len(values) + 1, keys)
