"""A displayed quotation as journals set it, in every edition made from the edition's document.

The extract is set off by its indent, so the quotation marks its text opens and
closes with are not printed; its reference stays at its end. Who said it and
when stays data (`data-speaker`, `data-date` on the web edition's div) and is
printed under the extract only where the paragraph leading into it does not
say it already. That quotations are translated is said once, in a note at the
first of them ("Here and below, …"), not under every extract.
"""

from __future__ import annotations

import re

from .checks.parity import numbers
from .labels import labels
from .languages import lowered, profile
from .pandoc_ast import walk
from .plain_text import plain
from .typography import written_date

_WORD = re.compile(r"\w+")
_TRAILING = {"Space", "SoftBreak", "Cite", "Note"}  # what may follow the closing mark: the reference
_PUNCTUATION = ".,;:!?…"


def quotation_source(attributes: dict[str, str], language: str) -> str:
    """Who said a quotation and when: "İsmet İnönü, 10 avqust 1941"; "" when unknown."""
    speaker, date = attributes.get("speaker", ""), attributes.get("date", "")
    return ", ".join(p for p in (speaker[:1].upper() + speaker[1:], written_date(date, language)) if p)


def _is_quotation(block: dict) -> bool:
    return block["t"] == "Div" and "quotation" in block["c"][0][1]


def _in_order(blocks: list[dict]):
    """The quotation divs among `blocks`, in the order a reader meets them."""
    for block in blocks:
        if _is_quotation(block):
            yield block
        elif block["t"] == "Div":
            yield from _in_order(block["c"][1])


def _lower(text: str, language: str) -> str:
    """Small letters as the language has them; an English İ gives i, not i and a combining dot."""
    return lowered(text, language).replace("\u0307", "")


def _lead_in_text(block: dict | None) -> str:
    """The paragraph before a quotation as text, without its citations and notes."""
    if block is None or block["t"] not in ("Para", "Plain"):
        return ""
    return plain(walk(block["c"], lambda n: {"t": "Space"} if n["t"] in ("Cite", "Note") else n))


def says_speaker(text: str, speaker: str, language: str) -> bool:
    """Whether `text` names `speaker`: each of its words of four letters or more (all,
    if none is that long) begins a word of the text, give or take an ending of
    two letters ("Saydam", "hökumətləri"/"hökumətlərin")."""
    said = _WORD.findall(_lower(text, language))
    named = _WORD.findall(_lower(speaker, language))
    named = [w for w in named if len(w) >= 4] or named
    return bool(named) and all(any(w2.startswith(w[:max(4, len(w) - 2)]) for w2 in said) for w in named)


def says_date(text: str, date: str, language: str) -> bool:
    """Whether `text` states `date` (an ISO date or a year): its year, month and day, in any
    form the parity check reads ("10 avqust 1941-ci ildə", "17 декабря 1925 г.")."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date.strip())
    if not m:
        return date.strip().lower() in text.lower()
    found = numbers(text, language)
    wanted = [m.group(1)] + ([f"month {int(m.group(2))}"] if m.group(2) else []) + \
             ([str(int(m.group(3)))] if m.group(3) else [])
    return all(found[w] for w in wanted)


def _unquoted(quote: dict, language: str) -> dict:
    """The block quote without the quotation marks around its whole text ("“…” [2]." → "… [2]."),
    where the first mark's match is the last closing one; otherwise as it is."""
    paras = quote["c"]
    if not paras or any(p["t"] not in ("Para", "Plain") for p in paras):
        return quote
    first, last = paras[0]["c"], paras[-1]["c"]
    end = len(last)
    while end and (last[end - 1]["t"] in _TRAILING
                   or (last[end - 1]["t"] == "Str" and last[end - 1]["c"].strip(_PUNCTUATION) == "")):
        end -= 1
    if not first or not end:
        return quote
    if len(paras) == 1 and end == 1 and first[0]["t"] == "Quoted" and first[0]["c"][0]["t"] == "DoubleQuote":
        return {"t": "BlockQuote", "c": [{"t": paras[0]["t"], "c": first[0]["c"][1] + last[1:]}]}
    own = profile(language)
    opening, closing = own.quotes[0] if own is not None else ("“", "”")
    head, tail = first[0], last[end - 1]
    if opening == closing or head["t"] != "Str" or tail["t"] != "Str" or not head["c"].startswith(opening):
        return quote
    kept = tail["c"].rstrip(_PUNCTUATION)
    if not kept.endswith(closing) or (head is tail and len(kept) < 2):
        return quote
    # the first mark must close at the last one, not before it ("“a” and “b”" stays)
    text = "".join(n["c"] for p in paras for n in p["c"] if n["t"] == "Str")
    stop = text.rfind(closing)
    depth = 0
    for at, char in enumerate(text[:stop]):
        depth += (char == opening) - (char == closing)
        if depth == 0:
            return quote
    if depth != 1:
        return quote
    blocks = [dict(p, c=list(p["c"])) for p in paras]
    blocks[-1]["c"][end - 1] = {"t": "Str", "c": kept[:-len(closing)] + tail["c"][len(kept):]}
    head = blocks[0]["c"][0]  # the same Str as the tail's in a one-word quotation
    blocks[0]["c"][0] = {"t": "Str", "c": head["c"][len(opening):]}
    return {"t": "BlockQuote", "c": blocks}


def _translation_notes(blocks: list[dict], language: str) -> dict[int, str]:
    """The note each quotation that starts a run of quotations translated from one
    language carries, by its place among the quotations: "Here and below, quotations
    are translated from the Azerbaijani text; original language: Turkish.\""""
    words = labels(language)
    names = words["languages"]
    notes: dict[int, str] = {}
    runs: list[tuple[int, str, list[str]]] = []
    for place, div in enumerate(_in_order(blocks)):
        attributes = dict(div["c"][0][2])
        source = attributes.get("translated-from", "")
        if source and runs and runs[-1][1] == source and runs[-1][0] + len(runs[-1][2]) == place:
            runs[-1][2].append(attributes.get("original-language", ""))
        elif source:
            runs.append((place, source, [attributes.get("original-language", "")]))
    for place, source, originals in runs:
        text = words["translated-quotations"].format(source=names.get(source, source))
        originals = [names.get(o, o) for o in dict.fromkeys(originals) if o]
        if len(originals) == 1:
            text += "; " + words["original-language"].format(language=originals[0])
        elif originals:
            text += "; " + words["original-languages"].format(languages=", ".join(originals))
        notes[place] = text + "."
    return notes


def set_quotations(blocks: list[dict], language: str) -> list[dict]:
    """The edition's blocks with each quotation set as the module says."""
    notes = _translation_notes(blocks, language)
    met = [0]  # quotations met so far, in the order `_in_order` counts them

    def quotation(div: dict, lead: str) -> dict:
        (ident, classes, attrs), content = div["c"]
        attributes = dict(attrs)
        content = [_unquoted(b, language) if b["t"] == "BlockQuote" else b for b in content]
        if note := notes.get(met[0]):
            content = _noted(content, note)
        met[0] += 1
        speaker, date = attributes.get("speaker", ""), attributes.get("date", "")
        said = quotation_source({"speaker": "" if speaker and says_speaker(lead, speaker, language) else speaker,
                                 "date": "" if date and says_date(lead, date, language) else date}, language)
        if said:
            content.append({"t": "Div", "c": [["", ["quotation-source"], [["custom-style", "Quotation Source"]]],
                                              [{"t": "Para", "c": [{"t": "Str", "c": f"— {said}"}]}]]})
        return {"t": "Div", "c": [[ident, classes, attrs], content]}

    def each(blocks: list[dict]) -> list[dict]:
        out: list[dict] = []
        for block in blocks:
            if _is_quotation(block):
                block = quotation(block, _lead_in_text(out[-1] if out else None))
            elif block["t"] == "Div":
                block = {"t": "Div", "c": [block["c"][0], each(block["c"][1])]}
            out.append(block)
        return out

    return each(blocks)


def _noted(content: list[dict], note: str) -> list[dict]:
    """The quotation with `note` as a footnote at the end of its extract."""
    call = {"t": "Note", "c": [{"t": "Para", "c": [{"t": "Str", "c": note}]}]}
    for at in range(len(content) - 1, -1, -1):
        block = content[at]
        if block["t"] == "BlockQuote" and block["c"] and block["c"][-1]["t"] in ("Para", "Plain"):
            last = block["c"][-1]
            quote = {"t": "BlockQuote", "c": block["c"][:-1] + [{"t": last["t"], "c": last["c"] + [call]}]}
            return content[:at] + [quote] + content[at + 1:]
    return content + [{"t": "Para", "c": [call]}]
