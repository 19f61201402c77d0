"""Search records from the core's own day data, written as a Pagefind index after the build.

One record per published day. The script opens a hit at its section's tab
(`/2025/11/26/#fighting`), so a hit inside the second tab opens that tab. The records come from
the days as the core read them, never from the built HTML: what is indexed is exactly what the
editor wrote, and only day pages are in it (not the home page, nor the listings).

Pagefind stores whatever it is given and returns it unescaped: the reader's script treats every
field as text and builds its own excerpts (overrides/assets/javascripts/dateline-search.js), so
nothing here is escaped for HTML.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import gzip
import html
import json
import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.counting import date_in_words, day_words
from dateline.language import Language, language
from dateline.model import Chronicle, Day, Settings
from dateline.names import Name

if TYPE_CHECKING:
    from pagefind.service import PagefindService

INDEX_FOLDER = "pagefind"
NAMES_INDEX = "search-names.json"  # the name pages, for the dialog (see names_index)
# Pagefind holds ~70 bytes of memory per byte of text it indexes (its records, their words, then a
# copy of both while it writes): 10,000 days of 450 words in one process took 2.5 GB. The days are
# indexed in bundles of at most this much text (~3,400 such days, ~750 MB), each by a Pagefind
# process of its own, one after another; the script merges them (Pagefind's mergeIndex). The first
# bundle is the index, the others are folders in it, listed in BUNDLES. Each bundle is one more
# index chunk in a first query: at 8 MB (four bundles at 10,000 days) "Euroclear" took 307 KB,
# over the 300 KB of #7; at 11 MB there are three.
BUNDLE_BYTES = 11_000_000
BUNDLES = "dateline-bundles.json"
VOCABULARY = "/dateline-words/"  # the URL of a bundle's record of the words only the others have
_BATCH = 100  # records sent to the Pagefind process before waiting for its answers
# Hack: Pagefind's allocator (jemalloc) keeps freed pages and an arena per thread; one arena, given
# back at once, is a fifth less memory at the same speed (its variable, named for its prefix).
_ALLOCATOR = {"_RJEM_MALLOC_CONF": "narenas:1,dirty_decay_ms:0,muzzy_decay_ms:0"}
# Pagefind picks the index whose language matches the page's <html lang>: the site's language.
# Pagefind's own ready-made search interfaces, which we don't use: left out of the site.
_UNUSED_BUNDLES = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)  # fmt: skip


@dataclass(frozen=True)
class SearchSection:
    slug: str  # the tab's id: a hit in this section opens /2025/11/26/#slug
    name: str  # its display name, as the tab reads
    start: int  # index of its first word in the record's content, split at spaces


@dataclass(frozen=True)
class SearchRecord:
    """What Pagefind keeps for one day.

    One record per day, not per section: Pagefind's first query downloads a list of every
    record (about 7 bytes each), which per section would be 300 KB at 10,000 days. The script
    finds the section of each hit from the word positions Pagefind returns and `sections`.
    """

    url: str  # relative to the site root, as Pagefind expects: "/2025/11/26/"
    content: str  # plain text, one space between words: header words, headline, lede, sections
    title: str  # "Day 1,371 · Wednesday, 26 November 2025"
    headline: str  # the day's title, "" if it has none
    day: int  # 1371: the script ranks an exact day-number match first
    date: str  # "2025-11-26": the script ranks an exact date match first
    sections: tuple[SearchSection, ...]
    lede: int = 0  # index of the first word after the header words and headline
    end: int = 0  # index of the first filter word (see filter_words): the day's words end there

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def meta(self) -> dict[str, str]:
        """Pagefind's meta values are strings: the sections go as JSON."""
        sections = [[s.slug, s.name, s.start] for s in self.sections]
        meta = {"title": self.title, "day": str(self.day), "date": self.date}
        if self.headline:
            meta["headline"] = self.headline
        meta["sections"] = json.dumps(sections, ensure_ascii=False, separators=(",", ":"))
        meta["lede"] = str(self.lede)
        meta["end"] = str(self.end)
        return meta


# Filters are words at the end of a record, not Pagefind filters: Pagefind writes its filter
# index in a different order on every build (the site would not be byte-identical), and a
# first query would download it (about 100 KB at 10,000 days). With a filter word in the query,
# Pagefind finds only the days that have it; the dialog adds them and never shows them.
YEAR_WORD = "dlyear"  # dlyear2025
SECTION_WORD = "dlsec"  # dlsec + the section's name in UTF-8, as hex: one ASCII word in any script


def filter_words(year: int, sections: tuple[str, ...]) -> list[str]:
    return [f"{YEAR_WORD}{year}", *(SECTION_WORD + name.encode("utf-8").hex() for name in dict.fromkeys(sections))]


def search_records(chronicle: Chronicle, settings: Settings) -> tuple[SearchRecord, ...]:
    """One record per published day, oldest first."""
    lang = language(settings.language)
    return tuple(_day_record(day, lang) for day in chronicle.days)


def _day_record(day: Day, lang: Language) -> SearchRecord:
    title = f"{day_words(day.number, lang)} · {date_in_words(day.date, lang)}"
    headline = " ".join((day.title or "").split())  # plain text already: the page shows it as written
    # "1371", "day 1,371", "26 November 2025" and "2025-11-26" all find the header words; the
    # ISO date is also one word for Pagefind ("20251126"), which the script searches for a date.
    words = f"{title} · {day.date.isoformat()}.".split()
    if headline:
        words += f"{headline}.".split()
    # The lede is shown above the tabs, with the first tab open: a hit in it opens that tab.
    lede = len(words)
    words += plain_text(day.lede).split()
    sections = []
    for section in day.sections:
        sections.append(SearchSection(section.slug, section.name, len(words)))
        words += f"{section.name}.".split() + plain_text(section.markdown).split()
    end = len(words)
    words += filter_words(day.date.year, tuple(s.name for s in day.sections))
    return SearchRecord(
        url=f"/{day.url}",
        content=" ".join(words),
        title=title,
        headline=headline,
        day=day.number,
        date=day.date.isoformat(),
        sections=tuple(sections),
        lede=lede,
        end=end,
    )


# -- Markdown to the text a reader reads ---------------------------------------------------

_FENCE_LINE = re.compile(r"^ {0,3}(?:`{3,}|~{3,}).*$", re.M)
_LINK_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:.*$", re.M)
_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^[^\]]+\]:", re.M)
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]]+\]")
_DAY_TOKEN = re.compile("\ue000[^\ue001]*\ue001")
# [label](target "title"), ![alt](src), [label][ref], [label][]: the label (or alt) is what is read.
_LINK = re.compile(r"!?\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]*)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>|<!--.*?-->", re.S)
_ATTRIBUTE_LIST = re.compile(r"\{:[^}\n]*\}")
_BLOCK_MARK = re.compile(r"^[ \t]*(?:>[ \t>]*)?(?:#{1,6}[ \t]+|(?:[-*+]|\d{1,9}[.)])[ \t]+)?", re.M)
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$", re.M)
_RULE = re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$", re.M)
_EMPHASIS = re.compile(r"(\*{1,3}|~~)(?=\S)(.+?)(?<=\S)\1", re.S)
# Underscores inside a word are not emphasis ("snake_case"), as in Python-Markdown.
_UNDERSCORES = re.compile(r"(?<!\w)(_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)", re.S)
_CODE_SPAN = re.compile(r"(`+)[ ]?(.+?)[ ]?\1", re.S)
_ESCAPABLE = "\\`*_{}[]()#+-.!<>|~\"'"
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~\"'])")
# An escaped character is kept out of every other rule's way as a private-use stand-in.
_STAND_IN = 0xF780
_RESTORE = {_STAND_IN + i: c for i, c in enumerate(_ESCAPABLE)}


def plain_text(markdown: str) -> str:
    """The words of a piece of day Markdown, without its syntax, on one line.

    Links read as their labels (links to days as "Day 1,368 (23 November)" or the editor's
    label); images as their alt text; code as its text; raw HTML tags are dropped, entities read
    as the characters they stand for.
    """
    # Each rule runs only where its mark is in the text (most days have no code, no HTML, no
    # rule): 10,000 days are read in seconds, not a minute.
    text = _DAY_TOKEN.sub("", markdown) if "\ue000" in markdown else markdown
    escaped = "\\" in text
    if escaped:
        text = _ESCAPE.sub(lambda m: chr(_STAND_IN + _ESCAPABLE.index(m[1])), text)
    if "`" in text or "~" in text:
        text = _FENCE_LINE.sub("", text)
    if "[" in text:
        text = _FOOTNOTE_REFERENCE.sub("", _FOOTNOTE_DEFINITION.sub("", _LINK_DEFINITION.sub("", text)))
    if "---" in text or "***" in text or "___" in text or "- -" in text or "* *" in text or "_ _" in text:
        text = _RULE.sub("", text)
    if "{:" in text:
        text = _ATTRIBUTE_LIST.sub("", text)
    if "#" in text:
        text = _CLOSING_HASHES.sub("", text)
    text = _BLOCK_MARK.sub("", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    for _ in range(3):  # a link inside emphasis inside a link: a few rounds cover what editors write
        if "[" not in text:
            break
        text = _LINK.sub(r"\1", text)
    if "`" in text:
        text = _CODE_SPAN.sub(r"\2", text)
    if "<" in text:
        text = _HTML_TAG.sub(" ", text)
    for _ in range(3):
        if "*" in text or "~~" in text:
            text = _EMPHASIS.sub(r"\2", text)
        if "_" in text:
            text = _UNDERSCORES.sub(r"\2", text)
    if "&" in text:
        text = html.unescape(text)
    if escaped:
        text = text.translate(_RESTORE)
    return " ".join(text.split())


# -- the Pagefind index ----------------------------------------------------------------------


def write_search_index(chronicle: Chronicle, settings: Settings, site_dir: Path) -> None:
    """Writes the Pagefind index of every published day into site_dir/pagefind/."""
    folder = site_dir / INDEX_FOLDER
    if folder.exists():
        shutil.rmtree(folder)  # a rebuild under `mkdocs serve` must not keep yesterday's chunks
    lang = language(settings.language)
    made = {day.src_uri: _day_record(day, lang) for day in chronicle.days}  # each once: ~40 MB at 10,000 days
    groups = bundles(chronicle.days, [len(made[day.src_uri].content.encode("utf-8")) for day in chronicle.days])
    # With several bundles, each also has a record of the words only the others have: Pagefind
    # searches a word its index does not know as the longest one it knows that starts it
    # ("euro" for "Euroclear") or leaves it out (a year's filter word), and a merged search
    # would find days that one index of them all does not. The script never shows that record.
    several = groups if len(groups) > 1 else []
    words = [{w for day in group for w in made[day.src_uri].content.split()} for group in several]
    every = set().union(*words)

    def write(number: int, salt: int = 0) -> str | None:
        records = tuple(made[day.src_uri] for day in groups[number - 1])
        if every:
            others = sorted(every - words[number - 1]) + [f"dlsalt{salt}"] * bool(salt)
            records += (SearchRecord(VOCABULARY, " ".join(others), "", "", 0, "", ()),)
        bundle = folder / _bundle_path(number)
        for old in (*bundle.glob("*.pf_meta"), bundle / "pagefind-entry.json") if salt else ():
            old.unlink()  # written again: nothing of the first one is left
        for old in (bundle / "index", bundle / "fragment") if salt else ():
            shutil.rmtree(old)
        asyncio.run(_write_index(records, bundle, settings.language, number == 1))
        return _fragment_id(bundle, VOCABULARY) if every else None

    hidden = {number: write(number) for number in range(1, len(groups) + 1)}
    for number in hidden:
        salt = 0
        # Hack: a fragment's id is 7 hex digits of a hash, unique within its bundle only; a day of
        # another bundle with the id of a record of words would never be found. One in thousands
        # of builds: that record is written again, with a word more.
        while hidden[number] in _day_ids(folder, hidden, number):
            salt += 1
            hidden[number] = write(number, salt)
    more = [_bundle_path(number) for number in range(2, len(groups) + 1)]
    index = {"more": more, "words": sorted(filter(None, hidden.values()))}
    (folder / BUNDLES).write_text(json.dumps(index), encoding="utf-8")


def _day_ids(folder: Path, hidden: dict[int, str | None], but: int) -> set[str]:
    """The ids of the days' fragments in every bundle but one (an id is a fragment's file name)."""
    return {
        path.name.removesuffix(".pf_fragment")
        for number in hidden
        if number != but
        for path in (folder / _bundle_path(number) / "fragment").glob("*.pf_fragment")
    } - set(hidden.values())


def _fragment_id(bundle: Path, url: str) -> str:
    """The id of the record of `url` in a bundle: the name of its fragment, the largest."""
    for path in sorted((bundle / "fragment").glob("*.pf_fragment"), key=lambda p: (-p.stat().st_size, p.name)):
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        if fragment["url"] == url:
            return path.name.removesuffix(".pf_fragment")
    raise RuntimeError(f"Pagefind wrote no record of {url} in {bundle}")


def bundles(days: tuple[Day, ...], sizes: list[int]) -> list[tuple[Day, ...]]:
    """The days, oldest first, in as few bundles of at most BUNDLE_BYTES of text (`sizes`, each
    day's) as hold them, of even sizes: Pagefind ranks a day by how rare its words are in its own
    bundle, so none is a small one. A day goes in the bundle where its text starts."""
    total = sum(sizes)
    count = max(1, -(-total // BUNDLE_BYTES))
    found: list[list[Day]] = [[] for _ in range(count)]
    start = 0
    for day, size in zip(days, sizes, strict=True):
        found[start * count // total].append(day)
        start += size
    return [tuple(some) for some in found if some] or [()]


def _bundle_path(number: int) -> str:
    return "" if number == 1 else f"{number}/"


async def _write_index(records: tuple[SearchRecord, ...], folder: Path, code: str, first: bool = True) -> None:
    # Imported here: the Pagefind service is started only when an index is written.
    from pagefind.index import IndexConfig

    config = IndexConfig(output_path=str(folder.resolve()), force_language=code)
    service = await _service_class()().launch()
    try:
        index = await service.create_index(config)
        # Sent a batch at a time: the process reads the next while it indexes one.
        for batch in range(0, len(records), _BATCH):
            await asyncio.gather(
                *(
                    index.add_custom_record(
                        url=record.url,
                        content=record.content,
                        language=code,
                        meta=record.meta,
                    )
                    for record in records[batch : batch + _BATCH]
                )
            )
        await index.write_files()
        await _written(folder / "pagefind-entry.json")
        await _settled(folder)
    finally:
        await service.close()
    # A merged bundle is searched with the first bundle's script and WebAssembly.
    unused = _UNUSED_BUNDLES if first else (*_UNUSED_BUNDLES, "pagefind.js", "pagefind-worker.js")
    for name in unused:
        (folder / name).unlink(missing_ok=True)
    for path in () if first else folder.glob("wasm.*.pagefind"):
        path.unlink()


async def _written(entry: Path, seconds: float = 60) -> None:
    """Waits until Pagefind has written its entry file in full.

    Hack: Pagefind answers `write_files` before its last file is on disk; closing the service
    then can leave pagefind-entry.json empty (seen under load), and the search loads nothing.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while True:
        try:
            json.loads(entry.read_text(encoding="utf-8"))
            return
        except (OSError, ValueError):
            if loop.time() > deadline:
                raise RuntimeError(f"Pagefind did not write {entry.name}") from None
            await asyncio.sleep(0.05)


async def _settled(folder: Path, quiet: float = 0.2, seconds: float = 60) -> None:
    """Waits until no file in `folder` has grown for `quiet` seconds.

    Hack: closing the service kills the Pagefind process, which may still be writing its other
    files once the entry file is whole: a cut pagefind-worker.js was seen under load (a rebuild
    under `mkdocs serve` then differed from a cold build, tests/test_incremental.py)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    last: list[tuple[str, int]] | None = None
    while loop.time() < deadline:
        sizes = sorted((str(p), p.stat().st_size) for p in folder.rglob("*") if p.is_file())
        if sizes == last:
            return
        last = sizes
        await asyncio.sleep(quiet)


@functools.cache
def _service_class() -> type[PagefindService]:
    from pagefind.service import PagefindService

    class Service(PagefindService):
        """Pagefind's service client, reading its answers as soon as they come.

        Hack: pagefind 1.5.2's client sleeps 0.1 s before it reads each answer of the Pagefind
        process, so it adds 10 records a second: the 7,500 sections of 1,500 days would take
        12 minutes. This is its loop without the sleep (and failing every waiting request,
        instead of hanging, if the process dies). Its launch is pagefind's own, with the
        allocator's settings (_ALLOCATOR).
        """

        async def launch(self) -> Service:
            self._backend = await asyncio.create_subprocess_exec(
                self._bin,
                "--service",
                cwd=os.getcwd(),
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
                limit=2**21,  # as pagefind's: its answers are read a line at a time
                env={**os.environ, **_ALLOCATOR},
            )
            self._poll_task = self._loop.create_task(self._wait_for_responses())
            return self

        async def _wait_for_responses(self) -> None:
            stdout = self._backend.stdout
            assert stdout is not None
            while True:
                try:
                    output = await stdout.readuntil(b",")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError) as error:
                    for future in self._responses.values():
                        if not future.done():
                            future.set_exception(RuntimeError(f"the Pagefind process stopped answering: {error}"))
                    return
                response = json.loads(base64.b64decode(output[:-1]))
                if response is None:
                    continue
                payload = response["payload"]
                message_id = response.get("message_id")
                if message_id is None and payload.get("original_message"):
                    message_id = json.loads(payload["original_message"]).get("message_id")
                waiting = self._responses.get(message_id) if message_id is not None else None
                if waiting is None or waiting.done():
                    continue
                if payload["type"] == "Error":
                    waiting.set_exception(RuntimeError(f"Pagefind: {payload.get('message')}"))
                else:
                    waiting.set_result(payload)

    return Service


def names_index(names: Mapping[str, Name]) -> str:
    """The name pages for the search dialog, which lists those that match after the days:
    [[name, url, days, [spellings]], …], A to Z. A few kilobytes, fetched with the index."""
    rows = [[n.name, f"/names/{slug}/", len(n.days), list(n.spellings)] for slug, n in names.items()]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
