"""A news page, not a docs page (issue #11): the day page's hierarchy, its sources and cross-links
as a reader reads them, the footer and the skip link on every page, and the README's pictures.

The measured typography gate (headline, measure, tabs) is in test_quality.py with the other
reader gates; this file checks what the markup and the page say."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from conftest import ARTIFACTS, ROOT, BuiltSite, OpenPage, build, make_project, serve_folder

DAY = "2025/11/26/"
# The README's pictures: (file, phone, scheme). The phone in light is the one at the top.
SCREENSHOTS = [
    ("screenshot-day-phone.png", True, "light"),
    ("screenshot-day-phone-dark.png", True, "dark"),
    ("screenshot-day-desktop.png", False, "light"),
    ("screenshot-day-desktop-dark.png", False, "dark"),
]


def soup(site: BuiltSite, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(url), "html.parser")


def _pages(site: BuiltSite) -> list[Path]:
    return [p for p in sorted(site.site.rglob("*.html")) if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]


# -- the markup ----------------------------------------------------------------------------------


def test_every_page_has_one_h1_a_skip_link_and_the_footer(example_site: BuiltSite) -> None:
    pages = _pages(example_site)
    assert len(pages) > 100
    for file in pages:
        page = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        where = file.relative_to(example_site.site)
        assert len(page.find_all("h1")) == 1, where
        # The skip link comes first and lands on the content; Material's own (to the first heading
        # of a table of contents) is not there at all, nor its empty announcement box.
        assert page.find(attrs={"data-md-component": ["skip", "announce"]}) is None, where
        assert len(page.select("a.md-skip")) == 1, where
        first = page.select_one("body a[href]")
        assert first is not None and "dl-skip" in first["class"] and first["href"] == "#dl-content", (where, first)
        assert page.find(id="dl-content") is not None, where
        footer = page.select_one("footer.dl-footer")
        assert footer is not None, where
        words = " ".join(footer.get_text(" ").split())
        assert "Russia's war against Ukraine" in words, where
        assert "Compiled from the public reporting of the sources listed" in words, where  # publish.source_note
        assert "Made with Dateline and Material for MkDocs" in words, where
        links = [a.get_text(strip=True) for a in footer.find_all("a")]
        assert {"About", "The archive", "RSS", "Atom", "JSON Feed"} <= set(links), (where, links)


def test_the_headline_leads_the_h1_under_its_day_count(example_site: BuiltSite) -> None:
    page = soup(example_site, DAY)
    h1 = page.select_one("h1")
    assert h1 is not None and h1.find_parent("header", class_="dl-day__header") is not None
    assert [span["class"][0] for span in h1.find_all("span")] == ["dl-day__count", "dl-day__title"]
    header = page.select_one(".dl-day__header")
    assert [p["class"][0] for p in header.find_all("p")] == ["dl-day__date", "dl-day__lede"]


def test_a_day_without_a_headline_keeps_its_day_count_alone(tmp_path: Path) -> None:
    day = "Shelling overnight; talks resume.\n\n## Fighting\n\nShelling.\n\n## Peace plan\n\nTalks.\n"
    site = build(make_project(tmp_path, {"2025/11/2025-11-26.md": day}), "--strict")
    assert site.returncode == 0, site.log
    page = soup(site, DAY)
    assert [h.get_text(strip=True) for h in page.find_all("h1")] == ["Day 1,371"]
    assert page.select_one(".dl-day__title") is None
    # The editor's lede is the first thing in the body, before the tabs: the standfirst.
    body = page.select_one(".dl-day__body")
    assert body.find().name == "p" and body.find().get_text() == "Shelling overnight; talks resume."


def test_sources_show_the_outlet_not_the_url(tmp_path: Path) -> None:
    day = (
        "---\ntitle: A day\nsources:\n"
        "  - https://www.reuters.com/world/europe/\n"
        "  - https://user@Kyivindependent.com:443/news?x=1\n"
        "  - {title: Institute for the Study of War, url: https://www.understandingwar.org/}\n"
        "---\n\n## Fighting\n\nShelling.\n"
    )
    site = build(make_project(tmp_path, {"2025/11/2025-11-26.md": day}), "--strict")
    assert site.returncode == 0, site.log
    links = soup(site, DAY).select(".dl-sources a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("reuters.com", "https://www.reuters.com/world/europe/"),
        ("kyivindependent.com", "https://user@Kyivindependent.com:443/news?x=1"),
        ("Institute for the Study of War", "https://www.understandingwar.org/"),
    ]


def test_cross_links_read_as_sentences(example_site: BuiltSite) -> None:
    page = soup(example_site, DAY)
    picked = page.select_one('.dl-related li[data-day="1370"]')
    assert picked is not None
    # Number, date and headline: one link.
    assert picked.a.get_text(" ", strip=True) == (
        "Day 1,370 Tuesday, 25 November 2025 Deadly strike on Kyiv as Washington presses its peace plan"
    )
    why = picked.select_one(":scope > span").get_text()
    assert why.startswith("Picked by the editor · same tags: ") and "also names " in why, why
    assert "#" not in why and "also:" not in why
    # No two story threads lead to the same pair of days; each names its tags in one row.
    # (A row: its tags, then its days, the day before first and the day after last.)
    rows = page.select(".dl-threads li")
    ends = (":scope > span + span > a:first-child", ":scope > span + span > a:last-child")
    pairs = [tuple(a["href"] if (a := row.select_one(s)) else None for s in ends) for row in rows]
    assert len(pairs) == len(set(pairs))
    assert any(len(row.select(":scope > span:first-child a")) > 1 for row in rows)
    for row in rows:
        assert row["data-tags"].split() == [a.get_text().lstrip("#") for a in row.select(":scope > span:first-child a")]


# -- in a browser ----------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("url", ["", DAY, "archive/", "about/"])
def test_the_skip_link_is_the_first_stop_and_lands_on_the_content(url: str, page: Page, site_url: str) -> None:
    page.goto(site_url + url)
    page.keyboard.press("Tab")
    skip = page.locator("a.dl-skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Skip to content")
    # Shown while it has the focus (after Material's short fade in).
    page.wait_for_function("getComputedStyle(document.querySelector('a.dl-skip')).opacity === '1'", timeout=10_000)
    page.keyboard.press("Enter")
    assert page.url.endswith("#dl-content")
    expect(page.locator("#dl-content")).to_be_focused()


@pytest.mark.browser
def test_the_editors_lede_is_a_standfirst(tmp_path: Path, open_page: OpenPage) -> None:
    day = (
        "---\ntitle: A day\n---\n\n"
        "Shelling overnight; talks resume.\n\n## Fighting\n\nShelling.\n\n## Peace plan\n\nTalks.\n"
    )
    site = build(make_project(tmp_path, {"2025/11/2025-11-26.md": day}), "--strict")
    assert site.returncode == 0, site.log
    with serve_folder(site.site) as url:
        page = open_page(url + DAY)
        size = "e => parseFloat(getComputedStyle(e).fontSize)"
        standfirst = page.locator(".dl-day__body > p").first.evaluate(size)
        text = page.locator(".dl-day__body .tabbed-block p:not(.dl-section-heading)").first.evaluate(size)
        small_print = page.locator(".dl-day__lede").evaluate(size)
        assert standfirst > text >= small_print, (standfirst, text, small_print)


@pytest.mark.browser
@pytest.mark.parametrize("js", [False, True], ids=["no javascript", "print"])
def test_without_tabs_each_section_is_under_a_heading_with_a_rule(js: bool, open_page: OpenPage, site_url: str) -> None:
    page = open_page(site_url + DAY, js=js)
    if js:
        page.emulate_media(media="print")
    headings = page.locator(".dl-day__body .dl-section-heading")
    assert headings.count() == 2
    text = page.locator(".dl-day__body .tabbed-block p:not(.dl-section-heading)").first
    body_size = float(text.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    for heading in headings.all():
        expect(heading).to_be_visible()
        style = heading.evaluate(
            "e => { const s = getComputedStyle(e); return [parseFloat(s.fontSize), parseInt(s.fontWeight), "
            "parseFloat(s.borderTopWidth), s.borderTopStyle] }"
        )
        assert style[0] > body_size and style[1] >= 700 and style[2] > 0 and style[3] == "solid", style


@pytest.mark.browser
def test_screenshots_of_the_day_for_the_readme(open_page: OpenPage, site_url: str) -> None:
    """Desktop and phone, light and dark, in test-artifacts/; the README shows the copies in
    .github/ (copy them there when the look changes)."""
    ARTIFACTS.mkdir(exist_ok=True)
    for name, phone, scheme in SCREENSHOTS:
        page = open_page(site_url + DAY, phone=phone, scheme=scheme)
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", "slate" if scheme == "dark" else "default"
        )
        page.wait_for_timeout(300)  # the palette's fade
        page.screenshot(path=ARTIFACTS / name)
        assert (ARTIFACTS / name).stat().st_size > 10_000
    for name, _, _ in SCREENSHOTS:
        readme = ROOT / ".github" / name
        assert readme.is_file() and readme.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{readme} is not a PNG"
