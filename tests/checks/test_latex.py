"""`check` reports the LaTeX the editions cannot print as meant, where it is written."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from tests.conftest import FIXTURES
from toolkit.bibliography import parse_bibliography
from toolkit.checks import latex

P = Path("bibliography/references.bib")


def diagnose(text: str):
    return latex.check(SimpleNamespace(bibliography=parse_bibliography(text, P), manuscripts={}))


def test_an_unknown_command_is_a_warning_at_its_place():
    (d,) = diagnose("@book{knuth84,\n  title = {The {\\TeX}book and \\foo{bar}},\n  year = {1984},\n}\n")
    assert (d.code, d.severity.value, d.line, d.column) == ("latex-macro", "warning", 2, 31)
    assert d.format() == ("bibliography/references.bib:2:31: warning: title of 'knuth84' uses \\foo, which the "
                          "toolkit does not know: its argument is kept as text [latex-macro]")


def test_math_the_editions_draw_is_not_reported_but_math_they_cannot_convert_is_an_error_where_it_is():
    text = ("@article{a,\n  title = {Sums of\n           $\\frac{1}{2}$ and $K_{1,3}$},\n"
            "  note = {A $\\bad{x}$ field},\n}\n")
    (d,) = diagnose(text)
    assert (d.code, d.severity.value, d.line, d.column) == ("math", "error", 4, 13)
    assert d.message.startswith("TeX math that cannot be converted (") and d.message.endswith("): \\bad{x}")


def test_a_dollar_never_closed_is_a_warning():
    (d,) = diagnose("@article{a,\n  title = {Costs in $ and more},\n}\n")
    assert (d.code, d.line, d.column) == ("latex-math", 2, 21)
    assert d.message == "title of 'a' has a $ that is never closed, $ and more: it is printed as text, “ and more”"


def test_a_value_built_from_macros_is_reported_at_its_field():
    text = '@string{j = "Journal of \\foo{X}"}\n@article{a,\n  journal = j # " B",\n}\n'
    (d,) = diagnose(text)
    assert (d.line, d.column, d.message) == (3, 3, "journal of 'a' uses \\foo, which the toolkit does not know: "
                                                   "its argument is kept as text")


def test_names_and_every_printed_field_are_checked_but_addresses_and_unprinted_fields_are_not():
    text = ("@book{a,\n  author = {M\\\"uller, \\Bar},\n  keywords = {\\foo},\n"
            "  url = {https://example.org/\\foo},\n  publisher = {\\qux{P}},\n}\n")
    assert [(d.line, d.message.split(" of ")[0]) for d in diagnose(text)] == [(2, "author"), (5, "publisher")]


def test_an_inherited_field_is_reported_once_at_its_parent():
    text = ("@inproceedings{child,\n  crossref = {proc},\n  title = {T},\n}\n"
            "@proceedings{proc,\n  title = {Proceedings of \\foo},\n}\n")
    assert [(d.line, d.message.split("'")[1]) for d in diagnose(text)] == [(6, "proc")]


def test_what_the_decoder_knows_is_not_reported():
    real = (FIXTURES / "latex" / "real.bib").read_text(encoding="utf-8")
    project = (FIXTURES / "latex-project" / "bibliography" / "references.bib").read_text(encoding="utf-8")
    assert diagnose(real) == [] and diagnose(project) == []


def test_toolkit_check_prints_them(project_copy, run_cli):
    root = project_copy("latex-project")
    bib = root / "bibliography" / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@misc{extra,\n  note = {See \\cite{x} and $\\sqrt{2}$},\n}\n",
                   encoding="utf-8")
    code, out, _ = run_cli("check", "--project", root)
    lines = [line for line in out.splitlines() if "[latex-" in line]
    start = len(bib.read_text(encoding="utf-8").splitlines()) - 1
    assert lines == [
        f"bibliography/references.bib:{start}:15: warning: note of 'extra' uses \\cite, which the toolkit does not "
        "know: its argument is kept as text [latex-macro]",
    ]  # the formula is drawn in the editions: nothing to report
