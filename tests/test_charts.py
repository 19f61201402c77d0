"""Static SVG pictures: they parse, say what they show, and their figures match the listings'."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup

from conftest import BuiltSite
from dateline.charts import MONTHLY_UP_TO, Bar, months_between, rhythm_bars, rhythm_svg, year_strip_svg

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str, role: str = "img") -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == role
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text and desc is not None and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    return root


def _bar_titles(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}title")][1:]


def test_a_rhythm_has_a_bar_a_month_each_titled_and_the_latest_marked() -> None:
    counts = {(2025, 9): 3, (2025, 11): 14}
    bars = rhythm_bars(counts, (2025, 8), (2025, 11))
    assert bars == [
        Bar("August 2025", 0, False), Bar("September 2025", 3, False), Bar("October 2025", 0, False),
        Bar("November 2025", 14, True),
    ]  # fmt: skip
    root = _parse(rhythm_svg(bars, "Fighting: days per month", "r"))
    assert _bar_titles(root) == ["September 2025: 3 days", "November 2025: 14 days"]
    rects = list(root.iter(f"{SVG}rect"))
    assert [r.get("class") for r in rects] == [None, "dl-chart__latest"]
    assert int(rects[1].get("height") or 0) > int(rects[0].get("height") or 0)
    assert "17 days from August 2025 to November 2025" in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]


def test_a_rhythm_over_ten_thousand_days_stays_small() -> None:
    months = months_between((1998, 7), (2025, 11))  # 10,000 days: 329 months
    assert len(months) > MONTHLY_UP_TO
    counts = {m: 30 for m in months}
    bars = rhythm_bars(counts, months[0], months[-1])
    assert [b.label for b in bars[:2]] == ["1998", "1999"] and bars[0].count == 180  # a bar a year
    svg = rhythm_svg(bars, "A tag on every day", "r")
    assert len(svg.encode()) < 15_000
    assert sum(
        int(re.search(r": ([\d,]+) day", t).group(1).replace(",", "")) for t in _bar_titles(_parse(svg))
    ) == 30 * len(months)  # type: ignore[union-attr]


def test_a_year_strip_links_each_month_with_days() -> None:
    root = _parse(year_strip_svg(2025, {10: 2, 11: 18}, lambda m: f"../2025/{m:02d}/", "s"), role="group")
    links = list(root.iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == ["../2025/10/", "../2025/11/"]
    assert [a.get("aria-label") for a in links] == ["October 2025: 2 days", "November 2025: 18 days"]
    assert len(list(root.iter(f"{SVG}rect"))) == 12


def test_the_pictures_on_the_example_match_their_listings(example_site: BuiltSite) -> None:
    for url in ("topics/fighting/", "tags/witkoff/", "names/kupiansk/"):
        page = BeautifulSoup(example_site.html(url), "html.parser")
        svg = page.select_one(".dl-rhythm figure svg")
        assert svg is not None, url
        root = _parse(str(svg))
        counted = re.search(r"(\d[\d,]*) days?\b", page.select_one(".dl-listing__count").get_text())
        assert counted is not None, url
        count = int(counted.group(1).replace(",", ""))
        shown = sum(int(re.search(r": ([\d,]+) day", t).group(1)) for t in _bar_titles(root))  # type: ignore[union-attr]
        table = sum(int(td.get_text()) for td in page.select(".dl-rhythm__table td"))
        assert shown == table == count == len(page.select(".dl-entry")), url
    year = BeautifulSoup(example_site.html("2025/"), "html.parser")
    levels = {td["class"][1] for td in year.select("td.dl-cal__day")}
    assert levels <= {"dl-cal__day--l1", "dl-cal__day--l2", "dl-cal__day--l3", "dl-cal__day--l4"} and len(levels) == 4
    archive = BeautifulSoup(example_site.html("archive/"), "html.parser")
    strip = _parse(str(archive.select_one(".dl-years__strip svg")), role="group")
    assert [a.get("href") for a in strip.iter(f"{SVG}a")] == ["../2025/11/"]
