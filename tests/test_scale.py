"""A 1,500-day synthetic chronicle, built once: every link resolves, and no page grows with N.

The same seeded days as `make bench` (tests/synthetic.py), through the real MkDocs build.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, BuiltSite, build
from quality_judges import LinkChecker
from synthetic import chronicle_dates, make_synthetic_project

DAYS = 1_500
_DAY_PAGE = re.compile(r"^\d{4}/\d{2}/\d{2}/index\.html$")


def _built(tmp: Path, days: int) -> BuiltSite:
    site = build(make_synthetic_project(tmp, days))
    assert site.returncode == 0, site.log[-3000:]
    return site


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return _built(tmp_path_factory.mktemp("large"), DAYS)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return _built(tmp_path_factory.mktemp("small"), 15)


def _day_pages(site: BuiltSite) -> list[Path]:
    return [p for p in site.site.rglob("index.html") if _DAY_PAGE.match(p.relative_to(site.site).as_posix())]


def test_every_link_and_anchor_of_a_large_site_resolves(large: BuiltSite) -> None:
    site_url = str(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"])
    checker = LinkChecker(large.site, site_url)
    problems = checker.check_site()
    assert len(checker.pages) == len(list(large.site.rglob("*.html"))) > DAYS
    assert not problems, f"{len(problems)} broken links, the first:\n" + "\n".join(map(str, problems[:20]))


def test_a_day_page_stays_the_size_it_has_in_a_small_site(small: BuiltSite, large: BuiltSite) -> None:
    """The same day (the latest, 26 November 2025) in a 15-day and a 1,500-day chronicle."""
    small_day, large_day = small.html("2025/11/26/"), large.html("2025/11/26/")
    assert len(large_day) <= 1.10 * len(small_day), (len(small_day), len(large_day))
    medians = statistics.median(p.stat().st_size for p in _day_pages(large))
    assert medians <= 1.10 * len(small_day.encode()), medians


def test_no_listing_holds_more_than_a_year_or_a_page(large: BuiltSite) -> None:
    site = large.site
    dates = chronicle_dates(DAYS)
    assert len(_day_pages(large)) >= DAYS  # the days, and the dates without a file between them
    for page in site.glob("topics/*/**/index.html"):
        assert len(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(".dl-entry")) <= 20, page
    for page in site.glob("tags/*/**/index.html"):
        assert page.read_text(encoding="utf-8").count('class="dl-entry"') <= 20, page
    for year in {d.year for d in dates}:
        html = (site / f"{year}" / "index.html").read_text(encoding="utf-8")
        assert html.count("<table") == 12 and html.count('class="dl-entry"') == 0
    archive = (site / "archive" / "index.html").read_text(encoding="utf-8")
    assert archive.count('class="dl-entry"') <= 31
