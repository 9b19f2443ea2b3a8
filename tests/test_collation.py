"""References are sorted in each edition's alphabet, by both processors."""

from __future__ import annotations

import json
import re

from toolkit.collation import sort_key
from toolkit.engines import citeproc, pandoc
from toolkit.locales import localized_style
from toolkit.styles import resolve_style

# The Azerbaijani alphabet, capitals (I is the capital of ı, İ of i)
AZ = "A B C Ç D E Ə F G Ğ H X I İ J K Q L M N O Ö P R S Ş T U Ü V Y Z".split()


def _items(letters):
    return [{"id": f"k{i}", "type": "book", "author": [{"family": f"{letter}ab", "given": "A."}],
             "title": "T", "issued": {"date-parts": [[2000]]}} for i, letter in enumerate(reversed(letters))]


def _families_in_order(text: str) -> list[str]:
    return re.findall(r"^\s*\d+\.\s+(\S+ab)\b", text, flags=re.M)


def test_the_toolkit_collation_follows_the_azerbaijani_alphabet():
    shuffled = sorted(AZ, key=lambda x: x.encode())
    assert sorted(shuffled, key=lambda x: sort_key(x, "az")) == AZ
    assert sorted(["İsa", "Işıq", "ıra", "isa"], key=lambda x: sort_key(x, "az")) == ["ıra", "Işıq", "isa", "İsa"]
    # English: accents and case only break ties
    assert sorted(["Çelik", "Cuma", "celal", "Dal"], key=lambda x: sort_key(x, "en")) == ["celal", "Çelik", "Cuma", "Dal"]


def test_citeproc_py_sorts_the_azerbaijani_edition_in_alphabet_order():
    csl = localized_style(resolve_style(None, "numeric-alphabetical"), "az")
    items = _items(AZ)
    entries, _ = citeproc.render(items, csl, "az", [[(item["id"], {})] for item in items])
    assert _families_in_order("\n".join(text for _, text in entries)) == [f"{x}ab" for x in AZ]


def _pandoc_order(letters, tmp_path) -> list[str]:
    (tmp_path / "refs.json").write_text(json.dumps(_items(letters)), encoding="utf-8")
    (tmp_path / "style.csl").write_bytes(localized_style(resolve_style(None, "numeric-alphabetical"), "az"))
    doc = '---\nlang: az\nnocite: "[@*]"\n---\n'
    out = pandoc.run(["--citeproc", "--bibliography=refs.json", "--csl=style.csl", "--to=plain"],
                     stdin=doc, cwd=tmp_path).output.decode()
    return _families_in_order(out)


def test_pandoc_sorts_the_azerbaijani_edition_in_alphabet_order(tmp_path):
    letters = [x for x in AZ if x != "I"]
    assert _pandoc_order(letters, tmp_path) == [f"{x}ab" for x in letters]


def test_pandoc_sorts_capital_dotless_i_as_i(tmp_path):
    """Why the toolkit decides the order itself (README, 'Sorting'): pandoc alone
    orders the capital I as if it were i, so "Isb" comes after "İsa"; in
    Azerbaijani, I is the capital of ı, which precedes i, as citeproc-py with the
    toolkit's collation says (tests/test_numbering.py: the build follows it)."""
    letters = ["Is", "İs"]  # families "Isab" and "İsab" differ only in the first letter
    items = _items(letters)
    items[0]["author"][0]["family"], items[1]["author"][0]["family"] = "İsaab", "Isbab"
    (tmp_path / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    (tmp_path / "style.csl").write_bytes(localized_style(resolve_style(None, "numeric-alphabetical"), "az"))
    out = pandoc.run(["--citeproc", "--bibliography=refs.json", "--csl=style.csl", "--to=plain"],
                     stdin='---\nlang: az\nnocite: "[@*]"\n---\n', cwd=tmp_path).output.decode()
    assert _families_in_order(out) == ["İsaab", "Isbab"]  # Azerbaijani order would be Isbab, İsaab
    entries, _ = citeproc.render(items, (tmp_path / "style.csl").read_bytes(), "az", [[("k0", {})], [("k1", {})]])
    assert _families_in_order("\n".join(t for _, t in entries)) == ["Isbab", "İsaab"]


def test_each_edition_puts_its_own_script_first():
    from toolkit.collation import sort_key

    names = ["Бекин", "Aydın", "Ёлкин", "Зуев", "Ekşi"]
    assert sorted(names, key=lambda n: sort_key(n, "ru")) == ["Бекин", "Ёлкин", "Зуев", "Aydın", "Ekşi"]
    assert sorted(names, key=lambda n: sort_key(n, "az")) == ["Aydın", "Ekşi", "Бекин", "Ёлкин", "Зуев"]
