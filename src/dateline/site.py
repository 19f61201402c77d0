"""The site plan: every page the site has, as (URL, template, view) — the one list the hook loops over.

A new kind of page is a function here, a template in overrides/dateline/ and its entries in
`plan_site`; the MkDocs hook does not change. Views are made when a page is rendered (`PagePlan.view`
is a thunk), so planning 10,000 pages costs little and a page's data is made only for the page.
"""

from __future__ import annotations

import datetime as dt
import logging
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from operator import attrgetter
from typing import Any

from dateline.archive import Archive, build_archive, page_url, paginate
from dateline.content import day_markdown
from dateline.counting import date_in_words, day_number, day_words, format_number
from dateline.feeds import entry_title, site_feeds
from dateline.incremental import DayMemo
from dateline.language import Language, language
from dateline.meta import ShareMeta, day_share, robots_txt
from dateline.model import Chronicle, Day, Settings
from dateline.names import Name, build_names, link_first_mentions, name_pattern
from dateline.pages import (
    ON_THIS_DAY,
    SEARCH_DIALOG,
    DayLink,
    RedirectView,
    SiteView,
    archive_view,
    day_link,
    day_number_url,
    day_view,
    every_year_url,
    every_year_view,
    gap_url,
    gap_view,
    home_view,
    month_title,
    month_view,
    name_url,
    name_view,
    names_view,
    pagination,
    search_dialog,
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


# Said by the build when mkdocs.yml has no site_url (feeds need absolute URLs).
NO_SITE_URL = (
    "mkdocs.yml has no site_url: no feeds, and no absolute canonical URLs or sitemap;"
    " set it to the site's address, e.g. site_url: https://<user>.github.io/<repository>/"
)


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
    # What the view is made from, where the plan can say it in a few values (the days it shows,
    # its place among its pages …): a page whose inputs equal those it was last written with is
    # not rebuilt, and its view is not even made (incremental.py). The site-wide state (settings,
    # language, mkdocs.yml) is left out: a change there rebuilds every page. None: the view is
    # made and compared. tests/test_incremental.py checks that equal inputs make equal views.
    inputs: Any = None

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
    pages += _every_year(chronicle, settings)
    files = site_feeds(chronicle, settings, archive, site_url, render)
    files["robots.txt"] = robots_txt(site_url)
    files[NAMES_INDEX] = names_index(names)
    years = sorted({d.date.year for d in chronicle.days}, reverse=True)
    sections = [s.name for s in settings.sections]
    files[SEARCH_DIALOG] = search_dialog(language(settings.language), sections, years)
    return SitePlan(tuple(pages), files, site_view(chronicle, language(settings.language)), archive)


class EditorsLinks(logging.Filter):
    """Hack: MkDocs' link messages name our generated file; they name the editor's day file
    instead (`editors_message`), each once a build."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: Mapping[str, PagePlan] = {}
        self.said: set[str] = set()

    @classmethod
    def follow(cls, logger: logging.Logger, pages: Mapping[str, PagePlan]) -> None:
        """A new build: the logger's filter (added once) names the day files of its `pages`."""
        found = next((f for f in logger.filters if isinstance(f, cls)), None)
        if found is None:
            logger.addFilter(found := cls())
        found.pages, found.said = pages, set()

    def filter(self, record: logging.LogRecord) -> bool:
        told = editors_message(record.getMessage(), self.pages, self.said)
        if told:
            record.msg, record.args = told, ()
        return told != ""


def editors_message(message: str, pages: Mapping[str, PagePlan], said: set[str]) -> str | None:
    """MkDocs' message about a link in a generated page ("Doc file '2025/11/28.md' …"), naming the
    editor's day file instead; "" if said already (the home page shows the latest day's links,
    resolved from elsewhere), remembered in `said`; None if it names no day's page."""
    if not message.startswith("Doc file '"):
        return None
    src_uri, _, rest = message[len("Doc file '") :].partition("'")
    spec = pages.get(src_uri)
    if spec is None or spec.source is None:
        return None
    told = f"{spec.source}: {rest.strip()}"
    once = told.partition(", but")[0]
    if once in said:
        return ""
    said.add(once)
    return told


_DATE = attrgetter("date")


class _NameLinks:
    """A day's Markdown with the first mention of each name that has a page, in each section,
    linked to that page."""

    def __init__(self, names: dict[str, Name]) -> None:
        # Longest spellings first, so "US Army" is linked as itself, not as "US".
        self._targets = sorted(
            ((name_pattern(n), f"names/{slug}/index.md", n) for slug, n in names.items()),
            key=lambda t: -len(t[2].spellings[0]),
        )
        self._days: defaultdict[dt.date, list[tuple[re.Pattern[str], str]]] = defaultdict(list)
        for pattern, target, name in self._targets:
            link = (pattern, target)
            for date in map(_DATE, name.days):
                self._days[date].append(link)

    def markdown(self, day: Day, chronicle: Chronicle, page_uri: str) -> str:
        targets = tuple(self._days.get(day.date, ()))
        # The day's links go to pages of days the chronicle has (content.py resolves them so):
        # which of them it has is all that the chronicle adds.
        found = tuple(chronicle.find(date) is not None for date in day.links)
        return _MARKDOWN.get(day, (page_uri, targets, found), lambda: self._markdown(day, chronicle, page_uri, targets))

    def _markdown(self, day: Day, chronicle: Chronicle, page_uri: str, targets: tuple[Any, ...]) -> str:
        if targets:
            day = _link_names(day, list(targets), page_uri)
        return day_markdown(day, chronicle, page_uri)


_MARKDOWN: DayMemo[str] = DayMemo()  # the slow part, kept across rebuilds


@lru_cache(maxsize=65_536)
def _relative_path(target: str, base: str) -> str:
    """posixpath.relpath, remembered: the day pages of a month link the same name pages."""
    return posixpath.relpath(target, base)


def _link_names(day: Day, targets: list[tuple[re.Pattern[str], str]], page_uri: str) -> Day:
    base = posixpath.dirname(page_uri) or "."
    relative = [(pattern, _relative_path(target, base)) for pattern, target in targets]
    sections = tuple(replace(s, markdown=link_first_mentions(s.markdown, relative)) for s in day.sections)
    return replace(day, sections=sections)


def _home(
    chronicle: Chronicle, settings: Settings, index: RelatedIndex, archive: Archive, linked: _NameLinks
) -> list[PagePlan]:
    latest = chronicle.days[-1] if chronicle.days else None
    words = language(settings.language).gettext("Latest")
    return [
        PagePlan(
            "index.md",
            "dateline/home.html",
            words,
            partial(home_view, chronicle, settings, index, archive),
            markdown=linked.markdown(latest, chronicle, "index.md") if latest else "",
            source=latest.path if latest else None,
            description=summary_of(latest) if latest else None,
            tabs=True,
            nav=words,
        )
    ]


def _listings(chronicle: Chronicle, settings: Settings, archive: Archive, render: Renderer) -> list[PagePlan]:
    lang = language(settings.language)
    span = _span(chronicle)
    archive_words, topics, tags = lang.gettext("Archive"), lang.gettext("Topics"), lang.gettext("Tags")
    pages = [
        PagePlan(
            "archive.md",
            "dateline/archive.html",
            archive_words,
            partial(archive_view, archive, chronicle, lang),
            nav=archive_words,
        ),
        PagePlan(
            "topics/index.md", "dateline/topics.html", topics, partial(topics_view, archive, settings), nav=topics
        ),
        PagePlan("tags/index.md", "dateline/tags.html", tags, partial(tags_view, archive), nav=tags),
    ]
    for year in archive.years:
        year_page = partial(year_view, year, archive, chronicle, lang)
        pages.append(PagePlan(f"{year:04d}/index.md", "dateline/year.html", str(year), year_page))
    for year, month in archive.months:
        title = month_title(year, month, lang)
        pages.append(
            PagePlan(
                f"{year:04d}/{month:02d}/index.md",
                "dateline/month.html",
                title,
                partial(month_view, year, month, archive, lang),
            )
        )
    for section in settings.sections:
        entries = archive.topics[section.slug]
        chunks = paginate(entries) if entries else []
        for number, chunk in enumerate(chunks, start=1):
            paging = _Paging(topic_url(section.slug), number, len(chunks))
            view = partial(
                _later, topic_view, section.name, section.slug, chunk, entries, paging, chronicle, render, lang
            )
            title = section.name if number == 1 else _page_title(section.name, number, lang)
            inputs: tuple[Any, ...] = (section.name, section.slug, chunk, _every(entries, number, span), paging, lang)
            src_uri = _index(page_url(topic_url(section.slug), number))
            pages.append(PagePlan(src_uri, "dateline/topic.html", title, view, inputs=inputs))
    for tag, days in archive.tags.items():
        tag_pages = paginate(days)
        for number, tagged in enumerate(tag_pages, start=1):
            paging = _Paging(tag_url(tag), number, len(tag_pages))
            title = f"#{tag}" if number == 1 else _page_title(f"#{tag}", number, lang)
            tag_page = partial(_later, tag_view, tag, tagged, days, paging, chronicle, lang)
            inputs = (tag, tagged, _every(days, number, span), paging, lang)
            src_uri = _index(page_url(tag_url(tag), number))
            pages.append(PagePlan(src_uri, "dateline/tag.html", title, tag_page, inputs=inputs))
    return pages


def _span(chronicle: Chronicle) -> tuple[int, int, int, int] | None:
    """The first and the last month: all a listing's chart of days per month takes from the chronicle."""
    if not chronicle.days:
        return None
    first, last = chronicle.days[0].date, chronicle.days[-1].date
    return first.year, first.month, last.year, last.month


def _every(items: Sequence[Any], number: int, span: Any) -> Any:
    """What page `number` of a listing shows of all its items: the first page charts their
    dates (items are days, or (day, section) pairs) across the chronicle's `span`; the others
    say how many there are."""
    if number > 1:
        return len(items)
    if items and isinstance(items[0], tuple):
        return span, tuple(day.date for day, _ in items)
    return span, tuple(map(_DATE, items))


def _page_title(name: str, number: int, lang: Language) -> str:
    """ "Fighting, page 2"."""
    return lang.gettext("{name}, page {number}", number, name=name)


def _names(names: dict[str, Name], settings: Settings, chronicle: Chronicle) -> list[PagePlan]:
    lang = language(settings.language)
    view = partial(names_view, names, settings.names_min_days)
    words = lang.gettext("Names")
    pages = [PagePlan("names/index.md", "dateline/names.html", words, view, nav=words)]
    span = _span(chronicle)
    for slug, name in names.items():
        chunks = paginate(name.days)
        for number, days in enumerate(chunks, start=1):
            paging = _Paging(name_url(slug), number, len(chunks))
            title = name.name if number == 1 else _page_title(name.name, number, lang)
            name_page = partial(_later, name_view, name, days, paging, chronicle, lang)
            # Its quotes are found with the name's spellings.
            inputs = (name.name, name.spellings, days, _every(name.days, number, span), paging, lang)
            src_uri = _index(page_url(name_url(slug), number))
            pages.append(PagePlan(src_uri, "dateline/name.html", title, name_page, inputs=inputs))
    return pages


def _days(
    chronicle: Chronicle,
    settings: Settings,
    index: RelatedIndex,
    archive: Archive,
    linked: _NameLinks,
    site_url: str,
) -> list[PagePlan]:
    lang = language(settings.language)
    calendars: dict[tuple[int, int], tuple[Any, ...]] = {}  # a month's, for each of its days
    return [
        PagePlan(
            day.src_uri,
            "dateline/day.html",
            entry_title(day, lang),
            partial(day_view, day, chronicle, settings, index, archive),
            markdown=linked.markdown(day, chronicle, day.src_uri),
            description=summary_of(day),
            tabs=True,
            lastmod=(day.updated.date() if day.updated else day.date).isoformat(),
            source=day.path,
            share=partial(day_share, day, settings, site_url) if site_url else None,
            inputs=_day_inputs(day, chronicle, index, archive, calendars),
        )
        for day in chronicle.days
    ]


def _day_inputs(
    day: Day, chronicle: Chronicle, index: RelatedIndex, archive: Archive, calendars: dict[Any, tuple[Any, ...]]
) -> tuple[Any, ...]:
    """What pages.day_view shows of the chronicle, the index and the archive for `day`; the
    calendar's part is made once for each month, in `calendars`."""
    key = (day.date.year, day.date.month)
    calendar = calendars.get(key)
    if calendar is None:
        month = archive.months.get(key, ())
        latest = chronicle.days[-1].date
        # The calendar: its days, their levels, the latest date if in that month.
        levels = tuple(archive.levels.get(d.date, 0) for d in month)
        calendar = calendars[key] = (month, levels, latest if (latest.year, latest.month) == key else None)
    return (
        day,
        chronicle.previous(day),
        chronicle.next(day),
        chronicle.problems_of(day.path),
        *calendar,
        index.search(day),
        index.threads(day),
        index.on_this_day(day),
        index.mentioned_by(day),
    )


def _gaps(chronicle: Chronicle, settings: Settings, archive: Archive) -> list[PagePlan]:
    lang = language(settings.language)
    pages = []
    days = iter(chronicle.days)
    before = next(days, None)
    after = next(days, None)
    for date in archive.gaps:
        while after is not None and after.date < date:
            before, after = after, next(days, None)
        view = partial(gap_view, date, chronicle, settings, before, after)
        title = lang.gettext("{date}: no summary", date=date_in_words(date, lang))
        src_uri = f"{date:%Y/%m/%d}.md"
        pages.append(PagePlan(src_uri, "dateline/gap.html", title, view, noindex=True, inputs=(date, before, after)))
    return pages


def _day_numbers(archive: Archive, settings: Settings) -> list[PagePlan]:
    """`/day/N/` for every day, and for every date without a summary (to its small page)."""
    lang = language(settings.language)
    targets = {number: day_link(day, lang) for number, day in archive.numbers.items()}
    for date in archive.gaps:
        number = day_number(date, settings.counting)
        if number not in targets:
            words = date_in_words(date, lang)
            number_text = format_number(number, lang)
            targets[number] = DayLink(
                gap_url(date), number, number_text, date.isoformat(), words, None, day_words(number, lang)
            )
    pages = []
    for number, target in sorted(targets.items()):
        words = day_words(number, lang)
        view = (format_number(number, lang), target, words)
        src_uri = f"{day_number_url(number).rstrip('/')}.md"
        pages.append(
            PagePlan(src_uri, "dateline/redirect.html", words, partial(RedirectView, *view), noindex=True, inputs=view)
        )
    return pages


def _every_year(chronicle: Chronicle, settings: Settings) -> list[PagePlan]:
    """`/on-this-day/MM-DD/` for each date of the year whose "On this day" leaves years out (on
    more than 1 + ON_THIS_DAY years): the day pages link it. Once made it stays, as years only add."""
    lang = language(settings.language)
    dates: dict[tuple[int, int], list[Day]] = {}
    for day in chronicle.days:
        dates.setdefault((day.date.month, day.date.day), []).append(day)
    return [
        PagePlan(
            every_year_url(days[0].date).rstrip("/") + ".md",
            "dateline/every-year.html",
            every_year_view(days, lang).title,
            partial(every_year_view, days, lang),
            inputs=(tuple(days), lang),
        )
        for days in dates.values()
        if len({d.date.year for d in days}) > 1 + ON_THIS_DAY
    ]


@dataclass(frozen=True)
class _Paging:
    """A listing page's place among its pages, made into a Pagination only when the page is
    rendered (`_later`): each Pagination links every page of its listing, so made while
    planning, a listing of N pages kept N² links all build long (at 10,000 days, a million)."""

    base: str
    number: int
    count: int


def _later(view: Callable[..., Any], *args: Any) -> Any:
    """`view(*args)`, with each _Paging made into its Pagination."""
    return view(*(pagination(a.base, a.number, a.count) if isinstance(a, _Paging) else a for a in args))


def _index(url: str) -> str:
    """The source path MkDocs turns into `url`: "topics/fighting/page/2/" -> ".../2/index.md"."""
    return f"{url}index.md"
