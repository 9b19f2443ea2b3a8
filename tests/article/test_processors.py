"""The shipped article's reference list: citeproc-py (`toolkit refs`) prints what pandoc prints."""

from __future__ import annotations

import pytest

from tests.conftest import REPO
from tests.test_processors import STYLES, _explained, cited_keys, with_citeproc_py, with_pandoc
from toolkit.project import load_project
from toolkit.styles import resolve_style


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("language", ["az", "en"])
def test_both_processors_print_the_shipped_references_alike(language, style):
    project = load_project(REPO)
    csl = resolve_style(project.root, style)
    by_pandoc, cites_pandoc = with_pandoc(project, language, csl)
    by_citeproc, cites_citeproc = with_citeproc_py(project, language, csl)
    assert [k for k, _ in by_citeproc] == [k for k, _ in by_pandoc]
    assert len(by_pandoc) == len(cited_keys(project, language))
    for (key, ours), (_, theirs) in zip(by_citeproc, by_pandoc):
        assert ours == theirs or _explained(ours, theirs, language), f"{key}: {ours!r} != {theirs!r}"
    assert cites_citeproc == cites_pandoc
