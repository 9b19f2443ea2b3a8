"""A cited `@set` printed as biblatex prints it: one reference holding its members'
references one after the other, in `entryset` order, joined by "; "
(biblatex's `\\entrysetpunct`).

No CSL processor knows sets. The set's own item (its first member's fields, as
biber gives a set) takes the set's place and label in the reference list; its
text is then replaced by the members' texts, rendered by the same processor
with the same style made label-free (no citation number, no label column).
"""

from __future__ import annotations

import json
from pathlib import Path

from .bibliography import set_members
from .csl_items import csl_items
from .model import Project

SEPARATOR = "; "
CSL = "{http://purl.org/net/xbiblio/csl}"


def cited_sets(project: Project, language: str) -> dict[str, tuple[str, ...]]:
    """The sets the edition cites, with their members."""
    cited = {c.key for c in project.manuscripts[language].citations}
    return {key: members for key, members in set_members(project.bibliography).items()
            if key in cited and members}


def label_free(style: bytes) -> bytes:
    """The style with no citation number and no label column in its reference list."""
    from lxml import etree

    root = etree.fromstring(style, etree.XMLParser(resolve_entities=False, no_network=True))
    bibliography = root.find(f"{CSL}bibliography")
    if bibliography is not None:
        bibliography.attrib.pop("second-field-align", None)
    for element in list(root.iter(f"{CSL}text", f"{CSL}number")):
        if element.get("variable") == "citation-number":
            element.getparent().remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def _without_final_period(text: str) -> str:
    return text[:-1] if text.endswith(".") else text


# --- the editions (pandoc) ----------------------------------------------------------


def _entries(ast: dict) -> dict[str, list[dict]]:
    """Each reference's blocks in a pandoc AST, by key."""
    found: dict[str, list[dict]] = {}

    def visit(blocks: list) -> None:
        for block in blocks:
            if block.get("t") != "Div":
                continue
            (ident, classes, _), content = block["c"]
            if "csl-entry" in classes:
                found[ident.removeprefix("ref-")] = content
            else:
                visit(content)

    visit(ast.get("blocks", []))
    return found


def _inlines(blocks: list[dict]) -> list[dict]:
    """A reference's text as one run of inlines (its paragraphs, or its right-hand part)."""
    out: list[dict] = []
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            out += block["c"]
        elif block["t"] == "Div":
            out += _inlines(block["c"][1])
    return out


def _joined(texts: list[list[dict]]) -> list[dict]:
    out: list[dict] = []
    for n, inlines in enumerate(texts):
        inlines = list(inlines)
        if n < len(texts) - 1 and inlines and inlines[-1].get("t") == "Str":
            inlines[-1] = {"t": "Str", "c": _without_final_period(inlines[-1]["c"])}
        out += inlines
        if n < len(texts) - 1:
            out += [{"t": "Str", "c": SEPARATOR.strip()}, {"t": "Space"}]
    return out


def render_members(project: Project, language: str, style: bytes, sets: dict[str, tuple[str, ...]],
                   folder: Path) -> dict[str, list[dict]]:
    """Each member's reference as inlines, label-free, from one pandoc run with the
    same items and style (the sets themselves left out: a set and its first member
    would read as two works of one author and year); files are written into `folder`."""
    from .engines import pandoc

    keys = list(dict.fromkeys(m for members in sets.values() for m in members))
    (folder / "set-members.json").write_text(
        json.dumps(csl_items(project.bibliography, language, keys), ensure_ascii=False), encoding="utf-8")
    (folder / "set-style.csl").write_bytes(label_free(style))
    (folder / "set-metadata.json").write_text(
        json.dumps({"lang": language, "nocite": ", ".join(f"@{{{k}}}" for k in keys)}, ensure_ascii=False),
        encoding="utf-8")
    result = pandoc.run(["--from=markdown", f"--metadata-file={folder / 'set-metadata.json'}", "--citeproc",
                         f"--csl={folder / 'set-style.csl'}", f"--bibliography={folder / 'set-members.json'}",
                         "--to=json"], stdin="::: {#refs}\n:::\n", cwd=project.root)
    return {key: _inlines(blocks) for key, blocks in _entries(json.loads(result.output)).items()}


def expand_sets(ast: dict, sets: dict[str, tuple[str, ...]], rendered: dict[str, list[dict]]) -> dict:
    """The AST with each set's reference holding its members' texts; the label the
    set's entry starts with (a number in a numeric style) is kept."""
    def visit(blocks: list) -> list:
        out = []
        for block in blocks:
            if block.get("t") != "Div":
                out.append(block)
                continue
            (ident, classes, attrs), content = block["c"]
            key = ident.removeprefix("ref-")
            if "csl-entry" in classes and key in sets:  # the set reads as its first member (biber)
                content = _set_content(content, rendered.get(sets[key][0], []),
                                       _joined([rendered[m] for m in sets[key] if m in rendered]))
            elif "csl-entry" not in classes:
                content = visit(content)
            out.append({"t": "Div", "c": [[ident, classes, attrs], content]})
        return out

    return {**ast, "blocks": visit(ast["blocks"])}


def _set_content(content: list[dict], own: list[dict], joined: list[dict]) -> list[dict]:
    if not joined:
        return content
    replaced = [_right_part(block, joined) for block in content]
    if replaced != content:  # a label column: the label stays, the text is the members'
        return replaced
    inlines = _inlines(content)
    label = inlines[:len(inlines) - len(own)] if own and inlines[len(inlines) - len(own):] == own else []
    return [{"t": "Para", "c": label + joined}]


def _right_part(node: dict, joined: list[dict]) -> dict:
    """`node` with the text of its `csl-right-inline` part (a Span or a Div, as pandoc
    writes it) replaced by `joined`."""
    kind = node.get("t")
    if kind in ("Span", "Div") and "csl-right-inline" in node["c"][0][1]:
        return {"t": kind, "c": [node["c"][0], joined if kind == "Span" else [{"t": "Plain", "c": joined}]]}
    if kind in ("Para", "Plain"):
        return {"t": kind, "c": [_right_part(i, joined) if i.get("t") == "Span" else i for i in node["c"]]}
    if kind == "Div":
        return {"t": "Div", "c": [node["c"][0], [_right_part(b, joined) for b in node["c"][1]]]}
    return node


# --- the terminal proof (citeproc-py) -----------------------------------------------


def set_texts(project: Project, language: str, style: bytes, entries: list[tuple[str, str]],
              render) -> list[tuple[str, str]]:
    """`entries` ((lower-cased key, text), from citeproc-py) with each cited set's text
    made of its members' texts, rendered label-free by `render` (engines.citeproc.render)."""
    sets = cited_sets(project, language)
    if not sets:
        return entries
    lowered = {key.lower(): key for key in sets}
    keys = list(dict.fromkeys(m for members in sets.values() for m in members))
    rendered, _ = render(csl_items(project.bibliography, language, keys), label_free(style), language,
                         [[(key, {})] for key in keys])
    texts = dict(rendered)
    out = []
    for key, text in entries:
        if key in lowered:
            members = [texts[m.lower()] for m in sets[lowered[key]] if m.lower() in texts]
            own = texts.get(sets[lowered[key]][0].lower(), "")  # the set reads as its first member
            label = text[:-len(own)] if own and text.endswith(own) else ""
            if members:
                text = label + SEPARATOR.join([*map(_without_final_period, members[:-1]), members[-1]])
        out.append((key, text))
    return out
