"""The writers: one contract for everything the toolkit writes from an article.

A writer is registered here once: its format name, the file it writes, whether
`toolkit build` makes it by default, the options it takes (the CLI derives its
flags and their choices from them), the document transforms its edition goes
through, and the function `render(edition, project, **options) -> bytes` that
writes it (`renderer`). Modules are imported only when their format is made (the PDF
writer pulls WeasyPrint).

The transforms every edition shares — formulas, numbering and
cross-references — are made once, in `edition.prepare` (and by the JATS
writer on its own reading, through the same `edition.shared_transforms`);
what is named here is what one format needs on top. A writer that reads the
sources itself (JATS, which needs citations as citations, and the
bibliography exports) is given an edition with its language and style only
(`reads_edition` false), so no edition is prepared for it. A writer may name
companion files (JATS its figures): `render` then takes `files`, a dict it
fills with their names beside the output and the project's files.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    """An option of a writer, offered by `toolkit build` as `--<flag>`."""

    keyword: str  # the keyword `render` takes
    flag: str  # the command-line flag, without its dashes
    choices: tuple[str, ...]
    default: str | None
    help: str


@dataclass(frozen=True)
class Writer:
    name: str  # the format's name (`--format NAME`)
    filename: str  # what it writes into build/<language>/
    summary: str  # one line for --help and README
    renderer: str  # "module:function" in toolkit.writers: `function(edition, project, **options) -> bytes`
    default: bool = False  # made by `toolkit build` without --format
    options: tuple[Option, ...] = ()
    transforms: tuple[str, ...] = ()  # "module:function" names, Edition -> Edition, applied in order
    reads_edition: bool = True  # False: it reads the sources itself, from the edition's language and style
    companions: bool = False  # it names other files it needs (`render(..., files=)`)

    def transformed(self, edition):
        for name in self.transforms:
            module, function = name.split(":")
            edition = getattr(importlib.import_module(f"{__name__}.{module}"), function)(edition)
        return edition

    def render(self, edition, project, files: dict | None = None, **options) -> bytes:
        """The format's bytes for `edition`; `files` receives the companions it names."""
        module, function = self.renderer.split(":")
        render: Callable = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        if self.companions:
            options["files"] = {} if files is None else files
        return render(self.transformed(edition), project, **options)


PAPERS = ("a4", "b5", "letter")
PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1")

WRITERS: dict[str, Writer] = {w.name: w for w in (
    Writer("html", "article.html", "the web edition: one self-contained page, MathML formulas", "html:render",
           default=True, transforms=("html:web_ast",)),
    Writer("pdf", "article.pdf", "the print edition, typeset by WeasyPrint", "pdf:render", default=True,
           options=(Option("paper", "paper", PAPERS, "a4", "page size of the PDF (default: a4)"),
                    Option("variant", "pdf-variant", PDF_VARIANTS, None,
                           "an archival PDF/A-3b (the Markdown and BibTeX sources attached) or an accessible "
                           "PDF/UA-1; default: the print edition (tagged, as both are)")),
           transforms=("pdf:print_ast",)),
    Writer("docx", "article.docx", "the Word edition, in the journal's look, Word equations", "docx:render",
           default=True, transforms=("docx:word_ast",)),
    Writer("jats", "article.jats.xml", "JATS 1.3 XML (Publishing), its figures under graphics/", "jats:render",
           reads_edition=False, companions=True),
    Writer("csl-json", "references.json", "the bibliography as CSL-JSON (every entry)", "exports:csl_json",
           reads_edition=False),
    Writer("ris", "references.ris", "the bibliography as RIS (every entry)", "exports:ris",
           reads_edition=False),
    Writer("bibtex", "references.bib", "the bibliography as written (several files one after the other)",
           "exports:bibtex", reads_edition=False),
)}
FORMATS = tuple(WRITERS)
DEFAULT_FORMATS = tuple(name for name, w in WRITERS.items() if w.default)


def writer(fmt: str) -> Writer:
    return WRITERS[fmt]


def options_for(fmt: str, given: dict[str, str | None]) -> dict[str, str]:
    """The options of `fmt` from those given by flag (`{"pdf-variant": ...}`), defaults filled in."""
    out = {}
    for option in WRITERS[fmt].options:
        value = given.get(option.flag, option.default)
        if value is not None:
            out[option.keyword] = value
    return out
