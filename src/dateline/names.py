"""People and places: the names in a day's text, found without an editor's help.

One extraction serves related days (related.py) and the name pages, so one rule decides both.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from typing import Final

from dateline.content import slugify
from dateline.incremental import DayMemo
from dateline.model import Chronicle, Day, Section, Settings

# Capitalised words that are not names: they start sentences, or stand before names as titles.
# fmt: off
_STOPWORDS: Final = frozenset((
    # months and weekdays
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
    # words that start sentences
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we",
    "i", "you", "his", "her", "their", "our", "my", "your", "him", "them", "me", "one", "ones",
    "in", "on", "at", "by", "for", "from", "with", "without", "within", "into", "onto", "of",
    "off", "to", "up", "down", "over", "under", "out", "after", "before", "during", "since",
    "until", "till", "as", "and", "but", "or", "nor", "so", "yet", "if", "when", "while",
    "where", "why", "how", "what", "who", "whom", "whose", "which", "whether", "though",
    "although", "because", "unless", "once", "then", "than", "there", "here", "now", "today",
    "yesterday", "tomorrow", "tonight", "earlier", "later", "meanwhile", "however", "also",
    "still", "only", "just", "even", "already", "again", "not", "no", "yes", "some", "many",
    "more", "most", "much", "all", "both", "each", "every", "either", "neither", "other",
    "another", "such", "any", "few", "several", "according", "despite", "amid", "among",
    "around", "across", "against", "along", "behind", "beyond", "near", "between", "through",
    "throughout", "toward", "towards", "upon", "via", "per", "instead", "overnight",
    "elsewhere", "separately", "further", "furthermore",
    # titles
    "president", "presidents", "vice", "prime", "minister", "ministers", "ministry",
    "chancellor", "secretary", "secretary-general", "general", "gen", "lt", "col", "maj",
    "capt", "sgt", "adm", "admiral", "commander", "commanders", "chief", "head", "deputy",
    "foreign", "defence", "defense", "interior", "state", "spokesman", "spokeswoman",
    "spokesperson", "ambassador", "envoy", "special", "senator", "sen", "rep", "representative",
    "governor", "gov", "mayor", "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "king", "queen",
    "prince", "princess", "pope", "professor", "prof", "judge", "officials",
    # the digest's own words
    "day", "days", "week", "weeks", "month", "months", "year", "years", "update", "updated",
    "editor", "note", "read", "see", "photo", "video", "source", "sources", "breaking", "live",
    "analysis", "opinion", "correction", "summary", "lede",
))
# fmt: on
# Lowercase words that belong inside a name: "Ursula von der Leyen", "Charles de Gaulle".
_PARTICLES: Final = ("von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "al")
# Abbreviations whose full stop does not end a sentence: "Mr. Witkoff", "Gen. Syrskyi".
_ABBREVIATIONS: Final = (
    "Mr", "Mrs", "Ms", "Dr", "St", "Mt", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Gov",
    "Sen", "Rep", "Prof", "Jr", "Sr", "No", "vs", "etc", "e.g", "i.e",
)  # fmt: skip
_UPPER: Final = "".join(c for c in map(chr, range(0x3000)) if c.isupper() or c.istitle())
_WORD_TAIL: Final = r"(?:(?:\.[A-Z])+\.|\w*(?:['’ʼ-]\w+)*)"  # "U.S.", "O’Brien", "Nagorno-Karabakh"
# A character class first lets the regex engine skip to the next capital; a lookbehind there
# would be tried at every character (several times slower), so "iPhone" is ruled out later.
_CAPITALISED: Final = rf"[{_UPPER}]{_WORD_TAIL}"
_RUN: Final = re.compile(rf"{_CAPITALISED}(?:\s+(?:(?:{'|'.join(_PARTICLES)})\s+)*{_CAPITALISED})*")
# Where a sentence starts: after a full stop (not an initial's, not an abbreviation's), a
# question or exclamation mark, an ellipsis or a colon. The character class first lets the
# engine skip ahead; the lookbehinds, one per length of abbreviation, are tried only there.
_SENTENCE_START: Final = re.compile(
    r"[.!?…:](?<![\s.][A-Z]\.)"
    + "".join(
        rf"(?<!\b(?:{'|'.join(re.escape(a) for a in _ABBREVIATIONS if len(a) == n)})\.)"
        for n in sorted({len(a) for a in _ABBREVIATIONS})
    )
    + r"[\"”’)\]]*\s+[\"“‘«(\[]*"
)
_OPENING_QUOTES: Final = '"“‘«'  # a quote starts a sentence of its own
_APOSTROPHES: Final = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "-": " "})
_POSSESSIVES: Final = ("'s", "’s", "ʼs")

# Markdown that is not prose, replaced by what a reader would read (or by nothing).
_FENCED: Final = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?(?:^ {0,3}\1[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN: Final = re.compile(r"(`+).*?\1", re.S)
_LINK: Final = re.compile(r"!?\[([^\]]*)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])")
_LINK_DEFINITION: Final = re.compile(r"^ {0,3}\[[^\]]+\]:.*$", re.M)
_HTML: Final = re.compile(r"<[^>\n]*>")
_URL: Final = re.compile(r"(?:https?://|www\.)\S+")
_DAY_TOKEN: Final = re.compile("\ue000[^\ue001]*\ue001")
_HEADING: Final = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.M)
# A blank line, or a line that starts a list item or a quote, starts a new block.
_BLOCK_MARK: Final = r"(?:>[ \t>]*|(?:[-*+]|\d{1,9}[.)])[ \t]+)"
_BLOCK: Final = re.compile(rf"\n(?:(?:[ \t]*\n)+[ \t]*{_BLOCK_MARK}*|[ \t]*{_BLOCK_MARK}+)")
_EMPHASIS: Final = re.compile(r"[*_~]+")
_WORD: Final = re.compile(r"[^\W\d_]+")


def extract_names(text: str) -> dict[str, str]:
    """Proper nouns in `text` (Markdown): normalised key -> the name as first written.

    A name is a run of capitalised words, not counting the stopwords (months, weekdays,
    pronouns, titles such as "President"), with particles inside ("Ursula von der Leyen"),
    hyphens ("Nagorno-Karabakh") and apostrophes ("O’Brien"); a possessive is dropped ("Kyiv’s"
    -> "Kyiv") and so is a lowercase tail ("Kremlin-backed" -> "Kremlin"). Capitals are told
    by Unicode ("Élysée", "Türkiye"). Link labels count; link targets, code and HTML do not.

    A capitalised word that starts a sentence may be an ordinary word, so it counts only if the
    text also capitalises it mid-sentence. A run of two or more at a sentence start keeps its
    first word too ("Gert Jan Koopman said…") unless that word is also written in lowercase or
    the rest is a name known from elsewhere in the text ("Heavy Russian shelling" -> "Russian").
    Headings written in Title Case are skipped: every word in them looks like a name.

    Keys ignore case, diacritics, hyphens and the style of apostrophe, so "Erdoğan" and
    "Erdogan", "O’Brien" and "O'Brien" are one name.
    """
    return _names(_prose(text), Memo())


@dataclass
class Memo:
    """Work on names that later days reuse: the same names recur from day to day.

    Made anew for each build (and each `extract_names` call), so nothing outlives a build.
    """

    runs: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)


def _names(prose: str, memo: Memo) -> dict[str, str]:
    starts = {m.end() for m in _SENTENCE_START.finditer(prose)}
    starts.add(len(prose) - len(prose.lstrip(' \t\n."“‘«([')))
    # Each name as written -> whether every time it was written it started a sentence.
    # Names recur within a day, so the work below is done once per name, not per mention.
    only_at_start: dict[str, bool] = {}
    for m in _RUN.finditer(prose):
        run, where = m[0], m.start()
        before = prose[where - 1] if where else " "
        if before.isalnum():
            continue  # "iPhone"
        starts_sentence = where in starts or before in _OPENING_QUOTES
        if run.isalnum():  # most runs are one plain word: "Kharkiv"
            if len(run) > 1 and run.casefold() not in _STOPWORDS:
                only_at_start[run] = only_at_start.get(run, True) and starts_sentence
        else:
            split = memo.runs.get(run)
            if split is None:
                split = memo.runs[run] = _split_run(run.split())
            for name, leads in split:
                only_at_start[name] = only_at_start.get(name, True) and starts_sentence and leads

    mid_sentence: set[str] | None = None  # words written capitalised mid-sentence
    names: dict[str, str] = {}
    for name, at_start in only_at_start.items():
        display = name
        if at_start:
            if mid_sentence is None:
                mid_sentence = {
                    word.casefold()
                    for n, at_start_only in only_at_start.items()
                    for word in n.split(" ")[int(at_start_only) :]
                }
            first, _, rest = name.partition(" ")
            if first.casefold() not in mid_sentence:
                if not rest:
                    continue
                if _ordinary_word(first, prose) or name_key(rest) in {
                    name_key(n) for n, at_start_only in only_at_start.items() if not at_start_only
                }:
                    display = rest
        key = memo.keys.get(display)
        if key is None:
            key = memo.keys[display] = name_key(display)
        names.setdefault(key, display)
    return names


def _ordinary_word(word: str, prose: str) -> bool:
    """Whether `word` is also written in lowercase in `prose`."""
    return re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", prose) is not None


def _prose(markdown: str) -> str:
    """The text a reader reads, with every sentence boundary Markdown implies made a full stop."""
    text = "\n" + markdown
    # A regex pass over the whole text is the costly part; the cheap `in` tests skip those that
    # could not match, since most days have no code, no HTML and no headings.
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
        text = _HEADING.sub(lambda m: f" . {heading_prose(m[1])} . ", text)
    text = _BLOCK.sub(" . ", text)
    if "|" in text:
        text = text.replace("|", " . ")
    if "*" in text or "_" in text or "~" in text:
        text = _EMPHASIS.sub("", text)
    return text


def heading_prose(heading: str) -> str:
    """A heading, or nothing if it is in Title Case ("Zelensky Meets Trump in Geneva")."""
    words = [w for w in _WORD.findall(heading) if len(w) >= 4]
    if len(words) >= 3 and all(w[0].isupper() for w in words):
        return ""
    return heading


def _split_run(words: list[str]) -> list[tuple[str, bool]]:
    """A run of capitalised words cut into names at stopwords, possessives and lowercase tails.

    Each name comes with whether it leads the run (then it starts a sentence if the run does).
    """
    names: list[tuple[str, bool]] = []
    current: list[str] = []
    first = 0  # where `current` starts in `words`
    for i, word in enumerate(words):
        if word in _PARTICLES:
            if current:  # a particle leads no name: "de Gaulle" is "Gaulle"
                current.append(word)
            continue
        ends_name = False
        if not word.isalnum():
            if "." in word:  # "U.S."
                word, ends_name = word.replace(".", ""), True
            if word.endswith(_POSSESSIVES):
                word, ends_name = word[:-2], True
            if "-" in word:
                parts = word.split("-")
                keep = len(parts)
                while keep > 1 and not parts[keep - 1][:1].isupper():
                    keep -= 1
                if keep < len(parts):
                    word, ends_name = "-".join(parts[:keep]), True
        if len(word) < 2 or word.casefold() in _STOPWORDS:
            ends_name = True
        else:
            if not current:
                first = i
            current.append(word)
        if ends_name and current:
            while current[-1] in _PARTICLES:
                current.pop()
            names.append((" ".join(current), first == 0))
            current = []
    if current:
        while current[-1] in _PARTICLES:
            current.pop()
        names.append((" ".join(current), first == 0))
    return names


def name_key(name: str) -> str:
    key = name.casefold()
    if not name.isalnum():
        key = key.translate(_APOSTROPHES)
    if not key.isascii():
        key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    return key


def day_names(day: Day, memo: Memo, rules: NameRules | None = None) -> dict[str, str]:
    """The names in a day's title (skipped if in Title Case), summary, lede and sections, after
    the site's aliases and exclusions (`rules`)."""
    found = _DAY_NAMES.get(day, None, lambda: _day_names(day, memo))  # kept across rebuilds
    if rules is None:
        return dict(found)
    return _APPLIED.get(day, rules, lambda: rules.apply(found))  # never changed either


def _day_names(day: Day, memo: Memo) -> dict[str, str]:
    parts = [heading_prose(day.title or ""), day.summary or "", day.lede]
    parts += [s.markdown for s in day.sections]
    return _names(_prose("\n\n".join(parts)), memo)


# -- the site's rules: aliases and exclusions -------------------------------------------------

# Capitalised words the extractor takes for names that are none: the peoples' adjectives and
# nouns ("Russian shelling", "Ukrainians"), holidays. A site adds its own (names.exclude).
# fmt: off
EXCLUDED: Final = frozenset((
    "russian", "russians", "ukrainian", "ukrainians", "american", "americans", "european", "europeans",
    "british", "french", "german", "germans", "polish", "italian", "italians", "spanish", "dutch",
    "belgian", "belgians", "swedish", "finnish", "norwegian", "danish", "estonian", "latvian",
    "lithuanian", "hungarian", "hungarians", "romanian", "moldovan", "slovak", "czech", "austrian",
    "swiss", "turkish", "chinese", "indian", "japanese", "korean", "north korean", "north koreans",
    "iranian", "israeli", "syrian", "belarusian", "belarusians", "georgian", "western", "soviet",
    "crimean", "donbas-based", "kremlin-backed", "pro-russian", "pro-kremlin", "christmas", "easter",
    "thanksgiving", "new year", "orthodox", "catholic", "muslim", "christian", "jewish",
))
# fmt: on


@dataclass(frozen=True, eq=False)
class NameRules:
    """How a site steers its names: other spellings of one name, and words that are no names.
    One object for one site's settings (`from_settings`), equal only to itself: a day's names
    after the rules are kept by it (`_APPLIED`)."""

    aliases: dict[str, str]  # name_key of a spelling -> the name as the site writes it
    exclude: frozenset[str]  # name_keys

    @classmethod
    def from_settings(cls, settings: Settings) -> NameRules:
        made = _RULES.get(settings)
        if made is None:
            _RULES.clear()
            made = _RULES[settings] = cls._made(settings)
        return made

    @classmethod
    def _made(cls, settings: Settings) -> NameRules:
        aliases = {name_key(spelling): name for name, spellings in settings.names_aliases for spelling in spellings}
        aliases.update({name_key(name): name for name, _ in settings.names_aliases})
        return cls(aliases, EXCLUDED | {name_key(w) for w in settings.names_exclude})

    def apply(self, found: dict[str, str]) -> dict[str, str]:
        names: dict[str, str] = {}
        for key, display in found.items():
            if key in self.exclude:
                continue
            if key in self.aliases:
                display = self.aliases[key]
                key = name_key(display)
            names.setdefault(key, display)
        return names


# -- name pages: who and what the chronicle names, and where --------------------------------------


@dataclass(frozen=True)
class Mention:
    """A sentence of a day that names someone: where it stands and where the name is in it."""

    section: Section | None  # None: the lede
    sentence: str
    spans: tuple[tuple[int, int], ...]  # (start, end) of each time the name is written


@dataclass(frozen=True)
class Name:
    """A person, place or organisation with a page: the days that name it, newest first."""

    slug: str
    name: str  # as the site writes it: the alias's name, else the fullest form written
    spellings: tuple[str, ...]  # every way the days write it, longest first
    days: tuple[Day, ...]
    _sentences: _Sentences = field(repr=False, compare=False)
    _pattern: re.Pattern[str] = field(repr=False, compare=False)

    def mentions(self, day: Day) -> tuple[Mention, ...]:
        """The first `MENTIONS_PER_DAY` sentences of `day` that name this, in the day's order."""
        return _MENTIONS.get(day, self._pattern, lambda: self._mentions(day))  # kept across rebuilds

    def _mentions(self, day: Day) -> tuple[Mention, ...]:
        cut = self._sentences.of(day)
        found: list[Mention] = []
        spans: list[tuple[int, int]] = []
        current = -1
        # One search over the day's sentences, then each match is placed in its sentence: a
        # search per sentence costs a call for each of the day's few dozen sentences.
        for m in self._pattern.finditer(cut.text):
            start, end = m.span()
            i = bisect_right(cut.starts, start) - 1
            if i != current:
                if spans:
                    found.append(cut.mention(current, spans))
                    if len(found) == MENTIONS_PER_DAY:
                        return tuple(found)
                current, spans = i, []
            offset = cut.starts[i]
            spans.append((start - offset, end - offset))
        if spans:
            found.append(cut.mention(current, spans))
        return tuple(found)


_MENTIONS: DayMemo[tuple[Mention, ...]] = DayMemo()
_DAY_NAMES: DayMemo[dict[str, str]] = DayMemo()  # read, never changed
_APPLIED: DayMemo[dict[str, str]] = DayMemo()  # by day and NameRules
_RULES: dict[Settings, NameRules] = {}  # the last settings' (from_settings)


@dataclass(frozen=True)
class _Cut:
    """A day's sentences, in the day's order, and as one text: a line each.

    A name is never written across a line break, and to a spelling's pattern a line break is
    what the end or the start of a sentence is (neither a word character, nor an apostrophe,
    nor a hyphen), so a search of the text finds exactly what a search of each sentence would.
    """

    sentences: tuple[tuple[Section | None, str], ...]  # (the section, or None for the lede; sentence)
    starts: tuple[int, ...]  # where each sentence starts in `text`
    text: str

    def mention(self, i: int, spans: list[tuple[int, int]]) -> Mention:
        section, sentence = self.sentences[i]
        return Mention(section, sentence, tuple(spans))


class _Sentences:
    """Each day's text cut into sentences once, however many names look into it."""

    def __init__(self) -> None:
        self._days: dict[tuple[dt.date, str], _Cut] = {}

    def of(self, day: Day) -> _Cut:
        key = (day.date, day.path)
        cut = self._days.get(key)
        if cut is None:
            parts: list[tuple[Section | None, str]] = [(None, day.lede), *((s, s.markdown) for s in day.sections)]
            cut_up = [(section, one) for section, text in parts if text for one in sentences(reading_text(text))]
            starts, at = [], 0
            for _, sentence in cut_up:
                starts.append(at)
                at += len(sentence) + 1
            cut = self._days[key] = _Cut(tuple(cut_up), tuple(starts), "\n".join(s for _, s in cut_up))
        return cut


MENTIONS_PER_DAY: Final = 3
# A name on more than this share of the days is the story itself ("Ukraine" in a chronicle of
# the war): its page would list every day. Judged once a chronicle has STORY_DAYS days.
STORY_SHARE: Final = 0.5
STORY_DAYS: Final = 100


def build_names(chronicle: Chronicle, settings: Settings) -> dict[str, Name]:
    """Every name at least `names_min_days` days mention, A to Z, with its mentions in context.

    A surname alone is the person whose full name ends with it, when only one does: "Witkoff"
    is "Steve Witkoff", so both make one page.
    """
    rules = NameRules.from_settings(settings)
    memo = Memo()
    per_day = [(day, day_names(day, memo, rules)) for day in chronicle.days]
    displays: dict[str, Counter[str]] = {}  # in the order first found, as each one's spellings
    for (key, display), count in Counter(chain.from_iterable(found.items() for _, found in per_day)).items():
        if key not in displays:
            displays[key] = Counter()
        displays[key][display] = count
    owner = _surname_owners(displays)
    days_of: dict[str, list[Day]] = {}
    for day, found in per_day:
        for key in dict.fromkeys(map(owner.get, found, found)):  # owner.get(k, k)
            days_of.setdefault(key, []).append(day)
    spellings: dict[str, set[str]] = {}
    for key, counts in displays.items():
        spellings.setdefault(owner.get(key, key), set()).update(counts)
    for name, others in settings.names_aliases:  # the rules wrote them as the name: find them too
        key = name_key(name)
        spellings.setdefault(owner.get(key, key), set()).update(others)
    total = len(chronicle.days)
    too_many = STORY_SHARE * total if total >= STORY_DAYS else total

    chosen = sorted(
        (k for k, days in days_of.items() if settings.names_min_days <= len(days) <= too_many),
        key=lambda k: sort_name(_display(k, displays, rules)),
    )
    names: dict[str, Name] = {}
    cut = _Sentences()
    for key in chosen:
        display = _display(key, displays, rules)
        slug = base = slugify(display) or "name"
        n = 1
        while slug in names:
            n += 1
            slug = f"{base}-{n}"
        written = tuple(sorted(spellings[key] | {display}, key=lambda s: (-len(s), s)))
        pattern = _spelling_pattern(written)
        days = days_of[key][::-1]
        names[slug] = Name(slug, display, written, tuple(days), cut, pattern)
    return names


def _surname_owners(displays: dict[str, Counter[str]]) -> dict[str, str]:
    """Single-word name key -> the one multi-word name key it is the last word of."""
    endings: dict[str, list[str]] = {}
    for key in displays:
        if " " in key:
            endings.setdefault(key.rsplit(" ", 1)[1], []).append(key)
    return {key: fulls[0] for key, fulls in endings.items() if key in displays and len(fulls) == 1}


def _display(key: str, displays: dict[str, Counter[str]], rules: NameRules) -> str:
    alias = rules.aliases.get(key)
    return alias if alias else displays[key].most_common(1)[0][0]


def sort_name(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))


def _spelling_pattern(spellings: tuple[str, ...]) -> re.Pattern[str]:
    """Any spelling as a whole word, in either apostrophe style: "O’Brien" finds "O'Brien".

    Each spelling's first character comes first and the whole-word test right after it (on the
    character before it): a pattern that starts with a lookbehind is tried at every character
    of the text, one that starts with a character is tried only where that character is.
    """

    def written(text: str) -> str:
        return re.sub("['’]", "['’]", re.escape(text))

    alternatives = [rf"{written(s[:1])}(?<![\w’'-][\s\S]){written(s[1:])}" if s else r"(?<![\w’'-])" for s in spellings]
    return re.compile(rf"(?:{'|'.join(alternatives)})(?![\w-]|['’]\w(?<!['’]s))")


# -- text as a reader reads it, in sentences ------------------------------------------------------

_LINE_MARK: Final = re.compile(r"^ {0,3}(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t>]*)")


def reading_text(markdown: str) -> str:
    """Markdown as the words a reader reads: link labels kept; code, HTML, headings and markup
    dropped. Blocks (paragraphs, list items) end with a full stop if they have no end mark."""
    text = _DAY_TOKEN.sub("", markdown)
    text = _FENCED.sub("\n\n", text)
    text = _HEADING.sub("\n", text)  # a sub-heading is a label, not a sentence
    text = _LINK_DEFINITION.sub("", text)
    text = _CODE_SPAN.sub(lambda m: m.group(0).strip("`"), text)
    text = _LINK.sub(r"\1", text)
    text = _HTML.sub("", text)
    text = re.sub(r"\[\^[^\]]*\]", "", text)  # footnote marks
    text = _EMPHASIS.sub("", text)
    blocks: list[str] = []
    for block in re.split(r"\n(?:[ \t]*\n)+|\n(?=[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t])", text):
        words = " ".join(_LINE_MARK.sub("", line) for line in block.split("\n")).split()
        if words:
            line = " ".join(words)
            blocks.append(line if line[-1] in '.!?…:;"”’)' else line + ".")
    return " ".join(blocks)


def sentences(text: str) -> list[str]:
    """Plain text cut into sentences, minding "Mr. Witkoff", "the U.S. envoy", "€8.1 bn." and quotes."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


# A sentence ends at . ! ? or … (and any closing quote), before a space and a capital, digit or
# opening quote; not after an abbreviation or an initial ("U.S.", "J. D. Vance"). "8.1" has no space.
_SENTENCE_END: Final = re.compile(
    r"(?<![\s.][A-Z])(?<!\b(?:Mr|Ms|Dr|St|Mt|No|vs|Jr|Sr))(?<!\b(?:Mrs|Gen|Col|Maj|Sgt|Adm|Gov|Sen|Rep|etc))"
    r"(?<!\b(?:Capt|Prof))[.!?…][\"”’)\]]*(?=\s+[\"“‘«(\[]?[^\W_a-z])"
)


# -- links from day pages -------------------------------------------------------------------------

# What a name link must not go inside: code, links and images (Markdown's, and HTML's with their
# text: a link in a link is no HTML), HTML, bare URLs, day-link tokens.
_PROTECTED: Final = re.compile(
    r"(`+).*?\1|!?\[(?:[^\[\]]|\[[^\]]*\])*\](?:\([^)]*\)|\[[^\]]*\])?|(?i:<a\b[^>\n]*>.*?</a\s*>)|<[^>\n]*>"
    r"|https?://\S+|\ue000[^\ue001]*\ue001"
)
_SKIPPED_LINE: Final = re.compile(r"^ {0,3}(?:#|\[[^\]]+\]:)|^(?: {4}|\t)(?! *(?:[-*+]|\d{1,9}[.)])[ \t])")
_FENCE_LINE: Final = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def link_first_mentions(markdown: str, targets: list[tuple[re.Pattern[str], str]]) -> str:
    """Links the first mention of each target in `markdown` to its URL: [Kupiansk](url).

    Never inside code, headings, or the editor's own links; one link per target. Longer names
    go first, so "US Army" is linked as itself and not as "US".
    """
    lines = markdown.split("\n")
    fence: str | None = None
    usable: list[int] = []
    for i, line in enumerate(lines):
        match = _FENCE_LINE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
        elif line.strip() and not _SKIPPED_LINE.match(line):
            usable.append(i)
    if not usable:
        return markdown
    # Only lines the pattern matches in can take its link: one search of the whole text finds
    # them (a spelling holds no line break, and to the pattern a line break is what the end of
    # a line is), and the lines already given a link are looked at again.
    allowed = set(usable)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    changed: list[int] = []  # ascending
    for pattern, url in targets:
        hits = [bisect_right(starts, m.start()) - 1 for m in pattern.finditer(markdown)]
        if not hits and not changed:
            continue
        for i in sorted({*hits, *changed}):
            if i not in allowed:
                continue
            line = lines[i]
            found = _first_outside(pattern, line)
            if found is not None:
                start, end = found
                lines[i] = f"{line[:start]}[{line[start:end]}]({url}){line[end:]}"
                if i not in changed:
                    changed.append(i)
                    changed.sort()
                break
    return "\n".join(lines)


def _first_outside(pattern: re.Pattern[str], line: str) -> tuple[int, int] | None:
    if not pattern.search(line):
        return None
    protected = [m.span() for m in _PROTECTED.finditer(line)]
    for m in pattern.finditer(line):
        if not any(a < m.end() and m.start() < b for a, b in protected):
            return m.span()
    return None


def name_pattern(name: Name) -> re.Pattern[str]:
    return _spelling_pattern(name.spellings)
