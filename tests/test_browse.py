"""Browsing at scale: archive, year calendars, month pages, topics, tags, /day/N/, gap dates.

End to end through the real MkDocs build; assertions on the HTML a reader gets.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Page, expect

from conftest import BuiltSite, build, make_project, serve_folder


def soup(site: BuiltSite, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(url), "html.parser")


def one(page: BeautifulSoup, selector: str) -> Tag:
    found = page.select_one(selector)
    assert found is not None, f"no {selector}"
    return found


def texts(page: BeautifulSoup | Tag, selector: str) -> list[str]:
    return [" ".join(e.get_text(" ", strip=True).split()) for e in page.select(selector)]


# -- the example site ----------------------------------------------------------------------


def test_header_tabs_are_latest_archive_topics_tags_names_about(example_site: BuiltSite) -> None:
    tabs = ["Latest", "Archive", "Topics", "Tags", "Names", "For editors", "About"]
    for url in ("", "2025/11/26/", "archive/", "tags/witkoff/"):
        assert texts(soup(example_site, url), ".md-tabs__link") == tabs


def test_archive_lists_every_year_and_the_latest_month(example_site: BuiltSite) -> None:
    page = soup(example_site, "archive/")
    assert texts(page, "h1") == ["Archive"]
    year = one(page, ".dl-years__item")
    assert year["data-year"] == "2025"
    assert one(year, "a.dl-years__year")["href"] == "../2025/"
    assert one(year, ".dl-years__count").get_text() == "18 days"
    assert [a["href"] for a in year.select(".dl-years__months a")] == ["../2025/11/"]
    latest = one(page, ".dl-latest-month")
    assert texts(latest, "h2") == ["November 2025"]
    days = [e["data-day"] for e in latest.select(".dl-entry")]
    assert days[:3] == ["1372", "1371", "1370"] and len(days) == 18  # newest first, all of the month


def test_year_page_is_a_calendar_of_twelve_months(example_site: BuiltSite) -> None:
    page = soup(example_site, "2025/")
    assert texts(page, "h1") == ["2025"]
    months = page.select(".dl-year table.dl-cal")
    assert texts(page, ".dl-year caption") == [f"{m} 2025" for m in _MONTHS]
    assert len(months) == 12
    november = months[10]
    assert [th["abbr"] for th in november.select("thead th")][:2] == ["Monday", "Tuesday"]
    # 1 November 2025 was a Saturday: the first week starts with five empty cells.
    first_week = november.select("tbody tr")[0].find_all("td")
    assert len(first_week) == 7 and [td.get_text(strip=True) for td in first_week] == ["", "", "", "", "", "1", "2"]
    link = one(november, 'a[href="11/26/"]')
    assert link.get_text() == "26"
    assert (
        link["aria-label"]
        == link["title"]
        == ("Day 1,371, Wednesday, 26 November 2025: Fighting grinds on as the Kremlin cools on the revised plan")
    )
    # No file, no link: 3 November is visibly there, but empty.
    empty = [td for td in november.select("td.dl-cal__none") if td.get_text(strip=True) == "3"]
    assert empty and empty[0].find("a") is None
    assert len(november.select("td.dl-cal__day a")) == 18
    latest = november.select("td.dl-cal__day--latest a")
    assert [a["href"] for a in latest] == ["11/27/"]
    assert not months[0].select("a")  # January: no day, no link
    assert page.select_one(".dl-prevnext") is None  # no other year


def test_month_page_lists_its_days_newest_first_with_links_to_their_tabs(example_site: BuiltSite) -> None:
    page = soup(example_site, "2025/11/")
    assert texts(page, "h1") == ["November 2025"]
    assert texts(page, ".dl-crumbs a") == ["Archive", "2025"]
    entries = page.select(".dl-entry")
    assert [e["data-day"] for e in entries][:2] == ["1372", "1371"]
    day = next(e for e in entries if e["data-day"] == "1371")
    assert texts(day, ".dl-entry__head") == ["Day 1,371 Wednesday, 26 November 2025"]
    assert one(day, ".dl-entry__head a")["href"] == "26/"
    assert texts(day, ".dl-entry__title") == ["Fighting grinds on as the Kremlin cools on the revised plan"]
    assert texts(day, ".dl-entry__summary")[0].startswith("Russia presses at Huliaipole, Siversk and Pokrovsk")
    assert [(a.get_text(), a["href"]) for a in day.select(".dl-entry__sections a")] == [
        ("Fighting", "26/#fighting"),
        ("Peace plan", "26/#peace-plan"),
    ]


def test_topics_list_every_configured_section_and_a_topic_shows_its_text(example_site: BuiltSite) -> None:
    page = soup(example_site, "topics/")
    items = {li["data-topic"]: li for li in page.select(".dl-topics__item")}
    assert list(items) == [
        "fighting", "peace-plan", "politics", "ukraine", "russia", "economy", "humanitarian", "aid"
    ]  # fmt: skip
    assert one(items["fighting"], "a")["href"] == "fighting/"
    fighting = soup(example_site, "topics/fighting/")
    assert texts(fighting, "h1") == ["Fighting"]
    entries = fighting.select(".dl-entry")
    count = int(texts(items["fighting"], ".dl-topics__count")[0].split()[0])
    assert len(entries) == count <= 20
    first = next(e for e in entries if e["data-day"] == "1371")
    assert one(first, ".dl-entry__head a")["href"] == "../../2025/11/26/#fighting"
    text = one(first, ".dl-entry__text").get_text()
    assert "Zaporizhzhia front" in text and "Yuri Ushakov" not in text  # the Fighting section only
    # The editor's link to another day works from the listing page too.
    assert one(first, '.dl-entry__text a[href="../../2025/11/20/"]').get_text() == "captured town"


def test_tags_page_is_alphabetical_with_counts_and_a_jump_bar(example_site: BuiltSite) -> None:
    page = soup(example_site, "tags/")
    tags = [a.get_text() for a in page.select(".dl-tags__list a")]
    assert tags == sorted(tags) and "#witkoff" in tags and len(tags) > 20
    jump = [a["href"] for a in page.select(".dl-jump a")]
    assert jump and all(page.select_one(h) is not None for h in jump)
    assert texts(page, ".dl-tags h2")[0] == "A"
    witkoff = soup(example_site, "tags/witkoff/")
    assert texts(witkoff, "h1") == ["#witkoff"]
    days = [int(e["data-day"]) for e in witkoff.select(".dl-entry")]
    assert days == sorted(days, reverse=True) and 1371 in days


def test_day_page_links_tags_breadcrumbs_and_its_month(example_site: BuiltSite) -> None:
    page = soup(example_site, "2025/11/26/")
    assert texts(page, ".dl-crumbs a") == ["Archive", "2025", "November 2025"]
    assert [a["href"] for a in page.select(".dl-crumbs a")] == ["../../../archive/", "../../", "../"]
    tags = {a.get_text(): a["href"] for a in page.select(".dl-day__tags a")}
    assert tags["#witkoff"] == "../../../tags/witkoff/"
    assert all(a["href"].startswith("../../../tags/") for a in page.select(".dl-threads li > span:first-child a"))
    calendar = one(page, ".md-sidebar--primary .dl-sidecal table.dl-cal")
    assert texts(calendar, "caption") == ["November 2025"]
    current = calendar.select('a[aria-current="page"]')
    assert [a.get_text() for a in current] == ["26"]
    assert page.select_one('label[for="__toc"]') is None


def test_day_number_page_sends_the_reader_to_the_date(example_site: BuiltSite) -> None:
    page = soup(example_site, "day/1371/")
    assert one(page, 'link[rel="canonical"]')["href"] == "https://dateline.example.org/2025/11/26/"
    assert one(page, 'meta[http-equiv="refresh"]')["content"] == "0; url=../../2025/11/26/"
    assert one(page, "a")["href"] == "../../2025/11/26/"
    assert one(page, 'meta[name="robots"]')["content"] == "noindex"
    # A date without a summary has a number too: /day/1348/ is 3 November.
    assert one(soup(example_site, "day/1348/"), "a")["href"] == "../../2025/11/03/"


def test_a_date_without_a_file_shows_its_neighbours(example_site: BuiltSite) -> None:
    page = soup(example_site, "2025/11/03/")
    assert texts(page, "h1") == ["No summary for Monday, 3 November 2025 (day 1,348)"]
    assert one(page, 'meta[name="robots"]')["content"] == "noindex"
    links = page.select(".dl-prevnext a")
    assert [(a["href"], a["data-day"]) for a in links] == [("../02/", "1347"), ("../04/", "1349")]
    sitemap = (example_site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/2025/11/03/" not in sitemap and "/day/" not in sitemap
    assert "/2025/11/26/" in sitemap and "/archive/" in sitemap and "/tags/witkoff/" in sitemap


def test_home_page_ends_with_this_month_and_the_archive(example_site: BuiltSite) -> None:
    page = soup(example_site, "")
    more = {a.get_text(): a["href"] for a in page.select(".dl-home__more a")}
    assert more == {"All of November 2025": "2025/11/", "The archive: every year and month": "archive/"}


def test_404_offers_the_latest_day_and_the_archive(example_site: BuiltSite) -> None:
    page = BeautifulSoup((example_site.site / "404.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select(".dl-notfound a")}
    assert links["The latest day: Day 1,372, Thursday, 27 November 2025"] == "/2025/11/27/"
    assert links["The archive: every year, month and day"] == "/archive/"


# -- fixture sites: pagination, years, pins, hand-written pages ------------------------------------


def _days(first: dt.date, count: int, step: int = 1) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for i in range(count):
        date = first + dt.timedelta(days=i * step)
        files[f"{date:%Y/%m}/{date}.md"] = (
            f"---\ntitle: 'Day {i}: shelling near Kupiansk'\ntags: [kupiansk{', witkoff' if i % 2 else ''}]\n---\n\n"
            f"Lede {i}. Second sentence.\n\n## Fighting\n\nRussian forces pressed near Zaporizhzhia ({i}).\n\n"
            "## Trump’s plan\n\nTalks in Türkiye cost €1 bn.\n"
        )
    return files


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """45 days from 20 December 2024: two years, three months, topics and tags over pages."""
    root = make_project(tmp_path_factory.mktemp("long"), _days(dt.date(2024, 12, 20), 45))
    site = build(root, "--strict")
    assert site.returncode == 0, site.log
    return site


def test_topic_pages_hold_twenty_entries_with_page_links(long_site: BuiltSite) -> None:
    first = soup(long_site, "topics/fighting/")
    second = soup(long_site, "topics/fighting/page/2/")
    third = soup(long_site, "topics/fighting/page/3/")
    assert [len(p.select(".dl-entry")) for p in (first, second, third)] == [20, 20, 5]
    assert not (long_site.site / "topics/fighting/page/4").exists()
    assert one(second, "h1").get_text() == "Fighting, page 2 of 3"
    # Newest first, and each page continues where the one before stopped.
    numbers = [int(e["data-day"]) for p in (first, second, third) for e in p.select(".dl-entry")]
    assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) == 45
    assert one(second, 'link[rel="prev"]')["href"] == "../../"
    assert one(second, 'link[rel="next"]')["href"] == "../3/"
    assert one(second, 'a[rel="prev"]')["href"] == "../../"
    assert one(second, 'a[aria-current="page"]').get_text() == "2"
    assert first.select_one('link[rel="prev"]') is None and one(first, 'a[rel="next"]')["href"] == "page/2/"
    # "Trump’s plan" is the Peace plan topic.
    assert len(soup(long_site, "topics/peace-plan/").select(".dl-entry")) == 20
    assert "1 day" not in soup(long_site, "topics/").get_text()


def test_tag_pages_paginate_like_topics(long_site: BuiltSite) -> None:
    assert len(soup(long_site, "tags/kupiansk/page/3/").select(".dl-entry")) == 5
    assert len(soup(long_site, "tags/witkoff/page/2/").select(".dl-entry")) == 2  # 22 of 45 days


def test_years_link_to_each_other_and_months_to_theirs(long_site: BuiltSite) -> None:
    y2024, y2025 = soup(long_site, "2024/"), soup(long_site, "2025/")
    assert [a["href"] for a in y2024.select(".dl-prevnext a")] == ["../2025/"]
    assert [a["href"] for a in y2025.select(".dl-prevnext a")] == ["../2024/"]
    january = soup(long_site, "2025/01/")
    assert sorted(a["href"] for a in january.select(".dl-prevnext a")) == ["../../2024/12/", "../02/"]
    archive = soup(long_site, "archive/")
    assert [li["data-year"] for li in archive.select(".dl-years__item")] == ["2025", "2024"]
    assert texts(archive, ".dl-years__count") == ["33 days", "12 days"]
    # A summary, else the lede's first sentence.
    assert texts(january, ".dl-entry__summary")[0] == "Lede 42."


def test_pinned_day_numbers_win_their_day_page(tmp_path: Path) -> None:
    days = _days(dt.date(2025, 11, 25), 2)
    # 26 November is day 1,371 by the rule; the 25th pins that number (an archive's irregular count).
    days["2025/11/2025-11-25.md"] = str(days["2025/11/2025-11-25.md"]).replace("---\n\n", "day: 1371\n---\n\n", 1)
    site = build(make_project(tmp_path, days))
    assert site.returncode == 0, site.log
    assert one(soup(site, "day/1371/"), "a")["href"] == "../../2025/11/25/"


def test_a_hand_written_page_wins_over_a_generated_listing(tmp_path: Path) -> None:
    root = make_project(tmp_path, _days(dt.date(2025, 11, 25), 2), docs={"tags.md": "# Our tags\n\nBy hand.\n"})
    site = build(root)
    assert site.returncode == 0, site.log
    assert "By hand." in site.html("tags/")
    assert soup(site, "tags/kupiansk/").select(".dl-entry")  # the other tag pages are still there


def test_a_site_with_no_day_still_has_its_listings(tmp_path: Path) -> None:
    site = build(make_project(tmp_path, {}))
    assert site.returncode == 0, site.log
    assert "No day has been published yet." in site.html("archive/")
    assert "No day has been published yet." in site.html("")
    assert soup(site, "topics/").select(".dl-topics__item a") == []


_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def test_listing_entries_escape_editor_text(tmp_path: Path) -> None:
    days = {
        "2025/11/2025-11-26.md": (
            "---\ntitle: '<b>Bold</b> & “quoted”'\nsummary: 'Kyiv <script>alert(1)</script>'\ntags: [kyiv]\n---\n\n"
            "## <Live> *updates*\n\nText.\n"
        )
    }
    site = build(make_project(tmp_path, days))
    for url in ("2025/11/", "tags/kyiv/", "archive/"):
        html = site.html(url)
        assert "<script>alert" not in html and "<b>Bold" not in html, url
        assert re.search(r"&lt;b&gt;Bold&lt;/b&gt; &amp;(amp;)? “quoted”", html), url


# -- in a real browser ---------------------------------------------------------------------


@pytest.mark.browser
def test_any_day_is_two_clicks_from_the_archive(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.locator(".md-tabs__link", has_text="Archive").click()
    expect(page.locator("h1")).to_have_text("Archive")
    page.locator("a.dl-years__year", has_text="2025").click()  # one
    expect(page.locator("h1")).to_have_text("2025")
    page.get_by_role("link", name=re.compile(r"^Day 1,358, Thursday, 13 November 2025")).click()  # two
    expect(page.locator("article.dl-day")).to_have_attribute("data-day", "1358")
    assert page.url == site_url + "2025/11/13/"


@pytest.mark.browser
def test_the_year_calendar_works_by_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url + "2025/")
    first = page.locator(".dl-year td.dl-cal__day a").first
    first.focus()
    expect(first).to_be_focused()
    expect(first).to_have_attribute("href", "11/01/")
    page.keyboard.press("Tab")  # the next day with a summary: 2 November
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused.startswith("Day 1,347, Sunday, 2 November 2025"), focused
    outline = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    idle = page.evaluate("getComputedStyle(document.querySelector('.dl-year td.dl-cal__day a')).backgroundColor")
    assert outline != idle  # the focused day looks focused
    page.keyboard.press("Enter")
    expect(page.locator("article.dl-day")).to_have_attribute("data-day", "1347")


@pytest.mark.browser
def test_day_number_url_lands_on_its_date(page: Page, site_url: str) -> None:
    page.goto(site_url + "day/1371/")
    page.wait_for_url(site_url + "2025/11/26/")
    expect(page.locator("article.dl-day")).to_have_attribute("data-day", "1371")


@pytest.mark.browser
def test_a_gap_date_leads_to_its_neighbours(page: Page, site_url: str) -> None:
    page.goto(site_url + "2025/11/15/")
    expect(page.locator("h1")).to_have_text("No summary for Saturday, 15 November 2025 (day 1,360)")
    page.locator(".dl-prevnext a", has_text="Day after").click()
    expect(page.locator("article.dl-day")).to_have_attribute("data-day", "1362")


@pytest.mark.browser
def test_a_topics_second_page(page: Page, long_site: BuiltSite) -> None:
    with serve_folder(long_site.site) as url:
        page.goto(url + "topics/fighting/")
        page.locator(".dl-pages a", has_text="Older").click()
        expect(page.locator("h1")).to_have_text("Fighting, page 2 of 3")
        assert page.url == url + "topics/fighting/page/2/"
        page.locator(".dl-entry__head a").first.click()
        expect(page.locator("input#fighting")).to_be_checked()


def test_a_silence_of_more_than_a_year_gets_no_page_per_date(tmp_path: Path) -> None:
    days = {**_days(dt.date(2025, 11, 25), 2), **_days(dt.date(2999, 12, 31), 1)}
    site = build(make_project(tmp_path, days))
    assert site.returncode == 0, site.log
    assert (site.site / "2999/12/31/index.html").is_file()
    assert not (site.site / "2025/11/27").exists() and not (site.site / "2026").exists()
