"""End to end: real MkDocs builds of real day files; assertions on the HTML a reader gets."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import BuiltSite, build, make_project


def soup(site: BuiltSite, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.html(url), "html.parser")


def tab_labels(page: BeautifulSoup) -> list[str]:
    return [label.get_text(strip=True) for label in page.select(".tabbed-labels label")]


# -- the example site ----------------------------------------------------------------------


def test_example_day_page_reads_day_1371_with_its_tabs(example_site: BuiltSite) -> None:
    page = soup(example_site, "2025/11/26/")
    article = page.select_one("article.dl-day")
    assert article is not None
    assert article["data-day"] == "1371"
    # One h1: "Day 1,371" is its kicker line, the headline the rest of it.
    assert [h.get_text(" | ", strip=True) for h in page.find_all("h1")] == [
        "Day 1,371 | Fighting grinds on as the Kremlin cools on the revised plan"
    ]
    assert page.select_one("h1 .dl-day__count").get_text() == "Day 1,371"
    assert page.select_one(".dl-day__date time").get_text() == "Wednesday, 26 November 2025"
    assert page.select_one(".dl-day__date time")["datetime"] == "2025-11-26"
    assert page.select_one(".dl-day__lede").get_text() == (
        "The main events of the 1,371st day of Russia's war against Ukraine."
    )
    assert page.select_one("h1 .dl-day__title").get_text() == (
        "Fighting grinds on as the Kremlin cools on the revised plan"
    )
    assert tab_labels(page) == ["Fighting", "Peace plan"]
    assert [i["id"] for i in page.select(".tabbed-set > input")] == ["fighting", "peace-plan"]
    assert page.select_one(".tabbed-set > input")["checked"] is not None
    assert page.title is not None
    assert page.title.get_text().startswith("Day 1,371: Fighting grinds on")


def test_example_prev_next_skip_gaps(example_site: BuiltSite) -> None:
    page = soup(example_site, "2025/11/17/")
    prev, nxt = page.select_one(".dl-prevnext a.dl-prev"), page.select_one(".dl-prevnext a.dl-next")
    assert prev["href"] == "../13/" and prev["data-day"] == "1358"
    assert "Thursday, 13 November 2025" in prev.get_text()
    assert nxt["href"] == "../19/" and nxt["data-day"] == "1364"
    first = soup(example_site, "2025/11/01/")
    assert first.select_one(".dl-prevnext a.dl-prev") is None
    assert first.select_one(".dl-prevnext a.dl-next")["href"] == "../02/"


def test_example_aliases_and_colons_map_onto_configured_sections(example_site: BuiltSite) -> None:
    assert tab_labels(soup(example_site, "2025/11/20/"))[0] == "Peace plan"  # written "Trump’s plan"
    labels = tab_labels(soup(example_site, "2025/11/11/"))
    assert "Fighting" in labels  # written "Fighting:"


def test_example_links_between_days_resolve(example_site: BuiltSite) -> None:
    page = soup(example_site, "2025/11/26/")
    hrefs = {a.get_text(): a["href"] for a in page.select(".dl-day__body a")}
    assert hrefs["in Geneva"] == "../23/"
    assert hrefs["the ultimatum"] == "../21/"
    for href in hrefs.values():
        if not href.startswith(("http", "#")):
            assert (example_site.site / "2025/11/26" / href / "index.html").resolve().exists(), href


def test_example_home_shows_latest_day_then_ten_headlines(example_site: BuiltSite) -> None:
    page = soup(example_site, "")
    latest = page.select_one("article.dl-day--latest")
    assert latest is not None and latest["data-day"] == "1372"
    assert latest.select(".tabbed-labels label")
    items = page.select(".dl-earlier__item")
    assert [i["data-day"] for i in items] == [
        "1371",
        "1370",
        "1369",
        "1368",
        "1366",
        "1365",
        "1364",
        "1362",
        "1358",
        "1357",
    ]
    assert items[0].a["href"] == "2025/11/26/"
    assert "Fighting grinds on" in items[0].get_text()


def test_navigation_does_not_list_days(example_site: BuiltSite) -> None:
    """Page size must not grow with the number of days (DESIGN.md §3)."""
    page = soup(example_site, "2025/11/26/")
    nav_links = [a.get("href", "") for a in page.select("nav.md-nav a")]
    assert not any("2025/11/" in href for href in nav_links)


def test_without_javascript_the_markup_carries_all_sections(example_site: BuiltSite) -> None:
    page = soup(example_site, "2025/11/26/")
    assert page.html is not None and "no-js" in page.html["class"]
    headings = page.select(".tabbed-block .dl-section-heading")
    assert [(h.get_text(), h["role"], h["aria-level"]) for h in headings] == [
        ("Fighting", "heading", "2"),
        ("Peace plan", "heading", "2"),
    ]


# -- fixture sites: bad input never takes other days off the site --------------------------

GOOD = "---\ntitle: Strike on Zaporizhzhia\n---\n\n## Fighting\n\nShelling of Kupiansk.\n"
BROKEN = "---\ntitle: Trump: a new plan\ntags: [x\n---\n\n## Fighting\n\nText survives.\n"


def test_a_broken_day_is_reported_and_other_days_still_publish(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        {
            "2025/11/2025-11-20.md": GOOD,
            "2025/11/2025-11-21.md": BROKEN,
            "2025/11/2025-11-22.md": "## Fighting\n\nSee [[2025-11-19]].\n",
            "2025/11/2025-11-31.md": GOOD,
        },
    )
    site = build(root)
    assert site.returncode == 0, site.log
    assert "content/2025/11/2025-11-21.md:2: error: bad YAML" in site.log
    assert "content/2025/11/2025-11-22.md:3: error: link to a day that does not exist: 2025-11-19" in site.log
    assert "content/2025/11/2025-11-31.md:1: error: no such date: 2025-11-31" in site.log
    assert "Day 1,365" in site.html("2025/11/20/")
    assert "Text survives." in site.html("2025/11/21/")  # the broken day itself is kept too
    assert "Day 1,367" in site.html("2025/11/22/")

    strict = build(root, "--strict")
    assert strict.returncode != 0
    assert "content/2025/11/2025-11-21.md:2" in strict.log


def test_counting_from_day_one_is_a_setting(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        {"2025/11/2025-11-26.md": GOOD},
        dateline={"counting": {"start": "2022-02-24", "start_number": 1}},
    )
    # YAML dumps the date as a string; the settings want a date, so write it unquoted.
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("'2022-02-24'", "2022-02-24")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = build(root, "--strict")
    assert site.returncode == 0, site.log
    page = soup(site, "2025/11/26/")
    assert page.h1 is not None and page.h1.select_one(".dl-day__count").get_text() == "Day 1,372"
    assert "the 1,372nd day of" in page.select_one(".dl-day__lede").get_text()


def test_bad_settings_stop_the_build_with_the_valid_choices(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"2025/11/2025-11-26.md": GOOD}, dateline={"home_days": "ten", "colour": "red"})
    site = build(root)
    assert site.returncode != 0
    assert "extra.dateline.home_days: must be a whole number from 0 to 100" in site.log
    assert "extra.dateline.colour: unknown setting; valid: story, content" in site.log
    assert "Traceback" not in site.log


def test_a_hand_written_page_wins_over_a_generated_one(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        {"2025/11/2025-11-26.md": GOOD},
        docs={"index.md": "# Welcome\n\nHand-written home.\n"},
    )
    site = build(root, "--strict")
    assert site.returncode == 0, site.log
    assert "Hand-written home." in site.html("")
    assert "Day 1,371" in site.html("2025/11/26/")


def _chronicle(days: int) -> dict[str, str | bytes]:
    import datetime as dt

    first = dt.date(2025, 1, 1)
    files: dict[str, str | bytes] = {}
    for i in range(days):
        date = first + dt.timedelta(days=i)
        files[f"{date:%Y/%m}/{date}.md"] = (
            f"---\ntitle: '“Day {i}”: shelling near Kupiansk'\ntags: [kupiansk]\n---\n\n"
            "## Fighting\n\nRussian forces pressed near Zaporizhzhia.\n\n## Peace plan\n\nTalks in Türkiye.\n"
        )
    return files


def test_page_size_does_not_grow_with_the_number_of_days(tmp_path: Path) -> None:
    small = build(make_project(tmp_path / "small", _chronicle(12)), "--strict")
    large = build(make_project(tmp_path / "large", _chronicle(120)), "--strict")
    assert small.returncode == 0 and large.returncode == 0, small.log + large.log
    assert len(small.html("about/")) == len(large.html("about/"))
    # The same day in both: only its own prev/next links and its month's calendar may differ, and
    # the calendar holds one month whatever the chronicle's length.
    day_small, day_large = small.html("2025/01/05/"), large.html("2025/01/05/")
    assert abs(len(_without_calendar(day_small)) - len(_without_calendar(day_large))) < 200
    assert len(day_large) - len(day_small) < 31 * 250


def _without_calendar(html: str) -> str:
    page = BeautifulSoup(html, "html.parser")
    calendar = page.select_one("nav.dl-sidecal")
    assert calendar is not None
    calendar.decompose()
    return str(page)


# Every problem kind of DESIGN.md §2, one file each, in one site: (file, text, expected log line).
BAD_INPUT = [
    ("2025/02/2025-02-30.md", GOOD, "content/2025/02/2025-02-30.md:1: error: no such date: 2025-02-30"),
    ("extra/2025-11-01.md", GOOD, "content/extra/2025-11-01.md:1: error: two files for 2025-11-01"),
    ("2025/11/2025-11-02.md", "---\ntitle: Trump: plan\n---\n\n## Fighting\n\nx\n", "2025-11-02.md:2: error: bad YAML"),
    (
        "2025/11/2025-11-03.md",
        "---\ntags: 5\n---\n\n## Fighting\n\nx\n",
        "2025-11-03.md:2: error: 'tags' must be a list",
    ),
    (
        "2025/11/2025-11-04.md",
        "---\nauthor: me\n---\n\n## Fighting\n\nx\n",
        "2025-11-04.md:2: error: unknown key 'author'",
    ),
    (
        "2025/11/2025-11-05.md",
        "---\nrelated: [2025-10-05]\n---\n\n## Fighting\n\nx\n",
        "2025-11-05.md:2: error: related:",
    ),
    ("2025/11/2025-11-06.md", "## Fighting\n\nAs [before](2025-10-06.md).\n", "2025-11-06.md:3: error: link to a day"),
    (
        "2025/11/2025-11-07.md",
        "## Fighting\n\nx\n\n## Fighting\n\ny\n",
        "2025-11-07.md:5: error: section 'Fighting' appears",
    ),
    (
        "2025/11/2025-11-08.md",
        "## Fighting\n\n## Peace plan\n\ny\n",
        "2025-11-08.md:1: error: section 'Fighting' is empty",
    ),
    ("2025/11/2025-11-09.md", "Only a lede.\n", "2025-11-09.md:1: error: no section"),
    ("2025/11/2025-11-10.md", b"## Fighting\n\nKyiv \xff\n", "2025-11-10.md:3: error: bytes that are not UTF-8"),
]


def test_every_bad_input_is_reported_with_its_line_and_nothing_else_is_lost(tmp_path: Path) -> None:
    days: dict[str, str | bytes] = {"2025/11/2025-11-01.md": GOOD, "2025/11/2025-11-20.md": GOOD}
    days.update({path: text for path, text, _ in BAD_INPUT})
    site = build(make_project(tmp_path, days))
    assert site.returncode == 0, site.log
    for _, _, message in BAD_INPUT:
        assert message in site.log, message
    assert "Shelling of Kupiansk." in site.html("2025/11/01/")  # the first of the two files
    assert "Day 1,365" in site.html("2025/11/20/")
    for day in range(2, 11):  # every broken day that has a date is still published
        assert (site.site / f"2025/11/{day:02}/index.html").exists(), day
    assert build(tmp_path, "--strict").returncode != 0


def test_tab_ids_survive_headings_and_odd_section_names(tmp_path: Path) -> None:
    day = (
        '---\ntitle: Trump & Putin <talks>\nsummary: He said "no" & left <quickly>.\n---\n\n'
        "## Fighting\n\n### Peace plan\n\nA sub-heading named like another tab.\n\n"
        "## Peace plan\n\nPlan.\n\n"
        '## Trump\'s "plan" & <b>\n\nQuoted.\n'
    )
    site = build(make_project(tmp_path, {"2025/11/2025-11-26.md": day}))
    assert site.returncode == 0, site.log
    page = soup(site, "2025/11/26/")
    assert [i["id"] for i in page.select(".tabbed-set > input")] == ["fighting", "peace-plan", "trumps-plan-b"]
    assert tab_labels(page) == ["Fighting", "Peace plan", 'Trump\'s "plan" & <b>']
    assert page.select_one("h3")["id"] == "peace-plan-heading"
    assert page.find("meta", attrs={"name": "description"})["content"] == 'He said "no" & left <quickly>.'
    assert page.title is not None and page.title.get_text().startswith("Day 1,371: Trump & Putin <talks> · ")
    assert page.select_one(".dl-day__title").get_text() == "Trump & Putin <talks>"


def test_a_new_site_without_days_has_a_home_page(tmp_path: Path) -> None:
    root = make_project(tmp_path, {})
    (root / "content").mkdir()
    site = build(root, "--strict")
    assert site.returncode == 0, site.log
    assert "No day has been published yet." in site.html("")


def test_a_hand_written_page_at_a_day_url_wins_whatever_its_file_name(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        {"2025/11/2025-11-26.md": GOOD, "2025/11/2025-11-25.md": GOOD},
        docs={"2025/11/26/index.md": "# A special page\n\nWritten by hand.\n", "README.md": "# Welcome\n\nHi.\n"},
    )
    site = build(root)
    assert site.returncode == 0, site.log
    assert "Written by hand." in site.html("2025/11/26/")
    assert "Hi." in site.html("")
    assert "Day 1,370" in site.html("2025/11/25/")


def test_footnotes_inside_a_tab(tmp_path: Path) -> None:
    day = "## Fighting\n\nShelling of Kherson.[^1]\n\n[^1]: Regional officials, by phone.\n"
    site = build(make_project(tmp_path, {"2025/11/2025-11-26.md": day}), "--strict")
    assert site.returncode == 0, site.log
    page = soup(site, "2025/11/26/")
    assert page.select_one(".tabbed-block a.footnote-ref")["href"] == "#fn:1"
    assert "Regional officials, by phone." in page.select_one(".footnote").get_text()
