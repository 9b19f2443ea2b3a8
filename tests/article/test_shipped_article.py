"""The shipped article: faithful to the received text, checked, built."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from toolkit.checks import run_checks
from toolkit.project import load_project

REPO = Path(__file__).parent.parent.parent
SOURCE = REPO / "manuscript" / "received" / "000_71e2d387e2ba7e8d.txt"
CORRECTIONS = REPO / "manuscript" / "CORRECTIONS.md"


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    root = tmp_path_factory.mktemp("article")
    for part in ("manuscript", "bibliography"):
        shutil.copytree(REPO / part, root / part)
    return root


@pytest.fixture(scope="module")
def built(article):
    from toolkit.cli import main

    assert main(["--project", str(article), "build", "--format", "html", "--format", "pdf"]) == 0
    return article


def pdf_lines(path: Path) -> list[str]:
    from pdfminer.high_level import extract_text

    # body lines only: page numbers and running heads (here the title: the
    # article has no authors yet) may come between a hyphenated word's halves
    titles = {meta.title for meta in load_project(REPO).metadata.languages.values()}
    lines = [line.strip("\x0c").strip() for line in extract_text(str(path)).splitlines()]
    return [line for line in lines if line and not line.isdigit() and line not in titles]


@pytest.mark.parametrize("language", ["az", "en"])
def test_pdf_hyphenates_line_ends(built, language):
    """Azerbaijani with the toolkit's patterns, English with Pyphen's dictionary."""
    ends = [line for line in pdf_lines(built / f"build/{language}/article.pdf") if line.endswith("\u2010")]
    assert len(ends) >= 5, ends


@pytest.mark.parametrize("language", ["az", "en"])
def test_pdf_text_is_the_manuscript_text_in_the_text_face(built, article, language):
    """Every word of the sections comes out of the PDF as written, and only the
    embedded text face is used: no letter fell back to another font or a box."""
    import pikepdf

    lines = pdf_lines(built / f"build/{language}/article.pdf")
    text = ""
    for line in lines:
        text += line[:-1] if line.endswith("\u2010") else line + " "
    printed = set(re.findall(r"\w+", text))
    project = load_project(article)
    for section in project.manuscripts[language].sections:
        for paragraph in section.paragraphs:
            # comments (a translation's `<!-- parity: split -->`) are not printed
            words = set(re.findall(r"\w+", re.sub(r"\[@[^\]]*\]|\{[^}]*\}|<!--.*?-->", " ", paragraph.text)))
            assert words <= printed, sorted(words - printed)
    with pikepdf.open(built / f"build/{language}/article.pdf") as pdf:
        fonts = {str(font.BaseFont).split("+")[-1] for page in pdf.pages
                 for font in page.Resources.Font.values()}
        assert fonts and all(name.startswith("/Charis-SIL") or name.startswith("Charis-SIL") for name in fonts), fonts


def corrections() -> list[tuple[str, str]]:
    """(original, correction) pairs from the table in CORRECTIONS.md."""
    rows = []
    for line in CORRECTIONS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[1] and not set(cells[1]) <= set("-: ") and cells[1] != "Original":
            rows.append(tuple(c.strip("`") for c in cells[1:3]))
    return rows


def source_words() -> list[str]:
    """The received text's words in order: lines joined, corrections applied, citations as tokens."""
    lines = [l.strip() for l in SOURCE.read_text(encoding="utf-8").splitlines() if l.strip()]
    text = " ".join(lines)
    for original, correction in corrections():
        assert text.count(original) == 1, f"correction original not found once: {original!r}"
        text = text.replace(original, correction)
    text = re.sub(r"\[(\d+)\]", lambda m: f" CITE_ref{m.group(1)} ", text)
    return re.findall(r"\w+", text)


def html_words(html: str) -> tuple[list[str], list[str]]:
    """The edition's words with generated parts removed; and the other-language keywords."""
    tree = lxml.html.fromstring(html)
    for xpath in ('//header[@id="title-block-header"]', '//nav[@id="TOC"]', '//nav[contains(@class, "language-switch")]', '//*[@id="refs"]',
                  '//h2[@id="references"]', '//div[contains(@class, "quotation-source")]', '//script',
                  '//style', '//*[contains(@class, "backlinks")]',
                  '//*[contains(@class, "other-title")]'):  # a working title, as the page's own is
        for node in tree.xpath(xpath):
            node.drop_tree()
    for span in tree.xpath('//span[contains(@class, "citation")]'):
        tokens = " ".join(f"CITE_{key}" for key in span.get("data-cites").split())
        tail = span.tail
        span.clear()  # also drops the tail: put it back
        span.text, span.tail = f" {tokens} ", tail
    other_keywords = []
    for div in tree.xpath('//div[contains(@class, "other-language")]//div[contains(@class, "keywords")]'):
        other_keywords = re.findall(r"\w+", div.text_content())
        div.drop_tree()
    return re.findall(r"\w+", tree.xpath("//body")[0].text_content()), other_keywords


def test_corrections_are_listed_with_reasons():
    rows = corrections()
    assert rows, "CORRECTIONS.md lists no correction"
    assert all(o != c for o, c in rows)


def test_every_source_word_is_in_the_built_edition_in_order(built):
    words, other_keywords = html_words((built / "build/az/article.html").read_text(encoding="utf-8"))
    expected = source_words()
    # The source ends with the cut-off English keyword line: only "relations." survives.
    assert expected[-1] == "relations"
    assert words == expected[:-1]
    assert other_keywords[0] == "Keywords" and other_keywords[-1] == "relations"


def test_structure(article):
    project = load_project(article)
    az = project.manuscripts["az"]
    assert [s.name for s in az.sections] == [
        "01-introduction", "02-friendship-treaty", "03-trade-agreement-1927", "04-disarmament-conference",
        "05-trade-agreement-1931", "06-relations-1939-1945", "07-conclusion"]
    assert [h.title for s in az.sections for h in s.headings][:2] == [
        "Giriş", "1923–1939-cu illərdə Türkiyə-Rusiya münasibətləri"]
    quotations = {q.id: q for q in az.quotations}
    assert list(quotations) == ["q-saydam-1939", "q-note-1941-08-10", "q-soviet-note-1925-treaty", "q-turkish-reply"]
    assert [c.key for q in quotations.values() for c in q.citations] == ["ref2", "ref2", "ref1", "ref4"]
    assert quotations["q-saydam-1939"].speaker == "Rəfiq Saydam"
    assert quotations["q-note-1941-08-10"].date == "1941-08-10"
    assert sorted({c.key for c in az.citations}) == ["ref1", "ref2", "ref4"]


def test_metadata_marks_what_is_missing(article):
    meta = load_project(article).metadata
    assert meta.title_status == "working" and meta.authors == ()
    assert meta.languages["az"].title == "Türkiyə–Sovet İttifaqı münasibətləri (1923–1946)"
    assert meta.languages["en"].title == "Turkish–Soviet Relations, 1923–1946"
    assert "cut off" in meta.languages["en"].notes["keywords"]


def test_draft_check_has_only_warnings_and_strict_reports_what_is_missing(article):
    project = load_project(article)
    draft = run_checks(project)
    assert all(d.severity.value == "warning" for d in draft), [d.format() for d in draft]
    strict = run_checks(project, strict=True)
    codes = sorted(d.code for d in strict if d.severity.value == "error")
    assert codes == ["missing-authors", "missing-field", "missing-field", "missing-field",
                     "missing-journal-data", "working-title", "working-title"]


def test_incomplete_references_are_marked_in_the_edition(built):
    html = (built / "build/az/article.html").read_text(encoding="utf-8")
    for key in ("ref1", "ref2", "ref4"):
        assert re.search(rf'id="ref-{key}".*?⟨{key}: biblioqrafik təsvir natamamdır⟩', html, re.S)


@pytest.mark.parametrize("language", ["az", "en"])
def test_typographic_conventions_in_the_editions(built, language):
    """En-dash ranges, curly quotation marks, no line break inside a date or before a citation."""
    body = lxml.html.fromstring((built / f"build/{language}/article.html").read_bytes()).body
    for element in body.iter("style", "script"):
        element.drop_tree()
    text = body.text_content()
    assert not re.search(r"(?<![\d-])\d{4}-\d{4}(?!\d)", text)
    assert '"' not in text and "“" in text
    assert not re.search(r" \[\d", text)  # a citation never starts a line
    date = "17\u00a0dekabr\u00a01925" if language == "az" else "17\u00a0December\u00a01925"
    assert date in text


# The English edition after the bilingual editor's read: each correction is
# pinned by the phrase the text now has and the phrase it no longer has.

EN = REPO / "manuscript" / "en"
AZ = REPO / "manuscript" / "az"


def _notes(text: str):
    """Each `^[…]` note as (start, end) offsets (notes may hold brackets of their own)."""
    i = 0
    while (start := text.find("^[", i)) != -1:
        depth, i = 0, start + 1
        while True:
            depth += {"[": 1, "]": -1}.get(text[i], 0)
            i += 1
            if depth == 0:
                break
        yield start, i


def without_footnotes(text: str) -> str:
    """The text with every `^[…]` note removed."""
    out, i = [], 0
    for start, end in _notes(text):
        out.append(text[i:start])
        i = end
    return "".join(out) + text[i:]


def footnotes(text: str) -> list[str]:
    return [text[start + 2:end - 1] for start, end in _notes(text)]


ENGLISH_CORRECTIONS = [
    # (section, the corrected English, the English it replaces, the Azerbaijani it renders)
    ("06-relations-1939-1945",
     "Russia demanded of Saracoğlu, who went to Moscow on 25 September 1939, the signing",
     "On 25 September 1939, Russia demanded",
     "Rusiya 25 sentyabr 1939-cu ildə Moskvaya gedən Saraçoğlundan"),
    ("06-relations-1939-1945",
     "announced that it was denouncing the 1925 Turkish–Soviet Treaty of Friendship and Neutrality",
     "annulling",
     "Paktını ləğv etdiyini açıqlamışdır"),
    ("06-relations-1939-1945",
     "the Greek islands near the Turkish coast should be given to Turkey",
     "the parts of the Greek islands",
     "Yunan adalarının Türkiyə sahillərinə yaxın olan hissələrinin"),
    ("06-relations-1939-1945",
     "the Dodecanese (the “12 Islands”) should either be given to Turkey",
     "the 12 islands should",
     "12 adanın ya Türkiyəyə verilməsini"),
    ("02-friendship-treaty",
     "a potential coalition that could be formed against Russia itself.",
     "formed against it.",
     "özünə qarşı yaradıla biləcək potensial koalisiyadan"),
    ("05-trade-agreement-1931",
     "after its balance of trade and payments had been disrupted by the world economic crisis",
     "its trade and balance of payments",
     "ticarət və ödəniş balansının"),
    ("05-trade-agreement-1931",
     "Soviet–Turkish trade was brought into line with this system through a revision of the 1931 agreement.",
     "the 1931 agreement being reconsidered",
     "1931-ci il müqaviləsi yenidən nəzərdən keçirilərək bu sistemə uyğunlaşdırılmışdır"),
    ("05-trade-agreement-1931",
     "Together with its additional protocols, the trade agreement was extended twice more.",
     "Together with the additional protocols, the term of the trade agreement",
     "Əlavə protokollarla birlikdə ticarət müqaviləsinin müddəti iki dəfə daha uzadılmışdır"),
    ("05-trade-agreement-1931",
     "led to the strengthening, year by year, of the economic ties between the Soviets and Turkey.",
     "relations year by year through",
     "ilbəil Sovet-Türkiyə arasındakı iqtisadi əlaqələrin güclənməsinə"),
    ("05-trade-agreement-1931",
     "Countries such as Italy, France and Britain were consumers of the goods Turkey exported and could easily "
     "export their own goods to Turkish markets. Because of the world economic crisis, their shares in foreign "
     "trade with Turkey decreased, while the share of the Soviets did not change.",
     "While, because of the world economic crisis,",
     "İtaliya, Fransa və İngiltərə kimi ölkələrin Türkiyə ilə xarici ticarət payları azalarkən"),
    ("05-trade-agreement-1931",
     "the privileges obtained by the Soviet Trade Representation and by the citizens of both countries",
     None,
     "Sovet Ticarət Nümayəndəliyinin hər iki ölkə vətəndaşlarının əldə etdiyi imtiyazları"),
    # idiom, not word for word (en/06)
    ("06-relations-1939-1945", "Despite the reports circulating in recent days with ulterior motives,",
     "news with hidden purposes", "gizli məqsədli xəbərlərə"),
    ("06-relations-1939-1945", "We live at a time when we can vouch only for ourselves.",
     "give guarantees only in our own name", "yalnız şəxsi adımıza zəmanət verə biləcəyimiz"),
    ("06-relations-1939-1945", "they would die with honour", "die with their honour", "şərəfləri ilə öləcəklərini"),
    ("06-relations-1939-1945", "would not give up a single inch of its land", "give even a single inch",
     "bir qarış torpağını belə verməyəcəyini"),
    ("06-relations-1939-1945", "taking advantage of the upper hand it had gained in the war",
     "the superiority it had gained", "müharibədə əldə etdiyi üstünlükdən"),
    ("06-relations-1939-1945", "the London press claimed that Turkey and the Soviets were on the brink of war",
     "on the eve of war", "müharibə ərəfəsində olduğu iddialarını"),
    ("06-relations-1939-1945", "so as not to be drawn into an armed conflict with the Soviet Union",
     "armed struggle", "silahlı mübarizəyə sürüklənməmək üçün"),
    ("06-relations-1939-1945",
     "Russia both openly asserted its claims to Bessarabia, disregarding the Balkan Entente, and occupied part of Poland.",
     "Russia, disregarding the Balkan Entente, both",
     "həm Balkan Antantını nəzərə almayaraq Besarabiya üzərindəki iddialarını"),
    ("06-relations-1939-1945", "signed mutual assistance pacts that allowed Russia to set up land and air bases",
     "allowing land and air bases to be set up for Russia",
     "Rusiya üçün quru və hava bazalarının qurulmasına icazə verən"),
    ("06-relations-1939-1945", "To counter German propaganda, Russia expressed its wish",
     "Against German propaganda", "Alman propaqandasına qarşı"),
    ("06-relations-1939-1945", "Turkey joined the Allied side.", "joined the side of the Allied states",
     "müttəfiq dövlətlər tərəfinə qoşulmuşdur"),
    ("06-relations-1939-1945",
     "Without actually entering the war, Turkey prepared to attend the San Francisco Conference",
     "prepared to go to the San Francisco Conference", "San-Fransisko Konfransına getməyə hazırlaşmışdır"),
    ("06-relations-1939-1945", "it would both play a role in the post-war world", "have a role in",
     "rol sahibi olacaq"),
    ("06-relations-1939-1945",
     "After the Second World War, Russia was displeased with Turkey's position and stepped up its propaganda",
     "Turkey's position did not please Russia", "Türkiyənin mövqeyi Rusiyanın xoşuna gəlməmiş"),
    ("06-relations-1939-1945", "the Montreux Straits Convention", "the Montreux Convention on the Straits",
     "Montrö Boğazlar Müqaviləsində"),
]


@pytest.mark.parametrize("section, corrected, old, azerbaijani", ENGLISH_CORRECTIONS,
                         ids=[f"{s[:2]}-{c[:30]}" for s, c, _, _ in ENGLISH_CORRECTIONS])
def test_english_correction(section, corrected, old, azerbaijani):
    english = " ".join(without_footnotes((EN / f"{section}.md").read_text(encoding="utf-8")).split())
    original = " ".join((AZ / f"{section}.md").read_text(encoding="utf-8").split())
    assert azerbaijani in original
    assert corrected in english
    if old is not None:
        assert old not in english


def test_the_1925_treaty_has_one_english_name_and_a_note_with_the_authors_wording():
    heading, _, rest = (EN / "02-friendship-treaty.md").read_text(encoding="utf-8").partition("\n")
    assert heading == "## The Turkish–Soviet Treaty of Friendship and Neutrality {#friendship-treaty-1925}"
    english = "".join(without_footnotes((EN / name).read_text(encoding="utf-8"))
                      for name in sorted(p.name for p in EN.glob("*.md")))
    assert "Non-Aggression" not in english and "Treaty of Friendship and Neutrality" in english
    # the note stands at the first mention in the text, and is the edition's only note
    all_notes = [note for path in sorted(EN.glob("*.md")) for note in footnotes(path.read_text(encoding="utf-8"))]
    assert len(all_notes) == 1
    assert rest.strip().startswith("On 17 December 1925, the Treaty of Friendship and Neutrality^[Translator's note:")
    (note,) = all_notes
    azerbaijani = " ".join(path.read_text(encoding="utf-8") for path in sorted(AZ.glob("*.md")))
    for wording in ("dostluq və qeyri-aqressiya müqaviləsi", "Qeyri-Aqressiya və Neytrallıq Müqaviləsi",
                    "Dostluq və Təcavüzkarlıqdan Çəkinmə Paktı"):
        assert f"[{wording}]{{lang=az}}" in note and wording in azerbaijani
    # the note adds no number or citation, so the parity check has nothing to flag
    assert not re.search(r"\d|@", note)
    assert "^[" not in "".join(path.read_text(encoding="utf-8") for path in AZ.glob("*.md"))


def test_the_translators_note_is_in_the_english_edition(built):
    tree = lxml.html.fromstring((built / "build/en/article.html").read_bytes())
    notes = tree.xpath('//section[contains(@class, "footnotes")]//li')
    (note,) = [n for n in notes if n.text_content().startswith("Translator’s note:")]
    assert note.text_content().startswith("Translator’s note: the author names this treaty in three ways")
    # and the quotations' translation, said once
    assert sum("quotations are translated from the Azerbaijani text" in n.text_content() for n in notes) == 1
    assert [s.get("lang") for s in note.xpath(".//span[@lang]")] == ["az", "az", "az"]
    assert tree.xpath('//h3[@id="friendship-treaty-1925"]')[0].text_content().startswith(
        "The Turkish–Soviet Treaty of Friendship and Neutrality")


def test_the_parity_check_has_nothing_to_report(article):
    assert [d.format() for d in run_checks(load_project(article)) if d.code.startswith("parity")] == []


@pytest.mark.parametrize("language, reply_ends, sentence", [
    ("az", "edilə bilməz” [@ref4].",
     "Cümhurbaşkanı İsmet İnönü də: “Türkiyənin bir qarış torpağını belə verməyəcəyini, lazım gəlsə şərəfləri "
     "ilə öləcəklərini” bəyan etmişdir [@ref4]."),
    ("en", "the Montreux Straits Convention either” [@ref4].",
     "President İsmet İnönü, too, declared “that Turkey would not give up a single inch of its land and that, "
     "if need be, they would die with honour” [@ref4]."),
])
def test_the_turkish_reply_ends_before_the_sentence_about_inonu(article, language, reply_ends, sentence):
    manuscript = load_project(article).manuscripts[language]
    reply = next(q for q in manuscript.quotations if q.id == "q-turkish-reply")
    assert reply.text.rstrip().endswith(reply_ends)
    assert "İnönü" not in reply.text and "İnönü" not in reply.speaker
    assert [c.key for c in reply.citations] == ["ref4"]
    section = next(s for s in manuscript.sections if s.name == "06-relations-1939-1945")
    assert section.paragraphs[-1].text == sentence
    assert section.paragraphs[-2].text.endswith(reply_ends)


@pytest.mark.parametrize("language", ["az", "en"])
def test_the_sentence_about_inonu_follows_the_quotation_in_the_edition(built, language):
    tree = lxml.html.fromstring((built / f"build/{language}/article.html").read_bytes())
    (reply,) = tree.xpath('//div[@id="q-turkish-reply"]')
    assert "İnönü" not in reply.text_content()
    after = reply.getnext()
    assert after.tag == "p" and "İsmet İnönü" in after.text_content()
    assert after.xpath('.//span[@class="citation"]/@data-cites') == ["ref4"]


def test_the_quotation_block_change_is_a_recorded_correction():
    assert ("bilməz”. Cümhurbaşkanı", "bilməz” [4]. Cümhurbaşkanı") in corrections()


def test_translation_notes_record_the_readings():
    notes = " ".join((REPO / "manuscript" / "TRANSLATION.md").read_text(encoding="utf-8").split())
    for reading in ("Sovet Ticarət Nümayəndəliyinin hər iki ölkə vətəndaşlarının əldə etdiyi imtiyazları",
                    "and by the citizens of both countries", "denouncing", "the Dodecanese",
                    "özünə", "ilbəil", "Treaty of Friendship and Neutrality", "translator's note"):
        assert reading in notes, reading


def test_the_keywords_note_claims_no_more_than_survives():
    """Of the source's English keyword line only "relations." survives: it cannot confirm a translated keyword."""
    assert SOURCE.read_text(encoding="utf-8").rstrip().endswith("relations.")
    note = " ".join(load_project(REPO).metadata.languages["en"].notes["keywords"].split())
    assert "cut off" in note and '"relations."' in note
    assert "matches the last translated keyword" not in note and "only its last word" not in note
    assert "confirms none of the translated keywords" in note


@pytest.mark.parametrize("language, years", [("az", "(1923–1946)"), ("en", "1923–1946")])
def test_the_printed_titles_range_is_never_broken_at_its_dash(built, language, years):
    import pymupdf

    with pymupdf.open(built / f"build/{language}/article.pdf") as document:
        lines = ["".join(span["text"] for span in line["spans"]).strip()
                 for block in document[0].get_text("dict")["blocks"] for line in block.get("lines", [])]
    title = load_project(REPO).metadata.languages[language].title
    printed = [line for line in lines if line and not line.isdigit() and line in title]  # the title's lines
    assert " ".join(printed) == title and any(years in line for line in printed), printed
