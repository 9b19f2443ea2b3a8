"""The source's images, copied into the project's figures/ and their paths rewritten.

A Markdown manuscript names its images relative to itself (`figure.png`,
`img/map.png`); a project's section names them relative to the section file,
two folders down (`manuscript/en/01-…md` → `../../figures/map.png`). Each local
image is copied once; an image on the network or missing is reported and its
path left as written (check then reports it too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from ..confine import Refused, confined

from ..markdown_code import code_ranges, outside_code
from .markdown_text import image_path, images

FIGURES = PurePosixPath("figures")
FROM_SECTION = "../../"  # from manuscript/<lang>/NN-x.md back to the project
_HTML_IMAGE = re.compile(r"(<img\b[^>]*?\bsrc\s*=\s*)([\"'])([^\"']+)\2", re.I)
_MAX_IMAGE = 50 * 2**20  # the size the toolkit reads an image up to


@dataclass
class Figures:
    text: str
    files: dict[str, bytes] = field(default_factory=dict)  # project path -> bytes
    copied: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, source path, project path)
    missing: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, path, why)


def copy_figures(text: str, folder: Path) -> Figures:
    """`text` with its images' paths pointing into figures/, and the files to write there."""
    out = Figures(text)
    by_source: dict[Path, str] = {}

    def placed(written: str, at: int) -> str | None:
        path = unquote(written)
        if re.match(r"[a-z][a-z0-9+.-]*:", path, re.I) or path.startswith("//"):
            out.missing.append((at, written, "an image on the network: the editions embed only the project's files"))
            return None
        if not (folder / path).exists():
            out.missing.append((at, written, "not found next to the source"))
            return None
        try:  # only the manuscript's own folder: a path out of it ("/home/…/.ssh/id_rsa") is never copied
            source = confined(folder, path, "image", written)
        except Refused as refused:
            out.missing.append((at, written, f"{refused}: the import reads only the manuscript's folder"))
            return None
        if source in by_source:
            return FROM_SECTION + by_source[source]
        if source.stat().st_size > _MAX_IMAGE:
            out.missing.append((at, written, "larger than the 50 MB the toolkit reads an image up to"))
            return None
        target = _target(PurePosixPath(path.replace("\\", "/")), set(out.files))
        out.files[str(target)] = source.read_bytes()
        by_source[source] = str(target)
        out.copied.append((at, written, str(target)))
        return FROM_SECTION + str(target)

    for image in reversed(images(out.text)):
        path, rest = image_path(image.target)
        new = placed(path, image.start)
        if new:
            image.target = (f"<{new}>" if " " in new else new) + rest
            out.text = out.text[:image.start] + image.written() + out.text[image.end:]
    ranges = code_ranges(out.text)

    def html(match: re.Match) -> str:
        new = placed(match.group(3), match.start()) if outside_code(out.text, match.start(), ranges) else None
        return f"{match.group(1)}{match.group(2)}{new}{match.group(2)}" if new else match.group(0)

    out.text = _HTML_IMAGE.sub(html, out.text)
    out.copied.sort()
    return out


def _target(path: PurePosixPath, taken: set[str]) -> PurePosixPath:
    """figures/<path as written> when it stays below the source's folder, else figures/<name>; never a name twice."""
    parts = [p for p in path.parts if p not in ("", ".")]
    if ".." in parts or path.is_absolute():
        parts = [path.name]
    if parts and parts[0] == FIGURES.name:
        parts = parts[1:]
    target = FIGURES.joinpath(*parts)
    n = 2
    while str(target) in taken:
        target = target.with_name(f"{PurePosixPath(parts[-1]).stem}-{n}{target.suffix}")
        n += 1
    return target
