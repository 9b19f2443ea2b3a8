"""A cited @set prints as biblatex prints it, in the built edition and in `toolkit refs`;
the same project cites an alias and an arXiv preprint from two bibliography files."""

from __future__ import annotations

import html
import re

import pytest

from toolkit.entrysets import label_free
from toolkit.styles import resolve_style

MEMBERS = ("Herrmann, W. A.", "Aksın, Ö.", "Yoon, M. S.")  # entryset = {herrmann,aksin,yoon}

def test_the_label_free_style_has_no_citation_number_and_no_label_column(tmp_path):
    for name in ("numeric-alphabetical", "ieee"):
        style = label_free(resolve_style(tmp_path, name).read_bytes())
        assert not re.search(rb'<(text|number)\b[^>]*variable="citation-number"', style)
        assert b"second-field-align" not in style


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import shutil

    from tests.conftest import FIXTURES
    from toolkit.cli import main

    root = shutil.copytree(FIXTURES / "biber", tmp_path_factory.mktemp("biber") / "biber")
    assert main(["--project", str(root), "build", "--format", "html"]) == 0
    page = (root / "build" / "en" / "article.html").read_text(encoding="utf-8")
    entries = re.findall(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>(.*?)</div>', page, re.S)
    return root, page, {key: " ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).replace("↩︎", "").split())
                        for key, body in entries}


def test_the_edition_prints_a_set_as_one_reference_of_its_members(built):
    _, page, refs = built
    assert list(refs) == ["angenendt", "set", "wassenberg"]  # members have no reference of their own
    text = refs["set"]
    assert text.startswith("Herrmann, W. A., Öfele, K.") and "(2006)." in text  # the first member's label
    assert [text.index(name) for name in MEMBERS] == sorted(text.index(name) for name in MEMBERS)
    assert "45(23), 3859–3862; Aksın, Ö." in text and "691(13), 3027–3036; Yoon, M. S." in text
    assert text.endswith("25(10), 2409–2411.")
    assert '<a href="#ref-set" role="doc-biblioref">Herrmann et al., 2006</a>' in page


def test_the_edition_resolves_the_alias_and_links_the_preprint(built):
    _, page, refs = built
    assert 'data-cites="angenendt"' in page and "angenendt2002" not in page
    assert refs["angenendt"].startswith("Angenendt, A. (2002). In Honore Salvatoris")
    assert "https://arxiv.org/abs/1008.2849v1" in refs["wassenberg"]
    assert 'href="https://arxiv.org/abs/1008.2849v1"' in page


def test_refs_shows_the_same_references(built, run_cli):
    root, _, refs = built
    code, out, _ = run_cli("--project", root, "refs")
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 3
    for printed, built_text in zip(lines, refs.values()):  # the same text, whichever processor
        # (citeproc-py capitalises "arXiv" at the start of a parenthesis, pandoc does not)
        assert " ".join(printed.replace("'", "’").split()).casefold() == built_text.casefold()


def test_check_reports_only_the_alias_citation(built, run_cli):
    root, _, _ = built
    code, out, _ = run_cli("--project", root, "check")
    codes = re.findall(r"\[([a-z-]+)\]$", out, re.M)
    # the fixture names no journal: that warning is the submission's, not the bibliography's
    assert code == 0 and sorted(codes) == ["alias-citation", "missing-journal-data"]


@pytest.mark.parametrize("style, label", [("biomed-central", "1. "), ("ieee", "[1]")])
def test_a_numbered_set_keeps_its_one_number_in_refs(built, run_cli, style, label):
    root, _, _ = built
    code, out, _ = run_cli("--project", root, "refs", "--style", style)
    (line,) = [line for line in out.splitlines() if "Aksın" in line]
    assert code == 0 and line.startswith(label + "Herrmann" if label == "1. " else label + "W. A. Herrmann")
    assert line.count(label) == 1 and line.count("; ") == 2


def test_with_a_label_column_the_set_keeps_its_label(tmp_path, run_cli):
    import shutil

    from tests.conftest import FIXTURES

    root = shutil.copytree(FIXTURES / "biber", tmp_path / "biber")
    code, _, _ = run_cli("--project", root, "build", "--format", "html", "--style", "ieee")
    page = (root / "build" / "en" / "article.html").read_text(encoding="utf-8")
    entry = page[page.index('id="ref-set"'):page.index('id="ref-wassenberg"')]
    assert code == 0 and '<div class="csl-left-margin">[1] </div><div class="csl-right-inline">W. A. Herrmann' in entry
    text = re.sub(r"<[^>]+>", "", entry)  # a page range is set in a span of its own (kept on one line)
    assert "pp. 3859–3862, 2006; Ö. Aksın" in text and "pp. 3027–3036, 2006; M. S. Yoon" in text
