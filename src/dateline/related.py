"""What a day page shows below its tabs: related days, story threads, on this day, mentioned by.

Related days follow Hugo's `related/inverted_index.go`: one inverted index per signal (tags;
names and places in the text; sections), keyword -> days. A day's score against another is the
sum, over the keywords they share, of the signal's weight (`Settings.related_weights`). Three
choices keep the lists useful and the work linear in the number of days:

- A keyword on more than `COMMON_SHARE` of the days says nothing about which days belong
  together ("Ukraine", "Kyiv", the everyday sections), so it is dropped for that signal, unless
  it is on no more days than one list holds (`related_count` + 1), which keeps small sites
  working. Days are counted up to the day shown, so publishing newer days never changes an
  older page's list.
- A keyword on many days links each day only to the `REACH` nearest days that have it: a tag
  that runs for a year relates days within its story, not every day of that year. This bounds
  the work per day; without it a name on 5% of 10,000 days costs 500 steps on each of them.
- Ties go to the day nearest in time, then the newer, then by path, so results are stable.

The editor's `related:` days always come first, in the editor's order, all of them; computed
days fill the list up to `related_count`. By default only days on or before the day shown are
computed (`related_include_newer` lets newer days in); a day is never related to itself.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import chain
from types import MappingProxyType
from typing import Final, Literal, NamedTuple

from dateline.language import Language, english
from dateline.model import Chronicle, Day, Settings
from dateline.names import Memo, day_names, name_key

Signal = Literal["tags", "names", "sections"]

# Above these shares of the days a keyword is too common to relate two days. Names are
# stricter: a day has two dozen of them against a handful of tags, so chance overlaps are many.
_SHARES: dict[Signal, float] = {"tags": 1 / 3, "names": 1 / 10, "sections": 1 / 3}
COMMON_SHARE: Final[Mapping[Signal, float]] = MappingProxyType(_SHARES)
REACH: Final = 20
REASON_ITEMS: Final = 3  # tags, names or sections shown in a reason, each

# -- related days ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Relation:
    """One related day, and why: the keywords it shares with the day being shown."""

    day: Day
    score: float
    explicit: bool  # from the editor's `related:`
    tags: tuple[str, ...]  # shared tags, in the shown day's order
    names: tuple[str, ...]  # shared names as the shown day writes them, rarest first
    sections: tuple[str, ...]  # shared sections' display names, in the shown day's order

    @property
    def reason(self) -> str:
        """In words a reader reads: "Picked by the editor · same tags: Witkoff, Geneva · also
        names Yuri Ushakov · also in Peace plan"."""
        return self.explain(english())

    def explain(self, lang: Language) -> str:
        """The reason in the site's language."""
        parts = [lang.gettext("Picked by the editor")] if self.explicit else []
        if self.tags:
            tags = [_tag_words(t) for t in self.tags[:REASON_ITEMS]]
            parts.append(lang.ngettext("same tag: {items}", "same tags: {items}", len(tags), items=", ".join(tags)))
        if self.names:
            # "Steve Witkoff" and "Witkoff" are the same person: say it once.
            keys = [name_key(n) for n in self.names]
            longer = {k.rsplit(" ", 1)[-1] for k in keys if " " in k}
            shown = [n for n, k in zip(self.names, keys, strict=True) if k not in longer]
            parts.append(lang.gettext("also names {items}", items=", ".join(shown[:REASON_ITEMS])))
        if self.sections:
            parts.append(lang.gettext("also in {items}", items=", ".join(self.sections[:REASON_ITEMS])))
        return " · ".join(parts)


def _tag_words(tag: str) -> str:
    """A tag as a word in a sentence: "peace-plan" reads "Peace plan"; "Київ" and "NATO" as written."""
    words = tag.replace("-", " ")
    return words[:1].upper() + words[1:] if words.islower() else words


@dataclass(frozen=True)
class Thread:
    """The day before and the day after in one tag's story."""

    tag: str
    previous: Day | None
    next: Day | None


@dataclass(frozen=True)
class _Index:
    """One signal's inverted index: keyword -> positions of the days that have it, ascending."""

    weight: float
    common_share: float
    postings: dict[str, list[int]]
    # Per day: its keywords in the day's order, and where the day is in each one's postings.
    # Two flat tuples a day rather than a tuple per keyword: hundreds of thousands of small
    # containers would keep the garbage collector busy for most of the build.
    keys: list[tuple[str, ...]]
    places: list[tuple[int, ...]]
    displays: list[dict[str, str]]  # per day: keyword -> how that day writes it


class _Kept(NamedTuple):
    """A keyword of the shown day that is not too common, and the days it reaches."""

    key: str
    frequency: int  # days that have it, among the days counted
    reached: list[int]  # positions of the days it reaches, ascending, the shown day included


class RelatedIndex:
    """Everything a day page needs to point at other days; built once per build."""

    def __init__(self, days: list[Day], indexes: dict[Signal, _Index], settings: Settings, keep: bool = False) -> None:
        self._days = days
        self._indexes = indexes
        # Names first: they reach the most days, and the first signal's scores are made in one go.
        order: tuple[Signal, ...] = ("names", "tags", "sections")
        self._scoring = [(s, indexes[s]) for s in order if s in indexes and indexes[s].weight > 0]
        self._count = max(0, settings.related_count)
        self._include_newer = settings.related_include_newer
        self._position = {(d.date, d.path): i for i, d in enumerate(days)}
        self._by_date: dict[dt.date, int] = {}
        for i, d in enumerate(days):
            self._by_date.setdefault(d.date, i)
        self._years: dict[tuple[int, int], list[tuple[int, int]]] = {}  # (month, day) -> (year, position)s
        for date, i in self._by_date.items():  # oldest first
            self._years.setdefault((date.month, date.day), []).append((date.year, i))
        self._ordinals = [d.date.toordinal() for d in days]
        # With two files for one date (an error, but the site still builds), "on or before"
        # takes in both: a day's horizon is the end of its date.
        self._horizon = [0] * len(days)
        for i in range(len(days) - 1, -1, -1):
            same_date = i + 1 < len(days) and days[i + 1].date == days[i].date
            self._horizon[i] = self._horizon[i + 1] if same_date else i + 1
        self._backlinks: dict[dt.date, list[int]] = {}
        for i, d in enumerate(days):
            for date in dict.fromkeys(d.links):
                self._backlinks.setdefault(date, []).append(i)
        self._found: dict[int, tuple[_Found, ...]] = _searched(self) if keep else {}

    def signature(self) -> tuple[object, ...]:
        """Everything `search` reads: equal signatures give the same related days, at the same
        positions, for the same reasons (the days there may be edited, as a headline)."""
        indexes = tuple((s, i.weight, i.common_share, i.keys, i.displays) for s, i in self._indexes.items())
        days = tuple((d.date, d.path, d.related) for d in self._days)
        return days, indexes, self._count, self._include_newer

    @classmethod
    def build(
        cls,
        chronicle: Chronicle,
        settings: Settings,
        *,
        common_share: Mapping[Signal, float] = COMMON_SHARE,
        keep: bool = False,
    ) -> RelatedIndex:
        """Index every day once; a keyword on more than `common_share` of the days is dropped.
        To `keep` (`mkdocs serve`) is to search again only if the last index so built had
        another signature."""
        days = sorted(chronicle.days, key=lambda d: (d.date, d.path))
        weights = settings.related_weights
        share = {**COMMON_SHARE, **common_share}
        # Tags are indexed even with weight 0: the story threads follow them.
        tags = ({t.casefold(): t for t in d.tags} for d in days)
        indexes: dict[Signal, _Index] = {"tags": _build_index(weights.tags, share["tags"], tags)}
        if weights.names > 0:
            memo = Memo()
            names = (day_names(d, memo) for d in days)
            indexes["names"] = _build_index(weights.names, share["names"], names)
        if weights.sections > 0:
            sections = ({s.slug: s.name for s in d.sections} for d in days)
            indexes["sections"] = _build_index(weights.sections, share["sections"], sections)
        return cls(days, indexes, settings, keep)

    def search(self, day: Day) -> tuple[Relation, ...]:
        """The editor's related days, then the best-scoring others up to `related_count`."""
        here = self._where(day)
        found = self._found.get(here)
        if found is None:
            found = self._found[here] = tuple(self._search(here, day))
        return tuple(Relation(self._days[f.position], *f[1:]) for f in found)

    def _search(self, here: int, day: Day) -> list[_Found]:
        explicit: list[int] = []
        for date in day.related:
            there = self._by_date.get(date)
            if there is not None and there != here and there not in explicit:
                explicit.append(there)
        # A keyword no other day has yet can only matter to an editor's pick of a newer day.
        lonely = bool(explicit)
        kept = [(s, index, self._kept(index, here, lonely)) for s, index in self._scoring]
        for signal, _, keywords in kept:
            if signal == "names":  # a reason names the rarest first
                keywords.sort(key=lambda k: (k.frequency, k.key))

        chosen: list[int] = []
        wanted = self._count - len(explicit)
        if wanted > 0:
            scores: dict[int, float] = {}
            for _, index, keywords in kept:
                reached = Counter(chain.from_iterable(k.reached for k in keywords))
                # Signal by signal, so days that share as much get bit-equal scores.
                weight = index.weight
                if not scores:
                    scores = {there: weight * n for there, n in reached.items()}
                    continue
                for there, n in reached.items():
                    scores[there] = scores.get(there, 0.0) + weight * n
            for there in (here, *explicit):
                scores.pop(there, None)
            chosen = self._best(scores, here, wanted)

        relations = [self._relation(here, there, kept, True) for there in explicit]
        relations += [self._relation(here, there, kept, False) for there in chosen]
        return relations

    def threads(self, day: Day) -> tuple[Thread, ...]:
        """For each of the day's tags that other days have: the previous and the next such day."""
        here = self._where(day)
        tags = self._indexes["tags"]
        threads = []
        for key, i in zip(tags.keys[here], tags.places[here], strict=True):
            plist = tags.postings[key]
            previous = self._days[plist[i - 1]] if i > 0 else None
            following = self._days[plist[i + 1]] if i + 1 < len(plist) else None
            if previous or following:
                threads.append(Thread(tags.displays[here][key], previous, following))
        return tuple(threads)

    def on_this_day(self, day: Day) -> tuple[tuple[int, Day], ...]:
        """The same date in earlier years: (years ago, day), nearest first.

        29 February looks only at earlier 29 Februaries; no other date stands in for it.
        """
        year, earlier = day.date.year, self._years.get((day.date.month, day.date.day), ())
        return tuple((year - then, self._days[there]) for then, there in reversed(earlier) if then < year)

    def mentioned_by(self, day: Day) -> tuple[Day, ...]:
        """Days whose text links to this day, oldest first."""
        here = self._where(day)
        return tuple(self._days[i] for i in self._backlinks.get(day.date, ()) if i != here)

    def _where(self, day: Day) -> int:
        try:
            return self._position[(day.date, day.path)]
        except KeyError:
            raise KeyError(f"{day.path} is not in the chronicle the index was built from") from None

    def _kept(self, index: _Index, here: int, lonely: bool) -> list[_Kept]:
        """The day's keywords that are not too common, each with the days it reaches.

        Unless `lonely`, keywords that reach no other day are left out.
        """
        kept = []
        horizon = len(self._days) if self._include_newer else self._horizon[here]
        # In a young chronicle every keyword is on a large share of the days; one that is on
        # no more days than a list holds is kept, so a short story can still find itself.
        too_many = max(self._count + 1, index.common_share * horizon)
        postings = index.postings
        places = zip(index.keys[here], index.places[here], strict=True)
        if horizon == here + 1:
            # Only earlier days count, and this is the last of them: the day's place in each
            # keyword's postings is how many days have it, so dropped keywords cost no lookup.
            for key, i in places:
                if i + 1 > too_many or (i == 0 and not lonely):
                    continue
                kept.append(_Kept(key, i + 1, postings[key][max(0, i - REACH) : i + 1]))
            return kept
        for key, i in places:
            plist = postings[key]
            count = len(plist) if self._include_newer else bisect_left(plist, horizon)
            if count > too_many or (count == 1 and not lonely):
                continue
            stop = min(count, i + REACH + 1) if self._include_newer else count
            kept.append(_Kept(key, count, plist[max(0, i - REACH) : stop]))
        return kept

    def _best(self, scores: dict[int, float], here: int, wanted: int) -> list[int]:
        """The `wanted` best days: by score, then nearest in time, then newer, then by path."""
        if not scores:
            return []
        # Ranking by the full key costs; the score cut-off, in C, leaves few days to rank.
        values = sorted(scores.values(), reverse=True)
        cut = values[min(wanted, len(values)) - 1]
        pool = [there for there, score in scores.items() if score >= cut]
        ordinals = self._ordinals
        ordinal = ordinals[here]

        def rank(there: int) -> tuple[float, int, int, int]:
            # Days are in (date, path) order, so among days of one date the position is the path's.
            return (-scores[there], abs(ordinals[there] - ordinal), -ordinals[there], there)

        pool.sort(key=rank)
        return pool[:wanted]

    def _relation(
        self, here: int, there: int, kept: list[tuple[Signal, _Index, list[_Kept]]], explicit: bool
    ) -> _Found:
        shared: dict[Signal, tuple[str, ...]] = {}
        score = 0.0
        for signal, index, keywords in kept:
            theirs, mine = index.displays[there], index.displays[here]
            shown = []
            for k in keywords:
                # The editor's picks may be out of a keyword's reach: they share what they share.
                if k.key in theirs and (explicit or k.reached[0] <= there <= k.reached[-1]):
                    shown.append(mine[k.key])
            score += index.weight * len(shown)
            shared[signal] = tuple(shown)
        return _Found(
            there,
            score,
            explicit,
            shared.get("tags", ()),
            shared.get("names", ()),
            shared.get("sections", ()),
        )


class _Found(NamedTuple):
    """A related day by its position: what `search` keeps from build to build."""

    position: int
    score: float
    explicit: bool
    tags: tuple[str, ...]
    names: tuple[str, ...]
    sections: tuple[str, ...]


# The last index's signature, and what its searches found, by the shown day's position: under
# `mkdocs serve` an edit that leaves every day's keywords as they were finds the same days.
_SEARCHES: list[tuple[tuple[object, ...], dict[int, tuple[_Found, ...]]]] = []


def _searched(index: RelatedIndex) -> dict[int, tuple[_Found, ...]]:
    signature = index.signature()
    if not _SEARCHES or _SEARCHES[0][0] != signature:
        _SEARCHES[:] = [(signature, {})]
    return _SEARCHES[0][1]


def _build_index(weight: float, common_share: float, keywords: Iterable[dict[str, str]]) -> _Index:
    postings: dict[str, list[int]] = {}
    keys: list[tuple[str, ...]] = []
    places: list[tuple[int, ...]] = []
    displays: list[dict[str, str]] = []
    for i, found in enumerate(keywords):
        mine = []
        for key in found:
            plist = postings.get(key)
            if plist is None:
                postings[key] = plist = []
            mine.append(len(plist))
            plist.append(i)
        keys.append(tuple(found))
        places.append(tuple(mine))
        displays.append(found)
    return _Index(weight, common_share, postings, keys, places, displays)
