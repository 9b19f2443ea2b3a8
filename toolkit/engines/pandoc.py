"""The one gateway to pandoc (the binary inside pypandoc-binary).

All pandoc runs go through `run`, so options, errors and bounds live here.
Every run is sandboxed (`--sandbox`: pandoc reads only the files named on its
command line and makes no network request), has a heap limit and a wall-time
limit in proportion to its input, gets an environment without proxies or RTS
options, and runs in its own process group that dies with the toolkit.
"""

from __future__ import annotations

import ctypes
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .limits import EngineLimit, time_limit

MEMORY_BASE = 512  # MB of heap every run may use (the shipped article's runs use under 70)
MEMORY_PER_MB = 64  # and this many MB more per MB of input (pandoc peaks near 40x on prose)
MEMORY_CAP = 4096  # MB, however large the input
HEAP_EXHAUSTED = 251  # the GHC runtime's exit status when the heap limit is hit

# options whose file pandoc reads as input, beside stdin: they count towards the limits
_INPUT_OPTIONS = ("--bibliography=", "--metadata-file=", "--csl=")
# what the child keeps of the environment: locale, time zone, reproducible dates
_KEPT = ("PATH", "LANG", "LANGUAGE", "TZ", "SOURCE_DATE_EPOCH", "TMPDIR")
# a proxy nobody listens on: were a fetch ever attempted, it would fail at once
_NO_PROXY = "http://127.0.0.1:1"
_PR_SET_PDEATHSIG = 1


class PandocError(Exception):
    pass


class PandocLimit(EngineLimit, PandocError):
    """pandoc passed its time or memory limit and was stopped."""

    def __init__(self, kind: str, what: str, rule: str, limits: "Limits"):
        super().__init__("pandoc", kind, what, rule)
        self.limits = limits  # those of the run that was stopped


@dataclass(frozen=True)
class PandocResult:
    output: bytes
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Limits:
    seconds: float
    megabytes: int
    time_rule: str = ""
    memory_rule: str = ""

    @classmethod
    def for_input(cls, size: int) -> "Limits":
        """The default bounds for `size` bytes of input."""
        seconds, time_rule = time_limit(size)
        megabytes = min(MEMORY_BASE + MEMORY_PER_MB * size // 2**20, MEMORY_CAP)
        memory_rule = f"{MEMORY_BASE} MB + {MEMORY_PER_MB} MB per MB of input, at most {MEMORY_CAP} MB"
        return cls(seconds, megabytes, time_rule, memory_rule)


@cache
def pandoc_path() -> str:
    """The pandoc inside the pypandoc-binary wheel, found without running it (pypandoc's
    own lookup starts a `pandoc --version` for each place it tries)."""
    import importlib.util

    spec = importlib.util.find_spec("pypandoc")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - the set-up installs it
        raise PandocError("pypandoc-binary is not installed; run 'make build' to set up")
    for folder in spec.submodule_search_locations:
        binary = Path(folder) / "files" / "pandoc"
        if binary.is_file() and os.access(binary, os.X_OK):
            return str(binary)
    import pypandoc  # pragma: no cover - another layout: let pypandoc look

    path = pypandoc.get_pandoc_path()
    if not path:  # pragma: no cover
        raise PandocError("pandoc was not found inside pypandoc-binary")
    return path


def input_size(args: list[str], stdin: bytes) -> int:
    """Bytes pandoc reads: stdin and the bibliography, metadata and style files it is given."""
    size = len(stdin)
    for arg in args:
        for option in _INPUT_OPTIONS:
            if arg.startswith(option):
                try:
                    size += os.stat(arg[len(option):]).st_size
                except OSError:
                    pass
    return size


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in _KEPT or k.startswith("LC_")}
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env[name] = _NO_PROXY
    return env


def _die_with_parent():
    """For preexec_fn: the child is killed (SIGKILL) when the toolkit dies, however it dies."""
    if not sys.platform.startswith("linux"):  # pragma: no cover
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before the fork
    parent = os.getpid()

    def arm() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the toolkit died before the line above took effect
            os.kill(os.getpid(), signal.SIGKILL)

    return arm


def _end(proc: subprocess.Popen) -> None:
    """Kill the run's process group if it is still there, and reap it."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # its own group: pgid == pid
        except ProcessLookupError:  # pragma: no cover - it ended just now
            pass
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream:
            stream.close()
    proc.wait()


def run(args: list[str], stdin: bytes | str | None = None, cwd: Path | None = None,
        limits: Limits | None = None) -> PandocResult:
    """Run pandoc with `args`; PandocLimit when it passes `limits` (default: by input size)."""
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    stdin = stdin or b""
    limits = limits or Limits.for_input(input_size(args, stdin))
    # "--RTS": no later argument is read as a runtime option
    command = [pandoc_path(), "+RTS", f"-M{limits.megabytes}m", "-RTS", "--RTS", "--sandbox", *args]
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=cwd, env=_environment(), start_new_session=True, preexec_fn=_die_with_parent())
    try:
        out, err = proc.communicate(stdin, timeout=limits.seconds)
    except subprocess.TimeoutExpired:
        raise PandocLimit("time", f"pandoc took longer than {round(limits.seconds, 1):g} s",
                          limits.time_rule or f"{limits.seconds:g} s", limits) from None
    finally:
        _end(proc)
    messages = err.decode("utf-8", "replace").strip()
    if proc.returncode == HEAP_EXHAUSTED and "Heap exhausted" in messages:
        raise PandocLimit("memory", f"pandoc needed more than {limits.megabytes} MB of memory",
                          limits.memory_rule or f"{limits.megabytes} MB", limits)
    if proc.returncode < 0:
        raise PandocError(f"pandoc was stopped by signal {-proc.returncode}")
    if proc.returncode != 0:
        raise PandocError(f"pandoc failed (exit {proc.returncode}): {messages}")
    return PandocResult(out, messages_of(messages))


def messages_of(stderr: str) -> tuple[str, ...]:
    """pandoc's messages, one each: a message's further lines (texmath's reason under
    a formula) stay with it; the `[WARNING]` mark goes."""
    found: list[str] = []
    for line in stderr.splitlines():
        if not line.strip():
            continue
        if line.startswith("[") or not found:
            found.append(re.sub(r"^\[(?:WARNING|INFO)\]\s*", "", line).strip())
        else:
            found[-1] += "\n" + line.rstrip()
    return tuple(found)
