"""The Azerbaijani citation locale: complete, valid, and used by the Azerbaijani editions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

from toolkit.bibliography import parse_bibliography
from toolkit.csl_items import csl_items
from toolkit.engines import citeproc, pandoc
from toolkit.references import style_for
from toolkit.locales import has_citation_locale, localized_style, toolkit_locale
from toolkit.styles import resolve_style

SCHEMA_DIR = Path(__file__).parent / "fixtures" / "csl-schema"
NS = "{http://purl.org/net/xbiblio/csl}"
FIXTURE_BIB = Path(__file__).parent / "fixtures" / "complete" / "bibliography" / "references.bib"


def terms(path):
    return {(t.get("name"), t.get("form", "long")): t for t in etree.parse(str(path)).iter(NS + "term")}


def test_azerbaijani_locale_is_valid_csl():
    schema = etree.RelaxNG(etree.parse(str(SCHEMA_DIR / "csl.rng")))
    document = etree.parse(str(toolkit_locale("az")))
    assert schema.validate(document), schema.error_log


def test_it_defines_every_term_of_the_complete_turkish_locale():
    az, tr = terms(toolkit_locale("az")), terms(SCHEMA_DIR / "locales-tr-TR.xml")
    assert set(tr) <= set(az)
    for key, term in tr.items():
        # a term with single/multiple forms keeps them; a blank term stays blank
        assert (term.find(NS + "single") is None) == (az[key].find(NS + "single") is None), key
        assert bool("".join(term.itertext()).strip()) == bool("".join(az[key].itertext()).strip()), key


def test_months_quotes_and_key_abbreviations():
    az = terms(toolkit_locale("az"))
    months = [az[(f"month-{i:02d}", "long")].text for i in range(1, 13)]
    assert months == ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr",
                      "oktyabr", "noyabr", "dekabr"]
    assert [az[(n, "long")].text for n in ("open-quote", "close-quote", "open-inner-quote", "close-inner-quote")] == [
        "“", "”", "‘", "’"]
    assert az[("and", "long")].text == "və"
    assert az[("page", "short")].find(NS + "single").text == "s."
    assert az[("editor", "short")].find(NS + "single").text == "red."
    assert az[("no date", "short")].text == "t.y."


def _items(language: str) -> list[dict]:
    bib = parse_bibliography(FIXTURE_BIB.read_text(encoding="utf-8"), Path("references.bib"))
    return csl_items(bib, language)


def render(markdown: str, language: str, style: str = "ieee", tmp: Path | None = None) -> str:
    """Citations and references as the build makes them: CSL items, the style with the locale."""
    import tempfile

    csl = resolve_style(Path("."), style)
    folder = Path(tempfile.mkdtemp(dir=tmp))
    (folder / "refs.json").write_text(json.dumps(_items(language)), encoding="utf-8")
    (folder / "style.csl").write_bytes(style_for(csl, language))
    args = ["--from=markdown", "--to=plain", "--wrap=none", "--citeproc", "--bibliography=refs.json",
            "--csl=style.csl", f"--metadata=lang:{language}"]
    return pandoc.run(args, stdin=markdown, cwd=folder).output.decode("utf-8")


def render_citeproc_py(language: str, style: str) -> str:
    csl = resolve_style(Path("."), style)
    cites = [[("kuru2001", {})], [("kuru2001", {"locator": "12", "label": "page"})],
             [("kuru2001", {}), ("aydin1999", {})]]
    entries, rendered = citeproc.render(_items(language), style_for(csl, language), language, cites)
    return "\n".join(rendered + [text for _, text in entries])


FORMS = "A [@kuru2001]. B [@kuru2001, s. 12]. C [@kuru2001; @aydin1999].\n"
ENGLISH = re.compile(r"\b(pp?\.|Ed\.|eds?\.|n\.d\.|and|Available|vol\.|no\.|Accessed|In|Online|ed\.)\b")
RUSSIAN = re.compile(r"[А-Яа-я]")
STYLES = [("numeric-alphabetical", "[2, s. 12]"), ("ieee", "[1, s. 12]"), ("chicago-author-date", "(Kuru 2001, 12)")]


@pytest.mark.parametrize("style, locator", STYLES)
def test_azerbaijani_edition_has_no_english_or_russian_terms(style, locator, tmp_path):
    text = render(FORMS, "az", style, tmp_path)
    assert not ENGLISH.search(text), text
    assert not RUSSIAN.search(text), text
    assert locator in text  # "s." is read as the page locator
    assert "Ankara–Moskova İlişkileri" in text  # the Turkish title keeps its dotted capital İ


@pytest.mark.parametrize("style, locator", STYLES)
def test_citeproc_py_gets_the_same_locale(style, locator):
    text = render_citeproc_py("az", style)
    assert not ENGLISH.search(text), text
    assert not RUSSIAN.search(text), text
    assert locator in text


def test_english_edition_uses_english_terms(tmp_path):
    text = render("B [@kuru2001, p. 12].\n", "en", tmp=tmp_path)
    assert "p. 12" in text and "pp. 12–30" in text
    journal = render("B [@kuru2001, p. 12].\n", "en", "numeric-alphabetical", tmp_path)
    assert "[1, p. 12]" in journal and "P. 12–30" in journal  # only kuru2001 is cited


def test_embedded_locale_sits_after_info():
    styled = etree.fromstring(localized_style(resolve_style(Path("."), "ieee"), "az"))
    names = [etree.QName(child).localname for child in styled if isinstance(child.tag, str)]
    assert names[:2] == ["info", "locale"]
    assert localized_style(resolve_style(Path("."), "ieee"), "en") is None


def test_a_style_with_its_own_block_for_the_language_keeps_one_block_filled_in():
    """The journal style's az block: its own terms win, the locale's fill in the rest;
    one block, as citeproc-py reads only one per language."""
    styled = etree.fromstring(localized_style(resolve_style(Path("."), "numeric-alphabetical"), "az"))
    blocks = [b for b in styled.iter(NS + "locale") if b.get("{http://www.w3.org/XML/1998/namespace}lang") == "az"]
    assert len(blocks) == 1
    merged = {(t.get("name"), t.get("form", "long")): (t.findtext(NS + "single") or t.text or "").strip()
              for t in blocks[0].iter(NS + "term")}
    assert merged[("et-al", "long")] == "[və b.]"  # the style's, not the locale's "və b."
    assert merged[("folio", "short")] == "v."  # the style's, not the locale's "vər."
    assert merged[("number", "short")] == "№" and merged[("ordinal-03", "long")] == "-cü"  # the locale's
    assert etree.RelaxNG(etree.parse(str(SCHEMA_DIR / "csl.rng"))).validate(etree.ElementTree(styled))


def test_languages_without_a_locale_are_reported(project_copy, run_cli):
    assert has_citation_locale("az") and has_citation_locale("en") and has_citation_locale("tr")
    assert not has_citation_locale("tlh")
    root = project_copy("complete")
    (root / "manuscript/en").rename(root / "manuscript/tlh")
    meta = root / "manuscript/article.yaml"
    meta.write_text(meta.read_text().replace("  en:\n", "  tlh:\n"))
    code, out, _ = run_cli("--project", root, "check")
    assert code == 0
    assert re.search(r"manuscript/article.yaml:\d+:3: warning: no citation locale for 'tlh'.*\[no-citation-locale\]", out)
