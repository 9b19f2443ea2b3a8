"""`toolkit preview`: the web editions served on 127.0.0.1, rebuilt as the sources change.

A watcher thread sees a saved file, rebuilds the HTML of the languages it
feeds (`build`, as `toolkit build --format html` would) and tells the open
pages, over server-sent events, to reload; `check`'s findings for the
changed files go to the page's overlay and to the terminal. The PDF of a
language is built only when the page asks for it. One preview per project:
build/.preview/lock names the port of the one running.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from .build import BUILD_DIR, BuildError, BuildRefused, build_in
from .confine import Refused, confined
from .diagnostics import Diagnostic, Severity, summary
from .errors import ProjectError
from .preview_lock import PreviewLock
from .preview_server import HOST, IMAGE_TYPES, PreviewServer
from .preview_sources import Sources, sources_of
from .preview_watch import Watcher
from .project import load_project
from .session import Session

_SRC = re.compile(r'\ssrc="([^"]+)"')
PDF_SECONDS = 600  # the whole PDF build, beyond the engines' own limits


@dataclass
class Status:
    """What the last rebuild did; the overlay and the terminal show it."""

    round: int = 0
    versions: dict[str, int] = field(default_factory=dict)  # language -> round its page was last written
    building: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    failure: str = ""
    seconds: float = 0.0


class Preview:
    """The server, the watcher and the state they share; `start`, then `stop`."""

    def __init__(self, root: Path, style: str | None = None, port: int = 0,
                 say: Callable[[str], None] | None = None):
        self.root = root.resolve()
        self.style = style
        self.requested_port = port
        self.say = say or _say
        self.status = Status()
        self.stopping = False
        self.sources: Sources | None = None
        self._lock = PreviewLock(self.root)
        self._state = threading.Condition()
        self._events: list[tuple[int, str, dict]] = []  # (id, name, data), the last few
        self._build = threading.Lock()  # one build at a time: the watcher's or a PDF's
        self._pdf_round: dict[str, int] = {}
        self._images: dict[str, Path] = {}
        self._stop = threading.Event()
        self._server: PreviewServer | None = None
        self._threads: list[threading.Thread] = []
        self._watcher: Watcher | None = None

    # -- life --------------------------------------------------------------------------------------

    def start(self) -> int:
        """Take the project, build every page, listen; the port. PreviewRunning when taken."""
        self._lock.acquire()
        try:
            session = Session(load_project(self.root), self.style)
            self.sources = sources_of(session.project, session.csl)
            self._watcher = Watcher(self.sources.folders)  # first: a save during the first build is seen
            self._rebuild_pages(session, list(session.project.manuscripts), set(), first=True)
            self._server = PreviewServer(self, self.requested_port)
        except BaseException:
            if self._watcher is not None:
                self._watcher.close()
            self._lock.release()
            raise
        port = self._server.server_address[1]
        self._lock.announce(port)
        for target, name in ((self._server.serve_forever, "preview server"), (self._watch, "preview watcher")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)
        return port

    def stop(self) -> None:
        """Close the event streams, the server and the watcher; let the project go."""
        with self._state:
            self.stopping = True
            self._state.notify_all()
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._lock.release()

    # -- what the server asks ----------------------------------------------------------------------

    def languages(self) -> list[str]:
        return list(self.status.versions)

    def version(self, language: str) -> int:
        with self._state:
            return self.status.versions.get(language, 0)

    def image(self, url_path: str) -> Path | None:
        """The project image a built page references at `url_path`, confined again as it is served."""
        found = self._images.get(url_path)
        if found is None:
            return None
        try:
            return confined(self.root, found, "image")
        except Refused:
            return None

    def status_json(self) -> dict:
        with self._state:
            status = self.status
            return {"round": status.round, "versions": dict(status.versions), "building": list(status.building),
                    "changed": list(status.changed), "failure": status.failure,
                    "seconds": round(status.seconds, 3),
                    "diagnostics": [d.to_json() | {"where": f"{d.path}:{d.line}:{d.column}"}
                                    for d in status.diagnostics]}

    def next_event(self, after: int, timeout: float) -> tuple[int, str, dict] | None:
        """The first event after id `after` (-1: a greeting with the current versions), or None."""
        with self._state:
            if after < 0:
                return (self._events[-1][0] if self._events else 0), "hello", {"versions": dict(self.status.versions)}
            if not self._state.wait_for(lambda: self.stopping or (self._events and self._events[-1][0] > after),
                                        timeout):
                return None
            if self.stopping:
                return None
            newer = [event for event in self._events if event[0] > after]
            return newer[0] if newer else self._events[-1]

    def pdf(self, language: str) -> str:
        """Build the language's PDF unless it is as new as the sources; a failure's message, or ""."""
        with self._build:
            if self._pdf_round.get(language) == self.status.round and (
                    self.root / BUILD_DIR / language / "article.pdf").is_file():
                return ""
            self.say(f"building the {language} PDF …")
            started = time.perf_counter()
            # in a process of its own: WeasyPrint's time limit holds only in a main thread, and
            # this is a request's thread (the HTML rebuilds run no WeasyPrint)
            command = [sys.executable, "-m", "toolkit", "--project", str(self.root), "build", "--lang", language,
                       "--format", "pdf", "--quiet", *(["--style", self.style] if self.style else [])]
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=PDF_SECONDS)
            except subprocess.TimeoutExpired:
                return f"the PDF could not be built: it took more than {PDF_SECONDS} s"
            except OSError as exc:
                return f"the PDF could not be built: {exc}"
            if done.returncode != 0 or not (self.root / BUILD_DIR / language / "article.pdf").is_file():
                return "the PDF could not be built:\n" + (done.stderr.strip() or f"exit status {done.returncode}")
            self._pdf_round[language] = self.status.round
            self.say(f"built build/{language}/article.pdf in {time.perf_counter() - started:.2f} s")
            return ""

    # -- the watcher -------------------------------------------------------------------------------

    def _watch(self) -> None:
        try:
            while not self._stop.is_set() and (changed := self._watcher.changes(self._stop)) is not None:
                if changed:
                    self.rebuild(changed)
                if self.sources.folders != self._watcher.folders:  # a new folder to watch, or one fewer
                    self._rewatch()
        finally:
            self._watcher.close()

    def _rewatch(self) -> None:
        self._watcher.close()
        while not self._stop.is_set():
            try:
                self._watcher = Watcher(frozenset(f for f in self.sources.folders if f.is_dir()))
                return
            except OSError as exc:  # a folder removed meanwhile: try what is left
                self.say(f"preview: watching again ({exc})")
                self._stop.wait(0.2)

    def rebuild(self, changed: set[Path]) -> None:
        """Rebuild the pages the changed files feed and tell the open pages."""
        languages, files = self.sources.affected(changed)
        if not files:
            return
        with self._build:
            self._publish("building", {"languages": sorted(languages), "changed": sorted(map(str, files))},
                          building=tuple(sorted(languages)))
            try:
                session = Session(load_project(self.root), self.style)
                self.sources = sources_of(session.project, session.csl)
            except ProjectError as exc:
                problem = Diagnostic(exc.path or Path("manuscript/article.yaml"), exc.line, exc.column,
                                     Severity.ERROR, "preview", exc.message, exc.hint)
                self._finish([], files, [problem], "the sources cannot be read: the page is unchanged", 0.0)
                return
            known = [language for language in session.project.manuscripts if language in languages]
            self._rebuild_pages(session, known, files)

    def _rebuild_pages(self, session: Session, languages: list[str], files: set[Path], first: bool = False) -> None:
        started = time.perf_counter()
        found: list[Diagnostic] = []
        failure = ""
        built: list[str] = []
        try:
            with session:
                report = build_in(session, languages, ["html"])
        except BuildRefused as refused:
            found, failure = refused.diagnostics, "the build was refused: the page is unchanged"
        except BuildError as exc:
            found = [exc.diagnostic] if exc.diagnostic else []
            failure = f"{exc}: the page is unchanged"
        except OSError as exc:
            failure = f"could not write the page: {exc}"
        else:
            built = languages
            found = report.diagnostics + report.refused + report.warnings
            self._images = self._referenced_images(session.project)
        if first:  # the terminal has the summary; the overlay shows what a save brings
            self.say(f"check: {summary(found)} (run 'toolkit check' for details)")
        found = [d for d in found if Path(d.path) in files]
        self._finish(built, files, found, failure, time.perf_counter() - started)

    def _finish(self, built: list[str], files: set[Path], found: list[Diagnostic], failure: str,
                seconds: float) -> None:
        found = sorted(set(found), key=Diagnostic.sort_key)
        with self._state:
            status = self.status
            round_ = status.round + 1
            versions = dict(status.versions) | {language: round_ for language in built}
            self.status = Status(round_, versions, (), tuple(sorted(map(str, files))), tuple(found), failure, seconds)
        if files:
            self._publish("reload", {"round": round_, "versions": versions, "languages": built,
                                     "failure": failure})
            what = ", ".join(sorted(map(str, files)))
            if built:
                self.say(f"rebuilt {', '.join(built)} in {seconds:.2f} s ({what})")
            for diagnostic in found:
                self.say(diagnostic.format())
            if failure:
                self.say(f"error: {failure}")

    def _publish(self, name: str, data: dict, building: tuple[str, ...] | None = None) -> None:
        with self._state:
            number = (self._events[-1][0] if self._events else 0) + 1
            self._events = self._events[-31:] + [(number, name, data)]
            if building is not None:
                self.status.building = building
            self._state.notify_all()

    def _referenced_images(self, project) -> dict[str, Path]:
        """URL path -> project file, for each image a built page references by address (the
        editions embed their images as data: URIs, so usually none)."""
        images: dict[str, Path] = {}
        for language in project.manuscripts:
            page = self.root / BUILD_DIR / language / "article.html"
            try:
                text = page.read_text(encoding="utf-8")
            except OSError:
                continue
            for source in set(_SRC.findall(text)):
                if ":" in source or source.startswith(("#", "/")) or "%" in source:
                    continue
                url = urljoin(f"/{language}/article.html", source)
                try:
                    file = confined(self.root, page.parent / source, "image")
                except Refused:
                    continue
                if file.suffix.lower() in IMAGE_TYPES:
                    images[url] = file
        return images


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run(root: Path, style: str | None, port: int, say: Callable[[str], None] = _say) -> None:
    """The command: serve until Ctrl-C (KeyboardInterrupt), which stops everything and goes on up."""
    preview = Preview(root, style, port, say)
    bound = preview.start()
    first = preview.languages()[0] if preview.languages() else ""
    print(f"preview: http://{HOST}:{bound}/{first + '/article.html' if first else ''}", flush=True)
    say(f"watching {', '.join(sorted(str(f.relative_to(preview.root)) for f in preview.sources.folders))}; "
        "Ctrl-C stops")
    try:
        while True:
            time.sleep(3600)
    finally:
        preview.stop()
        say("preview stopped")
