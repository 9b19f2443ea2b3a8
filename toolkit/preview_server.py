"""The preview's HTTP server: a fixed set of routes on 127.0.0.1, nothing else.

There is no file system behind a URL: a request names one of the routes
below exactly, or gets 404. Percent-encoded paths, `..`, backslashes and
doubled slashes are refused before any route is looked at, a Host header
other than the server's own address is refused (a page on another site
cannot reach the server by a name that resolves to 127.0.0.1), and every
file served is confined to the project again as it is opened.

  /                         -> the first language's page
  /<lang>/                  -> /<lang>/article.html
  /<lang>/article.html      the built page, with the preview's script and style
  /<lang>/article.pdf       the print edition, built on demand
  /__preview/reload.js|css  the preview's own script and stylesheet
  /__preview/events         server-sent events: "hello", "building", "reload"
  /__preview/status         the last rebuild: versions, changed files, diagnostics
  /<path of an image>       an image file of the project that a built page references
"""

from __future__ import annotations

import json
import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .confine import Refused, confined
from .preview_page import SCRIPT, STYLE, for_preview
from .writers.base import asset

if TYPE_CHECKING:
    from .preview import Preview

HOST = "127.0.0.1"
_SAFE_PATH = re.compile(r"/(?:[A-Za-z0-9._-]+/)*[A-Za-z0-9._-]*")
_ASSETS = {SCRIPT: ("reload.js", "text/javascript; charset=utf-8"), STYLE: ("reload.css", "text/css; charset=utf-8")}
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
          ".svg": "image/svg+xml", ".webp": "image/webp"}
KEEPALIVE = 10.0  # seconds between comments on an idle event stream: a closed tab is noticed


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a port another program holds is not taken over

    def __init__(self, preview: "Preview", port: int):
        self.preview = preview
        super().__init__((HOST, port), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "toolkit-preview"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the terminal shows rebuilds, not requests
        pass

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        preview = self.server.preview
        port = self.server.server_address[1]
        if self.headers.get("Host", "") not in (f"{HOST}:{port}", f"localhost:{port}"):
            return self._text(HTTPStatus.FORBIDDEN, "this server answers only to its own address", head)
        target = urlsplit(self.path)
        path = target.path
        if not self.path.startswith("/") or "%" in self.path or "\\" in self.path or "//" in path or ".." in path or not _SAFE_PATH.fullmatch(path):
            return self._text(HTTPStatus.NOT_FOUND, "not found", head)
        if path in _ASSETS:
            name, kind = _ASSETS[path]
            return self._send(HTTPStatus.OK, asset("preview", name).read_bytes(), kind, head)
        if path == "/__preview/events":
            return self._events()
        if path == "/__preview/status":
            return self._send(HTTPStatus.OK, json.dumps(preview.status_json()).encode(),
                              "application/json", head)
        parts = path.strip("/").split("/")
        languages = preview.languages()
        if path == "/" and languages:
            return self._redirect(f"/{languages[0]}/article.html")
        if len(parts) == 1 and parts[0] in languages:
            return self._redirect(f"/{parts[0]}/article.html")
        if len(parts) == 2 and parts[0] in languages and parts[1] == "article.html":
            return self._page(parts[0], head)
        if len(parts) == 2 and parts[0] in languages and parts[1] == "article.pdf":
            return self._pdf(parts[0], head)
        image = preview.image(path)
        if image is not None:
            return self._file(image, IMAGE_TYPES[image.suffix.lower()], head)
        return self._text(HTTPStatus.NOT_FOUND, "not found", head)

    def do_POST(self):
        self._text(HTTPStatus.METHOD_NOT_ALLOWED, "the preview only serves pages", False)

    do_PUT = do_DELETE = do_PATCH = do_POST

    def _page(self, language: str, head: bool):
        preview = self.server.preview
        version = preview.version(language)
        path = self._confined(Path("build") / language / "article.html")
        if path is None:
            return self._text(HTTPStatus.NOT_FOUND, f"no {language} page built yet: see the terminal", head)
        page, policy = for_preview(path.read_text(encoding="utf-8"), f"http://{self.headers['Host']}",
                                   language, version)
        self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8", head, policy)

    def _pdf(self, language: str, head: bool):
        failure = self.server.preview.pdf(language)
        if failure:
            return self._text(HTTPStatus.INTERNAL_SERVER_ERROR, failure, head)
        path = self._confined(Path("build") / language / "article.pdf")
        if path is None:
            return self._text(HTTPStatus.NOT_FOUND, f"no {language} PDF", head)
        self._file(path, "application/pdf", head, policy="")

    def _confined(self, relative: Path) -> Path | None:
        try:
            return confined(self.server.preview.root, relative, "edition")
        except Refused:
            return None

    def _file(self, path: Path, kind: str, head: bool, policy: str = "default-src 'none'"):
        try:
            data = path.read_bytes()
        except OSError:
            return self._text(HTTPStatus.NOT_FOUND, "not found", head)
        self._send(HTTPStatus.OK, data, kind, head, policy)

    def _events(self):
        """One event per rebuild until the client or the preview goes away."""
        preview = self.server.preview
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.close_connection = True
        seen = -1
        try:
            while True:
                event = preview.next_event(seen, KEEPALIVE)
                if event is None:
                    if preview.stopping:
                        return
                    self.wfile.write(b": idle\n\n")
                else:
                    seen, name, data = event
                    self.wfile.write(f"id: {seen}\nevent: {name}\ndata: {json.dumps(data)}\n\n".encode())
                self.wfile.flush()
        except OSError:  # the tab was closed
            return

    def _redirect(self, location: str):
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _text(self, status: HTTPStatus, text: str, head: bool):
        self._send(status, (text + "\n").encode("utf-8"), "text/plain; charset=utf-8", head)

    def _send(self, status: HTTPStatus, body: bytes, kind: str, head: bool, policy: str = "default-src 'none'"):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if policy:  # none for the PDF, which the browser's own viewer shows
            self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        if not head:
            self.wfile.write(body)
