"""Years, months, topics and tags: which days each listing page holds, and how it is paginated.

Every listing is bounded so no page grows with the chronicle: a year page holds one year, a month
page one month, a topic or tag page `PER_PAGE` entries. Listings run newest first, as a reader
of a running story expects; a year's calendar runs January to December.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from dateline.incremental import DayMemo
from dateline.model import Chronicle, Day, Section, Settings

PER_PAGE = 20

T = TypeVar("T")


@dataclass(frozen=True)
class Archive:
    """The chronicle grouped every way a reader browses it. Lists of days run newest first."""

    years: dict[int, tuple[Day, ...]]  # newest year first
    months: dict[tuple[int, int], tuple[Day, ...]]  # newest month first
    topics: dict[str, tuple[tuple[Day, Section], ...]]  # configured section slug -> entries
    tags: dict[str, tuple[Day, ...]]  # tag -> days, tags in alphabetical order
    gaps: tuple[dt.date, ...]  # dates inside the chronicle with no published day
    numbers: dict[int, Day]  # day number -> the day that carries it (a pinned number wins)
    levels: dict[dt.date, int]  # how much happened: the day's word count in quartiles, 1 to 4
    thresholds: tuple[int, ...]  # the word counts where levels 2, 3 and 4 start


def build_archive(chronicle: Chronicle, settings: Settings) -> Archive:
    newest_first = chronicle.days[::-1]
    years: dict[int, list[Day]] = {}
    months: dict[tuple[int, int], list[Day]] = {}
    tags: dict[str, list[Day]] = {}
    configured = {s.slug for s in settings.sections}
    topics: dict[str, list[tuple[Day, Section]]] = {s.slug: [] for s in settings.sections}
    for day in newest_first:
        years.setdefault(day.date.year, []).append(day)
        months.setdefault((day.date.year, day.date.month), []).append(day)
        for tag in day.tags:
            tags.setdefault(tag, []).append(day)
        for section in day.sections:
            if section.slug in configured:
                topics[section.slug].append((day, section))
    numbers: dict[int, Day] = {}
    for day in chronicle.days:
        # Two days can claim one number only when one of them pins it: the pin is the editor's word.
        if day.number not in numbers or (day.pinned and not numbers[day.number].pinned):
            numbers[day.number] = day
    levels, thresholds = _levels(chronicle.days)
    return Archive(
        levels=levels,
        thresholds=thresholds,
        years={y: tuple(d) for y, d in years.items()},
        months={m: tuple(d) for m, d in months.items()},
        topics={slug: tuple(entries) for slug, entries in topics.items()},
        tags={t: tuple(tags[t]) for t in sorted(tags, key=sort_key)},
        gaps=tuple(_gaps(chronicle.days)),
        numbers=numbers,
    )


def _levels(days: Sequence[Day]) -> tuple[dict[dt.date, int], tuple[int, ...]]:
    """Each day's word count placed among all days' (quartiles): 1 for the quietest quarter."""
    words = {d.date: _WORDS.get(d, None, functools.partial(_words, d)) for d in days}
    ranked = sorted(words.values())
    if not ranked:
        return {}, ()
    thresholds = tuple(ranked[len(ranked) * q // 4] for q in (1, 2, 3))
    return {date: 1 + sum(n >= t for t in thresholds) for date, n in words.items()}, thresholds


def _words(day: Day) -> int:
    return len(day.text.split())


_WORDS: DayMemo[int] = DayMemo()  # a day's words, counted once: at 10,000 days 0.2 s a rebuild


# A silence longer than this is not a gap in the chronicle but a break in it (or a day dated
# 2999 by mistake): its dates get no page each, and /day/N/ does not reach into it.
MAX_GAP = dt.timedelta(days=366)


def _gaps(days: Sequence[Day]) -> Iterable[dt.date]:
    for before, after in zip(days, days[1:], strict=False):
        if after.date - before.date > MAX_GAP:
            continue
        date = before.date + dt.timedelta(days=1)
        while date < after.date:
            yield date
            date += dt.timedelta(days=1)


def paginate(items: Sequence[T], per_page: int = PER_PAGE) -> list[Sequence[T]]:
    """Items in pages of `per_page`; an empty listing is one empty page."""
    return [items[i : i + per_page] for i in range(0, len(items), per_page)] or [items[:0]]


def page_url(base: str, number: int) -> str:
    """The URL of page `number` of a listing at `base`: "topics/fighting/page/2/"."""
    return base if number == 1 else f"{base}page/{number}/"


def sort_key(text: str) -> tuple[str, str]:
    """Alphabetical order that ignores case and accents on Latin letters: "Élysée" by "E"."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return folded, text


def initial(text: str) -> str:
    """The letter a word is filed under in an A–Z list: "élysée" -> "E", "київ" -> "К", "2025" -> "#"."""
    first = sort_key(text)[0][:1]
    return first.upper() if first.isalpha() else "#"
