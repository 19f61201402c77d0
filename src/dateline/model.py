"""The chronicle as plain data: days, their sections, problems and the site's settings.

Everything here is frozen: the core builds these once per build and hands them out; nothing
downstream mutates them, so `mkdocs serve` rebuilds never see stale state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Problem:
    """Something wrong (or worth saying) about one place in one file."""

    path: str  # relative to the project root, POSIX separators
    line: int  # 1-based
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Source:
    url: str
    title: str | None = None
    link: bool = True  # False: not an http(s) or site-relative URL, shown as plain text


@dataclass(frozen=True)
class Section:
    """One `## ` section of a day: one tab on the day page."""

    slug: str  # tab anchor and topic slug, e.g. "peace-plan"
    name: str  # display name: the configured name, or the heading as written
    heading: str  # the heading as the editor wrote it
    line: int  # of the heading
    markdown: str  # body; links to days are kept as day-link tokens, see content.py
    body_line: int = 0  # line of the body's first line


def date_path(date: dt.date) -> str:
    """A date's place in the site, "2025/11/26": its day page's, or its page with no summary's."""
    return date.isoformat().replace("-", "/")


@dataclass(frozen=True)
class Day:
    date: dt.date
    path: str  # e.g. "content/2025/11/2025-11-26.md"
    number: int
    pinned: bool = False  # number comes from the file's `day:` key
    title: str | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()
    related: tuple[dt.date, ...] = ()
    sources: tuple[Source, ...] = ()
    updated: dt.datetime | None = None
    correction: str | None = None
    draft: bool = False
    lede: str = ""  # markdown before the first section, day-link tokens kept
    sections: tuple[Section, ...] = ()
    links: tuple[dt.date, ...] = ()  # days this day's text links to, in order, unique

    @property
    def url(self) -> str:
        """Site-relative URL of the day page, e.g. "2025/11/26/"."""
        return f"{date_path(self.date)}/"

    @property
    def src_uri(self) -> str:
        """Path of the generated page inside the site's docs, e.g. "2025/11/26.md"."""
        return f"{date_path(self.date)}.md"

    @property
    def text(self) -> str:
        """All the day's prose, for indexing."""
        parts = [self.title or "", self.summary or "", self.lede]
        parts += [s.markdown for s in self.sections]
        return "\n".join(parts)


@dataclass(frozen=True)
class Chronicle:
    """All published days, oldest first, and every problem found while loading them."""

    days: tuple[Day, ...]
    problems: tuple[Problem, ...] = ()
    _position: dict[dt.date, int] = field(default_factory=dict, repr=False, compare=False)
    _by_path: dict[str, list[Problem]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._position.update({d.date: i for i, d in enumerate(self.days)})
        for problem in self.problems:
            self._by_path.setdefault(problem.path, []).append(problem)

    def find(self, date: dt.date) -> Day | None:
        i = self._position.get(date)
        return None if i is None else self.days[i]

    def index_of(self, day: Day) -> int:
        return self._position[day.date]

    def previous(self, day: Day) -> Day | None:
        i = self.index_of(day)
        return self.days[i - 1] if i > 0 else None

    def next(self, day: Day) -> Day | None:
        i = self.index_of(day)
        return self.days[i + 1] if i + 1 < len(self.days) else None

    def problems_of(self, path: str) -> tuple[Problem, ...]:
        """The problems found in one file, in line order."""
        return tuple(self._by_path.get(path, ()))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


@dataclass(frozen=True)
class SectionSetting:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountingRule:
    """From `since` on, day `start_number` is `start`; later dates count up from there.

    Days since 24 Feb 2022: start=2022-02-24, start_number=0 (2025-11-26 is day 1,371).
    24 Feb 2022 is day 1: start_number=1 (2025-11-26 is day 1,372).
    """

    start: dt.date
    start_number: int = 0
    since: dt.date | None = None  # None: from the beginning


@dataclass(frozen=True)
class RelatedWeights:
    tags: float = 3.0
    names: float = 1.0
    sections: float = 0.25


@dataclass(frozen=True)
class SiteImage:
    """The one picture share previews show: a file in the built site, with its size in pixels."""

    path: str  # site-relative: "assets/images/dateline-card.png"
    width: int
    height: int
    alt: str = ""


@dataclass(frozen=True)
class Publishing:
    """How the site publishes: feeds, share previews, structured data."""

    time_zone: str = "UTC"  # IANA name: a day counts as published at `time` on its date, here
    time: dt.time = dt.time(12, 0)
    feed_days: int = 30  # days in each feed, newest first
    image: SiteImage | None = None
    publisher: str | None = None  # the organisation named in structured data; None: none named
    publisher_url: str | None = None
    source_note: str | None = None  # a line under each feed entry's sources, e.g. where the summaries come from


@dataclass(frozen=True)
class Settings:
    story: str = "Russia's war against Ukraine"
    language: str = "en"  # BCP 47, a language with a catalogue (dateline.language): every word readers read
    content_dir: Path = Path("content")
    root: Path = Path(".")  # problems name files relative to this
    counting: tuple[CountingRule, ...] = (CountingRule(dt.date(2022, 2, 24), 0),)
    sections: tuple[SectionSetting, ...] = ()
    default_sections: tuple[str, ...] = ()  # section names `make new` writes
    lede: str = "The main events of the {ordinal} day of {story}."
    home_days: int = 10
    related_count: int = 5
    related_include_newer: bool = False
    related_weights: RelatedWeights = RelatedWeights()
    show_drafts: bool = False
    names_min_days: int = 3  # days that must mention a name before it gets a page
    names_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (name, its other spellings)
    names_exclude: tuple[str, ...] = ()  # words the extractor takes for names, on top of names.EXCLUDED
    preview: bool = False  # an editor's preview (`mkdocs serve`): problems and drafts shown on the pages
    max_file_bytes: int = 1_000_000  # a larger day file is left out, with an error
    publishing: Publishing = Publishing()
