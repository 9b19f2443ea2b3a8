"""Citations resolve as biber resolves them: aliases, sets, crossref parents."""

from __future__ import annotations

from toolkit.checks import citations
from toolkit.project import load_project


def write(root, bib: str, text: str) -> None:
    (root / "bibliography" / "references.bib").write_text(bib, encoding="utf-8")
    for language in ("az", "en"):
        section = next((root / "manuscript" / language).glob("*.md"))
        section.write_text(f"# A\n\n{text}\n", encoding="utf-8")


def found(root) -> list[tuple[str, str, int, int]]:
    return sorted((d.code, str(d.path), d.line, d.column) for d in citations.check(load_project(root)))


def test_an_alias_citation_resolves_with_a_warning_naming_the_entry_key(project_copy):
    root = project_copy("complete")
    write(root, "@misc{main, ids = {old, older}, title = {T}, year = {2001}}\n", "Text [@old; @main].")
    result = citations.check(load_project(root))
    assert {d.code for d in result} == {"alias-citation"}
    assert {(str(d.path), d.line, d.column) for d in result} == {
        ("manuscript/az/01-introduction.md", 3, 7), ("manuscript/en/01-introduction.md", 3, 7)}
    assert "cite it as 'main'" in result[0].message


def test_citing_a_set_cites_its_members_and_a_member_of_a_member_crossref(project_copy):
    root = project_copy("complete")
    write(root, "@set{s, entryset = {a, old}}\n@misc{a, title = {T}, year = {2001}}\n"
                "@inbook{b, ids = {old}, title = {U}, crossref = {book}}\n@book{book, title = {B}, year = {2000}}\n"
                "@misc{lonely, title = {L}, year = {1999}}\n", "Text [@s].")
    assert found(root) == [("uncited-entry", "bibliography/references.bib", 5, 1)]


def test_an_unknown_key_names_every_bibliography_file(project_copy):
    root = project_copy("complete")
    (root / "bibliography" / "more.bib").write_text("@misc{other, title = {O}, year = {2001}}\n", encoding="utf-8")
    meta = root / "manuscript" / "article.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "bibliography: [bibliography/references.bib, "
                    "bibliography/more.bib]\n", encoding="utf-8")
    write(root, "@misc{main, title = {T}, year = {2001}}\n", "Text [@main; @other; @nosuch].")
    result = [d for d in citations.check(load_project(root)) if d.code == "unknown-citation"]
    assert len(result) == 2 and "in bibliography/references.bib, bibliography/more.bib" in result[0].hint
