"""One language's editions made in a process of their own, the languages side by side.

A worker prepares its language's edition once and renders each format asked
of it, returning the bytes and what the engines said; it writes nothing. The
parent writes every output at the end, atomically, so a worker that fails or
dies leaves the previous files in place. Workers are forked (Linux) before the
parent starts any thread — a fork copies what other threads hold, such as an
import's lock — and each imports WeasyPrint itself, in the background while
its pandoc runs. Where processes are not forked (macOS, Windows), or one
language is built, the work is done in this process, one edition after the other.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic


@dataclass
class Rendered:
    """One format's outputs (project-relative path -> bytes), or why it failed."""

    fmt: str
    files: dict[Path, bytes] = field(default_factory=dict)
    seconds: float = 0.0
    warnings: list[Diagnostic] = field(default_factory=list)  # the edition's and this writer's
    failure: str = ""  # the message; empty when it was made
    diagnostic: Diagnostic | None = None  # where the failure was traced to, when it was
    cache: dict[Path, bytes] = field(default_factory=dict)  # what it made to reuse (web font subsets), not outputs


@dataclass
class LanguageResult:
    language: str
    rendered: list[Rendered] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    refused: list[Diagnostic] = field(default_factory=list)
    prepared: float = 0.0  # seconds the edition took to prepare, before any format


@dataclass(frozen=True)
class Job:
    language: str
    formats: tuple[str, ...]
    options: dict


def _failure(message: str, exc: BaseException) -> tuple[str, Diagnostic | None]:
    return f"{message}: {exc}", getattr(exc.__cause__, "diagnostic", None) or getattr(exc, "diagnostic", None)


def build_language(session, job: Job) -> LanguageResult:
    """The language's formats, each made or failed on its own; never raises for an engine."""
    from .edition import Edition
    from .labels import authors_labels
    from .writers import WRITERS

    project = session.project
    result = LanguageResult(job.language)
    with authors_labels(project):
        edition = Edition(job.language, {}, csl=session.csl)
        if any(WRITERS[fmt].reads_edition for fmt in job.formats):
            started = time.perf_counter()
            try:
                edition = session.edition(job.language)
            except Exception as exc:  # every format that needs it fails, located where possible
                message, diagnostic = _failure(f"the {job.language} edition could not be prepared", exc)
                seconds = time.perf_counter() - started
                for fmt in job.formats:
                    result.rendered.append(Rendered(fmt, seconds=seconds, failure=message, diagnostic=diagnostic)
                                           if WRITERS[fmt].reads_edition else _render(project, edition, fmt, job))
                return result
            result.unresolved = edition.unresolved
            result.refused = edition.refused + edition.formula_errors
            result.prepared = time.perf_counter() - started
        result.rendered = _overlapped(project, edition, job)
    return result


def _overlapped(project, edition, job: Job) -> list[Rendered]:
    """The formats rendered, the others' pandoc runs beside the print edition's WeasyPrint,
    which keeps this thread (its time limit is a signal, the main thread's)."""
    from .labels import authors_labels

    others = [fmt for fmt in job.formats if fmt != "pdf"]
    done: dict[str, Rendered] = {}

    def render_others() -> None:
        with authors_labels(project):  # a thread starts with a context of its own
            for fmt in others:
                done[fmt] = _render(project, edition, fmt, job)

    helper = None
    if "pdf" in job.formats and others:
        helper = threading.Thread(target=render_others, name="toolkit editions", daemon=True)
        helper.start()
    else:
        render_others()
    if "pdf" in job.formats:
        done["pdf"] = _render(project, edition, "pdf", job)
    if helper is not None:
        helper.join()
    return [done[fmt] for fmt in job.formats]


def _render(project, edition, fmt: str, job: Job) -> Rendered:
    from dataclasses import replace

    from . import web_fonts
    from .writers import WRITERS, options_for

    writer, companions = WRITERS[fmt], {}
    folder = Path("build") / job.language
    # the edition's own warnings, and this writer's (a copy shares nothing with the others)
    own = replace(edition, warnings=list(edition.warnings))
    started = time.perf_counter()
    try:
        data = writer.render(own, project, files=companions, **options_for(fmt, job.options))
        files = {folder / writer.filename: data}
        files.update((folder / name, path.read_bytes()) for name, path in companions.items())
    except Exception as exc:
        message, diagnostic = _failure(f"the {job.language} {fmt.upper()} edition failed", exc)
        return Rendered(fmt, seconds=time.perf_counter() - started, failure=message, diagnostic=diagnostic)
    return Rendered(fmt, files, time.perf_counter() - started, own.warnings, cache=web_fonts.made())


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def can_fork(jobs: int) -> bool:
    """Whether `jobs` languages are worth workers, and forking is safe now."""
    return jobs > 1 and cores() > 1 and sys.platform == "linux" and threading.active_count() == 1


def imported(formats: list[str]) -> None:
    """The toolkit's modules the workers run, imported here before they are forked: once
    for them all. Not WeasyPrint: each worker imports it while its pandoc runs, on the
    core this process would leave idle meanwhile (a clean build: 6 % sooner)."""
    import importlib

    from . import edition  # noqa: F401
    from .writers import WRITERS

    for fmt in formats:
        importlib.import_module(f"toolkit.writers.{WRITERS[fmt].renderer.split(':')[0]}")


def _worker(session, job: Job, connection) -> None:
    if "pdf" in job.formats:  # while this worker's pandoc runs
        from .engines.weasyprint import preload

        preload()
    try:
        result = build_language(session, job)
    except BaseException as exc:  # a bug or an interrupt: reported, never a traceback here
        result = LanguageResult(job.language, [Rendered(fmt, failure=f"the {job.language} {fmt.upper()} edition "
                                                        f"failed: {exc.__class__.__name__}: {exc}")
                                               for fmt in job.formats])
    connection.send(result)
    connection.close()


class Workers:
    """One forked process per language, started at once; results in the order they come."""

    def __init__(self, session, jobs: list[Job]):
        context = multiprocessing.get_context("fork")
        self._running: dict = {}  # connection -> (process, job)
        try:
            for job in jobs:
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(target=_worker, args=(session, job, sender), daemon=True,
                                          name=f"toolkit build {job.language}")
                process.start()
                sender.close()
                self._running[receiver] = (process, job)
        except BaseException:
            self.stop()
            raise

    def results(self) -> Iterator[LanguageResult]:
        from multiprocessing.connection import wait

        while self._running:
            for connection in wait(list(self._running)):
                process, job = self._running.pop(connection)
                try:
                    result = connection.recv()
                except (EOFError, OSError):  # the worker died (killed, out of memory)
                    process.join()
                    result = LanguageResult(job.language, [
                        Rendered(fmt, failure=f"the {job.language} {fmt.upper()} edition failed: its worker "
                                              f"stopped (exit status {process.exitcode})") for fmt in job.formats])
                connection.close()
                process.join()
                yield result

    def stop(self) -> None:
        """End the workers still running (a refused build, an interrupt)."""
        for connection, (process, _) in self._running.items():
            process.terminate()
            connection.close()  # a worker writing its result stops at once
            process.join(2)
            if process.is_alive():
                process.kill()
                process.join()
        self._running.clear()


def run(session, jobs: list[Job], on_start: Callable[[Job], None],
        workers: Workers | None = None) -> Iterator[LanguageResult]:
    """Each job's result: from `workers` when they were started, else made here in turn."""
    if workers is not None:
        yield from workers.results()
        return
    for job in jobs:
        on_start(job)
        yield build_language(session, job)
