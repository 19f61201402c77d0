"""What a day page and the home page show, as plain data for the templates.

URLs here are site-relative ("2025/11/26/"); the templates make them relative to the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from dateline.counting import date_in_words, format_number, ordinal
from dateline.model import Chronicle, Day, Settings, Source
from dateline.related import RelatedIndex


@dataclass(frozen=True)
class DayLink:
    url: str
    number: int
    number_text: str  # "1,371"
    date_iso: str
    date_words: str  # "Wednesday, 26 November 2025"
    title: str | None


@dataclass(frozen=True)
class RelatedLink:
    day: DayLink
    reason: str  # "editor's pick · also: Siversk, Witkoff · Peace plan"
    explicit: bool


@dataclass(frozen=True)
class ThreadLink:
    tag: str
    previous: DayLink | None
    next: DayLink | None


@dataclass(frozen=True)
class EarlierYear:
    words: str  # "One year ago"
    day: DayLink


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
    related: tuple[RelatedLink, ...] = ()
    threads: tuple[ThreadLink, ...] = ()
    on_this_day: tuple[EarlierYear, ...] = ()
    mentioned_by: tuple[DayLink, ...] = ()


@dataclass(frozen=True)
class HomeView:
    latest: DayView
    earlier: tuple[DayLink, ...]


def day_link(day: Day) -> DayLink:
    return DayLink(
        url=day.url,
        number=day.number,
        number_text=format_number(day.number),
        date_iso=day.date.isoformat(),
        date_words=date_in_words(day.date),
        title=day.title,
    )


def lede_sentence(day: Day, settings: Settings) -> str:
    return settings.lede.format(
        ordinal=ordinal(day.number),
        number=format_number(day.number),
        story=settings.story,
        date=date_in_words(day.date),
    )


_YEARS = ("One year ago", "Two years ago", "Three years ago", "Four years ago", "Five years ago")


def _years_ago(n: int) -> str:
    return _YEARS[n - 1] if n <= len(_YEARS) else f"{n} years ago"


def day_view(day: Day, chronicle: Chronicle, settings: Settings, index: RelatedIndex | None = None) -> DayView:
    """A day in full; with `index`, also its related days, threads, earlier years and backlinks."""
    previous, following = chronicle.previous(day), chronicle.next(day)
    view = DayView(
        number=day.number,
        number_text=format_number(day.number),
        date_iso=day.date.isoformat(),
        date_words=date_in_words(day.date),
        lede_sentence=lede_sentence(day, settings),
        title=day.title,
        sources=day.sources,
        correction=day.correction,
        updated_iso=day.updated.isoformat() if day.updated else None,
        updated_words=_updated_words(day.updated) if day.updated else None,
        previous=day_link(previous) if previous else None,
        next=day_link(following) if following else None,
        url=day.url,
    )
    if index is None:
        return view
    return replace(
        view,
        related=tuple(RelatedLink(day_link(r.day), r.reason, r.explicit) for r in index.search(day)),
        threads=tuple(
            ThreadLink(t.tag, day_link(t.previous) if t.previous else None, day_link(t.next) if t.next else None)
            for t in index.threads(day)
        ),
        on_this_day=tuple(EarlierYear(_years_ago(n), day_link(d)) for n, d in index.on_this_day(day)),
        mentioned_by=tuple(day_link(d) for d in index.mentioned_by(day)),
    )


def _updated_words(moment: dt.datetime) -> str:
    utc = moment.astimezone(dt.UTC)
    return f"{date_in_words(utc.date())}, {utc:%H:%M} UTC"


def home_view(chronicle: Chronicle, settings: Settings) -> HomeView | None:
    """The latest day in full, then the headlines of the days before it."""
    if not chronicle.days:
        return None
    latest = chronicle.days[-1]
    earlier = chronicle.days[-1 - settings.home_days : -1][::-1]
    return HomeView(day_view(latest, chronicle, settings), tuple(day_link(d) for d in earlier))
