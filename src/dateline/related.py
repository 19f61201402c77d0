"""What a day page shows below its tabs: related days, story threads, on this day, mentioned by.

Related days follow Hugo's `related/inverted_index.go`: one inverted index per signal (tags,
names and places in the text, sections), keyword -> days; a day's score against another is
the sum, over the keywords they share, of the signal's weight. Three choices keep the lists
useful and the work linear in the number of days:

- A keyword on more than `COMMON_SHARE` of the days (and more than `COMMON_FLOOR` days) says
  nothing about which days belong together ("Ukraine", "Kyiv", the everyday sections), so it
  is dropped for that signal. The count is taken over the days up to the one being shown, so
  publishing newer days never changes an older page's list.
- A keyword on many days links each day only to the `REACH` nearest days that have it: a tag
  that runs for a year relates days within its story, not every day of that year. This is what
  bounds the work per day; without it a keyword on 5% of 10,000 days costs 500 steps per day.
- Ties go to the day nearest in time, then the newer, then the path, so results are stable.

The editor's `related:` days always come first, in the editor's order; computed days fill the
list up to `Settings.related_count`.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from dateline.model import Chronicle, Day, Settings

COMMON_SHARE: Final = 1 / 3
COMMON_FLOOR: Final = 3  # a keyword on this many days or fewer is never too common
REACH: Final = 50
REASON_ITEMS: Final = 3  # tags, names or sections shown in a reason, each

# -- name extraction -------------------------------------------------------------------------

# Capitalised words that are not names: they start sentences, or stand before names as titles.
_STOPWORDS: Final = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun
    a an the this that these those it its he she they we i you his her their our my your
    him them me one ones
    in on at by for from with without within into onto of off to up down over under out
    after before during since until till as and but or nor so yet if when while where why
    how what who whom whose which whether though although because unless once then than
    there here now today yesterday tomorrow tonight earlier later meanwhile however also
    still only just even already again not no yes some many more most much all both each
    every either neither other another such any few several according despite amid among
    around across against along behind beyond near between through throughout toward
    towards upon via per instead overnight elsewhere separately further furthermore
    president presidents vice prime minister ministers ministry chancellor secretary
    secretary-general general gen lt col maj capt sgt adm admiral commander commanders chief
    head deputy foreign defence defense interior state spokesman spokeswoman spokesperson
    ambassador envoy special senator sen rep representative governor gov mayor mr mrs ms dr
    sir lord lady king queen prince princess pope professor prof judge officials
    day days week weeks month months year years update updated editor note read see photo
    video source sources breaking live analysis opinion correction summary lede
    """.split()
)
# Lowercase words that belong inside a name: "Ursula von der Leyen", "Charles de Gaulle".
_PARTICLES: Final = ("von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "al")
_UPPER: Final = "".join(c for c in map(chr, range(0x3000)) if c.isupper() or c.istitle())
_CAPITALISED: Final = rf"(?:[{_UPPER}]|(?:al|el)-[{_UPPER}])\w*(?:['’ʼ-]\w+)*"
_PARTICLE: Final = "|".join(_PARTICLES)
# A run of capitalised words, and whether a sentence (or a quote) starts right before it.
_RUN: Final = re.compile(
    rf"(?P<start>(?:\A|[.!?…:])[\s\"“‘«(\[]*|[\"“‘«])?"
    rf"(?<![\w'’ʼ-])(?P<run>{_CAPITALISED}(?:\s+(?:(?:{_PARTICLE})\s+)*{_CAPITALISED})*)"
)
_APOSTROPHES: Final = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "-": " "})
_POSSESSIVE: Final = re.compile(r"['’ʼ]s$")

# Markdown that is not prose, replaced by what a reader would read (or by nothing).
_FENCED: Final = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?(?:^ {0,3}\1[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN: Final = re.compile(r"(`+).*?\1", re.S)
_LINK: Final = re.compile(r"!?\[([^\]]*)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])")
_LINK_DEFINITION: Final = re.compile(r"^ {0,3}\[[^\]]+\]:.*$", re.M)
_HTML: Final = re.compile(r"<[^>\n]*>")
_URL: Final = re.compile(r"(?:https?://|www\.)\S+")
_DAY_TOKEN: Final = re.compile("\ue000[^\ue001]*\ue001")
_HEADING: Final = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.M)
_BLOCK_START: Final = re.compile(r"^[ \t]*(?:>[ \t>]*|(?:[-*+]|\d{1,9}[.)])[ \t]+)+", re.M)
_BLANK_LINE: Final = re.compile(r"\n[ \t]*\n|\|")
_EMPHASIS: Final = re.compile(r"[*_~]+")
_ABBREVIATION: Final = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|Mt|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Gov|Sen|Rep|Prof|Jr|Sr|No|vs|etc"
    r"|e\.g|i\.e|[A-Z])\."
)
_WORD: Final = re.compile(r"[^\W\d_]+")


def extract_names(text: str) -> dict[str, str]:
    """Proper nouns in `text` (Markdown): normalised key -> the name as first written.

    A name is a run of capitalised words, not counting the stopwords (months, weekdays,
    pronouns, titles such as "President"), with particles inside ("Ursula von der Leyen"),
    hyphens ("Nagorno-Karabakh") and apostrophes ("O’Brien"); a possessive is dropped ("Kyiv’s"
    -> "Kyiv") and so is a lowercase tail ("Kremlin-backed" -> "Kremlin"). Capitals are told
    by Unicode ("Élysée", "Türkiye").

    A capitalised word that starts a sentence may be an ordinary word, so it counts only if the
    text also capitalises it mid-sentence. A run of two or more at a sentence start keeps its
    first word too ("Gert Jan Koopman said…") unless that word is also written in lowercase or
    the rest is a name known from elsewhere in the text ("Heavy Russian shelling" -> "Russian").
    Titles and headings written in Title Case are skipped: every word in them looks like a name.

    Keys ignore case, diacritics, hyphens and the style of apostrophe, so "Erdoğan" and
    "Erdogan", "O’Brien" and "O'Brien" are one name.
    """
    prose = _prose(text)
    found: list[tuple[list[str], bool]] = []  # the words of each name, and if it starts a sentence
    for m in _RUN.finditer(prose):
        found += _split_run(m.group("run").split(), m.group("start") is not None)

    confirmed_words = {w.casefold() for words, at_start in found for w in words[at_start:]}
    confirmed_names = {_name_key(" ".join(words)) for words, at_start in found if not at_start}
    names: dict[str, str] = {}
    for words, at_start in found:
        if at_start and words[0].casefold() not in confirmed_words:
            if len(words) == 1:
                continue
            rest = words[1:]
            lowercase = re.search(rf"(?<!\w){re.escape(words[0].lower())}(?!\w)", prose)
            if lowercase or _name_key(" ".join(rest)) in confirmed_names:
                words = rest
        display = " ".join(words)
        names.setdefault(_name_key(display), display)
    return names


def _prose(markdown: str) -> str:
    """The text a reader reads, with every sentence boundary Markdown implies made a full stop."""
    text = markdown
    # The `in` tests skip passes that could not match: most days have no code and no HTML.
    if "```" in text or "~~~" in text:
        text = _FENCED.sub(" . ", text)
    if "`" in text:
        text = _CODE_SPAN.sub(" ", text)
    if "[" in text:
        text = _LINK_DEFINITION.sub(" ", text)
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _HTML.sub(" ", text)
    if "://" in text or "www." in text:
        text = _URL.sub(" ", text)
    if "\ue000" in text:
        text = _DAY_TOKEN.sub(" ", text)
    if "#" in text:
        text = _HEADING.sub(_heading_prose, text)
    text = _BLOCK_START.sub(" . ", text)
    text = _BLANK_LINE.sub(" . ", text)
    text = _EMPHASIS.sub("", text)
    # "Mr. Witkoff" and "J. D. Vance" do not end a sentence.
    return _ABBREVIATION.sub(lambda m: m.group(0)[:-1], text)


def _heading_prose(m: re.Match[str]) -> str:
    heading = m.group(1)
    words = [w for w in _WORD.findall(heading) if len(w) >= 4]
    if len(words) >= 3 and all(w[0].isupper() for w in words):
        return " . "  # Title Case: capitals here say nothing
    return f" . {heading} . "


def _split_run(words: list[str], at_start: bool) -> list[tuple[list[str], bool]]:
    """A run of capitalised words cut into names at stopwords, possessives and lowercase tails."""
    names: list[tuple[list[str], bool]] = []
    current: list[str] = []
    first = 0  # index in `words` where `current` starts

    def close(next_first: int) -> None:
        nonlocal current, first
        while current and current[-1] in _PARTICLES:
            current.pop()
        lead = 0
        while lead < len(current) and current[lead] in _PARTICLES:
            lead += 1
        if lead < len(current):
            names.append((current[lead:], at_start and first + lead == 0))
        current, first = [], next_first

    for i, word in enumerate(words):
        if word in _PARTICLES:
            current.append(word)
            continue
        ends_name = False
        if _POSSESSIVE.search(word):
            word, ends_name = word[:-2], True
        if "-" in word:
            parts = word.split("-")
            keep = len(parts)
            while keep > 1 and not parts[keep - 1][:1].isupper():
                keep -= 1
            if keep < len(parts) and not word.startswith(("al-", "el-")):
                word, ends_name = "-".join(parts[:keep]), True
        if len(word) < 2 or word.casefold() in _STOPWORDS:
            close(i + 1)
            continue
        current.append(word)
        if ends_name:
            close(i + 1)
    close(len(words))
    return names


def _name_key(name: str) -> str:
    key = name.casefold().translate(_APOSTROPHES)
    if not key.isascii():
        key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    return key


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
        """In words: "editor's pick", "also: Siversk, Witkoff · Peace plan", "#geneva"."""
        parts = ["editor's pick"] if self.explicit else []
        if self.tags:
            parts.append(" ".join(f"#{t}" for t in self.tags[:REASON_ITEMS]))
        if self.names:
            # "Steve Witkoff" and "Witkoff" are the same person: say it once.
            keys = [_name_key(n) for n in self.names]
            longer = {k.rsplit(" ", 1)[-1] for k in keys if " " in k}
            shown = [n for n, k in zip(self.names, keys, strict=True) if k not in longer]
            parts.append("also: " + ", ".join(shown[:REASON_ITEMS]))
        if self.sections:
            parts.append(", ".join(self.sections[:REASON_ITEMS]))
        return " · ".join(parts)


@dataclass(frozen=True)
class Thread:
    """The day before and the day after in one tag's story."""

    tag: str
    previous: Day | None
    next: Day | None


@dataclass(frozen=True)
class _Signal:
    """One inverted index: keyword -> positions of the days that have it, ascending."""

    weight: float
    postings: dict[str, list[int]]
    keys: list[list[str]]  # per day: its keywords, in the day's order
    key_sets: list[frozenset[str]]
    displays: list[dict[str, str]]  # per day: keyword -> how that day shows it


@dataclass(frozen=True)
class _Kept:
    """A keyword of the day being shown that is not too common, and the days it reaches."""

    key: str
    count: int  # days that have it, among those counted
    first: int  # the positions of the reached days lie in first..last
    last: int


class RelatedIndex:
    """Everything the day pages need to point at other days; built once per build."""

    def __init__(
        self,
        days: Sequence[Day],
        signals: Sequence[_Signal],
        settings: Settings,
        common_share: float,
        tag_postings: dict[str, list[int]],
    ) -> None:
        self._days = days
        self._signals = signals
        self._count = max(0, settings.related_count)
        self._include_newer = settings.related_include_newer
        self._common_share = common_share
        self._tag_postings = tag_postings
        self._position = {(d.date, d.path): i for i, d in enumerate(days)}
        self._by_date: dict[dt.date, int] = {}
        for i, d in enumerate(days):
            self._by_date.setdefault(d.date, i)
        self._ordinals = [d.date.toordinal() for d in days]
        # With two files for one date (an error, but the site still builds), "on or before"
        # includes both: each day's horizon is the end of its date.
        self._horizon = [0] * len(days)
        for i in range(len(days) - 1, -1, -1):
            same = i + 1 < len(days) and days[i + 1].date == days[i].date
            self._horizon[i] = self._horizon[i + 1] if same else i + 1
        self._backlinks: dict[dt.date, list[int]] = {}
        for i, d in enumerate(days):
            for date in d.links:
                self._backlinks.setdefault(date, []).append(i)

    @classmethod
    def build(
        cls, chronicle: Chronicle, settings: Settings, *, common_share: float = COMMON_SHARE
    ) -> RelatedIndex:
        """Index every day of `chronicle` once; `common_share` is where a keyword is too common."""
        days = sorted(chronicle.days, key=lambda d: (d.date, d.path))
        weights = settings.related_weights
        tags = _build_signal(
            weights.tags, days, ({t.casefold(): t for t in d.tags} for d in days)
        )
        signals = [tags]
        if weights.names > 0:
            signals.append(_build_signal(weights.names, days, map(_day_names, days)))
        if weights.sections > 0:
            signals.append(
                _build_signal(
                    weights.sections, days, ({s.slug: s.name for s in d.sections} for d in days)
                )
            )
        scoring = [s for s in signals if s.weight > 0]
        return cls(days, scoring, settings, common_share, tags.postings)

    def search(self, day: Day) -> tuple[Relation, ...]:
        """The editor's related days, then the best-scoring others up to `related_count`."""
        here = self._where(day)
        explicit: list[int] = []
        for date in day.related:
            there = self._by_date.get(date)
            if there is not None and there != here and there not in explicit:
                explicit.append(there)
        kept = [self._kept(signal, here) for signal in self._signals]

        wanted = self._count - len(explicit)
        chosen: list[int] = []
        if wanted > 0:
            scores: dict[int, float] = {}
            for signal, keywords in zip(self._signals, kept, strict=True):
                reached: Counter[int] = Counter()
                for k in keywords:
                    plist = signal.postings[k.key]
                    reached.update(plist[bisect_left(plist, k.first) : bisect_left(plist, k.last + 1)])
                # Summing signal by signal makes equal shares give bit-equal scores.
                for there, n in reached.items():
                    scores[there] = scores.get(there, 0.0) + signal.weight * n
            for there in (here, *explicit):
                scores.pop(there, None)
            chosen = self._best(scores, here, wanted)

        relations = [self._relation(here, there, kept, True) for there in explicit]
        relations += [self._relation(here, there, kept, False) for there in chosen]
        return tuple(relations)

    def threads(self, day: Day) -> tuple[Thread, ...]:
        """For each of the day's tags that other days share: the previous and next such day."""
        here = self._where(day)
        threads = []
        for tag in day.tags:
            plist = self._tag_postings[tag.casefold()]
            i = bisect_left(plist, here)
            previous = self._days[plist[i - 1]] if i > 0 else None
            following = self._days[plist[i + 1]] if i + 1 < len(plist) else None
            if previous or following:
                threads.append(Thread(tag, previous, following))
        return tuple(threads)

    def on_this_day(self, day: Day) -> tuple[tuple[int, Day], ...]:
        """The same date in earlier years: (years ago, day), nearest first.

        29 February looks only at earlier 29 Februaries; no other date borrows it.
        """
        first_year = self._days[0].date.year if self._days else day.date.year
        found = []
        for year in range(day.date.year - 1, first_year - 1, -1):
            try:
                date = day.date.replace(year=year)
            except ValueError:  # 29 February in a common year
                continue
            there = self._by_date.get(date)
            if there is not None:
                found.append((day.date.year - year, self._days[there]))
        return tuple(found)

    def mentioned_by(self, day: Day) -> tuple[Day, ...]:
        """Days whose text links to this day, oldest first."""
        here = self._where(day)
        return tuple(self._days[i] for i in self._backlinks.get(day.date, ()) if i != here)

    def _where(self, day: Day) -> int:
        try:
            return self._position[(day.date, day.path)]
        except KeyError:
            raise KeyError(f"{day.path} is not in the chronicle this index was built from") from None

    def _kept(self, signal: _Signal, here: int) -> list[_Kept]:
        """The day's keywords in `signal` that are not too common, each with the days it reaches."""
        kept = []
        horizon = len(self._days) if self._include_newer else self._horizon[here]
        limit = max(COMMON_FLOOR, self._common_share * horizon)
        for key in signal.keys[here]:
            plist = signal.postings[key]
            end = bisect_left(plist, horizon)  # days up to the horizon that have the keyword
            if end > limit:
                continue
            i = bisect_left(plist, here)
            first = plist[max(0, i - REACH)]
            last = plist[min(end - 1, i + REACH)] if self._include_newer else plist[end - 1]
            kept.append(_Kept(key, end, first, last))
        return kept

    def _best(self, scores: dict[int, float], here: int, wanted: int) -> list[int]:
        """The `wanted` best days by score, then nearest in time, then newer, then path."""
        if not scores:
            return []
        # Sorting every candidate by the full key is the slow part; the score cut-off is cheap.
        cut = heapq.nlargest(wanted, scores.values())[-1]
        ordinal = self._ordinals[here]

        def rank(there: int) -> tuple[float, int, int, str]:
            theirs = self._ordinals[there]
            return (-scores[there], abs(theirs - ordinal), -theirs, self._days[there].path)

        return heapq.nsmallest(wanted, (t for t, s in scores.items() if s >= cut), key=rank)

    def _relation(self, here: int, there: int, kept: list[list[_Kept]], explicit: bool) -> Relation:
        shared: list[tuple[str, ...]] = []
        score = 0.0
        for signal, keywords in zip(self._signals, kept, strict=True):
            theirs = signal.key_sets[there]
            # The editor's picks may lie beyond every keyword's reach; they share what they share.
            found = [k for k in keywords if k.key in theirs and (explicit or k.first <= there <= k.last)]
            score += signal.weight * len(found)
            shared.append(tuple(signal.displays[here][k.key] for k in found))
            if signal.displays is self._signals[0].displays:
                continue
        tags, names, sections = self._by_signal(shared, kept)
        return Relation(self._days[there], score, explicit, tags, names, sections)

    def _by_signal(
        self, shared: list[tuple[str, ...]], kept: list[list[_Kept]]
    ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        raise NotImplementedError


def _day_names(day: Day) -> dict[str, str]:
    parts: list[str] = [f"# {day.title}" if day.title else "", day.summary or "", day.lede]
    parts += [s.markdown for s in day.sections]
    return extract_names("\n\n".join(parts))


def _build_signal(weight: float, days: Sequence[Day], keywords: Iterable[dict[str, str]]) -> _Signal:
    postings: dict[str, list[int]] = {}
    keys: list[list[str]] = []
    key_sets: list[frozenset[str]] = []
    displays: list[dict[str, str]] = []
    for i, found in enumerate(keywords):
        for key in found:
            postings.setdefault(key, []).append(i)
        keys.append(list(found))
        key_sets.append(frozenset(found))
        displays.append(found)
    return _Signal(weight, postings, keys, key_sets, displays)
