"""What `check` says of article.yaml: every problem at once, located, with the closest key;
languages without sections and sections without a language."""

from __future__ import annotations

import re

from toolkit.checks import metadata, run_checks
from toolkit.project import load_project


def edit(root, old: str, new: str) -> None:
    path = root / "manuscript" / "article.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_problem_in_article_yaml_is_reported_by_check_at_once(project_copy, run_cli):
    root = project_copy("complete")
    edit(root, "authors:", "autors:")
    edit(root, "title-status: final", "title-status: done")
    edit(root, "    keywords: [Straits, diplomacy]", "    keyword: [Straits, diplomacy]\n    labels: {refrences: Works}")
    code, out, err = run_cli("--project", root, "check")
    assert code == 1 and err == ""
    assert re.search(r"(?m)^manuscript/article\.yaml:3:1: error: unknown key 'autors' in the article metadata; "
                     r"did you mean 'authors'\? \[unknown-metadata-key\]$", out)
    assert re.search(r"(?m)^manuscript/article\.yaml:2:15: error: 'title-status' must be final or working, "
                     r"not 'done' \[metadata-value\]$", out)
    assert re.search(r"(?m)^manuscript/article\.yaml:15:5: error: unknown key 'keyword' in language 'en'; "
                     r"did you mean 'keywords'\? \[unknown-metadata-key\]$", out)
    assert re.search(r"(?m)^manuscript/article\.yaml:16:14: error: unknown label name 'refrences' .*"
                     r"did you mean 'references'\? \[unknown-label-name\]$", out)
    assert "hint: the keys of the article metadata: title-status, authors," in out


def test_a_build_refuses_with_the_problems_and_no_traceback(project_copy, run_cli):
    root = project_copy("complete")
    edit(root, "    keywords: [Straits, diplomacy]", "    keyword: [Straits, diplomacy]")
    code, out, err = run_cli("--project", root, "build", "--format", "html")
    assert code == 1 and out == "" and "Traceback" not in err
    assert "manuscript/article.yaml:15:5: error: unknown key 'keyword'" in err
    assert err.rstrip().endswith("build refused: nothing was written")
    assert not (root / "build").exists()


def test_metadata_naming_no_language_lists_every_problem_and_exits_2(project_copy, run_cli):
    root = project_copy("complete")
    edit(root, "authors:", "autors:")
    edit(root, "languages:", "langauges:")
    code, out, err = run_cli("--project", root, "check")
    assert code == 2 and out == ""
    assert "3:1: error: unknown key 'autors'" in err and "did you mean 'authors'?" in err
    assert "7:1: error: unknown key 'langauges' in the article metadata; did you mean 'languages'?" in err
    assert "2:1: error: no 'languages' given" in err  # where the mapping starts, after the comment


def test_a_language_with_metadata_and_no_sections_is_a_located_warning(project_copy):
    root = project_copy("complete")
    edit(root, "languages:\n", "languages:\n  tr:\n    title: Boğazlar meselesi\n")
    (warning,) = [d for d in metadata.check(load_project(root)) if d.code == "language-without-sections"]
    assert (str(warning.path), warning.line, warning.column) == ("manuscript/article.yaml", 8, 3)
    assert warning.severity.value == "warning" and "manuscript/tr/*.md" in warning.message


def test_a_section_folder_with_no_metadata_is_a_located_warning(project_copy):
    root = project_copy("complete")
    (root / "manuscript" / "de").mkdir()
    (root / "manuscript" / "de" / "01-einleitung.md").write_text("# Einleitung\n", encoding="utf-8")
    (root / "manuscript" / "figures").mkdir()  # no sections: not a language
    (warning,) = metadata.check(load_project(root))
    assert (warning.code, str(warning.path), warning.line, warning.column) == (
        "sections-without-language", "manuscript/article.yaml", 7, 1)
    assert warning.severity.value == "warning" and "manuscript/de/" in warning.message and "'de:'" in warning.hint


def test_labels_are_accepted_and_the_complete_fixture_stays_clean(project_copy):
    root = project_copy("complete")
    edit(root, "    keywords: [Straits, diplomacy]", "    keywords: [Straits, diplomacy]\n    labels:\n"
                                                      "      references: Works cited\n      abstract: Summary")
    project = load_project(root)
    assert project.metadata.languages["en"].labels == {"references": "Works cited", "abstract": "Summary"}
    assert run_checks(project, strict=True) == []


def test_orcid_check_characters_are_verified():
    from toolkit.orcid import check_character, problem

    # ORCID's own examples of valid iDs, one with the check character X
    for valid in ("0000-0002-1825-0097", "0000-0002-1694-233X", "https://orcid.org/0000-0002-1825-0097"):
        assert problem(valid) == "", valid
    assert check_character("000000021825009") == "7"
    assert "a digit is mistyped" in problem("0000-0002-1825-0098")
    assert "a digit is mistyped" in problem("0000-0002-1852-0097")  # two digits swapped
    assert "is not an ORCID iD" in problem("0000-0002-1825")


def test_a_mistyped_orcid_is_an_error_at_the_authors(project_copy, run_cli):
    root = project_copy("complete")
    edit(root, "    affiliation: Example University", "    affiliation: Example University\n"
                                                        "    orcid: 0000-0002-1825-0098")
    code, out, _ = run_cli("--project", root, "check")
    assert code == 1
    (line,) = [l for l in out.splitlines() if l.endswith("[invalid-orcid]")]
    assert re.match(r"manuscript/article\.yaml:\d+:\d+: error: the ORCID iD of Leyla Həsənova, "
                    r"0000-0002-1825-0098, has the check character 8 where its digits give 7", line)


def test_an_email_that_is_no_address_is_reported_at_its_key(project_copy, run_cli):
    root = project_copy("complete")
    edit(root, "    affiliation: Example University", "    affiliation: Example University\n    email: leyla at example")
    at = _line_of(root, "    email: leyla at example")
    code, out, _ = run_cli("--project", root, "check")
    (line,) = [l for l in out.splitlines() if l.endswith("[invalid-email]")]
    assert code == 1 and line.startswith(f"manuscript/article.yaml:{at}:5: error: the e-mail of Leyla Həsənova, "
                                         "'leyla at example', is not an address")
    edit(root, "    email: leyla at example", "    email: leyla.hasanova@example.org")
    assert "[invalid-email]" not in run_cli("--project", root, "check")[1]


def test_a_corresponding_author_without_an_email_is_reported_at_the_flag(project_copy, run_cli):
    root = project_copy("complete")
    edit(root, "    affiliation: Example University", "    affiliation: Example University\n    corresponding: true")
    at = _line_of(root, "    corresponding: true")
    code, out, _ = run_cli("--project", root, "check")
    (line,) = [l for l in out.splitlines() if l.endswith("[corresponding-without-email]")]
    assert line.startswith(f"manuscript/article.yaml:{at}:5: warning: Leyla Həsənova is the corresponding author "
                           "but has no e-mail")
    code, out, _ = run_cli("--project", root, "check", "--strict")
    assert code == 1 and "[corresponding-without-email]" in out
    edit(root, "    corresponding: true", "    corresponding: true\n    email: leyla@example.org")
    code, out, _ = run_cli("--project", root, "check", "--strict")
    assert code == 0 and "corresponding" not in out


def test_a_corresponding_value_that_is_not_true_or_false_is_located(project_copy, run_cli):
    root = project_copy("complete")
    edit(root, "    affiliation: Example University", "    affiliation: Example University\n    corresponding: sure")
    code, out, err = run_cli("--project", root, "check")
    assert code == 1 and err == ""
    assert re.search(rf"(?m)^manuscript/article\.yaml:{_line_of(root, '    corresponding: sure')}:20: error: "
                     r"'corresponding' of 'authors' item 1 must be true or false, not 'sure' \[metadata-value\]$", out)


def _line_of(root, text: str) -> int:
    lines = (root / "manuscript" / "article.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_an_unknown_licence_and_a_mistyped_issn_are_located(project_copy, run_cli):
    root = project_copy("complete")
    edit(root, "  issn: 1234-5679", "  issn: 1234-5678\nlicense: CC-BY-5.0\ncopyright-year: '26'")
    code, out, _ = run_cli("--project", root, "check")
    assert code == 1
    assert f"manuscript/article.yaml:{_line_of(root, 'license:')}:10: error: 'license' names a licence the toolkit " \
           "does not know: 'CC-BY-5.0'; did you mean 'CC-BY-4.0'? [unknown-license]" in out
    assert f"manuscript/article.yaml:{_line_of(root, '  issn:')}:3: error: the journal's issn 1234-5678 has the " \
           "check digit 8 where its digits give 9: a digit is mistyped [invalid-issn]" in out
    assert f"manuscript/article.yaml:{_line_of(root, 'copyright-year')}:17: error: 'copyright-year' must be a year, " \
           "not '26' [metadata-value]" in out
    edit(root, "license: CC-BY-5.0", "license: cc-by-sa-4.0")
    assert load_project(root).metadata.license == "CC-BY-SA-4.0"  # as SPDX spells it


def test_a_journal_without_id_or_issn_is_a_warning_and_an_error_when_strict(project_copy):
    root = project_copy("complete")
    edit(root, "  id: example-journal\n  issn: 1234-5679\n", "")
    (found,) = [d for d in run_checks(load_project(root)) if d.code == "missing-journal-data"]
    assert (str(found.path), found.line, found.column) == ("manuscript/article.yaml", _line_of(root, "journal:"), 1)
    assert found.severity.value == "warning" and "'id' and no 'issn' or 'eissn'" in found.message
    (strict,) = [d for d in run_checks(load_project(root), strict=True) if d.code == "missing-journal-data"]
    assert strict.severity.value == "error"


def test_fix_leaves_an_issn_and_an_award_number_alone(project_copy, run_cli):
    root = project_copy("complete")
    edit(root, "  issn: 1234-5679", "  issn: 1234-5679\nfunding: [{funder: Example Fund, award-id: 2021-2024}]")
    before = (root / "manuscript" / "article.yaml").read_text(encoding="utf-8")
    code, out, _ = run_cli("--project", root, "fix", "--typography")
    assert code == 0 and "article.yaml" not in out
    assert (root / "manuscript" / "article.yaml").read_text(encoding="utf-8") == before
