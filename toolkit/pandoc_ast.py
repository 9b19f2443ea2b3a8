"""Walking pandoc's JSON document: the one traversal every transform uses."""

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
