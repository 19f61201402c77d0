"""What each page shows, as plain data for the templates: days, the home page, listings, gaps.

URLs here are site-relative ("2025/11/26/"); the templates make them relative to the page.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup, escape

from dateline.archive import Archive, initial, page_url
from dateline.charts import rhythm_bars, rhythm_svg, year_strip_svg
from dateline.content import TOKEN_CLOSE, TOKEN_OPEN
from dateline.counting import (
    date_in_words,
    day_number,
    day_words,
    format_number,
    long_date,
    month_in_words,
    month_name,
    ordinal,
    short_date,
)
from dateline.incremental import DayMemo
from dateline.language import Language, language
from dateline.model import Chronicle, Day, Section, Settings, Source, date_path
from dateline.names import Mention, Name
from dateline.related import RelatedIndex, Thread


@dataclass(frozen=True)
class Link:
    """A plain link: its words and its site-relative URL."""

    text: str
    url: str


@dataclass(frozen=True)
class DayLink:
    url: str
    number: int
    number_text: str  # "1,371"
    date_iso: str
    date_words: str  # "Wednesday, 26 November 2025"
    title: str | None
    day_words: str = ""  # "Day 1,371", in the site's language
    date_text: str = ""  # "26 November 2025", where a link is short: story threads, mentioned by


@dataclass(frozen=True)
class RelatedLink:
    day: DayLink
    reason: str  # "Picked by the editor · same tag: Siversk · also names Witkoff · also in Peace plan"
    explicit: bool


@dataclass(frozen=True)
class ThreadLink:
    """The tags whose story goes on from this day to the same days: one row, not one per tag."""

    tags: tuple[Link, ...]  # "#geneva" -> its tag page, in the day's order
    previous: DayLink | None
    next: DayLink | None


@dataclass(frozen=True)
class EarlierYear:
    words: str  # "One year ago"
    day: DayLink


@dataclass(frozen=True)
class CalendarDay:
    day: int  # of the month
    date_iso: str
    link: DayLink | None  # the day's page, if it has one
    label: str  # the accessible name: "Day 1,371, Wednesday, 26 November 2025: <headline>"
    latest: bool = False  # the chronicle's latest day
    current: bool = False  # the day of the page showing the calendar
    level: int = 0  # how much happened, 1 (quietest quarter of days) to 4; 0 without a summary


@dataclass(frozen=True)
class CalendarMonth:
    """One month as a grid: weeks start on Monday; None pads the first and last week."""

    title: str  # "November 2025"
    url: str | None  # the month's page, if any day of it has one
    weeks: tuple[tuple[CalendarDay | None, ...], ...]
    count: int  # days with a page


@dataclass(frozen=True)
class DayView:
    number: int
    number_text: str
    date_iso: str
    date_words: str
    lede_sentence: str  # "The main events of the 1,371st day of …"
    title: str | None
    sources: tuple[Source, ...]
    correction: str | None
    updated_iso: str | None
    updated_words: str | None
    previous: DayLink | None
    next: DayLink | None
    url: str
    tags: tuple[Link, ...] = ()  # "#kyiv" -> its tag page
    crumbs: tuple[Link, ...] = ()  # Archive › 2025 › November 2025
    calendar: CalendarMonth | None = None  # the day's month, the day marked
    related: tuple[RelatedLink, ...] = ()
    threads: tuple[ThreadLink, ...] = ()
    on_this_day: tuple[EarlierYear, ...] = ()  # the nearest ON_THIS_DAY earlier years
    every_year: Link | None = None  # the date's page of all years, when on_this_day leaves some out
    mentioned_by: tuple[DayLink, ...] = ()
    preview: Preview | None = None  # while an editor previews: the day's problems, and if a draft
    day_words: str = ""  # "Day 1,371", in the site's language
    corrected_words: str | None = None  # "27 November 2025, 09:30 UTC": when `updated:` corrected it


@dataclass(frozen=True)
class Preview:
    """What an editor previewing with `make serve` is shown on a day's page: never in a build."""

    draft: bool
    problems: tuple[str, ...]  # "line 4: error: bad YAML: …"


@dataclass(frozen=True)
class Troubled:
    """A file with problems, for the preview's list on the home page."""

    path: str
    count: int
    day: DayLink | None  # its page, if it has one


@dataclass(frozen=True)
class HomeView:
    latest: DayView
    earlier: tuple[DayLink, ...]
    month: Link  # the latest day's month
    archive: Link
    troubled: tuple[Troubled, ...] = ()  # while an editor previews: every file with problems


@dataclass(frozen=True)
class Entry:
    """A day in a listing: its header, headline, summary and links to its sections' tabs."""

    day: DayLink
    summary: str | None
    sections: tuple[Link, ...]  # "Fighting" -> "2025/11/26/#fighting"
    tags: tuple[Link, ...]
    draft: bool = False  # only ever true in a preview: drafts are not published


@dataclass(frozen=True)
class TopicEntry:
    """A day in a topic's listing, with that section's full text."""

    day: DayLink
    section: Link  # the section's tab on the day page
    html: str  # the section's text, rendered for the listing page


@dataclass(frozen=True)
class RhythmYear:
    year: int
    months: tuple[int, ...]  # days in each month, January to December


@dataclass(frozen=True)
class Rhythm:
    """When a topic, tag or name was in the news: a chart, and its figures as a table."""

    svg: str
    years: tuple[RhythmYear, ...]  # newest first, only years with days
    total: int


@dataclass(frozen=True)
class Pagination:
    number: int
    count: int
    previous: str | None  # URLs
    next: str | None
    pages: tuple[Link, ...]  # every page: "2" -> its URL


@dataclass(frozen=True)
class YearSummary:
    year: int
    url: str
    count: int  # days with a page
    months: tuple[Link, ...] = ()  # "November" -> "2025/11/", months with days
    strip: str = ""  # SVG: twelve cells shaded by days, each month with days a link


@dataclass(frozen=True)
class ArchiveView:
    years: tuple[YearSummary, ...]  # newest first
    month: Link | None  # the latest month
    entries: tuple[Entry, ...]  # the latest month's days, newest first
    count: int  # days in the whole chronicle


@dataclass(frozen=True)
class YearView:
    year: int
    count: int
    months: tuple[CalendarMonth, ...]  # January to December
    previous: Link | None  # the nearest year with days
    next: Link | None
    crumbs: tuple[Link, ...]
    thresholds: tuple[int, ...] = ()  # word counts where the calendar's shades 2 to 4 start


@dataclass(frozen=True)
class MonthView:
    title: str  # "November 2025"
    count: int
    entries: tuple[Entry, ...]  # newest first
    previous: Link | None  # the nearest month with days
    next: Link | None
    crumbs: tuple[Link, ...]


@dataclass(frozen=True)
class TopicSummary:
    name: str
    slug: str
    url: str | None  # None while no day has the section
    count: int


@dataclass(frozen=True)
class TopicsView:
    topics: tuple[TopicSummary, ...]  # in the settings' order


@dataclass(frozen=True)
class TopicView:
    name: str
    slug: str
    count: int
    entries: tuple[TopicEntry, ...]
    pagination: Pagination
    crumbs: tuple[Link, ...]
    rhythm: Rhythm | None = None  # on the first page


@dataclass(frozen=True)
class TagSummary:
    tag: str
    url: str
    count: int


@dataclass(frozen=True)
class TagLetter:
    letter: str
    anchor: str  # id of the letter's heading
    tags: tuple[TagSummary, ...]


@dataclass(frozen=True)
class TagsView:
    letters: tuple[TagLetter, ...]
    count: int  # tags


@dataclass(frozen=True)
class TagView:
    tag: str
    count: int
    entries: tuple[Entry, ...]
    pagination: Pagination
    crumbs: tuple[Link, ...]
    rhythm: Rhythm | None = None  # on the first page


@dataclass(frozen=True)
class EveryYearView:
    """/on-this-day/MM-DD/: one date of the year in every year of the chronicle, newest first."""

    title: str  # "26 November in every year"
    count: int
    entries: tuple[Entry, ...]
    crumbs: tuple[Link, ...]


@dataclass(frozen=True)
class GapView:
    """A date inside the chronicle with no summary: where to go instead."""

    number_text: str
    date_iso: str
    date_words: str
    previous: DayLink | None
    next: DayLink | None
    crumbs: tuple[Link, ...]
    day_words: str = ""  # "Day 1,348"
    number: int = 0


@dataclass(frozen=True)
class RedirectView:
    """`/day/1371/`: sends the reader on to the date's page."""

    number_text: str
    target: DayLink
    day_words: str = ""  # "Day 1,371"


@dataclass(frozen=True)
class SiteView:
    """What every template may show, the 404 page included."""

    latest: DayLink | None
    archive: Link
    language: str = "en"  # BCP 47: <html lang>, og:locale, the search dialog's words
    weekdays: tuple[tuple[str, str], ...] = ()  # (short, full) names, Monday first: calendars' heads
    months: tuple[str, ...] = ()  # short month names, January first: the rhythm tables' heads


def archive_link(lang: Language) -> Link:
    return Link(lang.gettext("Archive"), "archive/")


def topics_link(lang: Language) -> Link:
    return Link(lang.gettext("Topics"), "topics/")


def tags_link(lang: Language) -> Link:
    return Link(lang.gettext("Tags"), "tags/")


def day_link(day: Day, lang: Language) -> DayLink:
    return _LINKS.get(day, lang, lambda: _day_link(day, lang))  # every page links days: made once


_LINKS: DayMemo[DayLink] = DayMemo()


def _day_link(day: Day, lang: Language) -> DayLink:
    return DayLink(
        url=day.url,
        number=day.number,
        number_text=format_number(day.number, lang),
        date_iso=day.date.isoformat(),
        date_words=date_in_words(day.date, lang),
        title=day.title,
        day_words=day_words(day.number, lang),
    )


def year_url(year: int) -> str:
    return f"{year:04d}/"


def month_url(year: int, month: int) -> str:
    return f"{year:04d}/{month:02d}/"


def month_title(year: int, month: int, lang: Language) -> str:
    return month_in_words(year, month, lang)


def tag_url(tag: str) -> str:
    return f"tags/{tag}/"


def topic_url(slug: str) -> str:
    return f"topics/{slug}/"


def day_number_url(number: int) -> str:
    return f"day/{number}/"


def gap_url(date: dt.date) -> str:
    return f"{date_path(date)}/"


# "On this day" lists this many earlier years, nearest first; the date's page has them all
# (a chronicle of 27 years would otherwise carry 26 entries on every day page).
ON_THIS_DAY = 5


def _every_year_link(date: dt.date, lang: Language) -> Link:
    return Link(lang.gettext("{date} in every year", date=short_date(date, lang)), every_year_url(date))


def every_year_url(date: dt.date) -> str:
    """The page of a date in every year of the chronicle: 26 November -> "on-this-day/11-26/"."""
    return f"on-this-day/{date:%m-%d}/"


def lede_sentence(day: Day, settings: Settings) -> str:
    lang = language(settings.language)
    return settings.lede.format(
        ordinal=ordinal(day.number, lang),
        number=format_number(day.number, lang),
        story=settings.story,
        date=date_in_words(day.date, lang),
    )


def _years_ago(n: int, lang: Language) -> str:
    """ "One year ago", …, "Five years ago", then "6 years ago"."""
    words = (
        lang.gettext("One year ago"),
        lang.gettext("Two years ago"),
        lang.gettext("Three years ago"),
        lang.gettext("Four years ago"),
        lang.gettext("Five years ago"),
    )
    return words[n - 1] if n <= len(words) else lang.ngettext("{number} year ago", "{number} years ago", n)


def _crumbs(date: dt.date, depth: int, lang: Language) -> tuple[Link, ...]:
    """Archive › 2025 › November 2025, down to `depth` (1: the year, 2: the month)."""
    crumbs = [archive_link(lang), Link(str(date.year), year_url(date.year))]
    if depth >= 2:
        crumbs.append(Link(month_title(date.year, date.month, lang), month_url(date.year, date.month)))
    return tuple(crumbs)


def _tag_links(day: Day) -> tuple[Link, ...]:
    return tuple(Link(f"#{t}", tag_url(t)) for t in day.tags)


def day_view(
    day: Day,
    chronicle: Chronicle,
    settings: Settings,
    index: RelatedIndex | None = None,
    archive: Archive | None = None,
) -> DayView:
    """A day in full; with `index`, also its related days, threads, earlier years and backlinks;
    with `archive`, its month's calendar."""
    lang = language(settings.language)
    previous, following = chronicle.previous(day), chronicle.next(day)
    view = DayView(
        number=day.number,
        number_text=format_number(day.number, lang),
        date_iso=day.date.isoformat(),
        date_words=date_in_words(day.date, lang),
        lede_sentence=lede_sentence(day, settings),
        title=day.title,
        sources=day.sources,
        correction=day.correction,
        updated_iso=day.updated.isoformat() if day.updated else None,
        updated_words=_updated_words(day.updated, lang, True) if day.updated else None,
        previous=day_link(previous, lang) if previous else None,
        next=day_link(following, lang) if following else None,
        url=day.url,
        tags=_tag_links(day),
        crumbs=_crumbs(day.date, 2, lang),
        day_words=day_words(day.number, lang),
        corrected_words=_updated_words(day.updated, lang, False) if day.updated else None,
    )
    if archive is not None:
        month = calendar_month(day.date.year, day.date.month, archive, chronicle, day, lang)
        view = replace(view, calendar=month)
    if settings.preview:
        problems = tuple(f"line {p.line}: {p.severity}: {p.message}" for p in chronicle.problems_of(day.path))
        view = replace(view, preview=Preview(day.draft, problems))
    if index is None:
        return view
    earlier = index.on_this_day(day)
    return replace(
        view,
        related=tuple(RelatedLink(day_link(r.day, lang), r.explain(lang), r.explicit) for r in index.search(day)),
        threads=_thread_links(index.threads(day), lang),
        on_this_day=tuple(EarlierYear(_years_ago(n, lang), day_link(d, lang)) for n, d in earlier[:ON_THIS_DAY]),
        every_year=_every_year_link(day.date, lang) if len(earlier) > ON_THIS_DAY else None,
        mentioned_by=tuple(_short_link(d, lang) for d in index.mentioned_by(day)),
    )


def _short_link(day: Day, lang: Language) -> DayLink:
    """A day as a thread or a backlink names it: its number and date, the weekday and headline
    left to its page (the related days and earlier years show theirs)."""
    return replace(day_link(day, lang), date_text=long_date(day.date, lang))


def _thread_links(threads: tuple[Thread, ...], lang: Language) -> tuple[ThreadLink, ...]:
    """Tags that lead to the same day before and the same day after share a row, where the
    first of them stands in the day's tag order."""
    rows: dict[tuple[str | None, str | None], list[Thread]] = {}
    for t in threads:
        key = (t.previous.path if t.previous else None, t.next.path if t.next else None)
        rows.setdefault(key, []).append(t)
    return tuple(
        ThreadLink(
            tuple(Link(f"#{t.tag}", tag_url(t.tag)) for t in row),
            _short_link(row[0].previous, lang) if row[0].previous else None,
            _short_link(row[0].next, lang) if row[0].next else None,
        )
        for row in rows.values()
    )


def _updated_words(moment: dt.datetime, lang: Language, weekday: bool) -> str:
    """ "Thursday, 27 November 2025, 09:30 UTC" (without the weekday: "27 November 2025, 09:30 UTC")."""
    utc = moment.astimezone(dt.UTC)
    date = date_in_words(utc.date(), lang) if weekday else long_date(utc.date(), lang)
    return lang.gettext("{date}, {time} UTC", date=date, time=f"{utc:%H:%M}")


def home_view(
    chronicle: Chronicle, settings: Settings, index: RelatedIndex | None = None, archive: Archive | None = None
) -> HomeView | None:
    """The latest day in full, then the headlines of the days before it, then where to go next."""
    if not chronicle.days:
        return None
    lang = language(settings.language)
    latest = chronicle.days[-1]
    earlier = chronicle.days[-1 - settings.home_days : -1][::-1]
    date = latest.date
    return HomeView(
        day_view(latest, chronicle, settings, None, archive),
        tuple(day_link(d, lang) for d in earlier),
        Link(month_title(date.year, date.month, lang), month_url(date.year, date.month)),
        archive_link(lang),
        troubled(chronicle, lang) if settings.preview else (),
    )


def troubled(chronicle: Chronicle, lang: Language) -> tuple[Troubled, ...]:
    """Every file with an error or a warning, with its page if it has one."""
    days = {d.path: d for d in chronicle.days}
    counts: dict[str, int] = {}
    for p in chronicle.problems:
        if p.severity != "note":
            counts[p.path] = counts.get(p.path, 0) + 1
    return tuple(
        Troubled(path, n, day_link(days[path], lang) if path in days else None) for path, n in sorted(counts.items())
    )


# -- listings ------------------------------------------------------------------------------


def calendar_month(
    year: int, month: int, archive: Archive, chronicle: Chronicle, current: Day | None, lang: Language
) -> CalendarMonth:
    days = {d.date: d for d in archive.months.get((year, month), ())}
    latest = chronicle.days[-1].date if chronicle.days else None
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells: list[CalendarDay | None] = []
        for date in week:
            if date.month != month:
                cells.append(None)
                continue
            day = days.get(date)
            cells.append(
                CalendarDay(
                    day=date.day,
                    date_iso=date.isoformat(),
                    link=day_link(day, lang) if day else None,
                    label=_calendar_label(day, lang) if day else _gap_label(date, lang),
                    latest=date == latest,
                    current=current is not None and date == current.date,
                    level=archive.levels.get(date, 0) if day else 0,
                )
            )
        weeks.append(tuple(cells))
    return CalendarMonth(
        title=month_title(year, month, lang),
        url=month_url(year, month) if days else None,
        weeks=tuple(weeks),
        count=len(days),
    )


@functools.lru_cache(maxsize=65_536)
def _gap_label(date: dt.date, lang: Language) -> str:
    return lang.gettext("{date}: no summary", date=date_in_words(date, lang))


def _calendar_label(day: Day, lang: Language) -> str:
    return _LABELS.get(day, lang, lambda: _make_calendar_label(day, lang))


_LABELS: DayMemo[str] = DayMemo()


def _make_calendar_label(day: Day, lang: Language) -> str:
    label = lang.gettext("{day}, {date}", day=day_words(day.number, lang), date=date_in_words(day.date, lang))
    return lang.gettext("{day}: {headline}", day=label, headline=day.title) if day.title else label


def entry(day: Day, lang: Language) -> Entry:
    return _ENTRIES.get(day, lang, lambda: _entry(day, lang))  # listings show days again and again


_ENTRIES: DayMemo[Entry] = DayMemo()


def _entry(day: Day, lang: Language) -> Entry:
    return Entry(
        day=day_link(day, lang),
        summary=summary_of(day),
        sections=tuple(Link(s.name, f"{day.url}#{s.slug}") for s in day.sections),
        tags=_tag_links(day),
        draft=day.draft,
    )


def archive_view(archive: Archive, chronicle: Chronicle, lang: Language) -> ArchiveView:
    years = tuple(
        YearSummary(
            year,
            year_url(year),
            len(days),
            tuple(Link(month_name(m, lang), month_url(year, m)) for m in range(1, 13) if (year, m) in archive.months),
            year_strip_svg(
                year,
                {m: len(archive.months.get((year, m), ())) for m in range(1, 13)},
                # The strip sits on /archive/: its links are relative to that page.
                lambda m, y=year: f"../{month_url(y, m)}",  # type: ignore[misc]
                f"strip-{year}",
                lang,
            ),
        )
        for year, days in archive.years.items()
    )
    latest = next(iter(archive.months), None)
    return ArchiveView(
        years=years,
        month=Link(month_title(*latest, lang), month_url(*latest)) if latest else None,
        entries=tuple(entry(d, lang) for d in archive.months[latest]) if latest else (),
        count=len(chronicle.days),
    )


def year_view(year: int, archive: Archive, chronicle: Chronicle, lang: Language) -> YearView:
    years = sorted(archive.years)
    i = years.index(year)
    return YearView(
        year=year,
        count=len(archive.years[year]),
        months=tuple(calendar_month(year, m, archive, chronicle, None, lang) for m in range(1, 13)),
        previous=Link(str(years[i - 1]), year_url(years[i - 1])) if i > 0 else None,
        next=Link(str(years[i + 1]), year_url(years[i + 1])) if i + 1 < len(years) else None,
        crumbs=(archive_link(lang),),
        thresholds=archive.thresholds,
    )


def month_view(year: int, month: int, archive: Archive, lang: Language) -> MonthView:
    months = sorted(archive.months)
    i = months.index((year, month))

    def link(m: tuple[int, int]) -> Link:
        return Link(month_title(*m, lang), month_url(*m))

    days = archive.months[(year, month)]
    return MonthView(
        title=month_title(year, month, lang),
        count=len(days),
        entries=tuple(entry(d, lang) for d in days),
        previous=link(months[i - 1]) if i > 0 else None,
        next=link(months[i + 1]) if i + 1 < len(months) else None,
        crumbs=_crumbs(dt.date(year, month, 1), 1, lang),
    )


def rhythm(days: Sequence[Day], chronicle: Chronicle, title: str, ident: str, lang: Language) -> Rhythm | None:
    """Days per month of `days` across the whole chronicle, as a chart and a table."""
    if not chronicle.days:
        return None
    counts: dict[tuple[int, int], int] = {}
    for d in days:
        counts[(d.date.year, d.date.month)] = counts.get((d.date.year, d.date.month), 0) + 1
    first, last = chronicle.days[0].date, chronicle.days[-1].date
    bars = rhythm_bars(counts, (first.year, first.month), (last.year, last.month), lang)
    years = sorted({y for y, _ in counts}, reverse=True)
    return Rhythm(
        svg=rhythm_svg(bars, title, ident, lang),
        years=tuple(RhythmYear(y, tuple(counts.get((y, m), 0) for m in range(1, 13))) for y in years),
        total=len(days),
    )


def topics_view(archive: Archive, settings: Settings) -> TopicsView:
    return TopicsView(
        tuple(
            TopicSummary(
                s.name, s.slug, topic_url(s.slug) if archive.topics[s.slug] else None, len(archive.topics[s.slug])
            )
            for s in settings.sections
        )
    )


def pagination(base: str, number: int, count: int) -> Pagination:
    return Pagination(
        number=number,
        count=count,
        previous=page_url(base, number - 1) if number > 1 else None,
        next=page_url(base, number + 1) if number < count else None,
        pages=tuple(Link(str(n), page_url(base, n)) for n in range(1, count + 1)),
    )


def topic_view(
    name: str,
    slug: str,
    entries: Sequence[tuple[Day, Section]],
    every: Sequence[tuple[Day, Section]],
    paging: Pagination,
    chronicle: Chronicle,
    render: Callable[[str], str],
    lang: Language,
) -> TopicView:
    here = page_url(topic_url(slug), paging.number)
    total = len(every)
    title = lang.gettext("{name}: days per month", name=name)
    return TopicView(
        rhythm=rhythm([d for d, _ in every], chronicle, title, "rhythm", lang) if paging.number == 1 else None,
        name=name,
        slug=slug,
        count=total,
        entries=tuple(
            TopicEntry(
                day=day_link(day, lang),
                section=Link(section.name, f"{day.url}#{section.slug}"),
                html=render(link_days(section.markdown, chronicle, here)),
            )
            for day, section in entries
        ),
        pagination=paging,
        crumbs=(topics_link(lang),),
    )


def tags_view(archive: Archive) -> TagsView:
    letters: dict[str, list[TagSummary]] = {}
    for tag, days in archive.tags.items():
        letters.setdefault(initial(tag), []).append(TagSummary(tag, tag_url(tag), len(days)))
    return TagsView(
        tuple(TagLetter(letter, f"letter-{i + 1}", tuple(tags)) for i, (letter, tags) in enumerate(letters.items())),
        len(archive.tags),
    )


def tag_view(
    tag: str, days: Sequence[Day], every: Sequence[Day], paging: Pagination, chronicle: Chronicle, lang: Language
) -> TagView:
    title = lang.gettext("{name}: days per month", name=f"#{tag}")
    return TagView(
        tag=tag,
        count=len(every),
        entries=tuple(entry(d, lang) for d in days),
        pagination=paging,
        crumbs=(tags_link(lang),),
        rhythm=rhythm(every, chronicle, title, "rhythm", lang) if paging.number == 1 else None,
    )


def every_year_view(days: Sequence[Day], lang: Language) -> EveryYearView:
    """The days of one date of the year (`days`, any order), newest first."""
    newest = sorted(days, key=lambda d: d.date, reverse=True)
    return EveryYearView(
        title=_every_year_link(newest[0].date, lang).text,
        count=len(newest),
        entries=tuple(entry(d, lang) for d in newest),
        crumbs=(archive_link(lang),),
    )


def gap_view(date: dt.date, chronicle: Chronicle, settings: Settings, before: Day | None, after: Day | None) -> GapView:
    lang = language(settings.language)
    number = day_number(date, settings.counting)
    return GapView(
        number_text=format_number(number, lang),
        date_iso=date.isoformat(),
        date_words=date_in_words(date, lang),
        previous=day_link(before, lang) if before else None,
        next=day_link(after, lang) if after else None,
        crumbs=_crumbs(date, 2, lang),
        day_words=day_words(number, lang),
        number=number,
    )


def site_view(chronicle: Chronicle, lang: Language) -> SiteView:
    latest = day_link(chronicle.days[-1], lang) if chronicle.days else None
    return SiteView(latest, archive_link(lang), lang.code, lang.weekdays(), lang.month_abbreviations())


SEARCH_DIALOG = "search-dialog.json"  # the dialog's words and filters (see search_dialog)


def search_dialog(lang: Language, sections: Sequence[str] = (), years: Sequence[int] = ()) -> str:
    """What overrides/assets/javascripts/dateline-search.js makes its dialog from, as JSON (the
    site's search-dialog.json, fetched when search first opens, so that no page carries the
    dialog): its labels and messages, each plural one by CLDR category (the script picks with
    Intl.PluralRules), the word a reader types before a day's number ("day 1371"), the months a
    typed date names, and the section and year filters' values."""
    return lang.script_json(
        {
            "day": sorted({"day", lang.gettext("day").lower()}),
            "months": [m.lower() for m in lang.months()],
            "failed": lang.gettext("Search could not be loaded here. Browse the archive instead."),
            "none": lang.gettext("No day matches “{query}”."),
            "days": lang.plural_forms("{number} day found.", "{number} days found."),
            "names": lang.plural_forms("{number} name page.", "{number} name pages."),
            "name": lang.plural_forms("Name page · {number} day", "Name page · {number} days"),
            "labels": {
                "title": lang.gettext("Search the days"),
                "placeholder": lang.gettext("A place, a name, day 1,371, 26 November 2025"),
                "close": lang.gettext("Close (Esc)"),
                "closeLabel": lang.gettext("Close search"),
                "section": lang.gettext("Section"),
                "allSections": lang.gettext("All sections"),
                "year": lang.gettext("Year"),
                "allYears": lang.gettext("All years"),
                "results": lang.gettext("Results"),
                "names": lang.gettext("Name pages"),
                "more": lang.gettext("More results"),
                "archive": lang.gettext("Browse every day in the archive"),
            },
            "sections": list(sections),
            "years": list(years),
        }
    )


# -- text for listings -------------------------------------------------------------------------

_TOKEN = re.compile(f"{TOKEN_OPEN}(\\d{{4}}-\\d{{2}}-\\d{{2}})([^{TOKEN_CLOSE}]*){TOKEN_CLOSE}")
_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]+|<[^>\n]*>|\[\^[^\]]*\]")
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|St|No|vs))(?<!\bMrs)[.!?…][\"”’)]*(?=\s+[\"“‘(]?[A-ZÀ-ÞА-ЯІЇЄҐ0-9])"
)


def link_days(markdown: str, chronicle: Chronicle, page_url: str) -> str:
    """Day-link tokens as URLs relative to the page at `page_url`, for text rendered outside
    MkDocs (listings, feeds): "[x](\\ue0002025-11-23\\ue001)" -> "[x](../../2025/11/23/)"."""
    base = page_url.rstrip("/") or "."

    def url(m: re.Match[str]) -> str:
        day = chronicle.find(dt.date.fromisoformat(m.group(1)))
        target = day.url if day else f"{m.group(1).replace('-', '/')}/"
        return posixpath.relpath(target, base) + "/" + m.group(2)

    return _TOKEN.sub(url, markdown)


def plain_text(markdown: str) -> str:
    """Markdown as the words a reader reads, on one line: link labels kept, markup dropped."""
    text = _TOKEN.sub("", markdown)
    text = _MARKUP.sub(lambda m: m.group(1) or "", text)
    text = re.sub(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d{1,9}[.)]\s+|>\s*)", "", text, flags=re.M)
    return " ".join(text.split())


def first_sentence(markdown: str) -> str:
    text = plain_text(markdown)
    match = _SENTENCE_END.search(text)
    return text[: match.end()] if match else text


def summary_of(day: Day) -> str | None:
    """The day in a sentence or two: `summary:`, else the lede's first sentence, else the first
    section's."""
    if day.summary:
        return day.summary
    for markdown in (day.lede, *(s.markdown for s in day.sections[:1])):
        if markdown.strip():
            return first_sentence(markdown) or None
    return None


# -- names ---------------------------------------------------------------------------------------


def names_link(lang: Language) -> Link:
    return Link(lang.gettext("Names"), "names/")


@dataclass(frozen=True)
class Quote:
    """A sentence that names someone, in pieces: (text, is the name), and where it stands."""

    url: str  # the day's tab that holds the sentence
    section: str  # its name ("" for the lede)
    parts: tuple[tuple[str, bool], ...]

    @property
    def html(self) -> Markup:
        """The sentence escaped, the name in <mark>: made here, not by a loop in the template,
        for the 60 sentences of each of thousands of name pages."""
        return Markup("").join(Markup("<mark>%s</mark>") % t if is_name else escape(t) for t, is_name in self.parts)


@dataclass(frozen=True)
class NameEntry:
    day: DayLink
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class NameView:
    name: str
    count: int
    entries: tuple[NameEntry, ...]
    pagination: Pagination
    crumbs: tuple[Link, ...]
    rhythm: Rhythm | None = None  # on the first page


@dataclass(frozen=True)
class NamesView:
    letters: tuple[TagLetter, ...]  # each name as a TagSummary: its name, page and count of days
    count: int
    min_days: int  # days that must name one before it gets a page


def name_url(slug: str) -> str:
    return f"names/{slug}/"


def names_view(names: Mapping[str, Name], min_days: int) -> NamesView:
    letters: dict[str, list[TagSummary]] = {}
    for slug, name in names.items():
        letters.setdefault(initial(name.name), []).append(TagSummary(name.name, name_url(slug), len(name.days)))
    return NamesView(
        tuple(TagLetter(letter, f"letter-{i + 1}", tuple(items)) for i, (letter, items) in enumerate(letters.items())),
        len(names),
        min_days,
    )


def name_view(name: Name, days: Sequence[Day], paging: Pagination, chronicle: Chronicle, lang: Language) -> NameView:
    title = lang.gettext("{name}: days per month", name=name.name)
    return NameView(
        rhythm=rhythm(name.days, chronicle, title, "rhythm", lang) if paging.number == 1 else None,
        name=name.name,
        count=len(name.days),
        entries=tuple(NameEntry(day_link(d, lang), tuple(_quote(d, m) for m in name.mentions(d))) for d in days),
        pagination=paging,
        crumbs=(names_link(lang),),
    )


def _quote(day: Day, mention: Mention) -> Quote:
    parts: list[tuple[str, bool]] = []
    at = 0
    for start, end in mention.spans:
        parts += [(mention.sentence[at:start], False), (mention.sentence[start:end], True)]
        at = end
    parts.append((mention.sentence[at:], False))
    section = mention.section
    return Quote(
        url=f"{day.url}#{section.slug}" if section else day.url,
        section=section.name if section else "",
        parts=tuple(p for p in parts if p[0]),
    )
