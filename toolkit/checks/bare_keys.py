"""Bibliography keys written in brackets without `@`: citations that are not.

Text converted from another format often keeps a citation as `[Smith2005]`
or `[RamellaRoman2005; [15]]`. pandoc reads only `[@key]` as a citation, so
these print as the characters written, cite nothing and number nothing.
A key of the bibliography standing in brackets without its `@` is reported
where it is written (`citation-without-at`), with the citation to write.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, Severity
from ..formulas import prose
from ..model import Project, Section
from ..typography import line_col

CODE = "citation-without-at"
# a bracket with at most one bracket inside; not a link, span or reference definition
_GROUP = re.compile(r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]")
# a key as pandoc reads one after "@", not after "@" here
_TOKEN = re.compile(r"(?<![@\w])\w(?:[\w:.#$%&\-+?<>~/]*\w)?")
# not running text: raw HTML tags, link targets, attribute blocks
_NOT_TEXT = re.compile(r"<[^<>\n]*>|\]\([^)\n]*\)|\{[^{}\n]*\}")


def _keys(project: Project) -> dict[str, str]:
    """Every key and alias as written, and in lower case when it holds a digit (a word
    such as "history" might be a key, and is not reported in another case)."""
    bib = project.bibliography
    keys = {entry.key: entry.key for entry in bib.entries}
    keys.update((alias, key) for alias, key in bib.aliases.items())
    keys.update((k.lower(), key) for k, key in list(keys.items()) if re.search(r"\d", k))
    return keys


def bare_keys(section: Section, keys: dict[str, str]) -> list[Diagnostic]:
    text = section.text
    running = prose(text)
    masked = _NOT_TEXT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), running)
    found = []
    for group in _GROUP.finditer(masked):
        if running[group.end():group.end() + 1] in ("(", "[", "{", ":"):
            continue  # a link, a span, a reference definition
        for token in _TOKEN.finditer(group.group(1)):
            written = token.group()
            key = keys.get(written) or keys.get(written.lower())
            if key is None:
                continue
            at = group.start(1) + token.start()
            found.append(Diagnostic(
                section.path, *line_col(text, at), Severity.WARNING, CODE,
                f"'{written}' in brackets is a bibliography key without '@': it prints as text and cites nothing",
                hint=f"write the citation as [@{key}]" + (f" (the key is '{key}')" if key != written else "")))
    return found


def check(project: Project) -> list[Diagnostic]:
    keys = _keys(project)
    if not keys:
        return []
    return [d for m in project.manuscripts.values() for s in m.sections for d in bare_keys(s, keys)]
