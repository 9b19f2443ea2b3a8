"""The built page as the preview serves it: the reload script and the overlay's style
added, and the page's Content-Security-Policy widened by exactly those two files.

The built file on disk is never changed: it keeps its strict policy (only its
own hashed script and style). The served copy's policy also allows the
preview's script and stylesheet, by their full same-origin address, and a
connection back to the server (the event stream and the status); nothing else.
"""

from __future__ import annotations

import html
import re

SCRIPT = "/__preview/reload.js"
STYLE = "/__preview/reload.css"
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# what a page without a policy of its own gets: nothing but the preview's files
_BARE = "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'"


def widened(policy: str, origin: str) -> str:
    """`policy` with the preview's script, stylesheet and connections allowed."""
    directives: dict[str, str] = {}
    for part in policy.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name.lower()] = value.strip()
    for name, source in (("script-src", origin + SCRIPT), ("style-src", origin + STYLE), ("connect-src", "'self'")):
        kept = directives.get(name, "").replace("'none'", "").strip()
        directives[name] = f"{kept} {source}".strip()
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def for_preview(page: str, origin: str, language: str, version: int) -> tuple[str, str]:
    """The page to serve and the policy to send with it (as a header too, where
    `frame-ancestors` keeps it out of other sites' frames)."""
    found = _META.search(page)
    policy = widened(html.unescape(found.group(1)) if found else _BARE, origin)
    attribute = html.escape(policy, quote=False).replace('"', "&quot;")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{attribute}">'
    page = page[:found.start()] + meta + page[found.end():] if found else page
    tags = (f'<link rel="stylesheet" href="{STYLE}">\n'
            f'<script src="{SCRIPT}" data-lang="{html.escape(language)}" data-version="{version}" defer></script>\n')
    # found in the page itself: lower() may change its length ("İ" is two characters lowered)
    end = re.search(r"</head\s*>", page, re.I)
    page = page[:end.start()] + tags + page[end.start():] if end else tags + page
    return page, policy + "; frame-ancestors 'none'"
