"""Measure, in one run, what the README's performance section reports.

1. `toolkit check` wall time including interpreter start (target <= 0.5 s),
   and the same on a generated bibliography of 5,000 entries and on a real
   journal archive of 3,633 entries (benchmarks/data; targets <= 1.0 s).
2. The Azerbaijani build (`toolkit build --lang az`) as a ratio to the bare
   engine calls it needs: pandoc Markdown -> HTML, -> DOCX and -> print HTML
   (the toolkit's print template and stylesheet) with citeproc, and WeasyPrint
   (in a fresh interpreter, import included) print HTML -> PDF (target <= 1.3x).
   The build and its bare calls are timed round by round and the ratio is the
   median of the rounds' ratios, so both meet the same load on a shared machine.
3. The print edition (`toolkit build --lang az --format pdf`) of a generated article
   with 200 formulas (tests/fixtures/builders.py) against the same article with a
   word in place of each formula, round by round (target <= 2x).

Each figure is the median of several runs. Run with `make benchmark`.
"""

from __future__ import annotations

import json
import lzma
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for tests.fixtures.builders
RUNS = 5
ARCHIVE = REPO / "benchmarks" / "data" / "ecolmodell2000.bib.xz"  # a real journal archive, see data/README.md


def timed(cmd: list[str], cwd: Path, stdin: bytes | None = None, allow_errors: bool = False) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True)
    if done.returncode not in ((0, 1) if allow_errors else (0,)):
        sys.exit(f"benchmark command failed: {' '.join(cmd)}\n{done.stderr.decode()}")
    return time.perf_counter() - start


def median(cmd: list[str], cwd: Path, stdin: bytes | None = None, allow_errors: bool = False) -> float:
    """`allow_errors`: exit status 1 (the check found errors) is a result, not a failure."""
    return statistics.median(timed(cmd, cwd, stdin, allow_errors) for _ in range(RUNS))


def main() -> None:
    from toolkit.csl_items import csl_items
    from toolkit.edition import MARKDOWN, edition_metadata, pandoc_markdown
    from toolkit.engines.pandoc import pandoc_path
    from toolkit.project import load_project
    from toolkit.styles import resolve_style
    from toolkit.writers.base import asset

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "article"
        for part in ("manuscript", "bibliography"):
            shutil.copytree(REPO / part, root / part)
        toolkit = [sys.executable, "-m", "toolkit", "--project", str(root)]
        check = median([*toolkit, "check"], root)
        large = Path(tmp) / "large"
        shutil.copytree(root, large)
        from tests.fixtures.builders import large_bibliography

        (large / "bibliography" / "references.bib").write_text(large_bibliography(5000), encoding="utf-8")
        check_large = median([sys.executable, "-m", "toolkit", "--project", str(large), "check"], large,
                             allow_errors=True)
        archive = Path(tmp) / "archive"
        shutil.copytree(root, archive)
        (archive / "bibliography" / "references.bib").write_bytes(lzma.decompress(ARCHIVE.read_bytes()))
        check_archive = median([sys.executable, "-m", "toolkit", "--project", str(archive), "check"], archive,
                               allow_errors=True)
        project = load_project(root)
        source = pandoc_markdown(project, "az").encode("utf-8")
        metadata = root / "metadata.json"
        metadata.write_text(json.dumps(edition_metadata(project, "az"), ensure_ascii=False), encoding="utf-8")
        csl = resolve_style(root, project.metadata.style)
        bib = root / "references.json"
        bib.write_text(json.dumps(csl_items(project.bibliography, "az"), ensure_ascii=False), encoding="utf-8")
        pandoc = [pandoc_path(), f"--from={MARKDOWN}", f"--metadata-file={metadata}", "--citeproc", f"--csl={csl}",
                  f"--bibliography={bib}"]
        html, printed = root / "bare.html", root / "bare-print.html"
        steps = {
            "build": ([*toolkit, "build", "--lang", "az"], None),
            "html": ([*pandoc, "--to=html5", "--standalone", f"--output={html}"], source),
            "docx": ([*pandoc, "--to=docx", f"--output={root / 'bare.docx'}"], source),
            "print": ([*pandoc, "--to=html5", "--standalone", f"--template={asset('templates', 'print.html')}",
                       f"--css={asset('css', 'print.css').as_uri()}", f"--output={printed}"], source),
            "pdf": ([sys.executable, "-c", "import sys, weasyprint; weasyprint.HTML(sys.argv[1]).write_pdf(sys.argv[2])",
                     str(printed), str(root / "bare.pdf")], None),
        }
        # round by round, so that the build and its bare calls meet the same machine load
        rounds = [{name: timed(cmd, root, stdin) for name, (cmd, stdin) in steps.items()} for _ in range(RUNS)]
        build, bare_html, bare_docx, bare_print, bare_pdf = (
            statistics.median(r[name] for r in rounds) for name in steps)
        ratio = statistics.median(r["build"] / sum(r[n] for n in steps if n != "build") for r in rounds)
        from tests.fixtures.builders import formula_article

        # the same two-language article with 200 formulas a language, and with a word for each
        pdf = {name: [sys.executable, "-m", "toolkit", "--project",
                      str(formula_article(Path(tmp) / name, 200, formulas=name == "formulas")),
                      "build", "--lang", "az", "--format", "pdf"] for name in ("formulas", "plain")}
        math_rounds = [{name: timed(cmd, root) for name, cmd in pdf.items()} for _ in range(RUNS)]
        with_formulas, plain = (statistics.median(r[name] for r in math_rounds) for name in pdf)
        math_ratio = statistics.median(r["formulas"] / r["plain"] for r in math_rounds)

    print(f"{'measure':<46} {'seconds':>8}  target")
    print(f"{'toolkit check (interpreter start included)':<46} {check:8.3f}  <= 0.5 s")
    print(f"{'toolkit check, 5,000-entry bibliography':<46} {check_large:8.3f}  <= 1.0 s")
    print(f"{'toolkit check, 3,633-entry journal archive':<46} {check_archive:8.3f}  <= 1.0 s")
    print(f"{'toolkit build --lang az (html, pdf, docx)':<46} {build:8.3f}")
    print(f"{'  bare pandoc md -> html (citeproc)':<46} {bare_html:8.3f}")
    print(f"{'  bare pandoc md -> docx (citeproc)':<46} {bare_docx:8.3f}")
    print(f"{'  bare pandoc md -> print html (template, css)':<46} {bare_print:8.3f}")
    print(f"{'  bare WeasyPrint print html -> pdf (import)':<46} {bare_pdf:8.3f}")
    print(f"{'build / bare engine calls (median of rounds)':<46} {ratio:8.2f}x <= 1.3x")
    print(f"{'PDF build, 200 formulas (az)':<46} {with_formulas:8.3f}")
    print(f"{'  the same article, a word for each formula':<46} {plain:8.3f}")
    print(f"{'formulas / no formulas (median of rounds)':<46} {math_ratio:8.2f}x <= 2x")


if __name__ == "__main__":
    main()
