"""What the build would drop or mangle, as `check` reports it: raw LaTeX outside math,
bibliography keys in brackets without `@`, images in a format the editions do not
show, headings with an identifier the editions make themselves."""

from __future__ import annotations

import pytest

from toolkit.checks import run_checks
from toolkit.project import load_project


def diagnostics(root, *codes):
    return [d for d in run_checks(load_project(root)) if d.code in codes]


def place(text: str, line: int, needle: str) -> tuple[int, int]:
    """The 1-based line and column of `needle` on `line` of `text`."""
    return line, text.splitlines()[line - 1].index(needle) + 1


@pytest.fixture
def complete(project_copy):
    return project_copy("complete")


RAW_LATEX = r"""# Əlavə {#extra}

Mətn \texttt{kod}, \emph{vurğu} və \cite{kuru2001}; şəkil \ref{extra} və \pageref{extra}.
Düstur $\alpha + \beta$ və \begin{equation} x = 1 \end{equation} yaxşıdır; \\texttt mətndir, `\kod` kodda.

\begin{itemize}
\item bir \textbf{iki}
\end{itemize}

[bağlantı](https://example.org/a\b) <span title="\x">s</span> \alpha
"""


def test_raw_latex_outside_math_is_reported_where_it_is_written(complete):
    section = complete / "manuscript/az/02-extra.md"
    section.write_text(RAW_LATEX, encoding="utf-8")
    found = diagnostics(complete, "raw-latex")
    expected = [place(RAW_LATEX, 3, "\\texttt"), place(RAW_LATEX, 3, "\\emph"), place(RAW_LATEX, 3, "\\cite"),
                place(RAW_LATEX, 3, "\\pageref"), place(RAW_LATEX, 6, "\\begin"), place(RAW_LATEX, 10, "\\alpha")]
    assert [(d.line, d.column) for d in found] == expected
    assert all(d.severity.value == "warning" and str(d.path) == "manuscript/az/02-extra.md" for d in found)
    messages = [d.message for d in found]
    assert messages[0] == "raw LaTeX \\texttt{kod} is not printed by any edition"
    assert "LaTeX environment itemize" in messages[4]
    assert "[@key]" in found[2].hint and "`code`" in found[0].hint and "*emphasis*" in found[1].hint


def test_a_key_in_brackets_without_at_is_reported(complete):
    bib = complete / "bibliography/references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@misc{RamellaRoman2005,\n  title = {X},\n  year = {2005},\n}\n",
                   encoding="utf-8")
    text = ("# Əlavə {#extra}\n\nGöstərildiyi kimi [RamellaRoman2005; [15]] və [@kuru2001], "
            "[bax aydin1999, s. 3], "
            "[ramellaroman2005].\n\nBağlantı [kuru2001](https://example.org), [kuru2001]{.x}, `[kuru2001]`, "
            "[adi söz].\n")
    (complete / "manuscript/az/02-extra.md").write_text(text, encoding="utf-8")
    found = diagnostics(complete, "citation-without-at")
    assert [(d.line, d.column) for d in found] == [place(text, 3, "RamellaRoman2005"), place(text, 3, "aydin1999"),
                                                   place(text, 3, "ramellaroman2005")]
    assert found[0].hint == "write the citation as [@RamellaRoman2005]"
    assert "the key is 'RamellaRoman2005'" in found[2].hint


@pytest.mark.parametrize("heading, ident", [("# References", "references"), ("# Mənbələr {#refs}", "refs"),
                                            ("## Cədvəl {#TOC}", "TOC"), ("## Qeyd {#ref-kuru2001}", "ref-kuru2001"),
                                            ("## Sitat {#cite-3}", "cite-3")])
def test_a_heading_with_an_identifier_the_editions_make_is_reported(complete, heading, ident):
    (complete / "manuscript/az/02-extra.md").write_text(f"\n{heading}\n\nMətn.\n", encoding="utf-8")
    (d,) = diagnostics(complete, "reserved-id")
    assert (str(d.path), d.line, d.column, d.severity.value) == ("manuscript/az/02-extra.md", 2, 1, "error")
    assert f"'{ident}'" in d.message


def test_ordinary_identifiers_are_not_reserved(complete):
    (complete / "manuscript/az/02-extra.md").write_text("# Mənbələrə bax {#sources}\n\n## Referenslər\n\nMətn.\n",
                                                        encoding="utf-8")
    assert diagnostics(complete, "reserved-id") == []


def test_images_in_a_format_the_editions_do_not_show_are_reported(complete):
    from PIL import Image

    figures = complete / "figures"
    figures.mkdir()
    Image.new("RGB", (4, 4)).save(figures / "scan.tiff")
    Image.new("RGB", (4, 4)).save(figures / "photo.gif")
    Image.new("RGB", (4, 4)).save(figures / "jpeg.png", format="JPEG")  # a JPEG named .png
    Image.new("RGB", (4, 4)).save(figures / "fine.png")
    (figures / "drawing.svg").write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
                                         encoding="utf-8")
    (figures / "drawing.eps").write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n")
    text = ("# Şəkillər {#figures}\n\n![Skan](../../figures/scan.tiff)\n\n![Foto](../../figures/photo.gif)\n\n"
            "![JPEG](../../figures/jpeg.png)\n\n![Yaxşı](../../figures/fine.png)\n\n"
            "![Çertyoj](../../figures/drawing.svg)"
            '\n\n<img src="../../figures/drawing.eps" alt="EPS">\n')
    (complete / "manuscript/az/02-figures.md").write_text(text, encoding="utf-8")
    found = diagnostics(complete, "image-format")
    assert [d.line for d in found] == [3, 5, 7, 13]
    assert all(d.severity.value == "error" for d in found)
    assert "is in TIFF format" in found[0].message and "is in GIF format" in found[1].message
    assert "holds JPEG but is named as PNG" in found[2].message and found[2].hint == "rename it to end in .jpg"
    assert "is in EPS format: the editions show PNG, JPEG, SVG and PDF figures" in found[3].message


def test_the_shipped_article_and_the_fixtures_report_none_of_these():
    from tests.conftest import FIXTURES, REPO

    for root in [REPO, *(FIXTURES / name for name in ("complete", "crossref", "math", "bilingual", "front-matter"))]:
        assert diagnostics(root, "raw-latex", "citation-without-at", "reserved-id", "image-format") == [], root
