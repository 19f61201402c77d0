"""People and places: the names in a day's text, found without an editor's help.

One extraction serves related days (related.py) and the name pages, so one rule decides both.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Final

from dateline.model import Day

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


def day_names(day: Day, memo: Memo) -> dict[str, str]:
    """The names in a day's title (skipped if in Title Case), summary, lede and sections."""
    parts = [heading_prose(day.title or ""), day.summary or "", day.lede]
    parts += [s.markdown for s in day.sections]
    return _names(_prose("\n\n".join(parts)), memo)
