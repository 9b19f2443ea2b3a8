"""The shipped article cannot be submitted until what its source lacks is supplied."""

from __future__ import annotations

import shutil

from tests.conftest import REPO


def test_the_shipped_article_is_refused_with_every_blocking_problem(tmp_path, run_cli):
    root = tmp_path / "article"
    for part in ("manuscript", "bibliography"):
        shutil.copytree(REPO / part, root / part)
    code, out, err = run_cli("--project", root, "submit")
    assert code == 1 and "submission refused" in err and "nothing was written" in err
    for expected in ("[missing-authors]", "[working-title]", "[missing-journal-data]", "misc 'ref1' lacks", "misc 'ref2' lacks", "misc 'ref4' lacks"):
        assert expected in err
    assert not (root / "build" / "submission").exists()
