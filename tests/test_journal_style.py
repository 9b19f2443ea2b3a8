"""The journal style (numeric-alphabetical) prints every type as the journal's style sheet shows.

tests/fixtures/journal-style holds the worked example of each type of the style
sheet (journal-style.md, section 4) as a BibLaTeX entry, cited in an az, an en,
a ru and a tr edition. Each entry must come out of the build (pandoc's citeproc,
through the edition's preparation) and out of `toolkit refs` (citeproc-py) as
the example prints it, in each edition's language; citeproc-py may differ only
by the named differences below, which README.md lists.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO
from tests.test_processors import with_pandoc
from toolkit.bibliography import parse_bibliography
from toolkit.csl_items import csl_items
from toolkit.engines import citeproc, pandoc
from toolkit.project import load_project
from toolkit.session import Session
from toolkit.references import cited_keys, format_references, style_for
from toolkit.scratch import scratch
from toolkit.styles import resolve_style

FIXTURE = FIXTURES / "journal-style"
LANGUAGES = ("az", "en", "ru", "tr")

# journal-style.md, section 4, entry by entry and edition by edition
EXPECTED = {
    # 4.1 Book by one author
    "adilov2010": {
        "az": "Adilov M. Azərbaycan paleoqrafiyası. Bakı: Elm, 2010. 223 s.",
        "en": "Adilov M. Azərbaycan paleoqrafiyası [Azerbaijani Palaeography]. Bakı: Elm, 2010. 223 p.",
        "ru": "Adilov M. Azərbaycan paleoqrafiyası. Bakı: Elm, 2010. 223 с.",
        "tr": "Adilov M. Azərbaycan paleoqrafiyası. Bakı: Elm, 2010. 223 s.",
    },
    # 4.2 Book by two or three authors
    "shaw1977": {
        "az": "Shaw S. J., Shaw E. K. History of the Ottoman Empire and Modern Turkey. C. 2: Reform, Revolution, and Republic: The Rise of Modern Turkey, 1808–1975. Cambridge: Cambridge University Press, 1977.",
        "en": "Shaw S. J., Shaw E. K. History of the Ottoman Empire and Modern Turkey. Vol. 2: Reform, Revolution, and Republic: The Rise of Modern Turkey, 1808–1975. Cambridge: Cambridge University Press, 1977.",
        "ru": "Shaw S. J., Shaw E. K. History of the Ottoman Empire and Modern Turkey. Т. 2: Reform, Revolution, and Republic: The Rise of Modern Turkey, 1808–1975. Cambridge: Cambridge University Press, 1977.",
        "tr": "Shaw S. J., Shaw E. K. History of the Ottoman Empire and Modern Turkey. C. 2: Reform, Revolution, and Republic: The Rise of Modern Turkey, 1808–1975. Cambridge: Cambridge University Press, 1977.",
    },
    # 4.3 Book by four or more authors
    "gamma1995": {
        "az": "Design Patterns: Elements of Reusable Object-Oriented Software / E. Gamma, R. Helm, R. Johnson [və b.]. Reading, MA: Addison-Wesley, 1995. 395 s.",
        "en": "Design Patterns: Elements of Reusable Object-Oriented Software / E. Gamma, R. Helm, R. Johnson [et al.]. Reading, MA: Addison-Wesley, 1995. 395 p.",
        "ru": "Design Patterns: Elements of Reusable Object-Oriented Software / E. Gamma, R. Helm, R. Johnson [и др.]. Reading, MA: Addison-Wesley, 1995. 395 с.",
        "tr": "Design Patterns: Elements of Reusable Object-Oriented Software / E. Gamma, R. Helm, R. Johnson [vd.]. Reading, MA: Addison-Wesley, 1995. 395 s.",
    },
    # 4.4 Edited collection with a volume number (multi-volume document collection)
    "akty1866": {
        "az": "Акты, собранные Кавказскою археографическою комиссиею. C. 1 / red. Ад. Берже. Тифлис: Типография Главного управления наместника Кавказского, 1866.",
        "en": "Акты, собранные Кавказскою археографическою комиссиею [Acts Collected by the Caucasian Archaeographic Commission]. Vol. 1 / ed. by Ад. Берже. Тифлис: Типография Главного управления наместника Кавказского, 1866.",
        "ru": "Акты, собранные Кавказскою археографическою комиссиею. Т. 1 / ред. Ад. Берже. Тифлис: Типография Главного управления наместника Кавказского, 1866.",
        "tr": "Акты, собранные Кавказскою археографическою комиссиею. C. 1 / ed. Ад. Берже. Тифлис: Типография Главного управления наместника Кавказского, 1866.",
    },
    # 4.5 Chapter in an edited book
    "hobsbawm1983": {
        "az": "Hobsbawm E. Introduction: Inventing Traditions // The Invention of Tradition / red. E. Hobsbawm, T. Ranger. Cambridge: Cambridge University Press, 1983. S. 1–14.",
        "en": "Hobsbawm E. Introduction: Inventing Traditions // The Invention of Tradition / ed. by E. Hobsbawm, T. Ranger. Cambridge: Cambridge University Press, 1983. P. 1–14.",
        "ru": "Hobsbawm E. Introduction: Inventing Traditions // The Invention of Tradition / ред. E. Hobsbawm, T. Ranger. Cambridge: Cambridge University Press, 1983. С. 1–14.",
        "tr": "Hobsbawm E. Introduction: Inventing Traditions // The Invention of Tradition / ed. E. Hobsbawm, T. Ranger. Cambridge: Cambridge University Press, 1983. s. 1–14.",
    },
    # 4.6 Journal article with volume, issue, pages and DOI
    "slezkine1994": {
        "az": "Slezkine Y. The USSR as a Communal Apartment, or How a Socialist State Promoted Ethnic Particularism // Slavic Review. 1994. C. 53, № 2. S. 414–452. DOI: 10.2307/2501300",
        "en": "Slezkine Y. The USSR as a Communal Apartment, or How a Socialist State Promoted Ethnic Particularism // Slavic Review. 1994. Vol. 53, No. 2. P. 414–452. DOI: 10.2307/2501300",
        "ru": "Slezkine Y. The USSR as a Communal Apartment, or How a Socialist State Promoted Ethnic Particularism // Slavic Review. 1994. Т. 53, № 2. С. 414–452. DOI: 10.2307/2501300",
        "tr": "Slezkine Y. The USSR as a Communal Apartment, or How a Socialist State Promoted Ethnic Particularism // Slavic Review. 1994. C. 53, S. 2. s. 414–452. DOI: 10.2307/2501300",
    },
    # 4.7 Newspaper article
    "lenin1923": {
        "az": "Ленин В. И. Лучше меньше, да лучше // Правда. 1923. 4 mart. № 49.",
        "en": "Ленин В. И. Лучше меньше, да лучше [Better Fewer, But Better] // Правда. 1923. 4 Mar. No. 49.",
        "ru": "Ленин В. И. Лучше меньше, да лучше // Правда. 1923. 4 марта. № 49.",
        "tr": "Ленин В. И. Лучше меньше, да лучше // Правда. 1923. 4 Mart. S. 49.",
    },
    # 4.8 Dissertation and author's abstract (avtoreferat)
    "bayramov2012": {
        "az": "Bayramov Z. H. Azərbaycan Səfəvi dövlətinin quruluşu və idarə olunmasında türk qızılbaş əyanlarının rolu: tarix elmləri doktoru dissertasiyasının avtoreferatı. Bakı, 2012.",
        "en": "Bayramov Z. H. Azərbaycan Səfəvi dövlətinin quruluşu və idarə olunmasında türk qızılbaş əyanlarının rolu [The Role of the Turkic Qizilbash Nobility in the Structure and Government of the Azerbaijani Safavid State]: abstract of Dr. Sci. (History) diss. Bakı, 2012.",
        "ru": "Bayramov Z. H. Azərbaycan Səfəvi dövlətinin quruluşu və idarə olunmasında türk qızılbaş əyanlarının rolu: автореф. дис. … д-ра ист. наук. Bakı, 2012.",
        "tr": "Bayramov Z. H. Azərbaycan Səfəvi dövlətinin quruluşu və idarə olunmasında türk qızılbaş əyanlarının rolu: tarih bilimleri doktoru tezi özeti (avtoreferat). Bakı, 2012.",
    },
    # 4.9 Archival document
    "fomin": {
        "az": "Фомин А. Г. [Материалы по истории русской библиографии] // РО ИРЛИ. F. 568. Siy. 1. İş 1. 214 v.",
        "en": "Фомин А. Г. [Материалы по истории русской библиографии] [Materials on the History of Russian Bibliography] // РО ИРЛИ. F. 568. Op. 1. D. 1. 214 l.",
        "ru": "Фомин А. Г. [Материалы по истории русской библиографии] // РО ИРЛИ. Ф. 568. Оп. 1. Д. 1. 214 л.",
        "tr": "Фомин А. Г. [Материалы по истории русской библиографии] // РО ИРЛИ. F. 568. Op. 1. D. 1. 214 vr.",
    },
    # 4.10 Conference paper in proceedings
    "he2016": {
        "az": "Deep Residual Learning for Image Recognition / K. He, X. Zhang, S. Ren [və b.] // 2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR). [S. l.]: IEEE Computer Society, 2016. S. 770–778. DOI: 10.1109/CVPR.2016.90",
        "en": "Deep Residual Learning for Image Recognition / K. He, X. Zhang, S. Ren [et al.] // 2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR). [S. l.]: IEEE Computer Society, 2016. P. 770–778. DOI: 10.1109/CVPR.2016.90",
        "ru": "Deep Residual Learning for Image Recognition / K. He, X. Zhang, S. Ren [и др.] // 2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR). [Б. м.]: IEEE Computer Society, 2016. С. 770–778. DOI: 10.1109/CVPR.2016.90",
        "tr": "Deep Residual Learning for Image Recognition / K. He, X. Zhang, S. Ren [vd.] // 2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR). [B.y.]: IEEE Computer Society, 2016. s. 770–778. DOI: 10.1109/CVPR.2016.90",
    },
    # 4.11 Web page with access date
    "arda": {
        "az": "Azərbaycan Respublikasının Dövlət Arxivi (ARDA) [Elektron resurs] // Azərbaycan Respublikasının Milli Arxiv İdarəsi. URL: http://milliarxiv.gov.az/az/dovlet-arxivi (müraciət tarixi: 01.03.2025).",
        "en": "Azərbaycan Respublikasının Dövlət Arxivi (ARDA) [State Archive of the Republic of Azerbaijan (ARDA)] [Electronic resource] // Azərbaycan Respublikasının Milli Arxiv İdarəsi. URL: http://milliarxiv.gov.az/az/dovlet-arxivi (accessed: 01.03.2025).",
        "ru": "Azərbaycan Respublikasının Dövlət Arxivi (ARDA) [Электронный ресурс] // Azərbaycan Respublikasının Milli Arxiv İdarəsi. URL: http://milliarxiv.gov.az/az/dovlet-arxivi (дата обращения: 01.03.2025).",
        "tr": "Azərbaycan Respublikasının Dövlət Arxivi (ARDA) [Elektronik kaynak] // Azərbaycan Respublikasının Milli Arxiv İdarəsi. URL: http://milliarxiv.gov.az/az/dovlet-arxivi (erişim tarihi: 01.03.2025).",
    },
    # 4.12 Software or dataset
    "r2023": {
        "az": "R: A Language and Environment for Statistical Computing [Elektron resurs] / R Core Team. Versiya 4.3.0. Vienna: R Foundation for Statistical Computing, 2023. URL: https://www.R-project.org/ (müraciət tarixi: 01.03.2025).",
        "en": "R: A Language and Environment for Statistical Computing [Electronic resource] / R Core Team. Version 4.3.0. Vienna: R Foundation for Statistical Computing, 2023. URL: https://www.R-project.org/ (accessed: 01.03.2025).",
        "ru": "R: A Language and Environment for Statistical Computing [Электронный ресурс] / R Core Team. Версия 4.3.0. Vienna: R Foundation for Statistical Computing, 2023. URL: https://www.R-project.org/ (дата обращения: 01.03.2025).",
        "tr": "R: A Language and Environment for Statistical Computing [Elektronik kaynak] / R Core Team. Sürüm 4.3.0. Vienna: R Foundation for Statistical Computing, 2023. URL: https://www.R-project.org/ (erişim tarihi: 01.03.2025).",
    },
    # 4.13 Preprint (arXiv)
    "vaswani2017": {
        "az": "Attention Is All You Need [Elektron resurs]: preprint / A. Vaswani, N. Shazeer, N. Parmar [və b.]. 2017. arXiv:1706.03762 [cs.CL]. DOI: 10.48550/arXiv.1706.03762",
        "en": "Attention Is All You Need [Electronic resource]: preprint / A. Vaswani, N. Shazeer, N. Parmar [et al.]. 2017. arXiv:1706.03762 [cs.CL]. DOI: 10.48550/arXiv.1706.03762",
        "ru": "Attention Is All You Need [Электронный ресурс]: препринт / A. Vaswani, N. Shazeer, N. Parmar [и др.]. 2017. arXiv:1706.03762 [cs.CL]. DOI: 10.48550/arXiv.1706.03762",
        "tr": "Attention Is All You Need [Elektronik kaynak]: ön baskı / A. Vaswani, N. Shazeer, N. Parmar [vd.]. 2017. arXiv:1706.03762 [cs.CL]. DOI: 10.48550/arXiv.1706.03762",
    },
    # 4.14 Corporate author (an institution as author)
    "birillik2009": {
        "az": "Birillik Azərbaycan Kitabiyyatı – 2002 / M. F. Axundov adına Azərbaycan Milli Kitabxanası; tərt. L. Talıbova, N. Rzaquliyeva. Bakı, 2009. 288 s.",
        "en": "Birillik Azərbaycan Kitabiyyatı – 2002 [Annual Bibliography of Azerbaijani Books – 2002] / M. F. Axundov adına Azərbaycan Milli Kitabxanası; comp. by L. Talıbova, N. Rzaquliyeva. Bakı, 2009. 288 p.",
        "ru": "Birillik Azərbaycan Kitabiyyatı – 2002 / M. F. Axundov adına Azərbaycan Milli Kitabxanası; сост. L. Talıbova, N. Rzaquliyeva. Bakı, 2009. 288 с.",
        "tr": "Birillik Azərbaycan Kitabiyyatı – 2002 / M. F. Axundov adına Azərbaycan Milli Kitabxanası; der. L. Talıbova, N. Rzaquliyeva. Bakı, 2009. 288 s.",
    },
    # 4.15 Translated book
    "inalcik2003": {
        "az": "İnalcık H. Osmanlı İmparatorluğu Klasik Çağ (1300–1600) / tərc. R. Sezer. İstanbul: Yapı Kredi Yayınları, 2003.",
        "en": "İnalcık H. Osmanlı İmparatorluğu Klasik Çağ (1300–1600) [The Ottoman Empire: The Classical Age 1300–1600] / transl. by R. Sezer. İstanbul: Yapı Kredi Yayınları, 2003.",
        "ru": "İnalcık H. Osmanlı İmparatorluğu Klasik Çağ (1300–1600) / пер. R. Sezer. İstanbul: Yapı Kredi Yayınları, 2003.",
        "tr": "İnalcık H. Osmanlı İmparatorluğu Klasik Çağ (1300–1600) / çev. R. Sezer. İstanbul: Yapı Kredi Yayınları, 2003.",
    },
    # 4.16 Reprint or later edition
    "zurcher2004": {
        "az": "Zürcher E. J. Turkey: A Modern History. 3-cü nəşr. London: I. B. Tauris, 2004.",
        "en": "Zürcher E. J. Turkey: A Modern History. 3rd ed. London: I. B. Tauris, 2004.",
        "ru": "Zürcher E. J. Turkey: A Modern History. 3-е изд. London: I. B. Tauris, 2004.",
        "tr": "Zürcher E. J. Turkey: A Modern History. 3. bs. London: I. B. Tauris, 2004.",
    },
    # not an example: the volume a completed copy of the article printed as
    # "…СССР Москва: Госполитиздат, 1963." (an edited collection with a volume, as 4.4)
    "dvp1963": {
        "az": "Документы внешней политики СССР. C. 8. Москва: Госполитиздат, 1963.",
        "en": "Документы внешней политики СССР. Vol. 8. Москва: Госполитиздат, 1963.",
        "ru": "Документы внешней политики СССР. Т. 8. Москва: Госполитиздат, 1963.",
        "tr": "Документы внешней политики СССР. C. 8. Москва: Госполитиздат, 1963.",
    },
}

# citations with a page, a volume and a page, a leaf (section 2.8), of the entry numbered n
LOCATED = {
    "az": ("[{n}, s. 12]", "[{n}, c. 2, s. 12]", "[{n}, v. 18]"),
    "en": ("[{n}, p. 12]", "[{n}, vol. 2, p. 12]", "[{n}, l. 18]"),
    "ru": ("[{n}, с. 12]", "[{n}, т. 2, с. 12]", "[{n}, л. 18]"),
    "tr": ("[{n}, s. 12]", "[{n}, c. 2, s. 12]", "[{n}, vr. 18]"),
}
# the same citations as citeproc-py gets them: (key, locator, label)
LOCATORS = (("adilov2010", "12", "page"), ("shaw1977", "2, {page} 12", "volume"), ("fomin", "18", "folio"))
PAGE = {"az": "s.", "en": "p.", "ru": "с.", "tr": "s."}

_NUMBER = re.compile(r"^(\d+)\. ")
_MARKER = re.compile(r" ⟨[^⟩]*⟩$")


def _two_letter_initials(text: str, item: dict) -> str:
    """The text with each initial of two letters or more ("Ад.") cut to its first letter."""
    for variable in ("author", "editor", "translator", "compiler"):
        for name in item.get(variable, []):
            given, family = name.get("given", ""), name.get("family", "")
            if re.fullmatch(r"\w{2,}\.", given):
                text = text.replace(f"{given} {family}", f"{given[0]}. {family}")
                text = text.replace(f"{family} {given}", f"{family} {given[0]}.")
    return text


# What citeproc-py prints differently from pandoc here, each with the change that turns
# the expected (pandoc's) text into citeproc-py's; README.md lists them with the others.
CITEPROC_PY_DIFFERENCES = {
    "two-letter-initials": (
        "citeproc-py makes every initial from the first letter of a given name, so a two-letter "
        "initial written in the data ('Ад.', kept by GOST) prints as 'А.'; pandoc keeps initials "
        "present in the name, as CSL has it",
        _two_letter_initials),
}


@pytest.fixture(scope="module")
def project():
    return load_project(FIXTURE)


@pytest.fixture(scope="module")
def csl():
    return resolve_style(FIXTURE, "numeric-alphabetical")


@pytest.fixture(scope="module")
def build(project, csl):
    """An edition's references as the build prints them: {key: text}, {key: number}, citations."""
    done = {}

    def edition(language: str):
        if language not in done:
            entries, cites = with_pandoc(project, language, csl)
            texts = {key: _NUMBER.sub("", text) for key, text in entries}
            numbers = {key: int(_NUMBER.match(text)[1]) for key, text in entries}
            done[language] = texts, numbers, cites
        return done[language]
    return edition


@pytest.fixture(scope="module")
def refs(project, csl):
    """An edition's references as `toolkit refs` prints them: {key: text}, with the CSL items."""
    done = {}

    def edition(language: str):
        if language not in done:
            keys = cited_keys(project, language)
            items = csl_items(project.bibliography, language, keys)
            ordered, _ = citeproc.render(items, style_for(csl, language), language, [[(k, {})] for k in keys])
            lines = format_references(Session(project, "numeric-alphabetical"), language)  # what the command prints, in order
            texts = {key: _MARKER.sub("", _NUMBER.sub("", line)) for (key, _), line in zip(ordered, lines)}
            done[language] = texts, {item["id"]: item for item in items}
        return done[language]
    return edition


CASES = [(key, language) for key in EXPECTED for language in LANGUAGES]


@pytest.mark.parametrize("key, language", CASES)
def test_the_build_prints_each_type_as_the_style_sheet(build, key, language):
    texts, _, _ = build(language)
    assert texts[key] == EXPECTED[key][language]


def _difference(text: str, expected: str, item: dict) -> str | None:
    """The named difference that turns `expected` into citeproc-py's `text`, if one does."""
    return next((name for name, (_, change) in CITEPROC_PY_DIFFERENCES.items()
                 if change(expected, item) == text), None)


@pytest.mark.parametrize("key, language", CASES)
def test_refs_prints_each_type_as_the_style_sheet(refs, key, language):
    texts, items = refs(language)
    expected = EXPECTED[key][language]
    assert texts[key] == expected or _difference(texts[key], expected, items[key])


def test_every_named_difference_occurs_and_is_in_the_readme(refs):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in CITEPROC_PY_DIFFERENCES:
        assert f"`{name}`" in readme, name
    seen = set()
    for key, language in CASES:
        texts, items = refs(language)
        if texts[key] != EXPECTED[key][language]:
            seen.add(_difference(texts[key], EXPECTED[key][language], items[key]))
    assert seen == set(CITEPROC_PY_DIFFERENCES)


# section 2.8: the examples' order in the az, en and tr editions (dvp1963 among the
# Cyrillic ones); the ru edition puts the Cyrillic entries first
LATIN = ["adilov2010", "vaswani2017", "arda", "bayramov2012", "birillik2009", "he2016", "gamma1995",
         "hobsbawm1983", "inalcik2003", "r2023", "shaw1977", "slezkine1994", "zurcher2004"]
CYRILLIC = ["akty1866", "dvp1963", "lenin1923", "fomin"]
ORDER = {"az": LATIN + CYRILLIC, "en": LATIN + CYRILLIC, "tr": LATIN + CYRILLIC, "ru": CYRILLIC + LATIN}


@pytest.mark.parametrize("language", ["az", "en", "tr", "ru"])
def test_the_list_is_in_the_editions_alphabet_heading_or_title_first(build, refs, language):
    _, numbers, _ = build(language)
    texts, _ = refs(language)
    assert sorted(numbers, key=numbers.get) == ORDER[language]
    assert list(texts) == ORDER[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_citations_are_numbers_with_the_editions_locator_terms(build, language):
    _, numbers, cites = build(language)
    plain = [f"[{numbers[key]}]" for key in EXPECTED]
    located = [form.format(n=numbers[key]) for form, (key, _, _) in zip(LOCATED[language], LOCATORS)]
    several = sorted(numbers[key] for key in ("gamma1995", "he2016", "vaswani2017"))
    run = several == list(range(several[0], several[0] + 3))
    grouped = f"[{several[0]}–{several[-1]}]" if run else "[" + "; ".join(map(str, several)) + "]"
    assert cites == plain + located + [grouped, f"[1–{len(EXPECTED)}]"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_refs_cites_with_the_same_locator_terms(csl, refs, language):
    texts, items = refs(language)
    numbers = {key: n for n, key in enumerate(texts, 1)}
    located = [[(key, {"locator": locator.format(page=PAGE[language]), "label": label})]
               for key, locator, label in LOCATORS]
    _, cites = citeproc.render(list(items.values()), style_for(csl, language), language,
                               [[(key, {})] for key in texts] + located)
    assert cites[len(texts):] == [form.format(n=numbers[key]) for form, (key, _, _) in
                                  zip(LOCATED[language], LOCATORS)]


# --- the rules for what the data lacks (section 2.7) and for identifiers (2.6) ---

def _variant(project, key: str, drop=(), **fields) -> str:
    """The entry `key` of the fixture as BibTeX, without the fields `drop`, with `fields` changed."""
    entry = project.bibliography.by_key()[key]
    values = {name: f.value for name, f in entry.fields.items() if name not in drop}
    values.update(fields)
    return f"@{entry.type}{{{key},\n" + "".join(f"  {n} = {{{v}}},\n" for n, v in values.items()) + "}\n"


def _both(csl, bibtex: str, language: str) -> tuple[str, str]:
    """The one entry of `bibtex` as pandoc's citeproc and citeproc-py print it."""
    items = csl_items(parse_bibliography(bibtex, Path("bibliography/references.bib")), language)
    style = style_for(csl, language)
    with scratch() as folder:
        (folder / "style.csl").write_bytes(style)
        (folder / "references.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        out = pandoc.run(["--from=markdown", "--to=plain", "--wrap=none", "--citeproc",
                          f"--csl={folder / 'style.csl'}", f"--bibliography={folder / 'references.json'}"],
                         stdin=f"---\nlang: {language}\nnocite: '@*'\n---\n").output.decode("utf-8")
    entries, _ = citeproc.render(items, style, language, [[(items[0]["id"], {})]])
    return _NUMBER.sub("", " ".join(out.split())), _NUMBER.sub("", entries[0][1])


PLACEHOLDERS = {  # no place and no publisher; no date
    "az": ("[S. l.: s. n.], 2010", "Bakı: Elm, [s. a.]"),
    "en": ("[S. l.: s. n.], 2010", "Bakı: Elm, [n. d.]"),
    "ru": ("[Б. м.: б. и.], 2010", "Bakı: Elm, [б. г.]"),
    "tr": ("[B.y.: y.y.], 2010", "Bakı: Elm, [ts.]"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_place_and_publisher_both_placeholders_share_one_bracket(project, csl, language):
    bibtex = _variant(project, "adilov2010", drop=("location", "publisher"))
    expected = EXPECTED["adilov2010"][language].replace("Bakı: Elm, 2010", PLACEHOLDERS[language][0])
    assert _both(csl, bibtex, language) == (expected, expected)


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_a_year_the_no_date_placeholder_takes_its_place(project, csl, language):
    bibtex = _variant(project, "adilov2010", drop=("date",))
    expected = EXPECTED["adilov2010"][language].replace("Bakı: Elm, 2010", PLACEHOLDERS[language][1])
    assert _both(csl, bibtex, language) == (expected, expected)


def test_a_doi_is_printed_bare_and_the_url_beside_it_is_not(project, csl):
    bibtex = _variant(project, "slezkine1994", doi="https://doi.org/10.2307/2501300")
    assert _both(csl, bibtex, "en") == (EXPECTED["slezkine1994"]["en"],) * 2


def test_without_a_doi_an_article_ends_with_its_pages_and_a_full_stop(project, csl):
    bibtex = _variant(project, "he2016", drop=("doi",))
    expected = EXPECTED["he2016"]["ru"].removesuffix(" DOI: 10.1109/CVPR.2016.90")
    assert _both(csl, bibtex, "ru") == (expected, expected)


def test_a_title_that_ends_with_a_full_stop_gets_no_second_one(project, csl):
    bibtex = _variant(project, "adilov2010", title="Azərbaycan paleoqrafiyası.")
    assert _both(csl, bibtex, "az") == (EXPECTED["adilov2010"]["az"],) * 2


def test_a_location_the_style_cannot_read_is_printed_as_written(project, csl):
    bibtex = _variant(project, "fomin", archive_location="BOA. HR.SYS. 1234/5")
    expected = "Фомин А. Г. [Материалы по истории русской библиографии] // РО ИРЛИ. BOA. HR.SYS. 1234/5. 214 v."
    assert _both(csl, bibtex, "az") == (expected, expected)
