"""Cross-links on the example site, end to end and in a browser: related days, threads,
on this day, mentioned by, and links between days written by the editor."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from conftest import BuiltSite, build, make_project

# A story thread's row (overrides/partials/dateline-related.html): its tags, then its days, the
# day before (or a note that there is none) first and the day after last.
BEFORE = ":scope > span + span > a:first-child"
AFTER = ":scope > span + span > a:last-child"


def soup(site: BuiltSite, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(url), "html.parser")


def test_related_days_of_day_1371_include_geneva_and_witkoff(example_site: BuiltSite) -> None:
    page = soup(example_site, "2025/11/26/")
    items = page.select(".dl-related li")
    assert 1 <= len(items) <= 5 + 3  # up to five computed, after the editor's three picks
    by_day = {i["data-day"]: i for i in items}
    geneva = by_day["1368"]  # 23 November, the Geneva talks
    assert geneva.a["href"] == "../23/"
    assert "Geneva talks" in geneva.select_one("a > span").get_text()
    assert "Witkoff" in " ".join(i.select_one(":scope > span").get_text() for i in items)
    # The editor's related: days come first, in the editor's order, marked as such.
    assert [i["data-day"] for i in items[:3]] == ["1370", "1369", "1368"]
    assert all(i.has_attr("data-explicit") for i in items[:3])
    assert all(i.select_one(":scope > span").get_text().startswith("Picked by the editor") for i in items[:3])
    computed = [i for i in items if not i.has_attr("data-explicit")]
    assert computed and all(i.select_one(":scope > span").get_text().strip() for i in computed)


def test_related_days_never_include_newer_days_by_default(example_site: BuiltSite) -> None:
    for url in ("2025/11/10/", "2025/11/20/", "2025/11/26/"):
        page = soup(example_site, url)
        here = int(page.select_one("article.dl-day")["data-day"])
        computed = [int(i["data-day"]) for i in page.select(".dl-related li:not([data-explicit])")]
        assert all(n < here for n in computed), (url, computed)


def test_every_cross_link_targets_a_built_day(example_site: BuiltSite) -> None:
    checked = 0
    for html in example_site.site.glob("2025/11/*/index.html"):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for a in page.select(".dl-xrefs a"):
            target = (html.parent / a["href"] / "index.html").resolve()
            assert target.exists(), (html, a["href"])
            checked += 1
    assert checked > 50


def test_threads_on_this_day_and_mentioned_by(example_site: BuiltSite) -> None:
    page = soup(example_site, "2025/11/26/")
    thread = page.select_one('.dl-threads li[data-tags~="peace-plan"]')
    assert thread is not None
    assert thread.select_one(BEFORE)["href"] == "../25/"
    assert thread.select_one(AFTER)["href"] == "../27/"
    # Each link names its day by number and date (the related days show headlines).
    assert thread.select_one(BEFORE).get_text(" ", strip=True) == "← Before Day 1,370 25 November 2025"
    # Tags that lead to the same days before and after share one row: no row repeats another's days.
    rows = [(r.select_one(BEFORE), r.select_one(AFTER)) for r in page.select(".dl-threads li")]
    days = [tuple(a["href"] if a else None for a in row) for row in rows]
    assert len(days) == len(set(days)) < len(page.select(".dl-threads li > span:first-child a"))
    # "Mentioned by" links the whole entry.
    assert page.select(".dl-mentions li")
    for li in page.select(".dl-mentions li"):
        assert li.a is not None and li.a.get_text(" ", strip=True) == li.get_text(" ", strip=True)
    # 23 November is linked from later days' text: they are listed as mentioning it.
    geneva = soup(example_site, "2025/11/23/")
    mentions = [li["data-day"] for li in geneva.select(".dl-mentions li")]
    assert "1371" in mentions and mentions == sorted(mentions)


def test_on_this_day_a_year_earlier(tmp_path: Path) -> None:
    day = "---\ntitle: {title}\ntags: [kupiansk]\n---\n\n## Fighting\n\nShelling of Kupiansk.\n"
    root = make_project(
        tmp_path,
        {
            "2024/11/2024-11-26.md": day.format(title="A year before"),
            "2025/11/2025-11-25.md": day.format(title="The day before"),
            "2025/11/2025-11-26.md": day.format(title="Today"),
        },
    )
    site = build(root, "--strict")
    assert site.returncode == 0, site.log
    items = soup(site, "2025/11/26/").select(".dl-onthisday li")
    assert [li.get_text(" ", strip=True) for li in items] == [
        "One year ago: Day 1,006 Tuesday, 26 November 2024 A year before"
    ]


@pytest.mark.browser
def test_reader_follows_a_related_link_and_a_thread(page: Page, site_url: str) -> None:
    page.goto(site_url + "2025/11/26/")
    page.locator('.dl-related li[data-day="1368"] a').click()
    expect(page.locator("h1 .dl-day__count")).to_have_text("Day 1,368")
    assert page.url.endswith("/2025/11/23/")
    page.locator('.dl-threads li[data-tags~="geneva"] > span + span > a:last-child').click()
    expect(page.locator("h1 .dl-day__count")).to_have_text("Day 1,369")
