"""LaTeX in BibTeX fields, decoded into CSL rich text without losing text.

The first table holds fields as real bibliographies write them
(tests/fixtures/latex/real.bib, sources in its README); the second the
remaining constructs the decoder documents. The last tests run both citation
processors on the markup the decoder writes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from toolkit.bibliography import parse_bibliography
from toolkit.csl_items import csl_items, decode, person_name
from toolkit.engines import citeproc, pandoc
from toolkit.latex import decode as decode_latex
from toolkit.rich_text import FORMULA_WORD, formula_tex, plain
from toolkit.styles import resolve_style

NOCASE = '<span class="nocase">{}</span>'.format
NBSP, THIN, NNBSP = "\u00a0", "\u2009", "\u202f"


@pytest.fixture(scope="module")
def real():
    path = FIXTURES / "latex" / "real.bib"
    bib = parse_bibliography(path.read_text(encoding="utf-8"), Path("bibliography/references.bib"))
    assert not bib.failures
    return bib


REAL_FIELDS = [
    # biblatex-examples.bib
    ("aksin", "title", "Effect of immobilization on catalytic characteristics of saturated "
     f"{NOCASE('Pd-N')}-heterocyclic carbenes in {NOCASE('Mizoroki-Heck')} reactions"),
    ("angenendt", "title", f"In Honore Salvatoris{NBSP}– Vom Sinn und Unsinn der Patrozinienkunde"),
    ("angenendt", "journaltitle", "Revue d'Histoire Ecclésiastique"),
    ("herrmann", "title", f"A carbocyclic carbene as an efficient catalyst ligand for {NOCASE('C–C')} "
     "coupling reactions"),
    ("kastenholz", "title", "Computation of methodology-independent ionic solvation free energies from "
     "molecular simulations"),
    ("kastenholz", "subtitle", f"{NOCASE('I')}. {NOCASE('The')} electrostatic potential in molecular liquids"),
    ("murray", "title", f"Alkanethiolate gold cluster molecules with core diameters from 1.5 to 5.2{NBSP}"
     f"{NOCASE('nm')}"),
    ("spiegelberg", "title", "“Intention” und “Intentionalität” in der Scholastik, bei Brentano und Husserl"),
    ("sarfraz", "title", f"Technical section: {NOCASE('An')} algorithm for automatic capturing of the font "
     "outlines"),
    ("knuth:ct:a", "title", "The TeXbook"),
    ("knuth:ct:a", "maintitle", "Computers & Typesetting"),
    ("knuth:ct:a", "shorttitle", "TeXbook"),
    ("knuth:ct:b", "title", "TeX: The Program"),
    ("malinowski", "title", f"Argonauts of the {NOCASE('Western Pacific')}"),
    ("malinowski", "publisher", f"Routledge {NOCASE('and')} Kegan Paul"),
    ("nietzsche:ksa1", "title", "Die Geburt der Tragödie. Unzeitgemäße Betrachtungen I–IV. Nachgelassene "
     "Schriften 1870–1973"),
    ("nietzsche:ksa1", "maintitle", "Sämtliche Werke"),
    ("nietzsche:ksa1", "location", "München and Berlin and New York"),
    ("britannica", "title", f"The {NOCASE('New Encyclopædia Britannica')}"),
    ("britannica", "publisher", "Encyclopædia Britannica"),
    ("vazques-de-parga", "note", "Ed. facs. de la realizada en 1948–49"),
    ("jaffe", "title", "Regesta Pontificum Romanorum ab condita ecclesia ad annum post Christum natum "
     "<sc>mcxcviii</sc>"),
    ("moraux", "title", "Le <i>De Anima</i> dans la tradition grècque"),
    ("moraux", "subtitle", "Quelques aspects de l'interpretation du traité, de Theophraste à Themistius"),
    ("salam", "venue", "Aspenäsgarden, Lerum"),
    ("salam", "publisher", "Almquist & Wiksell"),
    ("kullback", "publisher", "John Wiley & Sons"),
    # tugboat.bib: logos, TUGboat's own commands, math in titles
    ("Swanson:TB1-1-7", "title", NOCASE("Publishing & TeX")),
    ("Spivak:TB1-1-10", "title", NOCASE(f"AMS-TeX{NNBSP}—{THIN}“A very friendly product”")),
    ("Kim:TB2-1-10", "title", NOCASE("Update on Pascal METAFONT")),
    ("Eck:TB2-1-127", "title", NOCASE("Report from an early AMS-TeX user")),
    ("LeVeque:TB2-2-39", "title", NOCASE("Font development at the AMS")),
    ("Rokicki:TB5-2-139", "title", "\\special"),  # \char`\\: a backslash the title prints
    ("Trevorrow:TB7-1-25", "title", NOCASE("DVItoVDU: A TeX page previewer")),
    ("Sewell:TB7-3-188", "title", NOCASE("Bugs in METAFONTware")),  # TeX takes the space after \MF
    ("Anonymous:TB7-3-191-2", "title", f"METAFONT, TeX and the Humanities, {NOCASE('Rennes, France')}"),
    ("Tobin:TB8-1-26", "title", NOCASE("Some empirical observations on METAFONT design")),
    ("Beeton:TB8-2-132", "title", NOCASE("Update: METAFONT <b>mode_def</b> settings for TeX output devices")),
    ("Reid:TB8-3-264", "title", NOCASE("TANGLE modification causes problems in METAFONT and PK files")),
    ("Kubik:TB10-1-65", "title", NOCASE("AmigaTeX…or How envy was resisted and knowledge found on the road "
                                        "to Ööç")),
    ("Mittelbach:TB13-1-96", "title", NOCASE("LaTeX 2.09 ↪ LaTeX3")),
    ("Hoenig:TB15-2-97", "title", NOCASE("{Meta}Font Forum redux")),
    ("Haralambous:TB15-3-344", "title", NOCASE("First applications of Ω: Adobe Poetica, Arabic, Greek, Khmer")),
    ("Taylor:TB15-3-353", "title", NOCASE("ε-TeX & NTS: A progress report")),
    ("Flynn:TB16-2-146", "title", NOCASE("HTML & TeX: Making them sweat")),
    ("Haralambous:TB16-4-418", "title", NOCASE("Never again active characters! Ω-Babel")),
    ("Bilotta:TB25-1-105", "title", NOCASE("The ℵ (Aleph) project")),
    ("Haralambous:TB27-1-91", "title", f"Open-belly surgery in {NOCASE('Ω<sub>2</sub>')}"),
    ("Anonymous:TB28-3-383", "title", f"{NOCASE('Cheryl Ponchin')} Training; {NOCASE('Carleton Production Centre')}"
     f"; Design Science: {NOCASE('MathType<sup>6</sup>')}"),
    ("Tomaszewski:TB29-1-16", "title", f"Designing a special book: {NOCASE('With')} both pleasure and …{NNBSP}fear"),
    ("Horak:TB29-1-42", "title", "Those obscure accents …"),
    ("Kime:TB33-1-13", "title", f"Biber{NNBSP}—{THIN}the next generation backend processor for {NOCASE('BibLaTeX')}"),
    ("Verna:TB34-3-259", "title", "The incredible tale of the author who didn't want to do the publisher's job, …"),
    ("Haralambous:TB35-3-277", "title",
     f"{NOCASE('A simple Arabic typesetting system for mixed Latin/Arabic documents:')} <i>ḍād</i>"),
    # papers.bib: math in titles, a URL
    ("GanleyH95", "title", f"The pagenumber of <i>k</i>-trees is {NOCASE('<i>O</i>(<i>k</i>)')}"),
    ("GanleyH95", "number", "TR–95–17"),
    ("GanleyH01", "title", f"The pagenumber of {NOCASE('<i>k</i>')}-trees is {NOCASE('<i>O</i>(<i>k</i>)')}"),
    ("KallerGS95a", "title", "The χ<sub><i>t</i></sub>-coloring problem"),
    ("AbdelbarH98", "title", f"Approximating {NOCASE('MAP')}s for belief networks is {NOCASE('NP')}-hard and other "
     "theorems"),
    ("AdachiIK87", "title", f"Shogi on <i>n</i> × <i>n</i> board is complete in exponential time ({NOCASE('I')}n "
     f"{NOCASE('J')}apanese)"),
    ("Williams09", "title",
     f"Finding paths of length <i>k</i> in {NOCASE('<i>O</i><sup>∗</sup>(2<sup><i>k</i></sup>)')} time"),
    ("SiekLL01", "note", "Software available on http://www.boost.org"),
    ("TorreGS92", "title", f"Optimal Tree Ranking is in {NOCASE('NC')}"),
    ("Koster2008", "note", "http://www.math2.rwth-aachen.de/~koster/ComputeTW"),  # {$\sim$} in an address
    # xampl.bib
    ("techreport-minimal", "title", f"An {NOCASE('<i>O</i>(<i>n</i> log <i>n</i>/log log <i>n</i>)')} Sorting "
     "Algorithm"),
    ("phdthesis-full", "title", f"Fighting Fire with Fire: Festooning {NOCASE('F')}rench Phrases"),
    ("phdthesis-full", "type", f"{NOCASE('PhD')} Dissertation"),
    ("inproceedings-minimal", "title", f"On Notions of Information Transfer in {NOCASE('VLSI')} Circuits"),
    ("inbook-full", "year", "1973"),  # \noopsort only sorts
]

REAL_NAMES = [
    ("aksin", "author", ["Aksın, Özge", "Türkmen, Hayati", "Artok, Levent", "Çetinkaya, Bekir", "Ni, Chaoying",
                         "Büyükgüngör, Orhan", "Özkal, Erhan"]),
    ("herrmann", "author", ["Herrmann, Wolfgang A.", "Öfele, Karl", "Schneider, Sabine K.", "Herdtweck, Eberhardt",
                            "Hoffmann, Stephan D."]),
    ("kastenholz", "author", ["Kastenholz, M. A.", "Hünenberger, Philippe H."]),
    ("malinowski", "author", ["Malinowski, Bronisław"]),
    ("vazques-de-parga", "author", ["Vázques de Parga, Luis", "Lacarra, José María", "Uría Ríu, Juan"]),
    ("jaffe", "editor", ["Jaffé, Philipp"]),
    ("Nagy:TB10-1-108", "author", ["Nagy, Dezső"]),
    ("Vesely:TB12-1-176", "author", ["Veselý, Jiří"]),
    ("Jalbert:TB12-2-227", "author", ["Jalbert, François"]),
    ("Zubrinic:TB13-4-470", "author", ["Žubrinić, Darko"]),
    # \u is a breve as written (the authors meant a caron): printed as written
    ("BerryBH02", "editor", ["Kuc\u0306era, Ludĕk"]),
    ("GanianH10", "author", ["Ganian, Robert", "Hliněný, Petr"]),
    ("MatousekT91", "author", ["Matoušek, Jir\u0306í", "Thomas, Robin"]),
    ("HicksKK05", "author", ["Hicks, Illya V.", "Koster, Arie M. C. A.", "Kolotoğlu, Elif"]),
    ("FominH06", "author", ["Fomin, Fedor V.", "Høie, Kjartan"]),
    ("BodlaenderDFH08", "editor", ["Aceto, Luca", "Damgård, Ivan", "Goldberg, Leslie Ann", "Halldórsson, Magnús M.",
                                   "Ingólfsdóttir, Anna", "Walukuewics, Igor"]),
    ("Kjaerulff90", "author", ["Kjærulff, U."]),
    ("Gavril72", "author", ["Gavril, Fănică"]),
    ("MainskiLM09", "author", ["Kamiński, Marcin", "Lozin, Vadim V.", "Milanič, Martin"]),
    ("gompel", "author", ["van Gompel, Roger P. G."]),
    ("mastersthesis-minimal", "author", ["Masterly, Édouard"]),
]


def test_the_tables_hold_sixty_real_constructs():
    assert len(REAL_FIELDS) + len(REAL_NAMES) >= 60


@pytest.mark.parametrize("key, field, expected", REAL_FIELDS, ids=[f"{k}.{f}" for k, f, _ in REAL_FIELDS])
def test_real_fields_decode_to_csl_rich_text(real, key, field, expected):
    value = real.by_key()[key].fields[field].value
    assert decode(value) == expected
    assert not decode_latex(value).problems


@pytest.mark.parametrize("key, field, expected", REAL_NAMES, ids=[f"{k}.{f}" for k, f, _ in REAL_NAMES])
def test_real_names_are_plain_text(real, key, field, expected):
    item = next(i for i in csl_items(real, "en", [key]))
    names = item[field]
    assert [person_name(n) for n in names] == expected
    assert not any("<" in part for name in names for part in name.values())


DOCUMENTED = [
    # logos
    (r"\LaTeXe", "LaTeX2e"), (r"\BibTeX", "BibTeX"), (r"\BibLaTeX", "BibLaTeX"), (r"\MF", "METAFONT"),
    (r"\MP", "MetaPost"), (r"\ConTeXt", "ConTeXt"), (r"\XeTeX", "XeTeX"), (r"\LuaTeX", "LuaTeX"),
    (r"\AmS", "AMS"), (r"The \TeX book", "The TeXbook"), (r"Publishing \& \TeX", "Publishing & TeX"),
    # accents, Turkish and Azerbaijani letters, Cyrillic as written
    (r"{\c c}ay", "çay"), (r"\c{s}i\c{s}", "şiş"), (r"{\c S}", "Ş"), (r"Da{\u g}", "Dağ"), (r"\u{g}", "ğ"),
    (r"{\.I}stanbul", "İstanbul"), (r"\.{I}", "İ"), (r"{\i}", "ı"), (r"\'{\i}", "í"), (r"{\'\i}", "í"),
    (r"\v{s}", "š"), (r"\H{o}", "ő"), (r"\k{a}", "ą"), (r"\=a", "ā"), (r'\"{u}', "ü"), (r'{\"O}', "Ö"),
    (r"\r{a}", "å"), (r"\~n", "ñ"), (r"\^o", "ô"), (r"\`e", "è"), (r"\d{d}", "ḍ"), (r"\'{}", "´"),
    ("Əliyev Ə. ı İ ğ ş ç ö ü", "Əliyev Ə. ı İ ğ ş ç ö ü"), ("Внешняя политика Турции", "Внешняя политика Турции"),
    # font commands
    (r"\emph{x}", "<i>x</i>"), (r"\textit{x}", "<i>x</i>"), (r"{\it x}", "<i>x</i>"), (r"{\em x} y", "<i>x</i> y"),
    (r"\textbf{x}", "<b>x</b>"), (r"{\bf x}", "<b>x</b>"), (r"\textsc{x}", "<sc>x</sc>"),
    (r"x\textsuperscript{th}", "x<sup>th</sup>"), (r"H\textsubscript{2}O", "H<sub>2</sub>O"),
    (r"\texttt{biber}", "biber"), (r"\mbox{A--B}", "A–B"), (r"\emph{a \emph{b} c}", "<i>a <i>b</i> c</i>"),
    # addresses: kept as text, the URL never lost
    (r"\url{https://example.org/a_b%20c~d}", "https://example.org/a_b%20c~d"),
    (r"\url{http://x.org/a\_b}", "http://x.org/a_b"),
    (r"\href{https://example.org}{the site}", "the site (https://example.org)"),
    (r"\href{https://example.org}{https://example.org}", "https://example.org"),
    ("https://example.org/~a--b", "https://example.org/~a--b"),
    # punctuation and spaces
    ("Vol.~2", f"Vol.{NBSP}2"), ("1923--1939", "1923–1939"), ("a---b", "a—b"), (r"\textendash", "–"),
    (r"\textemdash", "—"), (r"\&", "&"), (r"\%", "%"), (r"\$5", "$5"), (r"\#1", "#1"), (r"a\_b", "a_b"),
    (r"a\ldots", "a…"), (r"a\dots{} b", "a… b"), (r"\guillemotleft x\guillemotright", "«x»"),
    ("``q''", "“q”"), ("`s'", "‘s’"), ("50% of", "50% of"), (r"P.\,G.", f"P.{NNBSP}G."), (r"\TeX\ x", "TeX x"),
    (r"shelf\/ful", "shelfful"), (r"\relax x", "x"), (r"U.S.A\@.", "U.S.A."), (r"{\noopsort{b}}1971", "1971"),
    ("a\n   b", "a b"),
    # protecting braces protect case; braces around a command do not
    ("{DNA} repair", f"{NOCASE('DNA')} repair"), ("{1925}", "1925"), (r"{\"U}ber", "Über"),
    # math
    ("$K_{1,3}$-free", "<i>K</i><sub>1,3</sub>-free"), (r"$\alpha^2 + \beta$", "α<sup>2</sup> + β"),
    (r"$a \leq b$", "<i>a</i> ≤ <i>b</i>"), ("$-1$", "−1"), (r"$\mathbb{R}^n$", "ℝ<sup><i>n</i></sup>"),
    (r"$\mathrm{d}x$", "d<i>x</i>"), (r"$\hat{x}$", "<i>x\u0302</i>"), (r"\ensuremath{\alpha}", "α"),
    (r"$\log n$", "log <i>n</i>"), (r"$\sin(x)$", "sin(<i>x</i>)"), (r"$\mathbf{v}$", "<b>v</b>"),
    (r"$x^ 2$", "<i>x</i><sup>2</sup>"), (r"$\{a, b\}$", "{<i>a</i>, <i>b</i>}"), (r"$\mathcal{O}(n)$", "𝒪(<i>n</i>)"),
    (r"$\sum_{i=1}^n i$", "∑<sub><i>i</i> = 1</sub><sup><i>n</i></sup> <i>i</i>"),
    # a < that would open a tag stays a character
    ("a <i> b", f"a {NOCASE('<')}i> b"), ("1 < 2 & 3 > 2", "1 < 2 & 3 > 2"),
]


@pytest.mark.parametrize("latex, expected", DOCUMENTED)
def test_documented_constructs(latex, expected):
    decoded = decode_latex(latex)
    assert decoded.text == expected
    assert not decoded.problems


def test_a_name_is_plain_text_with_plain_spaces():
    assert decode_latex(r"\textsc{Yılmaz}, {\c C}.~A.", markup=False).text == "Yılmaz, Ç. A."


def test_an_unknown_command_keeps_its_argument_and_is_reported_where_it_is():
    decoded = decode_latex(r"A \foo{kept} and \qux b")
    assert decoded.text == "A kept and b"
    (first, second) = decoded.problems
    assert (first.offset, first.code, first.text, first.with_argument) == (2, "latex-macro", r"\foo", True)
    assert (second.offset, second.text, second.with_argument) == (17, r"\qux", False)
    assert first.describe() == r"uses \foo, which the toolkit does not know: its argument is kept as text"


@pytest.mark.parametrize("latex, printed", [
    (r"$\frac{1}{2}$", "1/2"), (r"$\frac{a+b}{c}$", "(a + b)/c"), (r"$\sqrt{x+1}$", "√(x + 1)"),
    (r"$\sqrt[3]{x}$", "3√x"), (r"$\binom{n}{k}$", "(n k)"),
    (r"$\begin{matrix} a & b \\ c & d \end{matrix}$", "(a b; c d)"), (r"\(K_{1,3}\)", "K1,3"),
])
def test_a_formula_is_text_on_a_line_of_text_and_its_tex_for_the_editions_which_draw_it(latex, printed):
    decoded = decode_latex("see " + latex)
    assert decoded.problems == ()
    assert plain(decoded.text) == "see " + printed
    assert "\\" not in decoded.text and "$" not in decoded.text
    assert decoded.formulas == ((4, 4 + len(latex), latex[2:-2] if latex.startswith("\\(") else latex[1:-1]),)
    drawn = decode_latex("see " + latex, True, True).text
    (word,) = FORMULA_WORD.findall(drawn)
    assert formula_tex(word) == decoded.formulas[0][2] and drawn.startswith("see <span class=\"nocase\">")


def test_a_formula_never_closed_keeps_its_text_and_is_reported():
    decoded = decode_latex("see $a^{2")
    (problem,) = decoded.problems
    assert (problem.offset, problem.code, problem.text, problem.printed) == (4, "latex-math", "$a^{2", "a^2")
    assert plain(decoded.text) == "see a^2" and decoded.formulas == ()


def test_no_value_is_ever_lost_to_malformed_latex():
    for value in (r"{unclosed \emph{x", r"closed} too}", r"$unclosed math", "a % b {c}", r"\\", "\\"):
        text = plain(decode_latex(value).text)
        assert {w for w in value.replace("{", " ").replace("}", " ").split() if w.isalpha()} <= set(text.split())


def test_the_walker_reads_as_pylatexencs_own(monkeypatch):
    """toolkit.latex answers the walker's question for a plain character itself; every
    fixture field and documented construct decodes as with pylatexenc's LatexWalker."""
    from pylatexenc.latexwalker import LatexWalker

    from toolkit import latex

    values = [written for written, _ in DOCUMENTED] + ["a\n\nb \\foo\n\n{x}", "x  y\t\\emph {z}~--~`q' [o]*"]
    for path in sorted(FIXTURES.rglob("*.bib")):
        bib = parse_bibliography(path.read_text(encoding="utf-8"), Path("references.bib"))
        values += [field.value for entry in bib.entries for field in entry.fields.values()]
    fast = [latex.decode.__wrapped__(value, markup) for value in values for markup in (True, False)]
    monkeypatch.setattr(latex, "_walker", lambda: LatexWalker)
    assert [latex.decode.__wrapped__(value, markup) for value in values for markup in (True, False)] == fast


def test_plain_text_of_rich_text():
    assert plain(decode(r"{DNA} of $K_{1,3}$ and a <b")) == "DNA of K1,3 and a <b"
    assert plain(decode("The <i> element")) == "The <i> element"


# -- what the two processors do with the markup -------------------------------------------------

STYLE = resolve_style(FIXTURES / "reftypes", "numeric-alphabetical")  # sets a book's title upright
MARKUP = ('Plain & <i>it</i> <b>bold</b> <sc>caps</sc> x<sup>2</sup> H<sub>2</sub>O '
          '<span class="nocase">DNA</span> a <span class="nocase"><</span>i> b &amp;')


def test_pandoc_citeproc_reads_each_tag_and_decodes_no_entity(tmp_path):
    (tmp_path / "refs.json").write_text(json.dumps([{"id": "a", "type": "book", "title": MARKUP}]), "utf-8")
    html = pandoc.run(["--citeproc", "--bibliography=refs.json", f"--csl={STYLE}", "--to=html", "--wrap=none"],
                      stdin="---\nnocite: '[@*]'\n---\n", cwd=tmp_path).output.decode()
    for made in ("<em>it</em>", "<strong>bold</strong>", '<span class="smallcaps">caps</span>', "x<sup>2</sup>",
                 "H<sub>2</sub>O", '<span class="nocase">DNA</span>', "Plain &amp; "):
        assert made in html
    assert '<span class="nocase">&lt;</span>i&gt; b' in html  # the escaped < is a character
    assert "b &amp;amp;" in html  # an entity is printed as written, never decoded


def test_citeproc_py_reads_the_nocase_span_and_prints_other_tags_as_written():
    entries, _ = citeproc.render([{"id": "a", "type": "book", "title": MARKUP}], STYLE.read_bytes(), "en",
                                 [[("a", {})]])
    (_, text), = entries
    assert "Plain & <i>it</i> <b>bold</b> <sc>caps</sc> x<sup>2</sup> H<sub>2</sub>O DNA a <i> b &amp;" in text


def test_the_decoder_writes_no_entity():
    assert decode(r"A \& B < C > D") == "A & B < C > D"


# -- end to end: the editions (pandoc) and `toolkit refs` (citeproc-py) ------------------------------------

WANTED = ("The TeXbook", "Publishing & TeX", "biber: A backend bibliography processor for biblatex")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """tests/fixtures/latex-project built in both languages and every format."""
    from tests.conftest import copy_project
    from toolkit.cli import main

    root = copy_project("latex-project", tmp_path_factory.mktemp("latex"))
    assert main(["--project", str(root), "build"]) == 0
    return root


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _no_field_tex(text: str) -> None:
    assert "\\" not in text and "$" not in text, text


def _visible_text(page) -> str:
    """The text a reader sees: no script, no style, no formula's TeX annotation."""
    for element in page.xpath("//script | //style | //*[local-name()='annotation']"):
        element.drop_tree()
    return " ".join(page.xpath("//text()")) + " ".join(page.xpath("//meta/@content"))


@pytest.mark.parametrize("language", ["az", "en"])
def test_the_web_edition_prints_logos_markup_and_math(built, language):
    from lxml import html as lxml_html

    page = lxml_html.fromstring((built / "build" / language / "article.html").read_bytes())
    (refs,) = page.xpath('//*[@id="refs"]')
    text = " ".join(refs.text_content().split())
    for wanted in WANTED:
        assert wanted in text
    assert [e.text for e in refs.xpath('.//div[@id="ref-moraux"]//em')] == ["De Anima"]  # the italic
    # the title's $\chi_t$ is a formula: MathML, its TeX kept as the annotation
    (math,) = refs.xpath('.//div[@id="ref-KallerGS95a"]//*[local-name()="math"]')
    assert [e.text for e in math.xpath('.//*[local-name()="msub"]/*[local-name()="mi"]')] == ["χ", "t"]
    assert math.xpath('string(.//*[local-name()="annotation"])') == "\\chi_t"
    assert "-coloring problem" in text
    (linked_data,) = page.xpath('//script[@type="application/ld+json"]')
    _no_field_tex(" ".join(_strings(json.loads(linked_data.text))))  # its own escapes decoded
    _no_field_tex(_visible_text(page))


@pytest.mark.parametrize("language", ["az", "en"])
def test_the_word_edition_prints_logos_markup_and_math(built, language):
    import docx

    document = docx.Document(str(built / "build" / language / "article.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    for wanted in WANTED:
        assert wanted in text
    runs = [r for p in document.paragraphs for r in p.runs]
    assert any(r.text == "De Anima" and r.italic for r in runs)
    (reference,) = [p for p in document.paragraphs if "-coloring problem" in p.text]
    # the title's formula is a Word equation: a subscript of χ by t
    math = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
    (subscript,) = reference._p.iter(f"{math}sSub")
    assert ["".join(t.text for t in part.iter(f"{math}t")) for part in subscript
            if part.tag in (f"{math}e", f"{math}sub")] == ["χ", "t"]
    _no_field_tex(text)


@pytest.mark.parametrize("language", ["az", "en"])
def test_the_print_edition_prints_logos_and_math(built, language):
    from pdfminer.high_level import extract_text
    from toolkit.edition import prepare
    from toolkit.project import load_project
    from toolkit.styles import project_style
    from toolkit.writers.pdf import print_ast, print_html

    text = " ".join(extract_text(str(built / "build" / language / "article.pdf")).split())
    for wanted in ("The TeXbook", "Publishing & TeX", "biber: A backend bibliography processor", "De Anima",
                   "-coloring problem"):
        assert wanted in text
    _no_field_tex(text)
    # the title's formula is drawn: an SVG image the typesetter places, its TeX as its alternative text
    project = load_project(built)
    page = print_html(print_ast(prepare(project, language, project_style(project, None), set())), project)
    assert re.search(r'<img class="math inline" src="data:image/svg\+xml;base64,[^"]+" alt="\\chi_t"', page)


@pytest.mark.parametrize("language", ["az", "en"])
def test_toolkit_refs_prints_them_with_the_markup_as_tags(built, run_cli, language):
    code, out, _ = run_cli("--project", built, "refs", "--lang", language)
    assert code == 0
    for wanted in WANTED + ("Le <i>De Anima</i> dans la tradition grècque", "The χ<sub><i>t</i></sub>-coloring"):
        assert wanted in out
    _no_field_tex(out)
