"""The web edition's text face: the print edition's Charis SIL, subset to the characters
of one page (HarfBuzz) and embedded in it as WOFF2 (fontTools), so a reader who has not installed
it sees the same face as the PDF, not a fallback glyph by glyph.

The faces are the installed Charis SIL (Debian's fonts-sil-charis, else wherever
fontconfig finds it); without them the page names the face as before and the build
says so. A subset is a Modified Version under the SIL Open Font License, which may not
bear the Reserved Font Names "Charis" and "SIL": it is named FAMILY, and keeps the
font's copyright, trademark, designers and full licence text in its name table; the
page's stylesheet carries the notice above the rules.

Subsets are kept in build/.cache/fonts/ under a digest of the face and the characters,
so a rebuild with the same characters (the preview, on every save) does not subset again.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import subprocess
from pathlib import Path

from .confine import Refused, confined

FAMILY = "Toolkit Text"  # the subset's name (web.css's font-family names it first)
ORIGINAL = "Charis SIL"
# style (as the files and fontconfig name it), CSS font-style, CSS font-weight
FACES = (("Regular", "normal", 400), ("Italic", "italic", 400), ("Bold", "normal", 700),
         ("BoldItalic", "italic", 700))
DEBIAN = Path("/usr/share/fonts/truetype/charis")
CACHE = Path("build") / ".cache" / "fonts"
KEEP = 32  # subsets kept in the cache, newest first: every face of a few languages, twice
_made: dict[Path, bytes] = {}
LAYOUT = "2"  # how subsets are made (options, names); another value makes them again
# besides the page's text: what a browser may set itself (a hyphen, a no-break space)
ALWAYS = "".join(map(chr, range(0x20, 0x7F))) + "\u00a0\u00ad\u2010"


def installed() -> dict[str, Path]:
    """The installed Charis SIL's four faces by style; empty unless all four are found."""
    known = {style: DEBIAN / f"CharisSIL-{style}.ttf" for style, _, _ in FACES}
    if all(path.is_file() for path in known.values()):
        return known
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return {}
    try:
        listed = subprocess.run([fc_list, "--format", "%{file}\t%{style[0]}\n", ORIGINAL],
                                capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, Path] = {}
    for line in listed.splitlines():
        file, _, style = line.partition("\t")
        if file.lower().endswith((".ttf", ".otf")):
            found.setdefault(style.replace(" ", ""), Path(file))
    return {style: found[style] for style, _, _ in FACES} if all(s in found for s, _, _ in FACES) else {}


def identity() -> list | str:
    """What a web edition is made from, of the faces: their files by size and time
    (not read: a build with nothing changed stays fast)."""
    try:
        stats = [(str(path), path.stat()) for path in installed().values()]
    except OSError:
        return "missing"
    return [(path, info.st_size, info.st_mtime_ns) for path, info in stats] or "missing"


def font_faces(text: str, root: Path) -> tuple[str, str]:
    """The @font-face rules embedding each face, subset to `text`'s characters, with the
    licence notice; or "" and why not."""
    faces = installed()
    if not faces:
        return "", (f"{ORIGINAL} is not installed, so the web edition embeds no text face: "
                    "a reader without it sees another")
    from fontTools import version

    characters = "".join(sorted(set(text + ALWAYS) - {"\n", "\r", "\t"}))
    rules = []
    try:
        for style, css_style, weight in FACES:
            path = faces[style]
            info = path.stat()
            key = hashlib.sha256(f"{LAYOUT}\0{version}\0{path}\0{info.st_size}\0{info.st_mtime_ns}\0{characters}"
                                 .encode("utf-8")).hexdigest()
            data = _cached(root, key)
            if data is None:
                data = subset(path, characters, style)
                _made[CACHE / f"{key}.woff2"] = data
            rules.append(f'@font-face {{ font-family: "{FAMILY}"; font-style: {css_style}; font-weight: {weight}; '
                         "font-display: swap;\n  src: url(data:font/woff2;base64,"
                         f'{base64.b64encode(data).decode("ascii")}) format("woff2"); }}')
        notice = _notice(faces["Regular"])
    except Exception as exc:  # a face unreadable or broken: the page as without it
        return "", f"{ORIGINAL} could not be embedded ({exc.__class__.__name__}: {exc})"
    return notice + "\n".join(rules) + "\n", ""


def subset(path: Path, characters: str, style: str) -> bytes:
    """The face at `path` as WOFF2, with only the glyphs `characters` need (their accents,
    ligatures and kerning with them), renamed FAMILY as the licence asks. HarfBuzz
    subsets (a millisecond a face; fontTools' subsetter takes a tenth of a second, four
    times a page); fontTools renames and compresses."""
    import uharfbuzz as hb
    from fontTools.ttLib import TTFont

    wanted = hb.SubsetInput()
    for character in characters:
        wanted.unicode_set.add(ord(character))
    for name_id in range(15):  # 0, 7-14: copyright, trademark, designers, licence
        wanted.name_id_set.add(name_id)
    for language in {record.langID for record in TTFont(path, lazy=True)["name"].names}:
        wanted.name_lang_id_set.add(language)
    for tag in ("Silf", "Glat", "Gloc", "Feat", "Sill", "Silt"):  # Graphite and SIL's own: no browser reads them
        wanted.drop_table_tag_set.add(int.from_bytes(tag.encode("ascii"), "big"))
    wanted.flags = hb.SubsetFlags.NO_HINTING  # a third of the size; browsers set unhinted outlines well
    made = hb.subset(hb.Face(hb.Blob.from_file_path(str(path))), wanted)
    if made is None:
        raise ValueError(f"HarfBuzz could not subset {path.name}")
    font = TTFont(io.BytesIO(bytes(made.blob.data)))
    font.recalcTimestamp = False  # the same bytes for the same characters
    _rename(font, style)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _rename(font, style: str) -> None:
    name = font["name"]
    spaced = {"BoldItalic": "Bold Italic"}.get(style, style)
    version = name.getDebugName(5) or ""
    name.removeNames(nameID=16)
    name.removeNames(nameID=17)
    for name_id, value in ((1, FAMILY), (3, f"{FAMILY} {spaced}: {version}"), (4, f"{FAMILY} {spaced}"),
                           (6, f"{FAMILY.replace(' ', '')}-{style}"),
                           (10, f"A subset of {ORIGINAL} ({version}) by SIL International, renamed as the "
                                "SIL Open Font License asks of a Modified Version.")):
        name.removeNames(nameID=name_id)
        name.setName(value, name_id, 3, 1, 0x409)


def _notice(path: Path) -> str:
    """The face's copyright and licence, as a comment above the rules."""
    from fontTools.ttLib import TTFont

    names = TTFont(path, lazy=True)["name"]
    copyright = (names.getDebugName(13) or "").split("\n\n")[0] or names.getDebugName(0)
    text = (f"{ORIGINAL} ({names.getDebugName(5)}), subset to this page's characters and named "
            f'"{FAMILY}". {copyright} Licensed under the SIL Open Font License, Version 1.1 '
            f"({names.getDebugName(14)}); each font below carries its full text.")
    return "/* " + " ".join(text.replace("*/", "* /").split()) + " */\n"


def _cache_file(root: Path, key: str) -> Path:
    return root / CACHE / f"{key}.woff2"


def _cached(root: Path, key: str) -> bytes | None:
    """A subset made before, if it is a WOFF2 file inside the project."""
    try:
        path = confined(root, _cache_file(root, key), "web font")
        data = path.read_bytes()
        os.utime(path)  # newest used: kept longest
    except (Refused, OSError):
        return None
    return data if data.startswith(b"wOF2") else None


def made() -> dict[Path, bytes]:
    """The subsets made since the last call, by their place in the project: the build writes
    them with the editions, so a refused or failed build leaves no cache behind either."""
    new = dict(_made)
    _made.clear()
    return new


def prune(root: Path) -> None:
    """Drops the cached subsets beyond KEEP, the least recently used first."""
    try:
        kept = sorted((root / CACHE).glob("*.woff2"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        return
