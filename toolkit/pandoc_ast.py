"""pandoc's JSON document: the one traversal every transform uses, and the nodes they add."""

from __future__ import annotations


def walk(node, visit):
    """Apply `visit` to every element dict bottom-up; it may return a replacement."""
    if isinstance(node, list):
        return [walk(item, visit) for item in node]
    if isinstance(node, dict):
        if "t" in node:
            if "c" in node:
                node = {**node, "c": walk(node["c"], visit)}
            return visit(node)
        return {k: walk(v, visit) for k, v in node.items()}
    return node


def text_span(text: str, cls: str) -> dict:
    """A span of one word-run of text with a class: a marker the writers style."""
    return {"t": "Span", "c": [["", [cls], []], [{"t": "Str", "c": text}]]}


def run_on(blocks: list[dict], inline: dict) -> list[dict]:
    """`blocks` with `inline` added after their last text (inside a closing div,
    such as a reference's right-hand part), or as a line of its own."""
    blocks = list(blocks)
    last = blocks[-1] if blocks else None
    if last and last["t"] in ("Para", "Plain"):
        blocks[-1] = {"t": last["t"], "c": last["c"] + [{"t": "Space"}, inline]}
    elif last and last["t"] == "Div" and last["c"][1] and last["c"][1][-1]["t"] in ("Para", "Plain"):
        blocks[-1] = {"t": "Div", "c": [last["c"][0], run_on(last["c"][1], inline)]}
    else:
        blocks.append({"t": "Plain", "c": [inline]})
    return blocks
