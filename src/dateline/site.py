"""The site plan: every page the site has, as (URL, template, view) — the one list the hook loops over.

A new kind of page is a function here, a template in overrides/dateline/ and its entries in
`plan_site`; the MkDocs hook does not change. Views are made when a page is rendered (`PagePlan.view`
is a thunk), so planning 10,000 pages costs little and a page's data is made only for the page.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from dateline.archive import Archive, build_archive, page_url, paginate
from dateline.content import day_markdown
from dateline.counting import date_in_words, day_number, format_number
from dateline.feeds import site_feeds
from dateline.meta import ShareMeta, day_share, robots_txt
from dateline.model import Chronicle, Day, Settings
from dateline.names import Name, build_names, link_first_mentions, name_pattern
from dateline.pages import (
    DayLink,
    RedirectView,
    SiteView,
    archive_view,
    day_link,
    day_number_url,
    day_view,
    gap_url,
    gap_view,
    home_view,
    month_title,
    month_view,
    name_url,
    name_view,
    names_view,
    pagination,
    site_view,
    summary_of,
    tag_url,
    tag_view,
    tags_view,
    topic_url,
    topic_view,
    topics_view,
    year_view,
)
from dateline.related import RelatedIndex
from dateline.search import NAMES_INDEX, names_index

# Markdown -> HTML with the site's extensions, for text shown outside a page's own Markdown.
Renderer = Callable[[str], str]


@dataclass(frozen=True)
class PagePlan:
    """One generated page."""

    src_uri: str  # where MkDocs thinks the page's file is: "2025/11/26.md", "archive.md"
    template: str  # in overrides/: "dateline/day.html"
    title: str  # the page's <title> (before the site's name) and the name of its link
    view: Callable[[], Any]  # the template's `dateline` data, made when the page is rendered
    markdown: str = ""  # the page's own Markdown (a day's tabs); most pages have none
    description: str | None = None  # for the meta description
    noindex: bool = False  # left out of search engines and the sitemap
    tabs: bool = False  # shows a day's tabs: heading ids must not take tab ids
    nav: str | None = None  # the page's title in the header's tabs, if it is one
    lastmod: str | None = None  # ISO date the page's content last changed, for the sitemap
    source: str | None = None  # the editor's file the page shows: "content/2025/11/2025-11-26.md"
    share: Callable[[], ShareMeta] | None = None  # share preview and JSON-LD, made when rendered

    @property
    def meta(self) -> dict[str, Any]:
        """The page's front matter, as MkDocs and Material read it."""
        meta: dict[str, Any] = {"title": self.title, "template": self.template, "hide": ["toc"]}
        if self.description:
            meta["description"] = self.description
        if self.noindex:
            meta["robots"] = "noindex"
        if self.lastmod:
            meta["lastmod"] = self.lastmod
        if self.share is not None:
            meta["share"] = self.share()
        return meta


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[PagePlan, ...]
    files: dict[str, str]  # files that are not pages (feeds): path in the site -> text
    site: SiteView  # what every template may show, the 404 page too
    archive: Archive = field(repr=False)


def plan_site(
    chronicle: Chronicle, settings: Settings, index: RelatedIndex, render: Renderer, site_url: str = ""
) -> SitePlan:
    """Every page and file of the site. `render` turns Markdown into HTML with the site's
    extensions; `site_url` ("https://example.org/news/") makes the feeds' URLs absolute."""
    archive = build_archive(chronicle, settings)
    names = build_names(chronicle, settings)
    linked = _NameLinks(names)
    pages: list[PagePlan] = []
    pages += _home(chronicle, settings, index, archive, linked)
    pages += _listings(chronicle, settings, archive, render)
    pages += _names(names, settings, chronicle)
    pages += _days(chronicle, settings, index, archive, linked, site_url)
    pages += _gaps(chronicle, settings, archive)
    pages += _day_numbers(archive, settings)
    files = site_feeds(chronicle, settings, archive, site_url, render)
    files["robots.txt"] = robots_txt(site_url)
    files[NAMES_INDEX] = names_index(names)
    return SitePlan(tuple(pages), files, site_view(chronicle), archive)


class _NameLinks:
    """A day's Markdown with the first mention of each name that has a page, in each section,
    linked to that page."""

    def __init__(self, names: dict[str, Name]) -> None:
        # Longest spellings first, so "US Army" is linked as itself, not as "US".
        self._targets = sorted(
            ((name_pattern(n), f"names/{slug}/index.md", n) for slug, n in names.items()),
            key=lambda t: -len(t[2].spellings[0]),
        )
        self._days: dict[dt.date, list[tuple[re.Pattern[str], str]]] = {}
        for pattern, target, name in self._targets:
            for day in name.days:
                self._days.setdefault(day.date, []).append((pattern, target))

    def markdown(self, day: Day, chronicle: Chronicle, page_uri: str) -> str:
        targets = self._days.get(day.date)
        if targets:
            base = posixpath.dirname(page_uri) or "."
            relative = [(pattern, posixpath.relpath(target, base)) for pattern, target in targets]
            sections = tuple(replace(s, markdown=link_first_mentions(s.markdown, relative)) for s in day.sections)
            day = replace(day, sections=sections)
        return day_markdown(day, chronicle, page_uri)


def _home(
    chronicle: Chronicle, settings: Settings, index: RelatedIndex, archive: Archive, linked: _NameLinks
) -> list[PagePlan]:
    latest = chronicle.days[-1] if chronicle.days else None
    return [
        PagePlan(
            "index.md",
            "dateline/home.html",
            "Latest",
            partial(home_view, chronicle, settings, index, archive),
            markdown=linked.markdown(latest, chronicle, "index.md") if latest else "",
            source=latest.path if latest else None,
            description=summary_of(latest) if latest else None,
            tabs=True,
            nav="Latest",
        )
    ]


def _listings(chronicle: Chronicle, settings: Settings, archive: Archive, render: Renderer) -> list[PagePlan]:
    pages = [
        PagePlan(
            "archive.md", "dateline/archive.html", "Archive", partial(archive_view, archive, chronicle), nav="Archive"
        ),
        PagePlan(
            "topics/index.md", "dateline/topics.html", "Topics", partial(topics_view, archive, settings), nav="Topics"
        ),
        PagePlan("tags/index.md", "dateline/tags.html", "Tags", partial(tags_view, archive), nav="Tags"),
    ]
    for year in archive.years:
        pages.append(
            PagePlan(
                f"{year:04d}/index.md", "dateline/year.html", str(year), partial(year_view, year, archive, chronicle)
            )
        )
    for year, month in archive.months:
        title = month_title(year, month)
        pages.append(
            PagePlan(
                f"{year:04d}/{month:02d}/index.md",
                "dateline/month.html",
                title,
                partial(month_view, year, month, archive),
            )
        )
    for section in settings.sections:
        entries = archive.topics[section.slug]
        chunks = paginate(entries) if entries else []
        for number, chunk in enumerate(chunks, start=1):
            paging = pagination(topic_url(section.slug), number, len(chunks))
            view = partial(topic_view, section.name, section.slug, chunk, entries, paging, chronicle, render)
            title = section.name if number == 1 else f"{section.name}, page {number}"
            pages.append(
                PagePlan(_index(page_url(topic_url(section.slug), number)), "dateline/topic.html", title, view)
            )
    for tag, days in archive.tags.items():
        tag_pages = paginate(days)
        for number, tagged in enumerate(tag_pages, start=1):
            paging = pagination(tag_url(tag), number, len(tag_pages))
            title = f"#{tag}" if number == 1 else f"#{tag}, page {number}"
            tag_page = partial(tag_view, tag, tagged, days, paging, chronicle)
            pages.append(PagePlan(_index(page_url(tag_url(tag), number)), "dateline/tag.html", title, tag_page))
    return pages


def _names(names: dict[str, Name], settings: Settings, chronicle: Chronicle) -> list[PagePlan]:
    view = partial(names_view, names, settings.names_min_days)
    pages = [PagePlan("names/index.md", "dateline/names.html", "Names", view, nav="Names")]
    for slug, name in names.items():
        chunks = paginate(name.days)
        for number, days in enumerate(chunks, start=1):
            paging = pagination(name_url(slug), number, len(chunks))
            title = name.name if number == 1 else f"{name.name}, page {number}"
            name_page = partial(name_view, name, days, paging, chronicle)
            pages.append(PagePlan(_index(page_url(name_url(slug), number)), "dateline/name.html", title, name_page))
    return pages


def _days(
    chronicle: Chronicle,
    settings: Settings,
    index: RelatedIndex,
    archive: Archive,
    linked: _NameLinks,
    site_url: str,
) -> list[PagePlan]:
    return [
        PagePlan(
            day.src_uri,
            "dateline/day.html",
            f"Day {format_number(day.number)}" + (f": {day.title}" if day.title else ""),
            partial(day_view, day, chronicle, settings, index, archive),
            markdown=linked.markdown(day, chronicle, day.src_uri),
            description=summary_of(day),
            tabs=True,
            lastmod=(day.updated.date() if day.updated else day.date).isoformat(),
            source=day.path,
            share=partial(day_share, day, settings, site_url) if site_url else None,
        )
        for day in chronicle.days
    ]


def _gaps(chronicle: Chronicle, settings: Settings, archive: Archive) -> list[PagePlan]:
    pages = []
    days = iter(chronicle.days)
    before = next(days, None)
    after = next(days, None)
    for date in archive.gaps:
        while after is not None and after.date < date:
            before, after = after, next(days, None)
        view = partial(gap_view, date, chronicle, settings, before, after)
        title = f"{date_in_words(date)}: no summary"
        pages.append(PagePlan(f"{date:%Y/%m/%d}.md", "dateline/gap.html", title, view, noindex=True))
    return pages


def _day_numbers(archive: Archive, settings: Settings) -> list[PagePlan]:
    """`/day/N/` for every day, and for every date without a summary (to its small page)."""
    targets = {number: day_link(day) for number, day in archive.numbers.items()}
    for date in archive.gaps:
        number = day_number(date, settings.counting)
        if number not in targets:
            targets[number] = DayLink(
                gap_url(date), number, format_number(number), date.isoformat(), date_in_words(date), None
            )
    return [
        PagePlan(
            f"{day_number_url(number).rstrip('/')}.md",
            "dateline/redirect.html",
            f"Day {format_number(number)}",
            partial(RedirectView, format_number(number), target),
            noindex=True,
        )
        for number, target in sorted(targets.items())
    ]


def _index(url: str) -> str:
    """The source path MkDocs turns into `url`: "topics/fighting/page/2/" -> ".../2/index.md"."""
    return f"{url}index.md"
