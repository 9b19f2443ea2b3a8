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
4. A clean build of all six editions (az, en x html, pdf, docx; build/ removed
   first), the languages made side by side, as a ratio to the serial sum of the
   bare engine calls of both languages, round by round (target <= 0.65x); these
   include subsetting the four faces of the text face to each web page's
   characters (HarfBuzz, then fontTools' WOFF2; a clean build has no subset cached).
5. A build with nothing changed, after a full build (target <= 0.3 s).
6. A generated book-length article (50 times the shipped one, 2,000 references) built
   once: its time against the shipped article's (target <= 55x) and its peak memory
   (target < 1.5 GB); and a build with nothing changed over a 5,000-entry
   bibliography (target <= 1 s). See `scale`.
7. The print edition's hyphen mending (engines/weasyprint_lines.py): the Azerbaijani
   print HTML laid out once against laid out until no page ends on a hyphenated word
   and no ladder of three is left, and how many layouts that took. See `layouts`.

Builds that must make their outputs again each round run with --force (outputs
are otherwise kept while their sources do not change).

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
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for tests.fixtures.builders
RUNS = 5
ARCHIVE = REPO / "benchmarks" / "data" / "ecolmodell2000.bib.xz"  # a real journal archive, see data/README.md
# the web edition's text face, bare: each face subset to a page's characters, as WOFF2, in one interpreter
FONTS = ("import io, sys, uharfbuzz as hb; from fontTools.ttLib import TTFont\n"
         "text = set(open(sys.argv[1], encoding='utf-8').read())\n"
         "for n, face in enumerate(sys.argv[3:]):\n"
         "    wanted = hb.SubsetInput()\n"
         "    for c in text: wanted.unicode_set.add(ord(c))\n"
         "    wanted.flags = hb.SubsetFlags.NO_HINTING\n"
         "    font = TTFont(io.BytesIO(bytes(hb.subset(hb.Face(hb.Blob.from_file_path(face)), wanted).blob.data)))\n"
         "    font.flavor = 'woff2'\n"
         "    font.save(f'{sys.argv[2]}-{n}.woff2')")


def timed(cmd: list[str], cwd: Path, stdin: bytes | None = None, allow_errors: bool = False) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True)
    if done.returncode not in ((0, 1) if allow_errors else (0,)):
        sys.exit(f"benchmark command failed: {' '.join(cmd)}\n{done.stderr.decode()}")
    return time.perf_counter() - start


def median(cmd: list[str], cwd: Path, stdin: bytes | None = None, allow_errors: bool = False) -> float:
    """`allow_errors`: exit status 1 (the check found errors) is a result, not a failure."""
    return statistics.median(timed(cmd, cwd, stdin, allow_errors) for _ in range(RUNS))


def preview_reload() -> float:
    """`toolkit preview` on a copy of the article: seconds from a saved English section to the
    server's "reload" event and the new page fetched with the saved sentence (median of RUNS saves)."""
    import http.client
    import re
    import signal

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "article"
        for part in ("manuscript", "bibliography"):
            shutil.copytree(REPO / part, root / part)
        server = subprocess.Popen([sys.executable, "-m", "toolkit", "--project", str(root), "preview"],
                                  cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            port = int(re.search(r"127\.0\.0\.1:(\d+)/", server.stdout.readline())[1])
            events = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            events.request("GET", "/__preview/events")
            response = events.getresponse()  # kept: its stream closes with it
            stream = response.fp
            stream.readline()  # the greeting: the stream is open before the first save
            section = sorted((root / "manuscript" / "en").glob("*.md"))[-1]
            times = []
            for run in range(RUNS):
                sentence = f"A sentence saved for measurement {run}."
                start = time.perf_counter()
                section.write_text(section.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
                name = ""
                while True:  # until the event that says the English page was rebuilt
                    line = stream.readline().decode()
                    if not line:  # the stream ended: the server stopped
                        sys.exit("benchmark: the preview server closed its event stream")
                    if line.startswith("event: "):
                        name = line.split()[1]
                    elif name == "reload" and line.startswith("data: ") and "en" in json.loads(line[6:])["languages"]:
                        break
                page = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                page.request("GET", "/en/article.html")
                if sentence not in page.getresponse().read().decode("utf-8"):
                    sys.exit("benchmark: the reloaded page lacks the saved sentence")
                times.append(time.perf_counter() - start)
                page.close()
            events.close()
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=30)
    return statistics.median(times)


@dataclass
class Cost:
    """What one command took: wall and CPU seconds (all its processes), and memory."""

    seconds: float
    cpu: float  # user and system time of all its processes: what load from others does not change
    largest_mb: float  # its largest process at its peak (ru_maxrss)
    total_mb: float  # all its processes at once, sampled (proportional set size: shared pages once)


@dataclass
class Scale:
    """A book-length article against the shipped one, and a no-op build over a large bibliography."""

    single: Cost  # the shipped article's six editions (median of three, field by field)
    book: Cost  # the same six editions of the book-length article
    no_op_large: float  # seconds: a second build with a 5,000-entry bibliography (median of three)

    @property
    def ratio(self) -> float:
        return self.book.seconds / self.single.seconds

    @property
    def cpu_ratio(self) -> float:
        return self.book.cpu / self.single.cpu


_RUSAGE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
           "stderr=subprocess.DEVNULL, check=True); r = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(r.ru_maxrss, r.ru_utime + r.ru_stime)")


def _proportional_mb(root: int) -> float:
    """The proportional set size of `root`'s descendants now (Linux /proc), in MB."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, grown = {root}, True
    while grown:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= found
        grown = bool(found)
    total = 0
    for pid in tree - {root}:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    return total / 1024


def cost(cmd: list[str], cwd: Path) -> Cost:
    """`cmd` run in a process of its own, so that its children's resource use is its alone."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", _RUSAGE, *cmd], cwd=cwd, stdout=subprocess.PIPE)
    total = 0.0
    while child.poll() is None:
        total = max(total, _proportional_mb(child.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    if child.returncode:
        sys.exit(f"benchmark command failed: {' '.join(cmd)}")
    largest, cpu = child.stdout.read().split()
    return Cost(seconds, float(cpu), int(largest) / 1024, total)


def layouts(printed: Path) -> tuple[float, float, int]:
    """7. One WeasyPrint layout of `printed` against the mended layouts, and their count."""
    import weasyprint

    from toolkit.engines.weasyprint_lines import laid_out
    from toolkit.hyphenation import register

    register()
    one, mended, count = [], [], []
    for _ in range(RUNS):
        html = weasyprint.HTML(str(printed))
        start = time.perf_counter()
        html.render()
        one.append(time.perf_counter() - start)
        html, made = weasyprint.HTML(str(printed)), []
        render = html.render
        html.render = lambda **options: (made.append(1), render(**options))[1]
        start = time.perf_counter()
        laid_out(html, {}, budget=60)
        mended.append(time.perf_counter() - start)
        count.append(len(made))
    return statistics.median(one), statistics.median(mended), max(count)


def scale(tmp: Path) -> Scale:
    """6. The book-length article (tests/fixtures/builders.py `book_article`: the shipped sections
    50 times, 2,000 references, each cited) built once, its wall and CPU time against the
    shipped article's (median of three; target <= 55x) and its peak memory (target < 1.5 GB);
    and builds with nothing changed over a 5,000-entry bibliography, after a first one
    (median of three; target <= 1 s). A book takes a minute: one run, not RUNS."""
    from tests.fixtures.builders import book_article, large_bibliography

    single = tmp / "scale-single"
    for part in ("manuscript", "bibliography"):
        shutil.copytree(REPO / part, single / part)
    build = [sys.executable, "-m", "toolkit", "build", "--force"]
    runs = [cost([*build, "--project", str(single)], single) for _ in range(3)]
    single_cost = Cost(*(statistics.median(getattr(r, f) for r in runs)
                         for f in ("seconds", "cpu", "largest_mb", "total_mb")))
    book = book_article(tmp / "scale-book", REPO, copies=50)
    book_cost = cost([*build, "--project", str(book)], book)
    large = tmp / "scale-large"
    shutil.copytree(single, large, ignore=shutil.ignore_patterns("build"))
    (large / "bibliography" / "references.bib").write_text(large_bibliography(5000), encoding="utf-8")
    again = [sys.executable, "-m", "toolkit", "--project", str(large), "build"]
    timed(again, large)
    no_op = statistics.median(timed(again, large) for _ in range(3))
    return Scale(single_cost, book_cost, no_op)


def main() -> None:
    from toolkit.csl_items import csl_items
    from toolkit.edition_source import MARKDOWN, pandoc_markdown
    from toolkit.front_matter import edition_metadata
    from toolkit.engines.pandoc import pandoc_path
    from toolkit.project import load_project
    from toolkit.styles import resolve_style
    from toolkit.web_fonts import installed
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
        csl = resolve_style(root, project.metadata.style)

        def bare(language: str) -> dict[str, tuple[list[str], bytes | None]]:
            """The engine calls one language's three editions need, alone."""
            source = pandoc_markdown(project, language).encode("utf-8")
            metadata = root / f"metadata-{language}.json"
            metadata.write_text(json.dumps(edition_metadata(project, language), ensure_ascii=False),
                                encoding="utf-8")
            bib = root / f"references-{language}.json"
            bib.write_text(json.dumps(csl_items(project.bibliography, language), ensure_ascii=False),
                           encoding="utf-8")
            pandoc = [pandoc_path(), f"--from={MARKDOWN}", f"--metadata-file={metadata}", "--citeproc",
                      f"--csl={csl}", f"--bibliography={bib}"]
            html, printed = root / f"bare-{language}.html", root / f"bare-print-{language}.html"
            return {
                f"html-{language}": ([*pandoc, "--to=html5", "--standalone", f"--output={html}"], source),
                f"docx-{language}": ([*pandoc, "--to=docx", f"--output={root / f'bare-{language}.docx'}"], source),
                f"print-{language}": ([*pandoc, "--to=html5", "--standalone",
                                       f"--template={asset('templates', 'print.html')}",
                                       f"--css={asset('css', 'print.css').as_uri()}", f"--output={printed}"], source),
                f"pdf-{language}": ([sys.executable, "-c",
                                     "import sys, weasyprint; weasyprint.HTML(sys.argv[1]).write_pdf(sys.argv[2])",
                                     str(printed), str(root / f"bare-{language}.pdf")], None),
                **({f"fonts-{language}": ([sys.executable, "-c", FONTS, str(html), str(root / f"bare-{language}"),
                                          *map(str, installed().values())], None)} if installed() else {}),
            }

        steps = {"build": ([*toolkit, "build", "--lang", "az", "--force"], None), **bare("az"), **bare("en")}
        # the one-language build runs with --force, its subsets cached: it is compared without them
        az = [n for n in steps if n.endswith("-az") and not n.startswith("fonts-")]
        every = [n for n in steps if n != "build"]

        def clean_build() -> float:
            shutil.rmtree(root / "build", ignore_errors=True)
            return timed([*toolkit, "build"], root)

        # round by round, so that the builds and their bare calls meet the same machine load
        rounds = []
        for _ in range(RUNS):
            rounds.append({name: timed(cmd, root, stdin) for name, (cmd, stdin) in steps.items()})
            rounds[-1]["all"] = clean_build()
        build, bare_html, bare_docx, bare_print, bare_pdf = (
            statistics.median(r[name] for r in rounds) for name in ("build", *az))
        ratio = statistics.median(r["build"] / sum(r[n] for n in az) for r in rounds)
        build_all = statistics.median(r["all"] for r in rounds)
        bare_all = statistics.median(sum(r[n] for n in every) for r in rounds)
        bare_fonts = statistics.median(r.get("fonts-az", 0.0) for r in rounds)
        layout_once, layout_mended, layout_count = layouts(root / "bare-print-az.html")
        parallel_ratio = statistics.median(r["all"] / sum(r[n] for n in every) for r in rounds)
        no_op = median([*toolkit, "build"], root)  # after the clean build of the last round
        from tests.fixtures.builders import formula_article

        # the same two-language article with 200 formulas a language, and with a word for each
        pdf = {name: [sys.executable, "-m", "toolkit", "--project",
                      str(formula_article(Path(tmp) / name, 200, formulas=name == "formulas")),
                      "build", "--lang", "az", "--format", "pdf", "--force"] for name in ("formulas", "plain")}
        math_rounds = [{name: timed(cmd, root) for name, cmd in pdf.items()} for _ in range(RUNS)]
        with_formulas, plain = (statistics.median(r[name] for r in math_rounds) for name in pdf)
        math_ratio = statistics.median(r["formulas"] / r["plain"] for r in math_rounds)
        grown = scale(Path(tmp))

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
    print(f"{'toolkit build, clean, az + en (six editions)':<46} {build_all:8.3f}")
    print(f"{'  bare engine calls of az and en, one by one':<46} {bare_all:8.3f}")
    print(f"{'    of them the web faces, az page, four faces':<46} {bare_fonts:8.3f}")
    print(f"{'clean build / serial bare calls (median)':<46} {parallel_ratio:8.2f}x <= 0.65x")
    print(f"{'toolkit build, nothing changed':<46} {no_op:8.3f}  <= 0.3 s")
    print(f"{'toolkit preview: saved section -> reloaded page':<46} {preview_reload():8.3f}  <= 0.5 s")
    print(f"{'PDF build, 200 formulas (az)':<46} {with_formulas:8.3f}")
    print(f"{'  the same article, a word for each formula':<46} {plain:8.3f}")
    print(f"{'formulas / no formulas (median of rounds)':<46} {math_ratio:8.2f}x <= 2x")
    print(f"{'toolkit build, the shipped article (six editions)':<46} {grown.single.seconds:8.3f}")
    print(f"{'toolkit build, book-length (50x, 2,000 refs)':<46} {grown.book.seconds:8.3f}")
    print(f"{'book-length / shipped article':<46} {grown.ratio:8.1f}x <= 55x")
    cpu = f"  the same in CPU time ({grown.book.cpu:.1f} / {grown.single.cpu:.2f} s)"
    print(f"{cpu:<46} {grown.cpu_ratio:8.1f}x")
    print(f"{'  peak memory, largest process (MB)':<46} {grown.book.largest_mb:8.0f}  < 1536 MB")
    print(f"{'  peak memory, all its processes (MB, PSS)':<46} {grown.book.total_mb:8.0f}  < 1536 MB")
    print(f"{'toolkit build, nothing changed, 5,000 entries':<46} {grown.no_op_large:8.3f}  <= 1.0 s")
    print(f"{'WeasyPrint layout, az print html, once':<46} {layout_once:8.3f}")
    print(f"{f'  mended: no page-end hyphen, no ladder ({layout_count} layouts)':<46} {layout_mended:8.3f}")


if __name__ == "__main__":
    main()
