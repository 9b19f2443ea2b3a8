"""Build editions: for each language and format, from one prepared edition.

An output is made again only when what it is made from changed (build_cache);
the languages' editions are made side by side, in worker processes
(parallel); every output that was made is written at the end, atomically,
with the manifest that says what it was made from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from . import build_cache
from .diagnostics import Diagnostic, Severity
from .model import Project
from .session import BuildError, BuildRefused, Session
from .writers import DEFAULT_FORMATS, FORMATS, options_for

__all__ = ["BUILD_DIR", "BuildError", "BuildRefused", "BuildReport", "Progress", "build", "build_in"]

BUILD_DIR = Path("build")


class Progress(Protocol):
    """What a display is told, from this process, as editions start, finish or are skipped.
    It is first called once the build has forked every process it forks: a thread it
    starts then (a live display's refresh) makes no fork unsafe."""

    def started(self, language: str, fmt: str) -> None: ...
    def finished(self, language: str, fmt: str, seconds: float) -> None: ...
    def up_to_date(self, language: str, fmt: str) -> None: ...


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)  # outputs not made again: their inputs did not change
    diagnostics: list[Diagnostic] = field(default_factory=list)  # from the checks
    unresolved: dict[str, list[str]] = field(default_factory=dict)  # language -> keys
    refused: list[Diagnostic] = field(default_factory=list)  # shown as markers: resources, unconverted formulas
    warnings: list[Diagnostic] = field(default_factory=list)  # what the engines said, at its place


def _add(report: BuildReport, language: str, unresolved: list[str], refused: list[Diagnostic],
         warnings: list[Diagnostic]) -> None:
    report.unresolved.setdefault(language, [])
    report.unresolved[language] += [k for k in unresolved if k not in report.unresolved[language]]
    report.refused += [d for d in refused if d not in report.refused]
    report.warnings += warnings


def build(project: Project, languages: list[str] | None = None, formats: list[str] | None = None,
          strict: bool = False, style: str | None = None, options: dict[str, str | None] | None = None,
          force: bool = False, progress: Progress | None = None) -> BuildReport:
    """Each language's outputs in each format (default: the three editions) whose inputs
    changed since the last build (all with `force`). `options` are the writers' options by
    their flag (`{"paper": "b5"}`). The editions that were made are written, atomically; when
    one failed, BuildError after writing the others, its previous files left in place."""
    with Session(project, style, strict) as session:
        return build_in(session, languages, formats, options, force, progress)


def build_in(session: Session, languages: list[str] | None = None, formats: list[str] | None = None,
             options: dict[str, str | None] | None = None, force: bool = False,
             progress: Progress | None = None) -> BuildReport:
    """`build` in a session its caller holds (the preview's, with the style it resolved)."""
    project, strict, csl = session.project, session.strict, session.csl
    languages = session.languages(languages)
    formats = [f for f in FORMATS if f in (formats or DEFAULT_FORMATS)]
    options = options or {}
    inputs = build_cache.Inputs(project, csl, options)
    manifest = build_cache.load(project.root)  # with `force`, kept for the outputs not asked for
    digests = {(lang, fmt): inputs.output(lang, fmt, options_for(fmt, options)) for lang in languages for fmt in formats}
    current = {} if force else {k: entry for k, digest in digests.items()
                                if (entry := manifest.current(project.root, build_cache.key(*k), digest)) is not None}
    check_key = inputs.check(strict)
    checked = manifest.check if manifest.check_key == check_key and not force else None
    report = BuildReport()
    for (language, fmt), entry in current.items():
        _add(report, language, entry.unresolved, entry.refused, entry.warnings)
        report.up_to_date += [Path(name) for name in entry.files]
    if checked is not None and len(current) == len(digests):  # nothing to do: the last build's report
        session.refuse(checked)
        for language, fmt in current:
            if progress:
                progress.up_to_date(language, fmt)
        report.diagnostics = checked
        report.warnings = _sorted_unique(report.warnings)
        return report
    return _make(session, languages, formats, options, digests, current, manifest, checked, check_key,
                 report, progress)


def _sorted_unique(warnings: list[Diagnostic]) -> list[Diagnostic]:
    from .engine_warnings import unique

    return sorted(unique(warnings), key=Diagnostic.sort_key)


def _make(session: Session, languages, formats, options, digests, current, manifest, checked, check_key,
          report: BuildReport, progress: Progress | None) -> BuildReport:
    from . import formulas, parallel, web_fonts

    project, strict = session.project, session.strict
    jobs = [parallel.Job(lang, tuple(f for f in formats if (lang, f) not in current), options)
            for lang in languages if any((lang, f) not in current for f in formats)]

    def started(job: parallel.Job) -> None:
        for fmt in job.formats:
            if progress:
                progress.started(job.language, fmt)

    # forked before any thread runs: the languages' workers (each imports WeasyPrint while its
    # pandoc runs), then the formulas' typesetting
    pdf = any("pdf" in job.formats for job in jobs)
    workers = None
    if parallel.can_fork(len(jobs)):
        if pdf:  # the formulas typeset first, on every core, for the workers and the check alike
            from .engines import ziamath

            formulas.typeset_ahead(project, languages)
            ziamath.typeset_all(())  # waits for them: the pool's threads end before the workers fork
        parallel.imported(sorted({fmt for job in jobs for fmt in job.formats}))
        workers = parallel.Workers(session, jobs)
    try:
        if pdf and (workers is None or checked is None):  # typeset on the other cores meanwhile
            formulas.typeset_ahead(project, languages)
        if pdf and workers is None:
            from .engines.weasyprint import preload

            preload()  # imported in the background while pandoc prepares the editions
        # a display is told only now, when every process of the build is forked (it may start threads)
        for language, fmt in current:
            if progress:
                progress.up_to_date(language, fmt)
        for job in jobs if workers else ():
            started(job)
        if checked is None:
            from .checks import CHECKS, LAST

            diagnostics = session.check([c for c in CHECKS if c not in LAST])
        else:
            diagnostics = checked
        session.refuse(diagnostics)
        outputs, cache, failures = {}, {}, []
        for result in parallel.run(session, jobs, started, workers):
            _add(report, result.language, result.unresolved, result.refused, [])
            for n, rendered in enumerate(result.rendered):
                if rendered.failure:  # reported with the others at the end, never as built
                    failures.append((rendered.failure, rendered.diagnostic))
                    continue
                if progress:
                    progress.finished(result.language, rendered.fmt, rendered.seconds + (result.prepared if n == 0 else 0))
                report.warnings += rendered.warnings
                outputs.update((project.root / path, data) for path, data in rendered.files.items())
                cache.update((project.root / path, data) for path, data in rendered.cache.items())
                manifest.entries[build_cache.key(result.language, rendered.fmt)] = build_cache.Entry(
                    digests[result.language, rendered.fmt],
                    {str(path): build_cache.file_digest_of(data) for path, data in rendered.files.items()},
                    result.unresolved, result.refused, rendered.warnings)
        if checked is None:  # the typesetting started ahead is done by now
            last = session.check(LAST)
            if strict and any(d.severity is Severity.ERROR for d in last):
                raise BuildRefused([d for d in last if d.severity is Severity.ERROR])
            diagnostics = sorted(diagnostics + last, key=Diagnostic.sort_key)
    finally:
        if workers:
            workers.stop()
    report.diagnostics = diagnostics
    report.warnings = _sorted_unique(report.warnings)
    manifest.check_key, manifest.check = check_key, diagnostics
    # the manifest last: renamed once every output it describes is in place; a build that made
    # nothing it could write leaves every file as it was
    written = {**outputs, **cache, project.root / build_cache.MANIFEST: manifest.to_bytes()} \
        if outputs or not failures else {}
    session.write(written)
    web_fonts.prune(project.root)
    report.written = [p.relative_to(project.root) for p in outputs]
    if failures:
        raise BuildError(failures[0][0], failures[0][1], report.written, failures)
    return report
