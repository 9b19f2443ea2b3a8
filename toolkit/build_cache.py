"""What a build depends on, as digests, and what the last build made from them.

An output (a language's edition in one format, with its companion files) is
made again only when the digest of its inputs changed or its files are not
the ones the last build wrote. The inputs: the language's sections and the
images they name, article.yaml (both editions show its abstracts and titles),
the bibliography files, the citation style, the language profiles (locales,
labels, hyphenation), the templates, stylesheets and scripts of the format,
its options, the toolkit's version and the engines' versions, and for the web
edition the installed text face it embeds (toolkit/web_fonts.py). The check's
diagnostics are kept under a digest of every language's inputs, so a build
with nothing changed reports them without running the check.

The manifest, build/.cache/manifest.json, is read with suspicion: anything
unexpected in it (not JSON, another layout or version, a file changed or
deleted by hand) makes the outputs concerned be rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .confine import confined
from .diagnostics import Diagnostic, Severity

CACHE_DIR = Path("build") / ".cache"
MANIFEST = CACHE_DIR / "manifest.json"
LAYOUT = 1  # the manifest's own format; another one is ignored
PACKAGE = Path(__file__).resolve().parent
ASSETS = PACKAGE / "assets"  # as toolkit.writers.base reads them
LANGUAGES = PACKAGE / "languages"
ENGINES = ("pypandoc_binary", "weasyprint", "citeproc_py", "ziamath", "pymupdf", "fonttools", "uharfbuzz")
# what each format's writer reads besides the edition (toolkit/writers)
FORMAT_ASSETS = {
    "html": ("templates/web.html", "templates/title-block.html", "css/web.css", "js/web.js"),
    "pdf": ("templates/print.html", "templates/title-block.html", "css/print.css"),
    "jats": ("templates/jats.xml",),
}


def _version() -> str:
    from . import __version__  # looked up each time: the package's, as it is now

    return __version__


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """The file's content digest; "missing" when it is no regular file or cannot be read
    (a change all the same: never a FIFO or a device waited on)."""
    try:
        return _sha(path.read_bytes()) if path.is_file() else "missing"
    except OSError:
        return "missing"


def _inside(root: Path, path: Path) -> Path | None:
    """`path` when it leads to a place inside the project (links followed); nothing outside is opened."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return None
    return resolved if resolved.is_relative_to(root) else None


def _dist_versions() -> dict[str, str]:
    """The engines' installed versions, from their dist-info folders' names (no import,
    no metadata parsing: a no-op build must stay fast)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                dist, _, version = name[: -len(".dist-info")].partition("-")
                dist = dist.lower().replace("-", "_").replace(".", "_")
                if dist in ENGINES and dist not in found:
                    found[dist] = version
    return found


def environment() -> dict[str, str]:
    """The toolkit's and the engines' versions (pandoc's binary also by size and time), and
    SOURCE_DATE_EPOCH, which dates the PDF and the DOCX."""
    from .engines.pandoc import pandoc_path

    versions = {"toolkit": _version(), **_dist_versions()}
    # the date the editions say they were made (toolkit.document_date)
    versions["SOURCE_DATE_EPOCH"] = os.environ.get("SOURCE_DATE_EPOCH", "")
    try:
        binary = os.stat(pandoc_path())
        versions["pandoc"] = f"{binary.st_size}:{binary.st_mtime_ns}"
    except Exception:  # reported by the build itself
        versions["pandoc"] = "missing"
    return versions


def _images(project, section) -> list[tuple[str, str]]:
    """The files a section's images name (relative to the section), with their digests."""
    out = []
    for image in section.images:
        parts = urlsplit(image.target)
        if parts.scheme and len(parts.scheme) > 1 and parts.scheme != "file":
            continue
        target = unquote(parts.path)
        if target:
            found = _inside(project.root, (project.root / section.path).parent / target)
            out.append((image.target, file_digest(found) if found else "outside"))
    return out


@dataclass
class Inputs:
    """Digests of a project's inputs, each file read once per build."""

    project: object
    csl: Path
    options: dict
    environment: dict = field(default_factory=environment)
    _memo: dict = field(default_factory=dict)

    def _file(self, path: Path) -> str:
        if path not in self._memo:
            self._memo[path] = file_digest(path)
        return self._memo[path]

    def _tree(self, folder: Path) -> list[tuple[str, str]]:
        return [(str(p.relative_to(folder)), self._file(p)) for p in sorted(folder.rglob("*"))
                if p.is_file() and p.suffix != ".pyc"]

    def shared(self) -> dict:
        """What every output and the check depend on."""
        if "shared" not in self._memo:
            project = self.project
            bibliographies = project.bibliography.paths or (project.bibliography.path,)
            self._memo["shared"] = {
                "environment": self.environment,
                "article.yaml": self._file(project.root / project.metadata.path),
                "bibliography": [(str(p), self._file(project.root / p)) for p in bibliographies],
                "style": (_shown(project.root, self.csl), self._file(self.csl)),
                "languages": self._tree(LANGUAGES),
            }
        return self._memo["shared"]

    def language(self, language: str) -> dict:
        manuscript = self.project.manuscripts[language]
        return {"sections": [(str(s.path), _sha(s.text.encode("utf-8")), _images(self.project, s))
                             for s in manuscript.sections]}

    def output(self, language: str, fmt: str, options: dict) -> str:
        """The digest an output is made from."""
        assets = [(name, self._file(ASSETS / name)) for name in FORMAT_ASSETS.get(fmt, ())]
        if fmt == "html":  # the text face it embeds (installed since, or updated)
            if "text face" not in self._memo:
                from .web_fonts import identity

                self._memo["text face"] = identity()
            assets.append(("text face", self._memo["text face"]))
        sources = {language: self.language(language)}
        if options.get("variant") == "pdf/a-3b":  # the archival PDF carries every language's sections
            sources = {lang: self.language(lang) for lang in self.project.manuscripts}
        return _digest({"shared": self.shared(), "language": language, "sources": sources,
                        "format": fmt, "assets": assets, "options": options})

    def check(self, strict: bool) -> str:
        """The digest the check's diagnostics are kept under: every language's inputs."""
        project = self.project
        return _digest({"shared": self.shared(), "strict": strict,
                        "languages": {lang: self.language(lang) for lang in project.manuscripts},
                        "declared": list(project.metadata.languages),
                        "refused": [repr(d) for d in project.refused]})


def _shown(root: Path, path: Path) -> str:
    """A project's file by its place in the project (a copied project keeps its outputs)."""
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def _digest(value) -> str:
    return _sha(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))


# --- diagnostics as JSON -------------------------------------------------------


def _to_json(d: Diagnostic) -> dict:
    return {**d.to_json(), "strict_error": d.strict_error}


def _from_json(data: dict) -> Diagnostic:
    return Diagnostic(Path(data["path"]), int(data["line"]), int(data["column"]), Severity(data["severity"]),
                      str(data["code"]), str(data["message"]), str(data.get("hint", "")),
                      bool(data.get("strict_error", False)))


def diagnostics_to_json(diagnostics: list[Diagnostic]) -> list[dict]:
    return [_to_json(d) for d in diagnostics]


def diagnostics_from_json(data: list) -> list[Diagnostic]:
    return [_from_json(d) for d in data]


# --- the manifest ----------------------------------------------------------------


@dataclass
class Entry:
    """What the last build made of one output: from which inputs, which files (their
    digests), and what it reported."""

    inputs: str
    files: dict[str, str]  # project-relative path -> content digest
    unresolved: list[str] = field(default_factory=list)
    refused: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"inputs": self.inputs, "files": self.files, "unresolved": self.unresolved,
                "refused": diagnostics_to_json(self.refused), "warnings": diagnostics_to_json(self.warnings)}

    @classmethod
    def from_json(cls, data: dict) -> "Entry":
        if not isinstance(data["inputs"], str) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in data["files"].items()):
            raise ValueError("not an entry")
        return cls(data["inputs"], dict(data["files"]), [str(k) for k in data["unresolved"]],
                   diagnostics_from_json(data["refused"]), diagnostics_from_json(data["warnings"]))


@dataclass
class Manifest:
    entries: dict[str, Entry] = field(default_factory=dict)  # "az/html" -> Entry
    check_key: str = ""
    check: list[Diagnostic] = field(default_factory=list)

    def current(self, root: Path, key: str, inputs: str) -> Entry | None:
        """The entry of `key` when it was made from `inputs` and its files are still as written."""
        entry = self.entries.get(key)
        if entry is None or entry.inputs != inputs or not entry.files:
            return None
        for name, digest in entry.files.items():
            path = Path(name)
            if path.is_absolute() or ".." in path.parts or path.parts[:1] != ("build",):
                return None  # the manifest names its outputs under build/, or is not trusted
            found = _inside(root, root / path)
            if found is None or file_digest(found) != digest:
                return None
        return entry

    def to_bytes(self) -> bytes:
        return json.dumps({"layout": LAYOUT, "toolkit": _version(),
                           "check": {"key": self.check_key, "diagnostics": diagnostics_to_json(self.check)},
                           "outputs": {k: e.to_json() for k, e in sorted(self.entries.items())}},
                          ensure_ascii=False, indent=1).encode("utf-8")


def load(root: Path) -> Manifest:
    """The last build's manifest; an empty one when it is missing, unreadable or foreign."""
    try:
        data = json.loads(confined(root, MANIFEST, "build manifest").read_bytes())  # never through a link out
        if data.get("layout") != LAYOUT or data.get("toolkit") != _version():
            return Manifest()
        check = data["check"]
        return Manifest({str(k): Entry.from_json(v) for k, v in data["outputs"].items()},
                        str(check["key"]), diagnostics_from_json(check["diagnostics"]))
    except Exception:  # anything unexpected: rebuild, never trust it
        return Manifest()


def key(language: str, fmt: str) -> str:
    return f"{language}/{fmt}"


def file_digest_of(data: bytes) -> str:
    """The digest `file_digest` gives the file once `data` is written."""
    return _sha(data)
