"""The pandoc gateway: sandboxed, bounded in time and memory, never left running.

Real pandoc, real processes, a real listener on 127.0.0.1: each URL form is
first shown to make pandoc reach the listener when run bare, then shown to
reach nothing through the gateway.
"""

from __future__ import annotations

import base64
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from toolkit.checks.nesting import MAX_DEPTH
from toolkit.engines import pandoc

from ..conftest import copy_project
from .processes import alive, children, scratch_folders, wait_for

DEPENDENT_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-US">
  <info>
    <title>A dependent style</title>
    <id>http://example.org/dependent</id>
    <link rel="independent-parent" href="{url}/parent.csl"/>
    <updated>2020-01-01T00:00:00+00:00</updated>
  </info>
</style>
"""


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the stdlib's name
        self.server.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"x")

    do_POST = do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.seen = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def _forms(server, folder: Path) -> dict[str, tuple[list[str], str]]:
    """Each way a document can make pandoc fetch a URL: (arguments, stdin)."""
    port = server.server_address[1]
    url = f"http://127.0.0.1:{port}"
    refs = folder / "refs.json"
    refs.write_text(json.dumps([{"id": "a", "type": "book", "title": "T"}]), encoding="utf-8")
    style = folder / "dependent.csl"
    style.write_text(DEPENDENT_STYLE.format(url=url), encoding="utf-8")
    embed = ["--from=markdown", "--to=html5", "--standalone", "--embed-resources", "--metadata=title:x"]
    citeproc = ["--from=markdown", "--to=html5", "--citeproc", f"--bibliography={refs}"]
    return {
        "raw-img": (embed, f'<img src="{url}/raw.png" alt="x">\n'),
        "markdown-image-docx": (["--from=markdown", "--to=docx"], f"![x]({url}/docx.png)\n"),
        "style-import": (embed, f'<style>@import "{url}/import.css";</style>\n\ntext\n'),
        "entity-encoded-src": (embed, f'<img src="&#x68;ttp://127.0.0.1:{port}/entity.png" alt="x">\n'),
        "citation-abbreviations": (citeproc, f"---\ncitation-abbreviations: {url}/abbreviations.json\n---\n\nx [@a]\n"),
        "independent-parent": ([*citeproc, f"--csl={style}"], "x [@a]\n"),
    }


FORMS = ("raw-img", "markdown-image-docx", "style-import", "entity-encoded-src", "citation-abbreviations",
         "independent-parent")


@pytest.mark.parametrize("form", FORMS)
def test_bare_pandoc_fetches_each_url_form(form, listener, tmp_path):
    """The control: without the gateway, each form does reach the network."""
    args, stdin = _forms(listener, tmp_path)[form]
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    subprocess.run([pandoc.pandoc_path(), *args], input=stdin.encode(), capture_output=True, env=env, timeout=60)
    assert listener.seen


@pytest.mark.parametrize("form", FORMS)
def test_the_gateway_fetches_nothing(form, listener, tmp_path):
    args, stdin = _forms(listener, tmp_path)[form]
    try:
        pandoc.run(args, stdin)
    except pandoc.PandocError:  # refusing is as good as not fetching
        pass
    assert listener.seen == []


def test_the_gateway_reads_no_file_the_document_names(tmp_path):
    """--sandbox: pandoc reads the files named on its command line, not those a document names."""
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><desc>CANARY-5e1d</desc></svg>'
    (tmp_path / "canary.svg").write_bytes(svg)
    document = "![x](canary.svg)\n\n<img src=\"canary.svg\" alt=\"x\">\n"
    args = ["--from=markdown", "--to=html5", "--standalone", "--embed-resources", "--metadata=title:x"]

    def leaked(output: bytes) -> bool:
        return b"CANARY-5e1d" in output or base64.b64encode(svg) in output

    bare = subprocess.run([pandoc.pandoc_path(), *args], input=document.encode(), capture_output=True, cwd=tmp_path)
    assert leaked(bare.stdout)  # the control: pandoc alone reads it
    assert not leaked(pandoc.run(args, document, cwd=tmp_path).output)


def test_the_environment_has_no_proxy_and_no_runtime_options(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://user:secret@proxy.example:3128")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    monkeypatch.setenv("GHCRTS", "-M1m")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    env = pandoc._environment()
    assert "secret" not in json.dumps(env)
    assert "GHCRTS" not in env and "no_proxy" not in env
    assert env["HTTPS_PROXY"] == env["http_proxy"] == "http://127.0.0.1:1"


def test_limits_grow_with_the_input_and_the_time_base_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("TOOLKIT_TIME_LIMIT", raising=False)
    small, large = pandoc.Limits.for_input(0), pandoc.Limits.for_input(5 * 2**20)
    assert (small.seconds, small.megabytes) == (30, 512)
    assert large.seconds == pytest.approx(30 + 5 * 2**20 / 50_000) and large.megabytes == 512 + 5 * 64
    assert pandoc.Limits.for_input(200 * 2**20).megabytes == pandoc.MEMORY_CAP
    monkeypatch.setenv("TOOLKIT_TIME_LIMIT", "2.5")
    assert pandoc.Limits.for_input(0).seconds == 2.5
    monkeypatch.setenv("TOOLKIT_TIME_LIMIT", "soon")
    with pytest.raises(ValueError, match="TOOLKIT_TIME_LIMIT must be a number of seconds"):
        pandoc.Limits.for_input(0)


def test_nested_brackets_stop_at_the_time_limit(monkeypatch):
    monkeypatch.setenv("TOOLKIT_TIME_LIMIT", "1")
    started = time.monotonic()
    with pytest.raises(pandoc.PandocLimit) as stopped:
        pandoc.run(["--from=markdown", "--to=json"], "x " + "[" * 29)
    assert time.monotonic() - started < 1 + 5
    assert stopped.value.kind == "time"
    assert str(stopped.value) == "pandoc took longer than 1 s (limit: 1 s + 1 s per 50 kB of input)"
    assert children(os.getpid()) == []


def test_the_heap_limit_stops_a_run_the_default_limit_allows():
    words = "a " * 1_000_000  # one 2 MB paragraph: pandoc's heap peaks near 160 MB
    assert pandoc.run(["--from=markdown", "--to=json"], words).output.startswith(b"{")
    with pytest.raises(pandoc.PandocLimit) as stopped:
        pandoc.run(["--from=markdown", "--to=json"], words, limits=pandoc.Limits(60, 128))
    assert stopped.value.kind == "memory"
    assert str(stopped.value).startswith("pandoc needed more than 128 MB of memory")


# --- in a build ---------------------------------------------------------------------------------


def _slow(paragraphs: int) -> str:
    """A section the nesting check allows (MAX_DEPTH levels) that pandoc needs seconds for."""
    nested = "[" * MAX_DEPTH + "a" + "]" * MAX_DEPTH
    return "# Yavaş {#slow}\n\n" + "\n\n".join(f"Mətn {i} {nested}." for i in range(paragraphs)) + "\n"


def _sections(root: Path, slow: str) -> None:
    """Four sections in each language; the third is `slow`."""
    for language in ("az", "en"):
        folder = root / "manuscript" / language
        (folder / "02-context.md").write_text("# Kontekst {#context}\n\nMətn.\n", encoding="utf-8")
        (folder / "03-slow.md").write_text(slow, encoding="utf-8")
        (folder / "04-close.md").write_text("# Son {#close}\n\nMətn.\n", encoding="utf-8")


def _outputs(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "build").rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path, run_cli):
    """The complete fixture with its az web edition built."""
    root = copy_project("complete", tmp_path)
    assert run_cli("--project", root, "build", "--lang", "az", "--format", "html")[0] == 0
    return root


def test_the_section_that_hangs_pandoc_is_named(built, run_cli, monkeypatch):
    monkeypatch.setenv("TOOLKIT_TIME_LIMIT", "2")
    before = _outputs(built)
    _sections(built, _slow(600))
    started = time.monotonic()
    code, out, err = run_cli("--project", built, "build", "--lang", "az", "--format", "html")
    assert time.monotonic() - started < 2 * 2 + 15  # the edition, then the section alone, each stopped at 2 s
    assert code == 1, err
    assert "Traceback" not in err
    assert any(line.startswith("manuscript/az/03-slow.md:0:0: error: pandoc took longer than 2")
               and line.endswith("s on this section (limit: 2 s + 1 s per 50 kB of input) [engine-limit]")
               for line in err.splitlines()), err
    assert "build failed: previous outputs were left in place" in err
    assert _outputs(built) == before


def _toolkit(root: Path, tmp: Path, *argv: str, time_limit: str = "300") -> subprocess.Popen:
    env = {**os.environ, "TMPDIR": str(tmp), "TOOLKIT_TIME_LIMIT": time_limit}
    return subprocess.Popen([sys.executable, "-m", "toolkit", "--project", str(root), *argv], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _mid_build(built: Path, tmp: Path) -> tuple[subprocess.Popen, int]:
    """A build of a slow section, caught while pandoc works on it: (the toolkit, pandoc's pid)."""
    _sections(built, _slow(600))
    proc = _toolkit(built, tmp, "build", "--lang", "az", "--format", "html")
    child = wait_for(lambda: children(proc.pid), 60, "pandoc to start")[0]
    wait_for(lambda: scratch_folders(tmp, proc.pid), 10, "the scratch folder")
    assert proc.poll() is None and alive(child)
    return proc, child


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_build_ended_by_a_signal_leaves_nothing_behind(built, tmp_path, signum):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    before = _outputs(built)
    proc, child = _mid_build(built, tmp)
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signum
    assert err.strip().splitlines()[-1] == "interrupted" and "Traceback" not in err, err
    wait_for(lambda: not alive(child), 10, "pandoc to end")
    assert scratch_folders(tmp, proc.pid) == []
    assert _outputs(built) == before


def test_a_killed_build_takes_pandoc_with_it_and_the_next_command_sweeps_up(built, tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    before = _outputs(built)
    proc, child = _mid_build(built, tmp)
    proc.kill()
    proc.communicate(timeout=30)
    wait_for(lambda: not alive(child), 10, "pandoc to die with the toolkit")
    assert scratch_folders(tmp, proc.pid), "a killed run cannot remove its scratch folder"
    check = _toolkit(built, tmp, "check")
    check.communicate(timeout=120)
    assert scratch_folders(tmp, proc.pid) == []
    assert _outputs(built) == before


def _edition_limit(seconds: float) -> pandoc.PandocLimit:
    return pandoc.PandocLimit("time", f"pandoc took longer than {seconds:g} s", f"{seconds:g} s",
                              pandoc.Limits(seconds, 512))


def test_when_no_section_alone_passes_the_limit_the_edition_is_named(built):
    from toolkit.culprit import locate
    from toolkit.edition_source import MARKDOWN
    from toolkit.project import load_project

    _sections(built, "# Tez {#fast}\n\nMətn.\n")
    located = locate(load_project(built), "az", _edition_limit(2), MARKDOWN)
    assert located.diagnostic.format().splitlines()[0] == (
        "manuscript/az:0:0: error: pandoc took longer than 2 s on the az edition, though on no section alone "
        "(limit: 2 s) [engine-limit]")


def test_a_section_cut_short_by_the_search_is_not_blamed(built, monkeypatch):
    """The search for the cause takes at most twice the edition's limit in all."""
    from toolkit.culprit import locate
    from toolkit.edition_source import MARKDOWN
    from toolkit.project import load_project

    monkeypatch.delenv("TOOLKIT_TIME_LIMIT", raising=False)  # a section alone may take 30 s
    _sections(built, _slow(600))
    started = time.monotonic()
    located = locate(load_project(built), "az", _edition_limit(0.5), MARKDOWN)
    assert time.monotonic() - started < 2 * 0.5 + 5
    assert located.diagnostic.path.as_posix() == "manuscript/az"
