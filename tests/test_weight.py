"""Page weight (issue #10): a day page's markup stays small however long the chronicle grows.

A synthetic chronicle of 400 days over sixteen years: a year of consecutive days ending on
26 November 2025, and 26 November of every other year before it (two years apart, so no
year-long run of empty dates between them makes a page per missing date). Its 26 November has
eight earlier years: "On this day" shows the nearest five and links the date's page of all.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from jinja2 import DictLoader, Environment

from conftest import BuiltSite, build, make_project
from dateline.compact import CompactTemplates, compact_template
from synthetic import LAST_DAY, write_days

# Issue #10 asks at most 20 KB for a whole day page. Not yet met: a synthetic page is ~24.6 KB
# (median; it was ~44 KB, then ~26 KB), of which ~6 KB is the day's text; what is left is mostly
# Material's (the head and its scripts, the header with the palette toggles and their script, the
# tabs and the drawer: ~9 KB) and the cross-links (~3 KB). These limits keep what was won: a
# calendar with every headline (+7 KB) or indented templates (+4 KB) would fail them.
# The markup of a day page without the day's own text (its tabs' content: what the editor wrote,
# as long as it is): the example's days have long texts, the limit is on the rest. (The heaviest
# synthetic page's is 21.1 KB.)
CHROME_LIMIT = 22_000
# A synthetic day page in full: its text is about 450 words, like the example's. (The heaviest
# is 26.5 KB.)
PAGE_LIMIT = 27_500
EARLIER_YEARS = [2010 + 2 * i for i in range(7)]  # 2010, 2012, …, 2022


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    last_year = [LAST_DAY - dt.timedelta(days=n) for n in range(400 - len(EARLIER_YEARS))]
    dates = sorted([dt.date(year, 11, 26) for year in EARLIER_YEARS] + last_year)
    counting = {"start": dates[0], "start_number": 0}
    root = make_project(tmp_path_factory.mktemp("weight"), {}, dateline={"counting": counting})
    write_days(root / "content", dates)
    site = build(root)
    assert site.returncode == 0, site.log
    return site


def day_pages(site: Path) -> list[Path]:
    pages = sorted(site.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/index.html"))
    return [p for p in pages if 'class="dl-day"' in p.read_text(encoding="utf-8")]


class _Body(HTMLParser):
    """The bytes of the day's own text: the inside of <div class="dl-day__body">."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html, self.start, self.end, self.depth = html, -1, -1, 0
        self.lines = [0]
        for line in html.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.feed(html)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        if self.depth:
            self.depth += 1
        elif ("class", "dl-day__body") in attrs:
            self.depth, self.start = 1, self._offset() + len(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.depth:
            self.depth -= 1
            if not self.depth:
                self.end = self._offset()

    def bytes(self) -> int:
        return len(self.html[self.start : self.end].encode("utf-8")) if self.end > self.start else 0


def chrome_bytes(page: Path) -> int:
    """A day page's bytes without the day's own text."""
    html = page.read_text(encoding="utf-8")
    return len(html.encode("utf-8")) - _Body(html).bytes()


def _when(element: Tag) -> str:
    """The date of the day an element names: its <time datetime>."""
    time = element.select_one("time")
    assert time is not None
    return str(time["datetime"])


def test_every_day_page_is_light(long_site: BuiltSite) -> None:
    pages = day_pages(long_site.site)
    assert len(pages) == 400
    sizes = {p: p.stat().st_size for p in pages}
    chrome = {p: chrome_bytes(p) for p in pages}
    assert all(0 < chrome[p] < sizes[p] for p in pages)
    heaviest = max(pages, key=lambda p: sizes[p])
    assert sizes[heaviest] <= PAGE_LIMIT, (heaviest, sizes[heaviest], statistics.median(sizes.values()))
    worst = max(pages, key=lambda p: chrome[p])
    assert chrome[worst] <= CHROME_LIMIT, (worst, chrome[worst])


def test_templates_leave_no_indentation(long_site: BuiltSite) -> None:
    # src/dateline/compact.py: no line of a page starts with the templates' indentation.
    html = (long_site.site / "2025/11/26/index.html").read_text(encoding="utf-8")
    indented = [line for line in html.splitlines() if re.match(r"[ \t]+\S", line)]
    assert not indented, indented[:5]
    assert html.count("\n\n") < 100  # a line end each, where a tag writes nothing on a line of its own


def test_compact_template_keeps_every_line_end_between_words() -> None:
    source = (
        "<ul>\n  {% for x in xs %}\n    <li>{{ x }}</li>\n  {% endfor %}\n</ul>\n"
        "<p>\n  {%- if a %}\n    <a>A</a>\n  {%- endif %}\n  {%- if b %}\n    <b>B</b>\n  {% endif %}\n</p>\n"
        "  {% if c %}<i>C</i>{% endif %}\n  {% include 'x.html' %}\n  next\n"
    )
    assert compact_template(source) == (
        "<ul>\n{% for x in xs %}<li>{{ x }}</li>\n{% endfor %}</ul>\n"
        "<p>\n{%- if a %}\n<a>A</a>\n{%- endif %}\n{%- if b %}\n<b>B</b>\n{% endif %}</p>\n"
        "{% if c %}<i>C</i>{% endif %}\n{% include 'x.html' %}\nnext\n"
    )
    # Rendered (an included template compacted too), every line end between two words stays.
    templates = DictLoader({"x.html": "  <x>X</x>\n", "page.html": source})
    compact = Environment(loader=templates, extensions=[CompactTemplates]).get_template("page.html")
    plain = Environment(loader=templates).get_template("page.html")
    values = {"xs": [1, 2], "a": True, "b": True}
    assert (
        compact.render(values) == "<ul>\n<li>1</li>\n<li>2</li>\n</ul>\n<p>\n<a>A</a>\n<b>B</b>\n</p>\n\n<x>X</x>\nnext"
    )
    assert re.sub(r"\s+", " ", compact.render(values)) == re.sub(r"\s+", " ", plain.render(values))


def test_a_macro_called_on_a_line_of_its_own_leaves_no_blank_line() -> None:
    # Material's navigation and tabs: a macro's body starts and ends with a line end, and so does
    # the line that calls it; its output is trimmed, so each call is one line (a call that writes
    # nothing keeps the line end of its own line).
    source = (
        "{% macro item(x) %}\n  {% if x %}\n    <li>\n      {{ x }}\n    </li>\n  {% endif %}\n{% endmacro %}\n"
        "<ul>\n  {% for x in xs %}\n    {{ item(x) }}\n  {% endfor %}\n</ul>\n"
    )
    templates = DictLoader({"page.html": source})
    compact = Environment(loader=templates, extensions=[CompactTemplates]).get_template("page.html")
    plain = Environment(loader=templates).get_template("page.html")
    values = {"xs": [1, "", 2]}
    assert compact.render(values) == "<ul>\n<li>\n1\n</li>\n\n<li>\n2\n</li>\n</ul>"
    assert compact.render(values).split() == plain.render(values).split()


def test_on_this_day_shows_five_years_and_links_the_date_in_every_year(long_site: BuiltSite) -> None:
    page = BeautifulSoup(long_site.html("2025/11/26/"), "html.parser")
    section = page.select_one(".dl-onthisday")
    assert section is not None
    years = [_when(li)[:4] for li in section.select("li")]
    assert years == ["2024", "2022", "2020", "2018", "2016"]  # the nearest five of eight
    more = section.select_one(".dl-onthisday__more a")
    assert more is not None and more.get_text() == "26 November in every year"
    assert more["href"] == "../../../on-this-day/11-26/"

    every = BeautifulSoup(long_site.html("on-this-day/11-26/"), "html.parser")
    assert [h.get_text() for h in every.select("h1")] == ["26 November in every year"]
    listed = [_when(e) for e in every.select(".dl-entry")]
    assert listed == [f"{year}-11-26" for year in (2025, 2024, *reversed(EARLIER_YEARS))]
    assert [a["href"] for a in every.select(".dl-entry h2 a")][:2] == ["../../2025/11/26/", "../../2024/11/26/"]


def test_a_date_in_few_years_has_no_page_of_all_years(long_site: BuiltSite) -> None:
    # 25 November is in two years only: its "On this day" shows them all, with no link.
    page = BeautifulSoup(long_site.html("2025/11/25/"), "html.parser")
    assert [_when(li) for li in page.select(".dl-onthisday li")] == ["2024-11-25"]
    assert page.select_one(".dl-onthisday__more") is None
    assert not (long_site.site / "on-this-day" / "11-25").exists()
    assert sorted(p.name for p in (long_site.site / "on-this-day").iterdir()) == ["11-26"]


def test_example_day_pages_chrome(example_site: BuiltSite) -> None:
    # The example's days have long texts (26 November's is ~16 KB): the limit is on the rest.
    pages = day_pages(example_site.site)
    assert pages
    worst = max(pages, key=chrome_bytes)
    assert chrome_bytes(worst) <= CHROME_LIMIT, (worst, chrome_bytes(worst))
