"""The site's language: catalogues, babel's dates and numbers, ordinals, plurals, and a Ukrainian
site built end to end."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import string
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from conftest import BuiltSite, build, make_project
from dateline.counting import date_in_words, day_label, day_words, format_number, month_in_words, ordinal, short_date
from dateline.language import (
    ORDINAL_CATEGORIES,
    TEMPLATE,
    Language,
    available,
    catalogue_path,
    language,
    template_messages,
)
from dateline.model import Settings
from dateline.pages import search_dialog
from dateline.settings import SettingsError, read_settings

WEDNESDAY = dt.date(2025, 11, 26)


@pytest.fixture(scope="module", params=["en", "uk", "de", "fr"])
def lang(request: pytest.FixtureRequest) -> Language:
    return language(request.param)


# -- dates, numbers, ordinals, plurals --------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "full", "month", "short"),
    [
        ("en", "Wednesday, 26 November 2025", "November 2025", "26 November"),
        ("uk", "середа, 26 листопада 2025 р.", "листопад 2025", "26 листопада"),
        ("de", "Mittwoch, 26. November 2025", "November 2025", "26. November"),
        ("fr", "mercredi 26 novembre 2025", "novembre 2025", "26 novembre"),
    ],
)
def test_dates_in_each_language(code: str, full: str, month: str, short: str) -> None:
    words = language(code)
    assert date_in_words(WEDNESDAY, words) == full
    assert month_in_words(2025, 11, words) == month  # a heading: the standalone month ("листопад")
    assert short_date(WEDNESDAY, words) == short


def test_english_is_the_default_and_unchanged() -> None:
    assert date_in_words(WEDNESDAY) == "Wednesday, 26 November 2025"
    assert format_number(1371) == "1,371"
    assert day_label(1368, dt.date(2025, 11, 23)) == "Day 1,368 (23 November)"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "1,311th", "1,371st", "1,372nd"]),
        ("uk", ["1-й", "2-й", "3-й", "4-й", "11-й", "12-й", "13-й", "21-й", "1311-й", "1371-й", "1372-й"]),
        ("de", ["1.", "2.", "3.", "4.", "11.", "12.", "13.", "21.", "1311.", "1371.", "1372."]),
        ("fr", ["1er", "2e", "3e", "4e", "11e", "12e", "13e", "21e", "1311e", "1371e", "1372e"]),
    ],
)
def test_ordinals_by_cldr_category(code: str, expected: list[str]) -> None:
    numbers = [1, 2, 3, 4, 11, 12, 13, 21, 1311, 1371, 1372]
    assert [ordinal(n, language(code)) for n in numbers] == expected


def test_day_header_uses_the_digits_the_language_writes() -> None:
    assert day_words(1371, language("en")) == "Day 1,371"
    assert day_words(1371, language("uk")) == "День 1371"
    assert language("uk").number(1371) == "1\xa0371"  # {number}: babel's grouping, where a message wants it


@pytest.mark.parametrize(
    ("n", "word"),
    [(1, "день"), (2, "дні"), (4, "дні"), (5, "днів"), (11, "днів"), (12, "днів"), (21, "день"), (22, "дні"),
     (25, "днів"), (111, "днів"), (1371, "день"), (1372, "дні"), (1375, "днів")],
)  # fmt: skip
def test_ukrainian_has_three_plural_forms(n: int, word: str) -> None:
    assert language("uk").ngettext("{number} day", "{number} days", n) == f"{n} {word}"


def test_the_search_script_gets_a_form_per_cldr_category() -> None:
    forms = language("uk").plural_forms("{number} day found.", "{number} days found.")
    assert forms["one"] == "Знайдено {digits} день."
    assert forms["few"] == "Знайдено {digits} дні."
    assert forms["many"] == "Знайдено {digits} днів."
    assert language("en").plural_forms("{number} day found.", "{number} days found.") == {
        "one": "{number} day found.",
        "other": "{number} days found.",
    }


def test_a_ukrainian_site_by_default_says_its_lede_in_ukrainian() -> None:
    settings = read_settings({"language": "uk"}, Path("."))
    assert settings.language == "uk"
    story = settings.story
    assert settings.lede.format(ordinal=ordinal(1371, language("uk")), story=story) == (
        "1371-й день повномасштабної війни Росії проти України: головні події."
    )


def test_the_default_messages_are_the_settings_defaults() -> None:
    english = read_settings({}, Path("."))
    assert (english.story, english.lede) == (Settings.story, Settings.lede)


# -- settings -----------------------------------------------------------------------------


def test_language_comes_from_the_setting_then_the_theme_then_english() -> None:
    assert read_settings({"language": "de"}, Path("."), "fr").language == "de"
    assert read_settings({}, Path("."), "fr").language == "fr"
    assert read_settings({}, Path(".")).language == "en"


@pytest.mark.parametrize(
    ("extra", "theme", "where"),
    [({"language": "xx"}, None, "extra.dateline.language"), ({}, "ja", "theme.language"), ({"language": 7}, None, "")],
)
def test_a_language_without_a_catalogue_is_a_settings_error(
    extra: dict[str, object], theme: str | None, where: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        read_settings(extra, Path("."), theme)
    [problem] = raised.value.problems
    assert problem.startswith(where or "extra.dateline.language")
    assert "available: de, en, fr, uk" in problem


# -- the catalogues -----------------------------------------------------------------------


def _catalogue(path: Path) -> dict[tuple[str | None, str], object]:
    with path.open("rb") as po:
        catalog = read_po(po)
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m.string for m in catalog if m.id}


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_the_template_holds_every_message_the_code_and_templates_use() -> None:
    """`python -m dateline.language` writes locale/dateline.pot anew after a message changes."""
    used = set(template_messages())
    assert len(used) > 100
    template = set(_catalogue(TEMPLATE))
    assert template == used, (
        f"new: {sorted(map(str, used - template))}, gone: {sorted(map(str, template - used))};"
        " write the template again with `python -m dateline.language`"
    )


@pytest.mark.parametrize("code", ["en", "uk", "de", "fr"])
def test_each_catalogue_translates_every_message(code: str) -> None:
    assert set(available()) >= {"en", "uk", "de", "fr"}
    catalogue = _catalogue(catalogue_path(code))
    missing = [key for key in template_messages() if not catalogue.get(key)]
    assert missing == [], f"translate these in {catalogue_path(code)} (docs/maintainers.md, Languages)"
    empty_forms = [k for k, v in catalogue.items() if isinstance(v, tuple) and not all(v)]
    assert empty_forms == []
    assert ("ordinal", "other") in catalogue and set(ORDINAL_CATEGORIES) <= {m for c, m in catalogue if c == "ordinal"}


@pytest.mark.parametrize("code", ["en", "uk", "de", "fr"])
def test_a_translation_uses_only_the_fields_its_message_has(code: str) -> None:
    """A translation may write {digits} where the message has {number} (and back), nothing else:
    an unknown field would stop the build."""
    for (context, msgid), string_ in _catalogue(catalogue_path(code)).items():
        if context == "date":
            continue
        allowed = _fields(msgid) if context != "ordinal" else set()
        # A number fills {number} and {digits} alike: in an ordinal, a plural, or where the message has one.
        if allowed & {"number", "digits"} or context == "ordinal" or isinstance(string_, tuple):
            allowed |= {"number", "digits"}
        for form in string_ if isinstance(string_, tuple) else (string_,):
            assert isinstance(form, str)
            assert _fields(form) <= allowed, (code, msgid, form)


def test_ukrainian_words_readers_see() -> None:
    uk = language("uk")
    assert [uk.gettext(m) for m in ("← Previous day", "Next day →", "Related days", "One year ago")] == [
        "← Попередній день",
        "Наступний день →",
        "Пов’язані дні",
        "Рік тому",
    ]
    assert "Plural-Forms: nplurals=3;" in catalogue_path("uk").read_text(encoding="utf-8")


# -- a Ukrainian site, built ----------------------------------------------------------------

UK_DAYS = {
    "2025/11/2025-11-24.md": (
        "---\ntitle: Переговори в Женеві\ntags: [женева]\n---\n\n## Війна\n\nБої тривали на сході.\n"
    ),
    "2025/11/2025-11-26.md": (
        "---\ntitle: Удар по Києву\ntags: [женева, київ]\n---\n\n"
        "Головне за добу.\n\n## Війна\n\nРакетний удар по Києву. Див. [[2025-11-24]].\n\n"
        "## Мирний план\n\nПереговори тривають.\n"
    ),
}
UK_SECTIONS = [{"name": "Війна"}, {"name": "Мирний план"}]


@pytest.fixture(scope="module")
def uk_small(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = make_project(
        tmp_path_factory.mktemp("uk-small"),
        UK_DAYS,
        {
            "language": "uk",
            "sections": UK_SECTIONS,
            "default_sections": ["Війна"],
            "story": "війни Росії проти України",
            "lede": "{ordinal} день {story}: головні події.",  # the example's is English
        },
    )
    site = build(root)
    assert site.returncode == 0, site.log
    return site


def _soup(site: BuiltSite, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(url), "html.parser")


def _text(page: BeautifulSoup, selector: str) -> str:
    found = page.select_one(selector)
    assert found is not None, selector
    return " ".join(found.get_text(" ", strip=True).split())


def test_a_ukrainian_day_page(uk_small: BuiltSite) -> None:
    page = _soup(uk_small, "2025/11/26/")
    html = page.select_one("html")
    assert html is not None and html["lang"] == "uk"
    assert _text(page, ".dl-day__count") == "День 1371"
    assert _text(page, ".dl-day__date") == "середа, 26 листопада 2025 р."
    assert "1371-й" in _text(page, ".dl-day__lede")
    assert _text(page, ".dl-day__lede") == "1371-й день війни Росії проти України: головні події."
    assert _text(page, ".dl-prevnext a.dl-prev small") == "← Попередній день"
    assert _text(page, ".dl-day__events") == "Головні події"
    og = page.select_one('meta[property="og:locale"]')
    assert og is not None and og["content"] == "uk"
    # The link to another day reads as that day does, in Ukrainian.
    assert "День 1369 (24 листопада)" in _text(page, ".dl-day__body")


def test_ukrainian_tabs_keep_their_cyrillic_anchors(uk_small: BuiltSite) -> None:
    page = _soup(uk_small, "2025/11/26/")
    ids = [i["id"] for i in page.select(".tabbed-set > input")]
    assert ids == ["війна", "мирний-план"]
    labels = {label["for"]: label.get_text(strip=True) for label in page.select(".tabbed-labels label")}
    assert labels == {"війна": "Війна", "мирний-план": "Мирний план"}
    month = _soup(uk_small, "2025/11/")
    links = [a["href"] for a in month.select(".dl-entry__sections a")]
    assert "../26/#війна" in links or "26/#війна" in links, links


def test_ukrainian_listings_calendar_and_gap(uk_small: BuiltSite) -> None:
    month = _soup(uk_small, "2025/11/")
    assert _text(month, "h1") == "листопад 2025"
    assert _text(month, ".dl-listing__count") == "2 дні з оглядом, від найновіших."
    year = _soup(uk_small, "2025/")
    heads = [th.get_text(strip=True) for th in year.select(".dl-year table")[10].select("thead th")]
    assert heads == ["пн", "вт", "ср", "чт", "пт", "сб", "нд"]
    gap = _soup(uk_small, "2025/11/25/")
    assert _text(gap, "h1") == "Огляду немає: вівторок, 25 листопада 2025 р. (день 1370)"
    redirect = _soup(uk_small, "day/1371/")
    assert _text(redirect, "body p") == "День 1371 — це середа, 26 листопада 2025 р."  # one full stop


def test_ukrainian_feeds_and_search_words(uk_small: BuiltSite) -> None:
    rss = (uk_small.site / "feed.xml").read_text(encoding="utf-8")
    assert "<language>uk</language>" in rss and "<title>День 1371: Удар по Києву</title>" in rss
    assert 'xml:lang="uk"' in (uk_small.site / "atom.xml").read_text(encoding="utf-8")
    assert json.loads((uk_small.site / "feed.json").read_text(encoding="utf-8"))["language"] == "uk"
    words = json.loads((uk_small.site / "search-dialog.json").read_text(encoding="utf-8"))
    assert words["language"] == "uk" and "день" in words["day"] and words["months"][10] == "листопада"
    assert words["labels"]["title"] != "Search the days" and words["labels"]["title"] == "Пошук за днями"


# -- the search dialog's script ---------------------------------------------------------------

SCRIPT = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "javascripts" / "dateline-search.js"


@pytest.mark.skipif(shutil.which("node") is None, reason="no Node.js here")
def test_the_search_script_understands_the_languages_word_for_day(tmp_path: Path) -> None:
    """ "день 1371" is day 1371 on a Ukrainian site, as "day 1,371" is on any; so is a date in its words."""
    (tmp_path / "search.mjs").write_text(SCRIPT.read_text(encoding="utf-8"), encoding="utf-8")
    words = json.loads(search_dialog(language("uk")))
    queries = ["день 1371", "День 1371", "day 1,371", "1371", "26 листопада 2025", "середа, 26 листопада 2025 р."]
    (tmp_path / "run.mjs").write_text(
        "globalThis.document = { querySelector: () => null };\n"
        'const { understand } = await import("./search.mjs");\n'
        f"const words = {json.dumps(words, ensure_ascii=False)};\n"
        f"console.log(JSON.stringify({json.dumps(queries, ensure_ascii=False)}.map((q) => understand(q, words))));\n",
        encoding="utf-8",
    )
    run = subprocess.run(["node", "run.mjs"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    days = [{"query": "1371", "day": 1371}] * 4
    date = [{"query": "20251126", "date": "2025-11-26"}] * 2
    assert json.loads(run.stdout) == days + date
