"""`toolkit preview`: a real server in a subprocess, real HTTP requests, a real browser."""

from __future__ import annotations

import fcntl
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_project

HOST = "127.0.0.1"
SECRET = "title-status"  # in article.yaml: never in an answer


class Server:
    """`toolkit preview` running on a project; its terminal output in a file."""

    def __init__(self, root: Path, log: Path):
        self.root, self.log = root, log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "toolkit", "--project", str(root), "preview"], cwd=REPO,
            stdout=subprocess.PIPE, stderr=open(log, "w"), text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        line = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/(\w+)/article\.html", line)
        assert found, (line, log.read_text())
        self.port, self.first = int(found[1]), found[2]

    def request(self, path: str, method: str = "GET", host: str | None = None) -> http.client.HTTPResponse:
        """`path` sent exactly as given (no normalisation, no encoding)."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host or f"{HOST}:{self.port}")
        connection.endheaders()
        response = connection.getresponse()
        response.body = response.read()
        connection.close()
        return response

    def terminal(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def interrupt(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=20)


class Events:
    """The server-sent event stream, read event by event."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)
        self.connection.request("GET", "/__preview/events")
        self.response = self.connection.getresponse()
        assert self.response.getheader("Content-Type").startswith("text/event-stream")
        self.hello = self.next("hello")

    def next(self, wanted: str) -> dict:
        name = None
        while True:
            line = self.response.fp.readline().decode("utf-8")
            assert line, "the event stream ended"
            line = line.rstrip("\n")
            if line.startswith("event: "):
                name = line[len("event: "):]
            elif line.startswith("data: ") and name == wanted:
                return json.loads(line[len("data: "):])

    def close(self):
        self.connection.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("preview")
    root = copy_project("bilingual", folder)
    running = Server(root, folder / "terminal.txt")
    yield running
    if running.process.poll() is None:
        running.interrupt()


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def reloaded(server: Server, path: Path, text: str, language: str = "en") -> dict:
    """Save `text` into `path` and wait for the reload event that rebuilt `language`."""
    events = Events(server.port)
    try:
        save(path, text)
        while True:
            data = events.next("reload")
            if language in data["languages"] or data["failure"]:
                return data
    finally:
        events.close()


def test_the_page_has_the_preview_script_and_a_policy_that_allows_it(server):
    built = (server.root / "build/en/article.html").read_text(encoding="utf-8")
    answer = server.request("/en/article.html")
    page = answer.body.decode("utf-8")
    origin = f"http://{HOST}:{server.port}"
    assert answer.status == 200 and answer.getheader("Content-Type") == "text/html; charset=utf-8"
    assert '<script src="/__preview/reload.js" data-lang="en"' in page
    assert '<link rel="stylesheet" href="/__preview/reload.css">' in page
    header = answer.getheader("Content-Security-Policy")
    for directive in (f"{origin}/__preview/reload.js", f"{origin}/__preview/reload.css", "connect-src 'self'",
                      "frame-ancestors 'none'", "default-src 'none'", "img-src data:"):
        assert directive in header
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)[1]
    assert meta.replace("&#x27;", "'") == header.removesuffix("; frame-ancestors 'none'")
    # the built file stays as the build wrote it: its own strict policy, no preview script
    assert "__preview" not in built and (server.root / "build/en/article.html").read_text(encoding="utf-8") == built
    # the page served is the page built with the two tags added before </head>, nothing else
    # changed (the az abstract's "İki" makes the lowered page longer than the page)
    tags = re.search(r'<link rel="stylesheet" href="/__preview/reload\.css">\n<script [^>]*></script>\n', page)[0]
    policy = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
    assert page.replace(tags, "").replace(policy.search(page)[0], policy.search(built)[0]) == built
    assert page.index(tags) + len(tags) == page.index("</head>")
    for asset, kind in (("reload.js", "text/javascript"), ("reload.css", "text/css")):
        answer = server.request(f"/__preview/{asset}")
        assert answer.status == 200 and answer.getheader("Content-Type").startswith(kind)
    assert server.request("/").getheader("Location") == f"/{server.first}/article.html"
    assert server.request("/az").getheader("Location") == "/az/article.html"


TRAVERSALS = [
    "/../manuscript/article.yaml", "/en/../../manuscript/article.yaml", "/en/..", "/%2e%2e/manuscript/article.yaml",
    "/%2E%2E/%2E%2E/manuscript/article.yaml", "/en/%2e%2e%2f%2e%2e%2fmanuscript%2farticle.yaml",
    "/%252e%252e/manuscript/article.yaml", "/..%2fmanuscript/article.yaml", "/..\\manuscript\\article.yaml",
    "/en/..%5c..%5cmanuscript%5carticle.yaml", "/%c0%ae%c0%ae/manuscript/article.yaml", "//etc/passwd",
    "/etc/passwd", "/manuscript/article.yaml", "/bibliography/references.bib", "/build/en/article.html",
    "/build/.preview/lock", "/en/article.html%00.pdf", "/en/article.docx", "/en/%61rticle.html",
    "/./en/article.html", "/en/./article.html", "http://example.org/en/article.html",
]
LISTINGS = ["/manuscript/", "/manuscript", "/build/", "/en/../", "/__preview/", "/bibliography/", "/build/en/",
            "/.preview/", "/tests/"]


@pytest.mark.parametrize("path", TRAVERSALS + LISTINGS)
def test_nothing_but_the_routes_is_served(server, path):
    answer = server.request(path)
    assert answer.status in (400, 404), (path, answer.status)
    assert SECRET.encode() not in answer.body and b"<li>" not in answer.body and b"root:" not in answer.body


def test_another_host_name_is_refused(server):
    for host in ("example.org", f"attacker.example:{server.port}", "127.0.0.1", f"127.0.0.1:{server.port + 1}"):
        assert server.request("/en/article.html", host=host).status == 403
    assert server.request("/en/article.html", host=f"localhost:{server.port}").status == 200
    assert server.request("/en/article.html", method="POST").status == 405


def test_a_file_linked_out_of_the_project_is_not_served(server, tmp_path):
    canary = tmp_path / "canary.html"
    save(canary, "canary outside the project")
    page = server.root / "build/az/article.html"
    kept = page.read_bytes()
    page.unlink()
    page.symlink_to(canary)
    try:
        answer = server.request("/az/article.html")
        assert answer.status == 404 and b"canary" not in answer.body
    finally:
        page.unlink()
        page.write_bytes(kept)


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on `port`, from the kernel's tables."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_it_listens_on_the_loopback_address_only(server):
    assert listening_addresses(server.port) == {"0100007F"}  # 127.0.0.1, little-endian
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: only the route's own address is chosen
        own = probe.getsockname()[0]
    except OSError:
        own = ""
    finally:
        probe.close()
    if own and not own.startswith("127."):
        with pytest.raises(OSError):
            socket.create_connection((own, server.port), timeout=2).close()


def test_a_saved_section_reloads_the_page_with_its_new_text(server):
    section = server.root / "manuscript/en/02-war.md"
    before = server.request("/az/article.html").body
    data = reloaded(server, section, section.read_text(encoding="utf-8") + "\nA sentence saved just now.\n")
    assert data["languages"] == ["en"] and not data["failure"]
    page = server.request("/en/article.html").body.decode("utf-8")
    assert "A sentence saved just now." in page
    assert f'data-version="{data["versions"]["en"]}"' in page
    assert data["versions"]["az"] < data["versions"]["en"]  # only the language that changed was rebuilt
    assert server.request("/az/article.html").body == before
    assert "rebuilt en in" in server.terminal()


def test_the_overlay_shows_the_findings_for_the_changed_file(server):
    section = server.root / "manuscript/en/01-treaty.md"
    reloaded(server, section, section.read_text(encoding="utf-8") + "\nA claim [@nosuchkey].\n")
    status = json.loads(server.request("/__preview/status").body)
    assert status["changed"] == ["manuscript/en/01-treaty.md"]
    unknown = [d for d in status["diagnostics"] if d["code"] == "unknown-citation"]
    assert unknown and unknown[0]["path"] == "manuscript/en/01-treaty.md" and "nosuchkey" in unknown[0]["message"]
    assert all(d["path"] == "manuscript/en/01-treaty.md" for d in status["diagnostics"])
    assert "manuscript/en/01-treaty.md:" in server.terminal() and "[unknown-citation]" in server.terminal()
    reloaded(server, section, section.read_text(encoding="utf-8").replace("\nA claim [@nosuchkey].\n", ""))
    assert json.loads(server.request("/__preview/status").body)["diagnostics"] == []


def test_a_change_to_the_metadata_rebuilds_every_language(server):
    meta = server.root / "manuscript/article.yaml"
    data = reloaded(server, meta, meta.read_text(encoding="utf-8").replace(
        "title: The Straits question", "title: The Straits question, revised"))
    assert sorted(data["languages"]) == ["az", "en"]
    assert "The Straits question, revised" in server.request("/en/article.html").body.decode("utf-8")


def test_broken_metadata_is_reported_and_the_page_kept(server):
    meta = server.root / "manuscript/article.yaml"
    good = meta.read_text(encoding="utf-8")
    page = server.request("/en/article.html").body
    data = reloaded(server, meta, "languages: [unclosed\n")
    assert data["failure"] and data["languages"] == []
    status = json.loads(server.request("/__preview/status").body)
    assert status["diagnostics"] and status["diagnostics"][0]["path"] == "manuscript/article.yaml"
    assert server.request("/en/article.html").body == page
    reloaded(server, meta, good)


def test_the_pdf_is_built_on_demand(server):
    assert not (server.root / "build/az/article.pdf").exists()
    answer = server.request("/az/article.pdf")
    assert answer.status == 200 and answer.getheader("Content-Type") == "application/pdf"
    assert answer.body.startswith(b"%PDF-") and (server.root / "build/az/article.pdf").read_bytes() == answer.body
    assert "built build/az/article.pdf" in server.terminal()


def test_a_second_preview_names_the_port_the_first_holds(server):
    done = subprocess.run([sys.executable, "-m", "toolkit", "--project", str(server.root), "preview"],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"already running on http://127.0.0.1:{server.port}/" in done.stderr


def test_a_stale_lock_is_ignored_and_ctrl_c_stops_cleanly(tmp_path):
    root = copy_project("bilingual", tmp_path)
    lock = root / "build/.preview/lock"
    lock.parent.mkdir(parents=True)
    save(lock, json.dumps({"pid": 999999, "port": 1}))  # left by a preview that was killed
    running = Server(root, tmp_path / "terminal.txt")
    assert running.port != 1 and running.request("/en/article.html").status == 200
    events = Events(running.port)
    assert running.interrupt() == 130  # 128 + SIGINT, as every command reports Ctrl-C
    assert "preview stopped" in running.terminal() and "Traceback" not in running.terminal()
    assert events.response.fp.readline() in (b"", b"\n")  # the stream was closed, not left hanging
    events.close()
    with pytest.raises(OSError):
        socket.create_connection((HOST, running.port), timeout=2).close()
    with open(lock, "rb+") as handle:  # let go: a new preview may take it
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


def test_bad_port_is_a_usage_error(tmp_path):
    root = copy_project("bilingual", tmp_path)
    done = subprocess.run([sys.executable, "-m", "toolkit", "--project", str(root), "preview", "--port", "70000"],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "not a port" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(not shutil.which("chromium"), reason="needs Debian's chromium")
def test_the_browser_page_reloads_on_save_and_keeps_its_place(server):
    from playwright.sync_api import sync_playwright

    from tests.writers.test_html import CHROMIUM_ARGS

    section = server.root / "manuscript/en/02-war.md"
    original = section.read_text(encoding="utf-8")
    long = original + "".join(f"\nParagraph {n} of a long section, to scroll through.\n" for n in range(80))
    reloaded(server, section, long)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            page = chromium.new_page(viewport={"width": 900, "height": 500})
            refused = []
            page.on("console", lambda message: refused.append(message.text)
                    if "Content Security Policy" in message.text else None)
            page.goto(f"http://{HOST}:{server.port}/en/article.html")
            page.wait_for_selector("#toolkit-preview .toolkit-preview-pdf")  # the script ran under the policy
            state = "document.querySelector('.toolkit-preview-state').textContent"
            page.wait_for_function(f"() => {state}.endsWith(' in manuscript/en/02-war.md')")  # the last save's
            # the long section has more paragraphs than its original: check's finding is in the overlay
            assert "[parity-paragraphs]" in page.locator(".toolkit-preview-list").text_content()
            page.evaluate("window.scrollTo(0, 1500)")
            page.wait_for_function("() => window.scrollY === 1500")
            page.evaluate("window.beforeReload = true")  # gone once the page has reloaded
            save(section, long + "\nThe sentence the browser waits for.\n")
            page.wait_for_function("() => !window.beforeReload && document.body.textContent.includes("
                                   "'The sentence the browser waits for.')", timeout=20000)
            page.wait_for_function("() => window.scrollY === 1500", timeout=5000)
            page.wait_for_function(f"() => {state}.endsWith(' in manuscript/en/02-war.md')")
            assert refused == []
        finally:
            chromium.close()
    reloaded(server, section, original)


def test_a_lock_folder_linked_out_of_the_project_is_refused(tmp_path):
    root = copy_project("bilingual", tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "build").mkdir()
    (root / "build/.preview").symlink_to(outside)
    done = subprocess.run([sys.executable, "-m", "toolkit", "--project", str(root), "preview"],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "leads out of the project" in done.stderr and "Traceback" not in done.stderr
    assert list(outside.iterdir()) == []
