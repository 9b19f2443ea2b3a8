"""The lines of WeasyPrint's pages, read from its layout tree: a page never ends on a
hyphenated word, and ladders of hyphenated line ends are found.

CSS has no property for either and WeasyPrint none of its own. So after layout the
lines of each page's text are read; a word hyphenated at a page's last line end, or
at the line end of a ladder (three or more in a row with a hyphen) whose line it
leaves least loose, is marked unbreakable in the parsed document and the pages are
laid out again, a bounded number of times (each pass costs one layout: README,
"Hyphenation"). Ladders still left are returned, for the PDF writer to report.
"""

from __future__ import annotations

import gc
import re
import time
from dataclasses import dataclass, replace

HYPHENATED = "\u2010"  # WeasyPrint's hyphenate-character; a source hyphen stays "-"
LADDER = 3  # line ends in a row
PASSES = 3  # layouts after the first, at most
UNBROKEN = "hyphens: manual; white-space: nowrap"
LOOSE = 0.5  # em of space added to each word space of a line, at most, by mending a ladder
_WORD_END = re.compile(r"[^\W\d_][-\u2010]$")  # a word (or compound) broken at the end
_FRAGMENT = re.compile(r"[^\W\d_][\w-]*$")


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    text: str
    element: object  # the element whose text ends the line (a p, an em)
    block: object  # the element of the block the line belongs to
    heading: str  # the text of the last heading before it
    loose: float = 0.0  # em added to each word space were its broken word set whole on the next line

    @property
    def hyphen(self) -> bool:
        """Ends in a hyphen: one WeasyPrint inserted, or a compound's own."""
        return bool(_WORD_END.search(self.text))


def _text(box) -> str:
    return "".join(getattr(child, "text", "") for child in box.descendants() if hasattr(child, "text"))


def lines(document) -> list[Line]:
    """The lines of the pages' running text in reading order: no running heads, page
    numbers or footnotes."""
    from weasyprint.formatting_structure import boxes

    found: list[Line] = []
    heading = [""]

    def visit(box, page: int) -> None:
        if isinstance(box, (boxes.MarginBox, boxes.FootnoteAreaBox)):
            return
        if getattr(box, "element_tag", None) in ("h1", "h2", "h3") and isinstance(box, boxes.BlockBox):
            heading[0] = " ".join(_text(box).split())
            return
        if isinstance(box, boxes.LineBox):
            texts = [t for t in box.descendants() if isinstance(t, boxes.TextBox)]
            if texts:
                justified = box.style["text_align_all"] == "justify"  # a ragged line is never loose
                line = Line(page, "".join(t.text for t in texts).rstrip(), texts[-1].element, box.element,
                            heading[0])
                found.append(replace(line, loose=_loosened(line, texts)) if line.hyphen and justified else line)
            return
        for child in getattr(box, "children", ()):
            visit(child, page)

    for number, page in enumerate(document.pages, 1):
        visit(page._page_box, number)
    return found


def _loosened(line: Line, texts: list) -> float:
    """The em each word space of a justified line would gain were its broken word taken
    off it: the fragment and the space before it spread over the spaces left (widths
    estimated from the line's mean character width)."""
    spaces = sum(t.text.count(" ") + t.text.count("\u00a0") for t in texts)
    if spaces < 2:
        return float("inf")
    added = texts[-1].justification_spacing
    mean = (sum(t.width for t in texts) - added * spaces) / len(line.text)
    taken = mean * (len(fragment(line)) + 2)  # the fragment, its hyphen, the space before it
    return (added * spaces + taken) / (spaces - 1) / texts[-1].style["font_size"]


def page_ends(found: list[Line]) -> list[Line]:
    """Each page's last line of text that ends in a hyphen; the last page's never counts."""
    last = {line.page: line for line in found}
    final = max(last, default=0)
    return [line for page, line in sorted(last.items()) if page != final and line.hyphen]


def ladders(found: list[Line], length: int = LADDER) -> list[list[Line]]:
    """Runs of `length` or more lines of one block that end in a hyphen."""
    runs, run = [], []
    for line in found:
        if line.hyphen and (not run or run[-1].block is line.block):
            run.append(line)
            continue
        if len(run) >= length:
            runs.append(run)
        run = [line] if line.hyphen else []
    if len(run) >= length:
        runs.append(run)
    return runs


def fragment(line: Line) -> str:
    """The beginning of the word broken at the line's end, as the source writes it."""
    found = _FRAGMENT.search(line.text.removesuffix(HYPHENATED))
    return found.group() if found else ""


def unbreak(line: Line) -> bool:
    """Set the word broken at the end of `line` in a span that keeps it whole, wherever
    it stands in the line's element; False when it cannot be found there."""
    start = fragment(line)
    if not start:
        return False
    word = re.compile(rf"(?<![\w-]){re.escape(start)}[\w-]*")
    element, done = line.element, False
    children = list(element)
    for index in range(len(children), -1, -1):  # each child's tail from the last, then the element's text
        owner = children[index - 1] if index else None
        text = (element.text if owner is None else owner.tail) or ""
        matches = word.findall(text)
        if not matches:
            continue
        parts = word.split(text)
        if owner is None:
            element.text = parts[0]
        else:
            owner.tail = parts[0]
        for offset, (match, after) in enumerate(zip(matches, parts[1:])):
            span = element.makeelement("span", {"style": UNBROKEN})
            span.text, span.tail = match, after
            element.insert(index + offset, span)
        done = True
    return done


@dataclass(frozen=True)
class Ladder:
    page: int  # of its first line, 1-based
    ends: tuple[str, ...]  # the words broken, as printed ("müha‐")
    heading: str  # of the section it is in
    text: str  # its lines, joined as the source writes them


def ladder(run: list[Line]) -> Ladder:
    text = "".join(line.text.removesuffix(HYPHENATED) if line.text.endswith(HYPHENATED) else line.text + " "
                   for line in run)
    return Ladder(run[0].page, tuple(line.text.split()[-1] for line in run), run[0].heading, text.strip())


def mend(run: list[Line]) -> Line | None:
    """The line of a ladder whose broken word is best kept whole: of its first three, those
    that leave no three in a row, the one left least loose; None (the ladder is reported)
    where that one would gain more than LOOSE em a word space."""
    whole = [run[i] for i in range(LADDER) if len(run) - 1 - i < LADDER] or run[:LADDER]
    line = min(whole, key=lambda line: line.loose)
    return line if line.loose <= LOOSE else None


def mended(found: list[Line]) -> list[Line]:
    """The lines whose broken word is to be kept whole: a page's last line, and a line of
    each ladder of three or more (`mend`)."""
    return page_ends(found) + [line for run in ladders(found) if (line := mend(run))]


def laid_out(html, options: dict, budget: float, passes: int = PASSES):
    """`html` (a weasyprint.HTML) laid out so that no page but the last ends on a
    hyphenated word and no three line ends in a row are hyphenated, as far as `passes`
    more layouts within `budget` seconds get; with its lines."""
    started = time.perf_counter()
    document = html.render(**options)
    found, last = lines(document), time.perf_counter() - started
    for _ in range(passes):
        if time.perf_counter() - started + last > budget or not [line for line in mended(found) if unbreak(line)]:
            break
        begun = time.perf_counter()
        document = found = None  # the last layout let go before the next is made: a book's is hundreds of MB
        gc.collect()
        document = html.render(**options)
        found, last = lines(document), time.perf_counter() - begun
    return document, found
