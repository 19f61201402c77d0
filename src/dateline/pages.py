"""What a day page and the home page show, as plain data for the templates.

URLs here are site-relative ("2025/11/26/"); the templates make them relative to the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from dateline.counting import date_in_words, format_number, ordinal, short_date
from dateline.model import Chronicle, Day, Settings, Source


@dataclass(frozen=True)
class DayLink:
    url: str
    number: int
    number_text: str  # "1,371"
    date_iso: str
    date_words: str  # "Wednesday, 26 November 2025"
    date_short: str  # "26 November"
    title: str | None


@dataclass(frozen=True)
class DayView:
    number: int
    number_text: str
    date_iso: str
    date_words: str
    lede_sentence: str  # "The main events of the 1,371st day of …"
    title: str | None
    summary: str | None
    tags: tuple[str, ...]
    sections: tuple[tuple[str, str], ...]  # (slug, display name), in tab order
    sources: tuple[Source, ...]
    correction: str | None
    updated_iso: str | None
    updated_words: str | None
    previous: DayLink | None
    next: DayLink | None
    url: str


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
        date_short=short_date(day.date),
        title=day.title,
    )


def lede_sentence(day: Day, settings: Settings) -> str:
    return settings.lede.format(
        ordinal=ordinal(day.number),
        number=format_number(day.number),
        story=settings.story,
        date=date_in_words(day.date),
    )


def day_view(day: Day, chronicle: Chronicle, settings: Settings) -> DayView:
    previous, following = chronicle.previous(day), chronicle.next(day)
    return DayView(
        number=day.number,
        number_text=format_number(day.number),
        date_iso=day.date.isoformat(),
        date_words=date_in_words(day.date),
        lede_sentence=lede_sentence(day, settings),
        title=day.title,
        summary=day.summary,
        tags=day.tags,
        sections=tuple((s.slug, s.name) for s in day.sections),
        sources=day.sources,
        correction=day.correction,
        updated_iso=day.updated.isoformat() if day.updated else None,
        updated_words=f"{date_in_words(day.updated.date())}, {day.updated:%H:%M} UTC" if day.updated else None,
        previous=day_link(previous) if previous else None,
        next=day_link(following) if following else None,
        url=day.url,
    )


def home_view(chronicle: Chronicle, settings: Settings) -> HomeView | None:
    """The latest day in full, then the headlines of the days before it."""
    if not chronicle.days:
        return None
    latest = chronicle.days[-1]
    earlier = chronicle.days[-1 - settings.home_days : -1][::-1]
    return HomeView(day_view(latest, chronicle, settings), tuple(day_link(d) for d in earlier))
