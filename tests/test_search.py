"""Search: Pagefind records from the core's day data, and the header's search dialog in a browser."""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import gzip
import json
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT, BuiltSite, build, make_project
from dateline.content import load_days, load_texts
from dateline.model import Settings
from dateline.search import SearchRecord, SearchSection, plain_text, search_records, write_search_index
from dateline.settings import read_settings
from quality_judges import AXE_GATE, AXE_RUN, LinkChecker, axe_source, describe_violations
from synthetic import write_chronicle

browser_test = pytest.mark.browser


def example_settings(root: Path) -> Settings:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return read_settings(config["extra"]["dateline"], root)


# -- records, from the core's own day data ---------------------------------------------------

DAY = """---
title: "Trump’s plan: €140 billion, $100 billion and <b>no deal</b>"
tags: [kyiv]
---

A lede about **Zaporizhzhia** and [the Geneva talks](2025-11-25.md).

## Fighting:

Russian forces pressed on *Kupiansk*; see [[2025-11-25]].

- Strikes near the Élysée's ally
- `code` and ~~struck~~

## Trump’s plan

### In Türkiye

Talks in Türkiye[^1] went on.

[^1]: Reported by “Example News”.
"""


def test_a_day_is_one_record_with_its_sections_where_they_start(tmp_path: Path) -> None:
    settings = example_settings(tmp_path)
    files = {"content/2025/11/2025-11-26.md": DAY, "content/2025/11/2025-11-25.md": "## Fighting\n\nQuiet.\n"}
    chronicle = load_texts(files, settings)
    assert chronicle.problems == ()
    record = search_records(chronicle, settings)[1]
    assert record == SearchRecord(
        url="/2025/11/26/",
        content=(
            "Day 1,371 · Wednesday, 26 November 2025 · 2025-11-26. "
            "Trump’s plan: €140 billion, $100 billion and <b>no deal</b>. "
            "A lede about Zaporizhzhia and the Geneva talks. "
            "Fighting. Russian forces pressed on Kupiansk; see Day 1,370 (25 November). "
            "Strikes near the Élysée's ally code and struck "
            "Peace plan. In Türkiye Talks in Türkiye went on. Reported by “Example News”. "
            "dlyear2025 dlsec4669676874696e67 dlsec506561636520706c616e"
        ),
        title="Day 1,371 · Wednesday, 26 November 2025",
        headline="Trump’s plan: €140 billion, $100 billion and <b>no deal</b>",  # shown as text, as on the page
        day=1371,
        date="2025-11-26",
        sections=(SearchSection("fighting", "Fighting", 26), SearchSection("peace-plan", "Peace plan", 45)),
        lede=18,
        end=58,
    )
    words = record.content.split(" ")
    assert words[18] == "A" and words[26] == "Fighting." and words[45:47] == ["Peace", "plan."]
    assert record.meta == {
        "title": "Day 1,371 · Wednesday, 26 November 2025",
        "day": "1371",
        "date": "2025-11-26",
        "headline": "Trump’s plan: €140 billion, $100 billion and <b>no deal</b>",
        "sections": '[["fighting","Fighting",26],["peace-plan","Peace plan",45]]',
        "lede": "18",
        "end": "58",
    }
    # The filter words, after the day's own: the year, each section's name in UTF-8 as hex.
    assert words[58:] == ["dlyear2025", "dlsec" + b"Fighting".hex(), "dlsec" + b"Peace plan".hex()]


def test_a_day_without_sections_or_title_is_still_found(tmp_path: Path) -> None:
    settings = example_settings(tmp_path)
    chronicle = load_texts({"content/2024/02/2024-02-29.md": "Only a lede, on a leap day.\n"}, settings)
    [record] = search_records(chronicle, settings)
    assert record.url == "/2024/02/29/"
    assert record.content == "Day 735 · Thursday, 29 February 2024 · 2024-02-29. Only a lede, on a leap day. dlyear2024"
    assert record.sections == () and record.headline == "" and record.lede == 9 and record.end == 16
    assert "headline" not in record.meta and record.meta["sections"] == "[]"


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("**Bold**, _it_, ***both*** and ~~gone~~", "Bold, it, both and gone"),
        ("snake_case_name and 2 * 3 * 4", "snake_case_name and 2 * 3 * 4"),
        (
            "[label](https://example.org) ![a map](map.png) [ref][1] <https://x.org/a>",
            "label a map ref https://x.org/a",
        ),
        ("[[the day]](\ue0002025-11-23#fighting\ue001) and [x][]\n\n[1]: https://example.org", "[the day] and x"),
        ("> quoted\n\n1. first\n2) second\n* third\n\n### Heading ###\n\n---", "quoted first second third Heading"),
        ("Raw <span class=x>HTML</span> &amp; AT&T &lt;tag&gt; {: .class }", "Raw HTML & AT&T <tag>"),
        ("```python\nprint('x')\n```\n`inline`", "print('x') inline"),
        ("A note[^n].\n\n[^n]: The note’s text.", "A note. The note’s text."),
        ("Escaped \\*stars\\* and \\[brackets\\]", "Escaped *stars* and [brackets]"),
    ],
)
def test_plain_text_is_what_a_reader_reads(markdown: str, text: str) -> None:
    assert plain_text(markdown) == text


# -- the example site's index -------------------------------------------------------------------


def fragments(site: Path) -> list[dict[str, Any]]:
    """Pagefind's stored records, as the browser gets them (gzip, then a signature, then JSON)."""
    return [
        json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))
        for f in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    ]


def test_example_index_holds_every_day_page_once_and_nothing_else(example_site: BuiltSite) -> None:
    days = sorted(p.name[:10] for p in (ROOT / "content").rglob("*.md"))
    index = example_site.site / "pagefind"
    assert (index / "pagefind.js").is_file()
    entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(days)
    urls = sorted(record["url"] for record in fragments(example_site.site))
    assert urls == ["/" + d.replace("-", "/") + "/" for d in days]  # not the home page, not listings
    assert not list(index.glob("pagefind-*ui*")), "Pagefind's own interfaces are left out"
    latest = next(r for r in fragments(example_site.site) if r["url"] == "/2025/11/26/")
    assert latest["meta"]["title"] == "Day 1,371 · Wednesday, 26 November 2025"
    assert latest["filters"] == {}  # filters are words (search.py, filter_words), not Pagefind filters


def test_every_search_result_link_resolves(example_site: BuiltSite) -> None:
    checker = LinkChecker(example_site.site, "https://dateline.example.org/")
    problems = list(checker.check_search_index())
    assert checker.pages, "the check looked at no tab"
    assert not problems, "\n".join(map(str, problems))


def test_header_without_javascript_links_to_the_archive(example_site: BuiltSite) -> None:
    page = BeautifulSoup(example_site.html("2025/11/26/"), "html.parser")
    link = page.select_one("header a.dl-search__link")
    assert link is not None and link["href"] == "../../../archive/"
    button = page.select_one("header button.dl-search__open")
    assert button is not None and button.has_attr("hidden") and button["aria-haspopup"] == "dialog"
    # The dialog is made by the script when search first opens, from the site's words.
    assert page.select_one("dialog, #dl-search") is None
    assert page.select_one('script[type="module"][src="../../../assets/javascripts/dateline-search.js"]') is not None
    words = json.loads((example_site.site / "search-dialog.json").read_text(encoding="utf-8"))
    assert words["labels"]["title"] == "Search the days" and words["years"] == [2025]
    assert words["sections"][:3] == ["Fighting", "Peace plan", "Politics and diplomacy"]
    assert page.select_one('label[for="__search"]') is None, "Material's search button is gone"


# -- in a browser --------------------------------------------------------------------------------


def open_search(page: Page) -> None:
    page.click("button.dl-search__open")
    expect(page.locator("#dl-search-query")).to_be_focused()


def search(page: Page, query: str) -> str:
    """Types `query` into the open dialog; returns the live region's words once it has answered."""
    page.evaluate("() => { document.getElementById('dl-search-status').textContent = ''; }")
    page.fill("#dl-search-query", query)
    page.wait_for_function("() => document.getElementById('dl-search-status').textContent !== ''")
    return page.inner_text("#dl-search-status")


def first_days(page: Page, n: int = 3) -> list[str]:
    return page.locator(".dl-search__result .dl-search__day").all_inner_texts()[:n]


@browser_test
def test_nothing_of_search_is_downloaded_before_search_opens(
    page: Page, site_url: str, figures: dict[str, str]
) -> None:
    size, requests = first_query_bytes(page, site_url + "2025/11/26/", "Kupiansk")
    assert requests >= 4  # pagefind.js, its wasm, the bundles' list, the index: fetched once search opened
    figures["search: first query, example (18 days)"] = f"{size / 1024:.0f} KB in {requests} requests"


def first_query_bytes(page: Page, url: str, query: str) -> tuple[int, int]:
    """(bytes, requests) of the index that opening search and one query download."""
    sizes: dict[str, int] = {}
    # The body's length: Chromium reports no size for the worker script Pagefind starts.
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert not [u for u in sizes if "/pagefind/" in u], "nothing of the index before search opens"
    open_search(page)
    assert " found." in search(page, query)
    page.wait_for_load_state("networkidle")
    index = {u: n for u, n in sizes.items() if "/pagefind/" in u}
    assert not [u for u in index if "/filter/" in u], "filters load only when a reader goes for them"
    return sum(index.values()), len(index)


@browser_test
def test_first_query_at_1500_days_stays_under_300_kb(
    page: Page, example_site: BuiltSite, tmp_path: Path, figures: dict[str, str]
) -> None:
    write_chronicle(tmp_path / "content", 1_500)
    settings = example_settings(tmp_path)
    chronicle = load_days(settings)
    assert len(chronicle.days) == 1_500
    site = tmp_path / "site"  # the example's pages, with the index of 1,500 synthetic days
    shutil.copytree(example_site.site, site, ignore=shutil.ignore_patterns("pagefind"))
    started = time.perf_counter()
    # In a thread of its own: Playwright's event loop runs in this one, and asyncio.run won't nest.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(write_search_index, chronicle, settings, site).result()
    seconds = time.perf_counter() - started
    with serve(site) as url:
        size, requests = first_query_bytes(page, url + "2025/11/20/", "Kupiansk")
        assert size < 300 * 1024, f"{size / 1024:.0f} KB"
        search(page, "day 1,371")
        assert first_days(page, 1) == ["Day 1,371 · Wednesday, 26 November 2025"]
    figures["search: index of 1,500 synthetic days"] = f"{seconds:.1f} s to write"
    figures["search: first query, 1,500 synthetic days"] = f"{size / 1024:.0f} KB in {requests} requests"


@browser_test
def test_a_place_name_opens_the_day_at_the_tab_it_is_in(page: Page, site_url: str) -> None:
    page.goto(site_url)
    open_search(page)
    assert search(page, "Euroclear") == "2 days found."
    hit = page.locator(".dl-search__result").first.locator("a.dl-search__hit").first
    expect(hit.locator(".dl-search__day")).to_have_text("Day 1,358 · Thursday, 13 November 2025")
    expect(hit.locator(".dl-search__section")).to_have_text("Energy and economy")
    expect(hit.locator("mark").first).to_have_text("Euroclear,")
    assert hit.get_attribute("href") == site_url + "2025/11/13/#economy"
    hit.click()
    page.wait_for_url(site_url + "2025/11/13/#economy")
    assert page.locator(".tabbed-set > input").first.get_attribute("id") != "economy", "a tab that is not the first"
    expect(page.locator("input#economy")).to_be_checked()
    expect(page.locator(".tabbed-block", has_text="sit at Euroclear")).to_be_visible()


@browser_test
@pytest.mark.parametrize(
    "query", ["1371", "day 1371", "Day 1,371", "1,371", "26 November 2025", "November 26, 2025", "2025-11-26"]
)
def test_a_day_number_or_date_finds_that_day_first(page: Page, site_url: str, query: str) -> None:
    page.goto(site_url + "about/")
    open_search(page)
    assert " found." in search(page, query)
    assert first_days(page, 1) == ["Day 1,371 · Wednesday, 26 November 2025"]


@browser_test
def test_a_result_on_the_page_being_read_opens_its_tab_there(page: Page, site_url: str) -> None:
    page.goto(site_url + "2025/11/13/")
    expect(page.locator("input#economy")).not_to_be_checked()
    page.evaluate("() => { window.sameDocument = true; }")  # gone if the page were loaded again
    open_search(page)
    search(page, "Euroclear")
    page.locator("a.dl-search__hit").first.click()
    expect(page.locator("dialog#dl-search")).not_to_have_attribute("open", "")
    expect(page.locator("input#economy")).to_be_checked()
    expect(page.locator(".tabbed-block", has_text="sit at Euroclear")).to_be_visible()
    assert page.url == site_url + "2025/11/13/#economy"
    assert page.evaluate("() => window.sameDocument") is True


@browser_test
def test_results_filter_by_section(page: Page, site_url: str) -> None:
    page.goto(site_url)
    open_search(page)
    everything = search(page, "Rubio")  # in 4 days; in the Peace plan section of 2 of them
    page.hover(".dl-search__filters")  # the filters' values load when a reader goes for them
    expect(page.locator('[data-dl-search-filter="section"] option')).to_contain_text(
        ["All sections", "Fighting", "Peace plan"]
    )
    page.evaluate("() => { document.getElementById('dl-search-status').textContent = ''; }")
    page.select_option('[data-dl-search-filter="section"]', "Peace plan")
    page.wait_for_function("() => document.getElementById('dl-search-status').textContent !== ''")
    # Name pages have no section: a filtered search lists none.
    assert (everything, page.inner_text("#dl-search-status")) == ("4 days found. 1 name page.", "2 days found.")
    hrefs = page.locator(".dl-search__result a.dl-search__hit").evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(h.endswith("#peace-plan") for h in hrefs), hrefs


@browser_test
def test_more_results_come_ten_days_at_a_time(page: Page, site_url: str) -> None:
    page.goto(site_url)
    open_search(page)
    found = int(search(page, "Ukraine").split()[0])
    assert found > 10
    results = page.locator(".dl-search__result")
    expect(results).to_have_count(10)
    page.click("button.dl-search__more")
    expect(results).to_have_count(min(found, 20))
    expect(results.nth(10).locator("a.dl-search__hit").first).to_be_focused()  # where the reader goes on
    labels = results.locator(".dl-search__day").all_inner_texts()
    assert len(set(labels)) == len(labels), "each day once"


@browser_test
def test_keyboard_opens_moves_follows_and_closes(page: Page, site_url: str) -> None:
    page.goto(site_url + "2025/11/26/")
    page.keyboard.press("s")
    expect(page.locator("#dl-search-query")).to_be_focused()
    page.keyboard.type("Kupiansk")  # an "s" typed in the field stays in the field
    page.wait_for_function("() => document.querySelectorAll('a.dl-search__hit').length >= 2")
    expect(page.locator("#dl-search-query")).to_have_value("Kupiansk")
    hits = page.locator("a.dl-search__hit")
    page.keyboard.press("ArrowDown")
    expect(hits.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(hits.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator("#dl-search-query")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("dialog#dl-search")).not_to_have_attribute("open", "")
    # Opened from the button, Esc gives the focus back to it.
    page.focus("button.dl-search__open")
    page.keyboard.press("Enter")
    expect(page.locator("#dl-search-query")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("button.dl-search__open")).to_be_focused()
    # "/" opens it again with the last query; Enter follows the focused result.
    page.keyboard.press("/")
    page.wait_for_function("() => document.querySelectorAll('a.dl-search__hit').length >= 2")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    target = hits.nth(1).get_attribute("href")
    assert target
    page.keyboard.press("Enter")
    page.wait_for_url(target)


@browser_test
def test_without_javascript_search_is_a_link_to_the_archive(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "2025/11/26/")
        link = page.locator("header a.dl-search__link")
        expect(link).to_be_visible()
        expect(page.locator("header button.dl-search__open")).to_be_hidden()
        expect(page.locator("dialog#dl-search")).to_be_hidden()
        link.click()
        page.wait_for_url(site_url + "archive/")
        assert page.locator("h1").count() == 1
    finally:
        context.close()


@browser_test
def test_search_works_on_a_phone(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + "2025/11/26/")
        page.tap("button.dl-search__open")
        expect(page.locator("#dl-search-query")).to_be_focused()
        search(page, "Zaporizhzhia")
        box = page.locator("dialog#dl-search").bounding_box()
        assert box is not None and box["x"] >= 0 and box["width"] <= 390
        sideways = page.evaluate(
            "() => [...document.querySelectorAll('#dl-search *')].filter(e => e.scrollWidth > e.clientWidth + 1"
            " && getComputedStyle(e).overflowX !== 'visible').map(e => e.className)"
        )
        assert sideways == [], sideways
        sizes = page.evaluate(
            "() => [...document.querySelectorAll('#dl-search input, #dl-search select, .dl-search__excerpt')]"
            ".map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert min(sizes) >= 16, sizes
        hit = page.locator("a.dl-search__hit").first
        target = hit.get_attribute("href")
        assert target
        hit.tap()
        page.wait_for_url(target)
    finally:
        context.close()


@browser_test
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_dialog_passes_axe(browser: Browser, site_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(site_url + "2025/11/26/")
        open_search(page)
        search(page, "Kupiansk")
        page.hover(".dl-search__filters")
        page.add_script_tag(content=axe_source())
        violations = page.evaluate(AXE_RUN)
        bad = [v for v in violations if v["impact"] in AXE_GATE]
        assert not bad, describe_violations(bad)
    finally:
        context.close()


# -- a site of hostile titles, served under a base path -------------------------------------------

HOSTILE = {
    "2024/12/2024-12-31.md": ("<img src=x onerror=alert(1)>", "Fighting", "Kupiansk held at the year’s end."),
    "2025/01/2025-01-01.md": ('"><script>alert(1)</script>', "Humanitarian", "Kupiansk talks in Türkiye."),
    "2025/01/2025-01-02.md": ("<svg onload=alert(1)>", "Fighting", "A quiet front."),
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    days = {
        path: f"---\ntitle: {json.dumps(title)}\n---\n\n## {section}\n\n{text}\n\n## Trump’s plan\n\nKupiansk again.\n"
        for path, (title, section, text) in HOSTILE.items()
    }
    site = build(make_project(tmp_path_factory.mktemp("hostile"), days))
    assert site.returncode == 0, site.log
    return site


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def hostile_url(hostile_site: BuiltSite) -> Iterator[str]:
    """The site at /project/, as a project's GitHub Pages site is: results must keep the base path."""
    serve_root = hostile_site.root / "served"
    serve_root.mkdir(exist_ok=True)
    if not (serve_root / "project").exists():
        (serve_root / "project").symlink_to(hostile_site.site, target_is_directory=True)
    with serve(serve_root) as url:
        yield url + "project/"


@browser_test
@pytest.mark.parametrize("path", list(HOSTILE))
def test_a_hostile_title_typed_into_search_runs_no_script(page: Page, hostile_url: str, path: str) -> None:
    title = HOSTILE[path][0]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_url + "2025/01/02/")
    open_search(page)  # the dialog, with its close icon, is made as search first opens
    before = page.evaluate("() => document.querySelectorAll('img, svg, script').length")
    assert search(page, title).endswith("found.")
    url = hostile_url + path.rsplit("/", 1)[1][:10].replace("-", "/") + "/"  # the day page of this file
    result = page.locator(".dl-search__result", has=page.locator(f'a[href^="{url}"]'))
    expect(result.locator(".dl-search__headline")).to_have_text(title)
    page.wait_for_timeout(300)  # an onerror or onload would have fired by now
    assert dialogs == []
    results = page.locator(".dl-search__results")
    assert results.locator("img, svg, script").count() == 0
    assert page.evaluate("() => document.querySelectorAll('img, svg, script').length") == before
    assert page.evaluate("() => [...document.querySelectorAll('img')].filter(i => i.getAttribute('src') === 'x')") == []


@browser_test
def test_results_keep_the_base_path_and_filter_by_year(page: Page, hostile_url: str) -> None:
    page.goto(hostile_url)
    open_search(page)
    assert search(page, "Kupiansk") == "3 days found."
    page.hover(".dl-search__filters")
    expect(page.locator('[data-dl-search-filter="year"] option')).to_have_text(["All years", "2025", "2024"])
    page.evaluate("() => { document.getElementById('dl-search-status').textContent = ''; }")
    page.select_option('[data-dl-search-filter="year"]', "2024")
    page.wait_for_function("() => document.getElementById('dl-search-status').textContent !== ''")
    assert page.inner_text("#dl-search-status") == "1 day found."
    hit = page.locator("a.dl-search__hit").first
    assert hit.get_attribute("href") == hostile_url + "2024/12/31/#fighting"
    hit.click()
    page.wait_for_url(hostile_url + "2024/12/31/#fighting")
    expect(page.locator(".dl-day__title")).to_have_text(HOSTILE["2024/12/2024-12-31.md"][0])


@browser_test
def test_name_pages_are_found_after_the_days(page: Page, site_url: str) -> None:
    page.goto(site_url)
    open_search(page)
    status = search(page, "kupiansk")
    assert status.endswith("1 name page."), status
    names = page.locator(".dl-search__name a.dl-search__hit")
    expect(names).to_have_count(1)
    expect(names.locator(".dl-search__name-title")).to_have_text("Kupiansk")
    # After every day shown: the last of the hits the arrows move through.
    hits = page.locator("#dl-search a.dl-search__hit")
    assert hits.last.get_attribute("href") == site_url + "names/kupiansk/"
    assert page.locator(".dl-search__result").count() >= 3
    names.click()
    expect(page.locator("h1")).to_have_text("Kupiansk")
    # Accents and case do not matter; a day number finds no name.
    page.goto(site_url)
    open_search(page)
    assert "name page" in search(page, "ZELENSKY")
    assert "name page" not in search(page, "day 1,371")


@browser_test
def test_the_404_pages_search_link_opens_search(page: Page, site_url: str) -> None:
    page.goto(site_url + "404.html")
    page.click(".dl-notfound a[data-dl-search-open]")
    expect(page.locator("#dl-search-query")).to_be_focused()


@browser_test
def test_search_that_cannot_load_says_so_and_offers_the_archive(page: Page, site_url: str) -> None:
    """Offline after the page loaded: the dialog still opens (in English, its words unreachable),
    says search could not be loaded and links the archive."""
    page.goto(site_url + "2025/11/26/")
    page.route("**/search-dialog.json", lambda route: route.abort())
    page.route("**/pagefind/**", lambda route: route.abort())
    open_search(page)
    expect(page.locator("#dl-search-title")).to_have_text("Search the days")
    page.fill("#dl-search-query", "Kupiansk")
    expect(page.locator("#dl-search-status")).to_have_text(
        "Search could not be loaded here. Browse the archive instead."
    )
    archive = page.locator("dialog#dl-search a.dl-search__archive")
    expect(archive).to_have_attribute("href", site_url + "archive/")
    assert page.locator("dialog#dl-search").count() == 1  # made once, however often it opens
    page.keyboard.press("Escape")
    open_search(page)
    assert page.locator("dialog#dl-search").count() == 1
