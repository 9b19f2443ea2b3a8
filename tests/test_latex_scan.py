r"""The LaTeX problems of a field, found without the walker where that is certain,
compared with what decoding the field reports: on real bibliographies (the
fixtures, tests/fixtures/latex/real.bib, a journal archive) and on generated
fields made of the commands each rule is about."""

from __future__ import annotations

import lzma
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, REPO
from toolkit import latex, latex_scan
from toolkit.bibliography import parse_bibliography
from toolkit.checks.latex import PRINTED
from toolkit.latex import Problem, decode
from toolkit.latex_scan import may_report, problems


def checked_values(text: str) -> list[str]:
    """The values the latex check looks at: printed fields with a backslash or a `$`."""
    bib = parse_bibliography(text, Path("references.bib"))
    values = (field.value for entry in bib.entries for name, field in entry.fields.items()
              if not field.inherited_from and name in PRINTED and ("\\" in field.value or "$" in field.value))
    return list(dict.fromkeys(values))


def compare(values: list[str]) -> tuple[int, int]:
    """Assert each value's problems are decode's; (values known quiet, values listed without the walker)."""
    quiet = listed = 0
    for value in values:
        assert problems(value) == decode(value).problems, value
        quiet += not may_report(value)
        listed += may_report(value) and latex_scan._unknown_commands(value) is not None
    return quiet, listed


def test_the_real_fields_report_what_decoding_reports():
    quiet, listed = compare(checked_values((FIXTURES / "latex" / "real.bib").read_text(encoding="utf-8")))
    assert quiet >= 40


def test_every_fixture_field_reports_what_decoding_reports():
    values = [v for path in sorted(FIXTURES.rglob("*.bib")) for v in checked_values(path.read_text(encoding="utf-8"))]
    compare(values)


def test_a_journal_archive_reports_what_decoding_reports():
    text = lzma.decompress((REPO / "benchmarks" / "data" / "ecolmodell2000.bib.xz").read_bytes()).decode("utf-8")
    values = checked_values(text)
    quiet, listed = compare(values)
    assert len(values) == 1124 and quiet == 702 and listed == 343  # the walker reads 79 (math, \cite …)


@pytest.mark.parametrize("value, expected", [
    (r"Growth of \bioname{Pinus sylvestris} in Finland", ((10, r"\bioname", True),)),
    ("Lakes of \\geoname  \n {Ontario} and \\pkg{R}", ((9, r"\geoname", True), (35, r"\pkg", True))),
    (r"A \colon{} B \degree", ((2, r"\colon", True), (13, r"\degree", False))),
    (r"\'{E}tude {\em of} \"{u}ber \i\TeX", ()),
])
def test_unknown_commands_in_running_text(value, expected):
    found = latex_scan._unknown_commands(value)
    assert found == tuple(Problem(offset, "latex-macro", text, with_argument=argument)
                          for offset, text, argument in expected) == decode(value).problems


@pytest.mark.parametrize("value", [
    r"$K_{1,3}$-free", r"\(x\)", r"\'\foo{x}", r"\noopsort{\foo}x", r"\url{\foo}", "\\foo\n\n{x}",
    r"\href{u}", r"\char`\a", r"\kern-.1em\foo", r"\begin{x}y\end{x}", "{unbalanced", r"\\[2pt]\foo",
])
def test_the_walker_is_asked_when_the_answer_depends_on_it(value):
    assert may_report(value) and latex_scan._unknown_commands(value) is None
    assert problems(value) == decode(value).problems


def test_every_symbol_the_scan_calls_quiet_takes_no_argument():
    """The decoder prints a symbol only when the walker gave it no argument."""
    context = latex._contexts()[0]
    taking = [name for name in latex.SYMBOLS
              if (spec := context.get_macro_spec(name)) is not None and getattr(spec.args_parser, "argspec", "")]
    assert taking == []


PLAIN = sorted(name for name in latex_scan.QUIET if latex_scan._kind(name) == "plain")
DECODING = sorted(name for name in latex_scan.QUIET if latex_scan._kind(name) == "decoding")
SPACES = st.sampled_from(["", " ", "  ", "\n", "\t", "\n\n", "\r\n"])
TEXT = st.sampled_from(["word", "ə", "~", "--", "'", "`", ",", "%", "[", "]", "*", "é", " ", "$", "\\", "}"])


def fields(depth: int = 0):
    """Fields of text, groups and commands of every kind the scan tells apart."""
    group = fields(depth + 1).map("{{{}}}".format) if depth < 3 else st.just("{q}")
    piece = st.one_of(
        TEXT,
        st.tuples(st.sampled_from(PLAIN), SPACES).map(lambda p: f"\\{p[0]}{p[1]}"),
        st.tuples(st.sampled_from(DECODING), st.sampled_from(["e", "{e}", " e", "\\i", "\\foo", "}", ""])).map(
            lambda p: f"\\{p[0]}{p[1]}"),
        st.tuples(st.sampled_from(["bioname", "foo", "colon", "Ölçü", "alpha", "href", "kern", "url", "(", "\\"]),
                  SPACES, st.one_of(st.sampled_from(["", "x", "[o]{x}"]), group)).map(lambda p: "\\" + "".join(p)),
        group)
    return st.lists(piece, max_size=6).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fields())
def test_any_field_reports_what_decoding_reports(value):
    assert problems(value) == decode(value).problems
