"""The one gateway to WeasyPrint; also the fence that keeps it inside the project.

Imported only by the PDF writer: `import weasyprint` alone costs about a second.
WeasyPrint runs in-process, bounded: the print HTML may have at most MAX_HTML
of markup, each resource it loads at most MAX_RESOURCE and each raster image at
most Pillow's MAX_IMAGE_PIXELS (the decompression-bomb guard), and the run may
take 30 s (TOOLKIT_TIME_LIMIT) + 1 s per 10 kB of markup; the shipped article's
editions (18 kB) take under a second, 1.7 MB of markup about 26 s.
"""

from __future__ import annotations

import io
import logging
import re
import sys
import threading
import warnings
import zlib
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..pdf_paths import pdf_operators
from .ziamath import GLYPHS, XLINK_HREF
from .limits import Deadline, EngineLimit, deadline, time_base

MB = 1024 * 1024
MAX_HTML = 10 * MB  # of markup, data: URIs not counted (each is a resource)
MAX_RESOURCE = 50 * MB  # per image, stylesheet or font, as loaded
TIME_PER_BYTE = 1 / 10_000  # seconds per byte of markup, beside the base
PILLOW_PIXELS = 89_478_485  # Pillow's own default, should MAX_IMAGE_PIXELS have been switched off
_DATA_URI = re.compile(r"data:[^\s\"')>]*")


class RefusedResource(ValueError):
    pass


class WeasyPrintLimit(EngineLimit):
    """WeasyPrint passed its time bound or was given too much; the PDF was not made."""


def _shown(url: str) -> str:
    return url if len(url) <= 80 else url[:60] + "…"


def _pixel_limit() -> int:
    from PIL import Image

    return Image.MAX_IMAGE_PIXELS or PILLOW_PIXELS


def _fetcher_class():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class ProjectFetcher(URLFetcher):
        """Fetches `file:` URLs below the allowed folders and `data:` URLs, within the size
        bounds; nothing else."""

        def __init__(self, allowed: list[Path]):
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
            self.allowed = [p.resolve() for p in allowed]
            self.refused: list[str] = []
            self.limit: WeasyPrintLimit | None = None  # the bound a resource passed

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return self._bounded(url, super().fetch(url, headers))
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path)).resolve()
                if any(path.is_relative_to(root) for root in self.allowed):
                    return self._bounded(url, super().fetch(url, headers))
            self.refused.append(url)
            raise RefusedResource(f"refused to load {url}: not a file of the project or the toolkit")

        def _bounded(self, url, response):
            try:
                data = response.read(MAX_RESOURCE + 1)
            finally:
                response.close()
            if len(data) > MAX_RESOURCE:
                self._stop(f"WeasyPrint was given a resource larger than {MAX_RESOURCE // MB} MB ({_shown(url)})",
                           f"{MAX_RESOURCE // MB} MB per image, stylesheet or font")
            if (pixels := _pixels(data) or 0) > _pixel_limit():
                self._stop(f"WeasyPrint was given an image of {pixels:,} pixels ({_shown(url)})",
                           f"{_pixel_limit():,} pixels, Pillow's decompression-bomb guard")
            return URLFetcherResponse(response.url, data, response.headers, response.status)

        def _stop(self, what: str, rule: str):
            self.limit = WeasyPrintLimit("weasyprint", "size", what, rule)
            raise FatalURLFetchingError(what)  # stops the rendering at once

    return ProjectFetcher


# the signatures of the raster formats Pillow opens for WeasyPrint
_RASTER = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"BM", b"II*\x00", b"MM\x00*")


def _pixels(data: bytes) -> int | None:
    """A raster image's pixel count from its header (nothing is decoded); None for anything else."""
    if not data.startswith(_RASTER):
        return None  # a stylesheet, a font, an SVG: no need to load Pillow's plugins for it
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                return image.size[0] * image.size[1]
    except Image.DecompressionBombError as exc:  # so large that Pillow refuses to open it
        found = re.search(r"\((\d+) pixels\)", str(exc))
        return int(found.group(1)) if found else 2 * _pixel_limit() + 1
    except Exception:  # not an image Pillow reads: a stylesheet, a font, an SVG
        return None


def markup_size(html: str) -> int:
    """Bytes of the HTML that are not data: URIs (those are bounded as resources)."""
    return len(html.encode("utf-8")) - sum(len(m.group()) for m in _DATA_URI.finditer(html))


def time_limit(html: str) -> tuple[float, str]:
    base = time_base()
    return base + markup_size(html) * TIME_PER_BYTE, f"{base:g} s + 1 s per 10 kB of HTML"


def _quick_paths() -> None:
    """A formula's glyph outlines drawn as toolkit.pdf_paths converts them, several times
    faster than WeasyPrint's own parsing; any other path, or one with markers or a
    style, still goes to WeasyPrint's own."""
    from weasyprint import svg

    own = svg.TAGS.get("path")
    if own is None or getattr(own, "quick", False):
        return

    def path(image, node, font_size):
        plain = "style" not in node.attrib and not any(name.startswith("marker") for name in node.attrib)
        operators = pdf_operators(node.get("d", "")) if plain else None
        if operators is None:
            return own(image, node, font_size)
        image.stream.stream.append(operators)  # what pydyf's move_to, line_to, curve_to, close append

    path.quick = True
    svg.TAGS["path"] = path
    if "g" not in svg.TAGS:  # WeasyPrint draws nothing for a group itself, only its children
        svg.TAGS["g"] = _glyphs


def _spaces_hang() -> None:
    """A run of text that fits the rest of a line but for its final space (the run before
    a span: a word kept whole, a link, an emphasis) stays on it, the space hanging past the measure as WeasyPrint's
    callers allow (trailing_whitespace_size). WeasyPrint measures the space, takes the run
    for one word too long and ends the line after its first word, or hyphenates it: a
    short line in mid paragraph ("gələ-" / "cəyə" / "narahatlıqla ...")."""
    from math import inf

    from weasyprint.layout import inline

    own = getattr(inline, "split_first_line", None)  # a WeasyPrint without it: its own breaks stand
    if own is None or getattr(own, "hangs", False):
        return

    def split_first_line(text, style, context, max_width, justification_spacing, is_line_start=True,
                         minimum=False):
        found = own(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        resume = found[2]
        if resume is None or minimum or max_width is None or style["white_space"] != "normal" \
                or not text.endswith(" "):
            return found
        whole = own(text.rstrip(" "), style, context, max_width, justification_spacing, is_line_start, minimum)
        if whole[2] is not None or whole[3] > max_width:
            return found  # the run does not fit: WeasyPrint's break stands
        return own(text, style, context, inf, justification_spacing, is_line_start, minimum)

    split_first_line.hangs = True
    inline.split_first_line = split_first_line


_BLACK = {"black", "#000", "#000000", "rgb(0,0,0)"}
# what would draw a glyph otherwise than its outline filled in black, where it is placed
_RESTYLED = {"transform", "style", "opacity", "fill-opacity", "fill-rule", "stroke", "clip-path", "mask", "filter",
             "visibility", "display", "preserveAspectRatio", "marker-start", "marker-mid", "marker-end"}


class _GlyphForm:
    """A glyph's outline as a PDF form, drawn wherever the glyph stands. It goes through
    WeasyPrint's store of images, which puts each one into the PDF once, whatever the
    pages that use it."""

    def __init__(self, key: str, operators: bytes, box: tuple[float, float, float, float]):
        self.id, self.operators, self.box = key, operators, box

    def get_x_object(self, interpolate, dpi_ratio):
        import pydyf

        x, y, width, height = self.box
        extra = pydyf.Dictionary({"Type": "/XObject", "Subtype": "/Form",
                                  "BBox": pydyf.Array((x, y, x + width, y + height))})
        return pydyf.Stream([self.operators, b"f"], extra, compress=True)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _symbols(image) -> dict:
    """The SVG's symbols by id, as parsed (WeasyPrint's nodes would cascade styles first)."""
    found = getattr(image, "_toolkit_symbols", None)
    if found is None:
        root = image.tree._etree_node
        found = image._toolkit_symbols = {e.get("id"): e for defs in root if _local(defs.tag) == "defs"
                                          for e in defs if _local(e.tag) == "symbol"}
    return found


def _placed(image, use, symbols: dict) -> bytes | None:
    """One glyph: its form drawn where the use puts it, or None where the use is not the
    plain placement of a symbol with one outline (WeasyPrint then draws the group itself)."""
    symbol = symbols.get((use.get("href") or use.get(XLINK_HREF) or "").lstrip("#"))
    outlines = list(symbol) if symbol is not None else []
    if len(outlines) != 1 or _local(outlines[0].tag) != "path" or _RESTYLED & set(use.attrib) \
            or _RESTYLED & set(symbol.attrib) or _RESTYLED & set(outlines[0].attrib):
        return None
    operators = pdf_operators(outlines[0].get("d", ""))
    try:
        vx, vy, vw, vh = (float(v) for v in symbol.get("viewBox", "").replace(",", " ").split())
        x, y, w, h = (float(use.get(name, "0")) for name in ("x", "y", "width", "height"))
    except ValueError:
        return None
    if operators is None or vw <= 0 or vh <= 0:
        return None
    scale = min(w / vw, h / vh)  # the viewBox fitted into the use's box, centred (SVG's default)
    tx, ty = x + (w - vw * scale) / 2 - vx * scale, y + (h - vh * scale) / 2 - vy * scale
    key = f"g{zlib.crc32(operators):08x}{len(operators)}"
    name = image.stream.add_image(_GlyphForm(key, operators, (vx, vy, vw, vh)), False, 1)
    return b"q %.5f 0 0 %.5f %.3f %.3f cm /%s Do Q" % (scale, scale, tx, ty, name.encode("ascii"))


def _glyphs(image, node, font_size) -> None:
    """A formula's group of glyphs (engines/ziamath.py `_grouped`), each a PDF form drawn
    where it stands; any other group, or one painted otherwise than black, as WeasyPrint
    draws it."""
    parsed = getattr(node, "_etree_node", None)  # WeasyPrint's nodes would cascade styles first
    if node.get("class") != GLYPHS or parsed is None or not hasattr(node, "override_iter"):
        return
    uses = list(parsed)
    if not all(_local(use.tag) == "use" and use.get("fill", "black") in _BLACK for use in uses):
        return
    symbols = _symbols(image)
    drawn = [_placed(image, use, symbols) for use in uses]
    if drawn and all(d is not None for d in drawn):
        image.stream.stream.append(b"0 0 0 rg\n" + b"\n".join(drawn))
        node.override_iter(iter(()))  # drawn: WeasyPrint leaves its uses


class _Collected(logging.Handler):
    """WeasyPrint's warnings (a CSS rule ignored, an anchor defined twice, an image it
    could not load), kept to be reported rather than printed."""

    def __init__(self, into: list[str]):
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.into.append(record.getMessage())
        except Exception:  # a malformed record: its format string as it is
            self.into.append(str(record.msg))


_preloading: list[threading.Thread] = []


def _import() -> None:
    try:
        with _sonames_only():
            import weasyprint  # noqa: F401
    except Exception:  # render_pdf imports it again, the usual way, and reports what fails
        pass


@contextmanager
def _sonames_only():
    """cffi looks each library name WeasyPrint tries up with ctypes' find_library, which on
    Linux runs ldconfig, gcc and ld for every name that does not load (twenty-odd: 0.15 s of
    processes); each library WeasyPrint needs is also tried by its soname (libpango-1.0.so.0),
    which the loader opens directly. Where one does not, the import fails here and the next
    one looks the names up."""
    if sys.platform != "linux":
        yield
        return
    import ctypes.util

    looked_up = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = looked_up


def preload() -> None:
    """Import WeasyPrint in the background, once: the build runs pandoc meanwhile (which
    leaves this process idle), so the second the import takes is mostly hidden. Call it
    only where no process is forked afterwards (a fork copies a held import lock)."""
    if not _preloading and "weasyprint" not in sys.modules:
        thread = threading.Thread(target=_import, name="import weasyprint", daemon=True)
        _preloading.append(thread)
        thread.start()


def render_pdf(html: str, base: Path, allowed: list[Path], variant: str | None = None,
               attachments: list[Path] = (), warnings: list[str] | None = None,
               ladders: list | None = None) -> tuple[bytes, list[str]]:
    """Render print HTML to PDF bytes; return them with the URLs that were refused.

    The PDF is tagged. `variant` is a WeasyPrint PDF variant (pdf/a-3b, pdf/ua-1); `attachments`
    are embedded as the document's source files (PDF/A-3 associated files);
    `warnings`, when given, receives WeasyPrint's warnings, `ladders` the runs of
    hyphenated line ends (weasyprint_lines.Ladder) and the pages ending on one (a Ladder of
    one line) that a few more layouts did not mend (weasyprint_lines).
    WeasyPrintLimit when the HTML, a resource or the time is too much.
    """
    if (size := markup_size(html)) > MAX_HTML:
        raise WeasyPrintLimit("weasyprint", "size", f"the print HTML has {size / MB:.1f} MB of markup",
                              f"{MAX_HTML // MB} MB")
    for thread in _preloading:
        thread.join()
    _import()  # quickly, when not imported yet; else the next line says what fails
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    from ..hyphenation import register
    from .weasyprint_lines import ladder, ladders as runs, laid_out, page_ends

    register()  # the language profiles' dictionaries (Azerbaijani, Turkish: Pyphen has none)
    _quick_paths()  # formulas are SVG glyph outlines: thousands of path points a page
    _spaces_hang()  # no line of one word before a proper name's span
    fetcher = _fetcher_class()(allowed)
    logger = logging.getLogger("weasyprint")
    logger.setLevel(logging.WARNING if warnings is not None else logging.ERROR)
    logger.propagate = False  # to the caller, never printed on the terminal
    collected = _Collected([] if warnings is None else warnings)
    logger.addHandler(collected)
    seconds, rule = time_limit(html)
    try:
        with deadline(seconds):
            document = weasyprint.HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=fetcher)
            files = [weasyprint.Attachment(filename=str(path), name=path.name, relationship="Source",
                                           description=f"source: {path.relative_to(base)}") for path in attachments]
            # tagged whatever the variant (a structure tree for assistive technology and reflow);
            # it costs about 15 % in size and no measurable time
            options = {"pdf_variant": variant, "pdf_tags": True, "attachments": files or None}
            pages, found = laid_out(document, options, seconds / 2)
            pdf = pages.write_pdf(**options)
    except Deadline:
        raise WeasyPrintLimit("weasyprint", "time", f"WeasyPrint took longer than {round(seconds, 1):g} s",
                              rule) from None
    except FatalURLFetchingError:
        if fetcher.limit is None:
            raise
        raise fetcher.limit from None
    finally:
        logger.removeHandler(collected)
    if ladders is not None:  # what the layouts left: ladders, and page ends (a line each)
        ladders.extend(ladder(run) for run in runs(found))
        ladders.extend(ladder([line]) for line in page_ends(found))
    if fetcher.limit is not None:  # the engine caught the stop and went on: the PDF lacks something
        raise fetcher.limit
    return pdf, fetcher.refused
