"""The Ukrainian example (examples/uk), end to end: what a reader of a Ukrainian site gets.

Every word the site writes is Ukrainian ("День 1371", "1371-й", "середа, 26 листопада 2025 р."),
tab anchors and topic URLs are Cyrillic, and the feeds and search say the site is in Ukrainian.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from urllib.parse import unquote

import feedparser  # type: ignore[import-untyped]
import pytest
from bs4 import BeautifulSoup, Tag

from conftest import UK_ROOT, BuiltSite

DAYS = ["19", "20", "21", "23", "24", "25", "26", "27", "28"]  # November 2025; the 22nd is a gap
NUMBERS = [str(1345 + int(d)) for d in DAYS]  # 26 November is day 1371
STORY = "повномасштабної війни Росії проти України"


def soup(site: BuiltSite, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(url), "html.parser")


def text(page: BeautifulSoup, selector: str) -> str:
    found = page.select_one(selector)
    assert found is not None, f"no {selector}"
    return " ".join(found.get_text(" ").split())


def attr(tag: Tag, name: str) -> str:
    value = tag.get(name)
    assert isinstance(value, str), f"{name}={value!r} on {tag}"
    return value


def resolves(site: BuiltSite, page_url: str, href: str) -> bool:
    """Whether a relative link on the page at `page_url` leads to a built page (and its anchor)."""
    path, _, anchor = unquote(href).partition("#")
    target = (site.site / page_url / path).resolve()
    file = target / "index.html" if target.is_dir() else target
    if not file.is_file():
        return False
    return not anchor or f'id="{anchor}"' in file.read_text(encoding="utf-8")


def test_the_uk_example_checks_clean() -> None:
    """`make check` for the Ukrainian site: `python -m dateline check` in its folder."""
    result = subprocess.run(
        [sys.executable, "-m", "dateline", "check"], cwd=UK_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["9 days, 0 errors, 0 warnings"], result.stdout + result.stderr


def test_every_page_is_in_ukrainian(uk_site: BuiltSite) -> None:
    for url in ["", "2025/11/26/", "2025/11/22/", "2025/11/", "2025/", "archive/", "topics/", "about/"]:
        assert re.search(r'<html lang="uk"[ >]', uk_site.html(url)), url
    assert '<html lang="uk"' in (uk_site.site / "404.html").read_text(encoding="utf-8")


def test_day_1371_reads_in_ukrainian(uk_site: BuiltSite) -> None:
    page = soup(uk_site, "2025/11/26/")
    article = page.select_one("article.dl-day")
    assert article is not None and article["data-day"] == "1371" and article["data-date"] == "2025-11-26"
    assert text(page, "h1 .dl-day__count") == "День 1371"
    assert text(page, "h1 .dl-day__title") == "Бої не вщухають, а Кремль холодно сприйняв оновлений план"
    assert text(page, ".dl-day__date time") == "середа, 26 листопада 2025 р."
    assert text(page, ".dl-day__lede") == f"Головне за 1371-й день {STORY}."
    assert page.title is not None and page.title.get_text().startswith("День 1371: Бої не вщухають")


def test_day_tabs_have_cyrillic_anchors(uk_site: BuiltSite) -> None:
    page = soup(uk_site, "2025/11/26/")
    inputs = page.select(".dl-day__body .tabbed-set > input")
    assert [i["id"] for i in inputs] == ["фронт", "мирний-план"]
    labels = page.select(".dl-day__body .tabbed-labels > label")
    assert [(label["for"], label.get_text()) for label in labels] == [
        ("фронт", "Бойові дії"),
        ("мирний-план", "Мирний план"),
    ]
    # The month page deep-links each section: /2025/11/26/#фронт lands on its tab.
    month = soup(uk_site, "2025/11/")
    deep = [attr(a, "href") for a in month.select(".md-content a[href^='26/#']")]
    assert deep == ["26/#фронт", "26/#мирний-план"]
    assert all(resolves(uk_site, "2025/11/", href) for href in deep)


def test_section_names_map_through_their_aliases(uk_site: BuiltSite) -> None:
    def tabs(day: str) -> list[tuple[str, str]]:
        page = soup(uk_site, f"2025/11/{day}/")
        inputs = page.select(".dl-day__body .tabbed-set > input")
        labels = page.select(".dl-day__body .tabbed-labels > label")
        return [(attr(i, "id"), label.get_text()) for i, label in zip(inputs, labels, strict=True)]

    # Written "План Трампа", "Фронт", "Гуманітарна ситуація", "Міжнародна реакція".
    assert tabs("20") == [
        ("мирний-план", "Мирний план"),
        ("фронт", "Бойові дії"),
        ("гуманітарне", "Гуманітарна ситуація"),
        ("політика", "Політика і дипломатія"),
    ]
    # Written "Удари по містах", "Енергетика", "«План Трампа»".
    assert tabs("25") == [
        ("гуманітарне", "Гуманітарна ситуація"),
        ("економіка", "Енергетика та економіка"),
        ("мирний-план", "Мирний план"),
    ]


def test_links_between_days_resolve(uk_site: BuiltSite) -> None:
    page = soup(uk_site, "2025/11/26/")
    links = {a.get_text(): a["href"] for a in page.select(".dl-day__body a")}
    assert links["у Женеві"] == "../23/"  # a Markdown link to 2025-11-23.md
    assert links["ультиматум"] == "../21/"  # [[2025-11-21|ультиматум]]
    assert links["оголосила місто захопленим"] == "../20/"
    for day in DAYS:
        url = f"2025/11/{day}/"
        for href in (attr(a, "href") for a in soup(uk_site, url).select(".md-content a[href]")):
            if not href.startswith(("http:", "https:")):
                assert resolves(uk_site, url, href), f"{url}: {href}"


def test_prev_and_next_skip_the_gap(uk_site: BuiltSite) -> None:
    page = soup(uk_site, "2025/11/26/")
    prev, nxt = page.select_one(".dl-prevnext a.dl-prev"), page.select_one(".dl-prevnext a.dl-next")
    assert prev is not None and nxt is not None
    assert (prev["href"], prev["data-day"], nxt["href"], nxt["data-day"]) == ("../25/", "1370", "../27/", "1372")
    assert "вівторок, 25 листопада 2025 р." in prev.get_text()
    assert "четвер, 27 листопада 2025 р." in nxt.get_text()
    after_gap = soup(uk_site, "2025/11/23/").select_one(".dl-prevnext a.dl-prev")
    assert after_gap is not None and (after_gap["href"], after_gap["data-day"]) == ("../21/", "1366")
    first, last = soup(uk_site, "2025/11/19/"), soup(uk_site, "2025/11/28/")
    assert first.select_one(".dl-prevnext a.dl-prev") is None
    assert last.select_one(".dl-prevnext a.dl-next") is None


def test_the_gap_date_has_its_own_page(uk_site: BuiltSite) -> None:
    page = soup(uk_site, "2025/11/22/")
    gap = page.select_one(".dl-gap")
    assert gap is not None and gap["data-date"] == "2025-11-22"
    assert "субота, 22 листопада 2025 р." in gap.get_text()
    assert "1367" in gap.get_text()
    near = [(a["href"], a["data-day"]) for a in page.select(".dl-prevnext a")]
    assert near == [("../21/", "1366"), ("../23/", "1368")]


def test_a_corrected_day_shows_its_correction(uk_site: BuiltSite) -> None:
    page = soup(uk_site, "2025/11/25/")
    assert "розмову Віткоффа з Ушаковим записали у вересні" in page.get_text()
    assert page.select_one("time[datetime^='2025-11-26T09:30']") is not None


def test_listings_exist_and_lead_to_every_day(uk_site: BuiltSite) -> None:
    for url in ["2025/11/", "archive/", "tags/мирний-план/"]:
        page = soup(uk_site, url)
        days = sorted(e["data-day"] for e in page.select(".md-content article[data-day]"))
        assert days == NUMBERS, url
    year = soup(uk_site, "2025/")
    assert {a["href"] for a in year.select(".md-content a[href^='11/']")} >= {f"11/{d}/" for d in DAYS}
    topics = soup(uk_site, "topics/")
    hrefs = {attr(a, "href") for a in topics.select(".md-content a[href]")}
    assert {"фронт/", "мирний-план/", "україна/", "економіка/"} <= {unquote(h) for h in hrefs}, hrefs
    fighting = soup(uk_site, "topics/фронт/")
    assert text(fighting, "h1") == "Бойові дії"
    assert {a["href"] for a in fighting.select(".md-content a[href$='#фронт']")} >= {"../../2025/11/26/#фронт"}
    redirect = (uk_site.site / "day/1371/index.html").read_text(encoding="utf-8")
    assert 'url=../../2025/11/26/"' in redirect


def test_name_pages_merge_the_inflected_forms(uk_site: BuiltSite) -> None:
    names = soup(uk_site, "names/")
    listed = {a.get_text(strip=True) for a in names.select(".md-content .dl-tags__list a[href]")}
    assert {"Володимир Зеленський", "Дональд Трамп", "Покровськ", "Стів Віткофф", "Андрій Єрмак"} <= listed, listed
    # One page per person or place, whatever the case it is written in.
    assert not {"Зеленського", "Трампа", "Покровську", "Стіва Віткоффа", "Женеві", "Москві"} & listed, listed
    pokrovsk = soup(uk_site, "names/покровськ/")
    assert text(pokrovsk, "h1") == "Покровськ"
    assert len(pokrovsk.select(".md-content article[data-day]")) == 5


def test_no_english_on_the_pages_a_reader_reads(uk_site: BuiltSite) -> None:
    """The labels Dateline writes come from the Ukrainian catalogue: none is left in English."""
    english = re.compile(
        r"\b(Day|Days|Previous|Next|Sources|Tags|Topics|Names|Archive|Related|Latest|Key events|No summary|"
        r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mo|Tu|We|Th|Fr|Sa|Su|November|Follow|Search|ago)\b"
    )
    for url in ["", "2025/11/26/", "2025/11/22/", "2025/11/", "2025/", "archive/", "topics/", "topics/фронт/",
                "tags/", "tags/мирний-план/", "names/", "names/покровськ/", "about/"]:  # fmt: skip
        page = soup(uk_site, url)
        for hidden in page.select("script, style, svg, .md-search, [lang]:not(html)"):
            hidden.decompose()
        main = page.select_one(".md-main")
        assert main is not None
        titles = " ".join(str(e["title"]) for e in main.select("[title]"))
        found = sorted(set(english.findall(main.get_text(" "))) | set(re.findall(r"Permanent link", titles)))
        assert not found, f"{url or 'home'}: English words {found}"


@pytest.mark.parametrize("feed", ["feed.xml", "atom.xml", "topics/фронт/feed.xml"])
def test_feeds_say_they_are_in_ukrainian(uk_site: BuiltSite, feed: str) -> None:
    parsed = feedparser.parse((uk_site.site / feed).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.get("language") == "uk"
    titles = [entry.title for entry in parsed.entries]
    assert titles and all(t.startswith("День ") for t in titles), titles


def test_json_feed_says_it_is_in_ukrainian(uk_site: BuiltSite) -> None:
    feed = json.loads((uk_site.site / "feed.json").read_text(encoding="utf-8"))
    assert feed["language"] == "uk"
    assert len(feed["items"]) == len(DAYS)


def test_search_indexes_the_site_as_ukrainian(uk_site: BuiltSite) -> None:
    entry = json.loads((uk_site.site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["uk"]
