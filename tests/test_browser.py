"""A reader in Debian's Chromium: tabs, deep links, prev/next, and no JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser


def test_clicking_a_tab_shows_its_section(page: Page, site_url: str) -> None:
    page.goto(site_url + "2025/11/26/")
    expect(page.locator("h1 .dl-day__count")).to_have_text("Day 1,371")
    fighting = page.locator(".tabbed-block").nth(0)
    peace = page.locator(".tabbed-block").nth(1)
    expect(fighting).to_be_visible()
    expect(peace).to_be_hidden()
    page.locator(".tabbed-labels label", has_text="Peace plan").click()
    expect(peace).to_be_visible()
    expect(peace).to_contain_text("Yuri Ushakov")
    expect(fighting).to_be_hidden()
    assert page.url.endswith("#peace-plan")  # the selected tab is shareable


def test_deep_link_opens_that_tab(page: Page, site_url: str) -> None:
    page.goto(site_url + "2025/11/26/#peace-plan")
    expect(page.locator(".tabbed-block").nth(1)).to_be_visible()
    expect(page.locator(".tabbed-block").nth(0)).to_be_hidden()
    expect(page.locator("input#peace-plan")).to_be_checked()


def test_previous_and_next_navigate_across_gaps(page: Page, site_url: str) -> None:
    page.goto(site_url + "2025/11/17/")
    expect(page.locator("h1 .dl-day__count")).to_have_text("Day 1,362")
    page.locator(".dl-prevnext a[rel=prev]").click()
    # 14 to 16 November have no file: the previous day is the 13th.
    expect(page.locator("h1 .dl-day__count")).to_have_text("Day 1,358")
    assert page.url.endswith("/2025/11/13/")
    page.locator(".dl-prevnext a[rel=next]").click()
    expect(page.locator("h1 .dl-day__count")).to_have_text("Day 1,362")


def test_without_javascript_every_section_is_readable(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "2025/11/26/")
        assert page.evaluate("document.documentElement.classList.contains('no-js')")
        for block in page.locator(".tabbed-block").all():
            expect(block).to_be_visible()
        expect(page.get_by_role("heading", name="Peace plan")).to_be_visible()
        expect(page.get_by_text("Sergei Lavrov warned")).to_be_visible()
        expect(page.locator(".tabbed-labels")).to_be_hidden()
        # The home page's list of earlier days works as plain links.
        page.goto(site_url)
        page.locator(".dl-earlier__item a").first.click()
        expect(page.locator("h1 .dl-day__count")).to_have_text("Day 1,371")
    finally:
        context.close()
