"""content/**/YYYY-MM-DD.md -> a Chronicle of days, plus every problem found, with its line.

Nothing an editor writes may take other days off the site, and a broken day is still published
with whatever could be read: a bad key is dropped, bad bytes are replaced, a duplicate section
is merged into the first. Only a file whose name is not a real date, or a second file for a
date, cannot be placed, and is left out.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import functools
import os
import posixpath
import re
import reprlib
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dateline.counting import day_label, day_number, format_number
from dateline.language import language
from dateline.model import Chronicle, Day, Problem, Section, SectionSetting, Settings, Severity, Source

DAY_FILE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.md$")
# Named like a day file but not read as one: another case or extension, e.g. 2025-11-28.MD.
_DATE_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}\.(?:md|markdown|mdown|mkd|txt|text)$", re.IGNORECASE)
KNOWN_KEYS = (
    "title", "summary", "tags", "related", "sources",
    "updated", "correction", "draft", "day",
)  # fmt: skip

# Links to days are kept as tokens until a page is composed, because the relative path to a
# day depends on the page that shows the text (the day page, or the home page).
TOKEN_OPEN, TOKEN_CLOSE = "\ue000", "\ue001"
_TOKEN = re.compile(f"{TOKEN_OPEN}(\\d{{4}}-\\d{{2}}-\\d{{2}})([^{TOKEN_CLOSE}]*){TOKEN_CLOSE}")

# An ATX heading's opening run; see _heading.
_HEADING_START = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
# What opens a list item or a quote: the containers whose nesting Python-Markdown recurses into.
_CONTAINER = re.compile(r"(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*")
_INLINE_MARK = re.compile(r"[*_\[]")
_SETEXT = re.compile(r"^ {0,3}(?:={2,}|-{2,})[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_INLINE_LINK = re.compile(
    r"(?<!!)\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"  # [label], one level of nested brackets
    r"\(\s*(<[^>\n]*>|[^)\s]+)((?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?)\s*\)"  # (target "title")
)
_REFERENCE = re.compile(r"^( {0,3}\[[^\]]+\]:\s*<?)(\S+?)(>?(?:\s.*)?)$")
_SHORT_LINK = re.compile(r"\[\[\s*(\d{4}-\d{2}-\d{2})\s*(?:\|([^\]]*))?\]\]")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_SAFE_SCHEMES = ("http", "https")
# Browsers drop these from a URL before reading its scheme: "java\tscript:" is "javascript:".
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")

# Limits on what one day file may hold: each guards a part of the build that would otherwise
# crash (RecursionError), hang, or grow without bound on hostile or broken input.
MAX_TEXT = {"title": 300, "summary": 1_000, "correction": 1_000}  # characters
MAX_SECTION_NAME = 200  # characters
MAX_ITEMS = 100  # in tags, related and sources
MAX_TAG = 100  # characters
MAX_URL = 2_000  # characters
MAX_SECTIONS = 20
MAX_NESTING = 50  # lists and quotes inside each other; Python-Markdown recurses once a level
MAX_INLINE_MARKS = 400  # '*', '_', '[' in one paragraph: Python-Markdown nests emphasis by recursion
MAX_YAML_DEPTH = 20  # lists and mappings inside each other in front matter
MAX_PIN_DRIFT = 10_000  # days between a pinned `day:` and the counting rule's number
QUOTED = 80  # characters of an offending value a message quotes


def slugify(text: str) -> str:
    """Slug for anchors and URLs: "Trump’s plan" -> "trumps-plan", "Türkiye" -> "turkiye".

    Accents come off Latin letters only: "Війна" stays "війна" (й is not an accented и).
    """
    kept: list[str] = []
    for c in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(c) and kept and kept[-1].isascii():
            continue
        kept.append(c)
    text = unicodedata.normalize("NFC", "".join(kept)).casefold()
    text = re.sub(r"['’‘`ʼ]", "", text)
    return re.sub(r"[\W_]+", "-", text).strip("-")


def section_key(text: str) -> str:
    """How section names are matched: case, apostrophe style and spacing don't matter."""
    text = text.replace("’", "'").replace("‘", "'")
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class _Text:
    """Markdown from a day file, and the file line its first line came from."""

    markdown: str
    line: int


@dataclass
class _DraftSection:
    slug: str
    name: str
    heading: str
    line: int
    parts: list[_Text]  # more than one when a section was written twice and merged


@dataclass
class _Draft:
    """A day while it is being read: mutable, turned into a frozen Day at the end."""

    path: str
    date: dt.date
    values: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    related_lines: dict[dt.date, int] = field(default_factory=dict)
    lede: _Text = field(default_factory=lambda: _Text("", 1))
    sections: list[_DraftSection] = field(default_factory=list)
    by_slug: dict[str, _DraftSection] = field(default_factory=dict)
    joined: bool = False  # sections past MAX_SECTIONS were joined into the last one


# Drafts read, by settings, then (path, date, bytes): all a draft is made from. See _Reader._read_file.
# The settings are looked up once a build: hashed for each of 10,000 files, they took 0.15 s.
_READ: dict[Settings, dict[tuple[str, dt.date, bytes], tuple[_Draft, list[Problem]]]] = {}
_READ_LIMIT = 50_000


class _Reader:
    """Reads one collection of day files; collects problems as it goes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.problems: list[Problem] = []
        self._sections = _section_lookup(settings.sections)
        self._alias_lines: list[int] = []  # of the front matter being read, see _FrontMatterLoader
        if settings not in _READ:  # only the drafts read with these settings can be used again
            _READ.clear()
        self._read = _READ.setdefault(settings, {})
        folder = settings.content_dir.as_posix().strip("/")
        self._folder = "" if folder in ("", ".") else f"{folder}/"

    def problem(self, path: str, line: int, message: str, severity: Severity = "error") -> None:
        self.problems.append(Problem(path, line, message, severity))

    # -- files -------------------------------------------------------------------------

    def read_all(self) -> list[_Draft]:
        settings = self.settings
        content = settings.root / settings.content_dir
        if not content.is_dir():
            self.problem(_relative(content, settings.root), 1, "content folder not found")
            return []
        return self.read_files(self._find_files(content))

    def _find_files(self, content: Path) -> dict[str, Callable[[], bytes]]:
        """Every day file under `content`, as {path: read its bytes}; everything else that is
        named like one is a warning at its own path. Links are never followed out of `content`,
        nor into folders (no loops); a FIFO or device is never opened (it would block)."""
        root = self.settings.root
        inside = os.path.realpath(content)
        files: dict[str, Callable[[], bytes]] = {}

        def unreadable(error: OSError) -> None:
            where = _relative(Path(error.filename or content), root)
            self.problem(where, 1, f"folder cannot be read: {error.strerror}; not read", "warning")

        top, named = os.path.abspath(content), _relative(content, root)
        for folder, dirs, names in os.walk(content, onerror=unreadable):
            # Each file named as _relative names it, without asking the system (10,000 days: 0.3 s a build).
            prefix = posixpath.normpath(posixpath.join(named, os.path.relpath(folder, top).replace(os.sep, "/")))
            dirs.sort()
            for name in list(dirs):
                full = os.path.join(folder, name)
                if os.path.islink(full):
                    self.problem(_relative(Path(full), root), 1, "a link to a folder: not followed", "warning")
                elif DAY_FILE.match(name) or _DATE_LIKE.match(name):
                    self.problem(_relative(Path(full), root), 1, "a folder, not a day file", "warning")
            for name in sorted(names):
                full = os.path.join(folder, name)
                path = name if prefix == "." else f"{prefix}/{name}"
                if not DAY_FILE.match(name):
                    if _DATE_LIKE.match(name):
                        message = f"not read: a day file is named YYYY-MM-DD.md, e.g. {name[:10]}.md"
                        self.problem(path, 1, message, "warning")
                    elif name.endswith(".md"):
                        self.problem(path, 1, "not a day file: name it YYYY-MM-DD.md", "warning")
                    continue
                target = self._resolve_file(full, path, inside)
                if target is not None:
                    files[path] = functools.partial(_read_bytes, target, self.settings.max_file_bytes)
        return files

    def _resolve_file(self, full: str, path: str, inside: str) -> str | None:
        """The file to read for a day file's name, or None (with a warning) if there is none."""
        try:
            info = os.lstat(full)
        except OSError as e:
            self.problem(path, 1, f"cannot be read: {e.strerror}", "warning")
            return None
        if stat.S_ISLNK(info.st_mode):
            target = os.path.realpath(full)
            if os.path.commonpath([inside, target]) != inside:
                self.problem(path, 1, "a link to a file outside the content folder: not followed", "warning")
                return None
            try:
                info = os.stat(target)
            except OSError:
                self.problem(path, 1, "a link to a file that does not exist: not read", "warning")
                return None
            full = target
        if not stat.S_ISREG(info.st_mode):
            self.problem(path, 1, "not a regular file: not read", "warning")
            return None
        return full

    def read_files(self, files: dict[str, Callable[[], bytes]]) -> list[_Draft]:
        """{path: read its bytes} -> drafts by date.

        Of two files for one date, the one at content/YYYY/MM/ wins, else the first by path.
        """
        by_date: dict[dt.date, list[str]] = {}
        for path in sorted(files):
            date = self._date_of(posixpath.basename(path), path)
            if date is not None:
                by_date.setdefault(date, []).append(path)
        drafts: list[_Draft] = []
        for date in sorted(by_date):
            canonical = self._canonical_path(date)
            paths = sorted(by_date[date], key=lambda p: p != canonical)  # stable: else by path
            for path in paths:
                draft = self._read_file(files[path], path, date)
                if draft is not None:
                    break
            else:
                continue
            drafts.append(draft)
            for other in paths:
                if other != draft.path:
                    self.problem(other, 1, f"two files for {date}: {draft.path} is used")
        return drafts

    def _canonical_path(self, date: dt.date) -> str:
        iso = date.isoformat()
        return f"{self._folder}{iso[:4]}/{iso[5:7]}/{iso}.md"

    def _read_file(self, read: Callable[[], bytes], path: str, date: dt.date) -> _Draft | None:
        try:
            data = read()
        except _TooLarge as e:
            limit = format_number(self.settings.max_file_bytes)
            message = f"file is {format_number(e.size)} bytes, over the limit of {limit} (max_file_bytes): left out"
            self.problem(path, 1, message)
            return None
        except OSError as e:
            self.problem(path, 1, f"cannot be read: {e.strerror or e}", "warning")
            return None
        except Exception as e:  # noqa: BLE001 - one broken file must never cost the other days
            self.problem(path, 1, f"could not be read ({_describe(e)}); left out")
            return None
        if len(data) > self.settings.max_file_bytes:
            limit = format_number(self.settings.max_file_bytes)
            message = f"file is {format_number(len(data))} bytes, over the limit of {limit} (max_file_bytes): left out"
            self.problem(path, 1, message)
            return None
        # A file read before with these very bytes and settings (`mkdocs serve` rebuilds) is not read again.
        key = (path, date, data)
        if key in self._read:
            draft, problems = self._read[key]
            self.problems.extend(problems)
            return draft
        before = len(self.problems)
        draft = _Draft(path, date)
        try:
            self.read_day(data, draft)
        except Exception as e:  # noqa: BLE001 - one broken file must never cost the other days
            # Hack: a last line of defence; the guards below should leave nothing to reach it.
            self.problem(path, 1, f"could not be read in full ({_describe(e)}); published with what was read")
        if len(self._read) >= _READ_LIMIT:
            self._read.clear()
        self._read[key] = (draft, self.problems[before:])  # a draft is never changed once read
        return draft

    def _date_of(self, name: str, path: str) -> dt.date | None:
        match = DAY_FILE.match(name)
        if not match:
            self.problem(path, 1, "not a day file: name it YYYY-MM-DD.md", "warning")
            return None
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            self.problem(path, 1, f"no such date: {name[:-3]}")
            return None

    def read_day(self, data: bytes, draft: _Draft) -> None:
        lines = self._decode(data, draft.path).split("\n")
        body_start = self._read_front_matter(lines, draft)
        self._read_body(lines[body_start:], body_start + 1, draft)

    def _decode(self, data: bytes, path: str) -> str:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            line = data[: e.start].count(b"\n") + 1
            self.problem(path, line, f"bytes that are not UTF-8 (0x{data[e.start]:02x}); save as UTF-8")
            text = data.decode("utf-8", errors="replace")
        return text.replace("\r\n", "\n").replace("\r", "\n")

    # -- front matter ------------------------------------------------------------------

    def _read_front_matter(self, lines: list[str], draft: _Draft) -> int:
        """Reads the YAML block, if any; returns the index of the first body line."""
        start = next((i for i, t in enumerate(lines) if t.strip()), 0)
        if start >= len(lines) or lines[start].rstrip() != "---":
            return 0
        end = next((i for i in range(start + 1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if end is None:
            self.problem(draft.path, start + 1, "front matter opened with '---' is never closed")
            return 0
        if start:
            # Markdown would show it as text between two rules: take it as what was meant.
            self.problem(draft.path, start + 1, "front matter should start on line 1", "warning")
        first = start + 2  # file line of the first YAML line
        node = self._compose(lines[start + 1 : end], first, draft)
        if node is None:
            return end + 1
        if not isinstance(node, yaml.MappingNode):
            self.problem(draft.path, first, "front matter must be 'key: value' lines")
            return end + 1
        loader = yaml.SafeLoader("")
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key, line = _quote_text(str(key_node.value), bare=True), key_node.start_mark.line + first
            if key in seen:
                self.problem(draft.path, line, f"key '{key}' appears twice")
            seen.add(key)
            draft.key_lines[key] = line
            aliased = self._aliases_within(key_node, value_node)
            if aliased is not None:
                message = f"'{key}': YAML aliases (*name) are not allowed in front matter; left out"
                self.problem(draft.path, aliased + first, message)
                continue
            try:
                value = loader.construct_object(value_node, deep=True)
            except (yaml.YAMLError, ValueError, TypeError) as e:
                # PyYAML raises ValueError for a date that does not exist, e.g. 2025-02-30.
                message = f"bad YAML value for '{key}': {_quote_text(str(e), bare=True)}"
                self.problem(draft.path, value_node.start_mark.line + first, message)
                continue
            self._read_key(draft, key, value, value_node, first)
        loader.dispose()
        if draft.values.get("correction") and "updated" not in draft.values:
            message = "a correction needs a date: add updated: with when it was made, e.g. 2025-11-27T09:30:00+00:00"
            self.problem(draft.path, draft.key_lines["correction"], message, "warning")
        return end + 1

    def _compose(self, lines: list[str], first: int, draft: _Draft) -> yaml.Node | None:
        text = "\n".join(lines)
        node = _compose_plain(text)
        if node is not None:
            self._alias_lines = []
            return node
        loader = _FrontMatterLoader(text)
        try:
            node = loader.get_single_node()
            self._alias_lines = loader.alias_lines
            return node
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
            line = first + (mark.line if mark is not None else 0)
            reason = _quote_text(str(getattr(e, "problem", None) or e), bare=True)
            hint = ""
            if "mapping values are not allowed" in reason or "expected <block end>" in reason:
                hint = " (a value with ': ' or starting with a quote needs quotes)"
            elif "found character '\\t'" in reason:
                hint = " (indent with spaces, not tabs)"
            self.problem(draft.path, line, f"bad YAML: {reason}{hint}")
            return None
        finally:
            loader.dispose()

    def _aliases_within(self, key_node: yaml.Node, value_node: yaml.Node) -> int | None:
        """The YAML line of the first alias in this key or its value, if any."""
        lines = self._alias_lines
        i = bisect.bisect_left(lines, key_node.start_mark.line)
        return lines[i] if i < len(lines) and lines[i] <= value_node.end_mark.line else None

    def _read_key(self, draft: _Draft, key: str, value: Any, node: yaml.Node, first: int) -> None:
        line = draft.key_lines.get(key, 2)
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            self.problem(draft.path, line, f"unknown key '{key}': {hint}known keys: {', '.join(KNOWN_KEYS)}")
            return
        if value is None:
            return
        if key in _LIST_READERS:
            items = self._items(draft, key, value, node, first)
            draft.values[key] = _LIST_READERS[key](self, draft, items)
            return
        try:
            draft.values[key] = _KEY_READERS[key](value)
        except _WrongType as e:
            self.problem(draft.path, line, f"'{key}' {e}")
            if e.fallback is not None:
                draft.values[key] = e.fallback
        if key in MAX_TEXT and isinstance(draft.values.get(key), str):
            draft.values[key] = self._limit_text(draft, key, draft.values[key], line)

    def _limit_text(self, draft: _Draft, key: str, text: str, line: int) -> str:
        limit = MAX_TEXT[key]
        if len(text) <= limit:
            return text
        self.problem(
            draft.path,
            line,
            f"'{key}' is {format_number(len(text))} characters, more than {format_number(limit)}:"
            f" {_quote_text(text)}; cut short",
        )
        return text[: limit - 1].rstrip() + "…"

    def _items(self, draft: _Draft, key: str, value: Any, node: yaml.Node, first: int) -> list[tuple[Any, int]]:
        """A list key's items, each with its own line; at most MAX_ITEMS of them."""
        line = draft.key_lines[key]
        if isinstance(value, str) and key == "tags":
            self.problem(draft.path, line, "'tags' must be a list, e.g. [kyiv, peace-plan]")
            return [(v, line) for v in value.split(",")]
        if not isinstance(value, list) or not isinstance(node, yaml.SequenceNode):
            self.problem(draft.path, line, f"'{key}' must be a list, e.g. {_LIST_EXAMPLES[key]}")
            return [(value, node.start_mark.line + first)]
        items = [(v, n.start_mark.line + first) for v, n in zip(value, node.value, strict=True)]
        if len(items) > MAX_ITEMS:
            message = f"'{key}' holds more than {MAX_ITEMS} items; the rest left out"
            self.problem(draft.path, items[MAX_ITEMS][1], message)
            items = items[:MAX_ITEMS]
        return items

    def _read_tags(self, draft: _Draft, items: list[tuple[Any, int]]) -> tuple[str, ...]:
        tags: dict[str, None] = {}
        for item, line in items:
            if isinstance(item, str | int) and not isinstance(item, bool):
                tag = slugify(str(item))
                if tag and len(tag) <= MAX_TAG:
                    tags[tag] = None
                    continue
                why = "has no letters or digits" if not tag else f"is longer than {MAX_TAG} characters"
                self.problem(draft.path, line, f"'tags': {_quote(item)} {why}; left out")
            elif item is None:
                self.problem(draft.path, line, "'tags': an empty item; left out")
            else:
                self.problem(draft.path, line, f"'tags' must hold words; {_quote(item)} is {_kind(item)}: left out")
        return tuple(tags)

    def _read_related(self, draft: _Draft, items: list[tuple[Any, int]]) -> tuple[dt.date, ...]:
        """`related:` keeps the line of each date, to say which one does not exist."""
        for item, line in items:
            date = _as_date(item)
            if date is None:
                self.problem(draft.path, line, f"'related' must hold dates as YYYY-MM-DD, not {_quote(item)}")
            else:
                draft.related_lines.setdefault(date, line)
        return tuple(draft.related_lines)

    def _read_sources(self, draft: _Draft, items: list[tuple[Any, int]]) -> tuple[Source, ...]:
        sources: list[Source] = []
        for item, line in items:
            if isinstance(item, str) and item.strip():
                url, title = item.strip(), None
            elif isinstance(item, dict) and isinstance(item.get("url"), str) and item["url"].strip():
                url, title = item["url"].strip(), item.get("title")
                title = None if title is None else _quote_text(str(title).strip(), MAX_TEXT["title"], bare=True)
            else:
                message = f"'sources' must hold links or {{title: …, url: …}}, not {_quote(item)}; left out"
                self.problem(draft.path, line, message)
                continue
            if len(url) > MAX_URL:
                message = f"source link longer than {format_number(MAX_URL)} characters: {_quote_text(url)}; left out"
                self.problem(draft.path, line, message)
                continue
            link = _is_safe_url(url)
            if not link:
                self.problem(
                    draft.path,
                    line,
                    f"source {_quote_text(url)}: only http:, https: and site-relative links are allowed;"
                    " shown as plain text",
                )
            sources.append(Source(url, title, link))
        return tuple(sources)

    # -- body --------------------------------------------------------------------------

    def _read_body(self, lines: list[str], first: int, draft: _Draft) -> None:
        """Splits the text at '## ' headings; `first` is the file line of lines[0]."""
        chunks: list[tuple[str, int, list[str]]] = []  # (heading, line, body lines)
        lede: list[str] = []
        current = lede
        previous = ""
        lines = self._guard(lines, first, draft)
        for offset, text, in_code in _scan(lines, lambda i: self._unclosed_fence(draft, first + i)):
            match = None if in_code else _heading(text)
            if match and match[0] == 2:
                chunks.append((match[1], first + offset, []))
                current = chunks[-1][2]
                previous = ""
                continue
            if not in_code and _SETEXT.match(text) and previous.strip() and not _LIST_ITEM.match(previous):
                self.problem(
                    draft.path,
                    first + offset - 1,
                    f"'{previous.strip()}' underlined with '{text.strip()[0]}' is a heading but not a section:"
                    f" write '## {previous.strip()}'",
                    "warning",
                )
            current.append(text)
            previous = "" if in_code else text

        draft.lede = self._take_title(_text(lede, first), draft)
        if not chunks:
            text_line = first + next((i for i, t in enumerate(lines) if t.strip()), 0)
            self.problem(draft.path, text_line, "no section: start one with a '## ' heading, e.g. '## Fighting'")
            return
        for heading, line, body in chunks:
            self._add_section(draft, heading, line, _text(body, line + 1))

    def _guard(self, lines: list[str], first: int, draft: _Draft) -> list[str]:
        """The body made safe for Python-Markdown, line for line: lists and quotes nested deeper
        than MAX_NESTING are flattened (it recurses once a level, and a few hundred levels are
        a RecursionError), and a paragraph with more than MAX_INLINE_MARKS emphasis and link
        marks is shown as written (emphasis nests by recursion too). One pass: linear."""
        lines = list(lines)
        deep: int | None = None
        paragraph: list[int] = []  # indexes of the lines of the paragraph being read
        marks = 0
        for i, text, in_code in [*_scan(lines), (len(lines), "", False)]:
            if in_code or not text.strip():
                if marks > MAX_INLINE_MARKS:
                    message = (
                        f"more than {MAX_INLINE_MARKS} of * _ [ in one paragraph:"
                        " shown as written, without emphasis or links"
                    )
                    self.problem(draft.path, first + paragraph[0], message)
                    for j in paragraph:
                        end = _container(lines[j], MAX_NESTING)[1]
                        lines[j] = lines[j][:end] + _INLINE_MARK.sub(r"\\\g<0>", lines[j][end:])
                paragraph, marks = [], 0
                continue
            depth, end, flat = _container(text, MAX_NESTING)
            if flat is not None:
                lines[i] = flat
                if deep is None:
                    deep = i
            paragraph.append(i)
            marks += len(_INLINE_MARK.findall(text, end))
        if deep is not None:
            message = f"lists or quotes nested more than {MAX_NESTING} levels deep: the deeper levels are flattened"
            self.problem(draft.path, first + deep, message)
        return lines

    def _unclosed_fence(self, draft: _Draft, line: int) -> None:
        self.problem(draft.path, line, "code block opened with ``` is never closed: the rest of the file is code")

    def _take_title(self, lede: _Text, draft: _Draft) -> _Text:
        """A leading '# Headline' serves as the title when the front matter has none."""
        first, _, rest = lede.markdown.partition("\n")
        match = _heading(first)
        if not match or match[0] != 1:
            return lede
        if "title" in draft.values:
            self.problem(draft.path, lede.line, "a '# ' title in the text and one in the front matter", "warning")
            return lede
        draft.values["title"] = self._limit_text(draft, "title", match[1], lede.line)
        return _text(rest.split("\n"), lede.line + 1)

    def _add_section(self, draft: _Draft, heading: str, line: int, body: _Text) -> None:
        name = heading.rstrip(":").strip()
        if not name:
            self.problem(draft.path, line, "section heading without a name")
            name = "Section"
        if len(name) > MAX_SECTION_NAME:
            message = f"section name longer than {MAX_SECTION_NAME} characters: {_quote_text(name)}; cut short"
            self.problem(draft.path, line, message)
            name = name[: MAX_SECTION_NAME - 1].rstrip() + "…"
        setting = self._sections.get(section_key(name))
        if setting is None:
            slug, display = slugify(name) or "section", name
            configured = ", ".join(s.name for s in self.settings.sections)
            self.problem(
                draft.path,
                line,
                f"section '{name}' is not in the settings; kept as its own section"
                + (f" (configured: {configured})" if configured else ""),
                "warning",
            )
        else:
            slug, display = setting.slug, setting.name
        if not body.markdown.strip():
            self.problem(draft.path, line, f"section '{name}' is empty")
            return
        existing = draft.by_slug.get(slug)
        if existing is not None:
            self.problem(draft.path, line, f"section '{display}' appears twice (first on line {existing.line}); merged")
            existing.parts.append(body)
            return
        if len(draft.sections) >= MAX_SECTIONS:
            last = draft.sections[-1]
            if not draft.joined:
                draft.joined = True
                message = (
                    f"more than {MAX_SECTIONS} sections: '{_quote_text(name, bare=True)}' and the ones after it"
                    f" are joined into the last one, '{last.name}'"
                )
                self.problem(draft.path, line, message)
            # Two lines before the body: the heading and a blank line, so its lines stay right.
            last.parts.append(_Text(f"### {_escape_markdown(name)}\n\n{body.markdown}", body.line - 2))
            return
        section = _DraftSection(slug, display, heading, line, [body])
        draft.sections.append(section)
        draft.by_slug[slug] = section


def _text(lines: list[str], first: int) -> _Text:
    """Lines as one Markdown text without blank lines around it, and the line it starts on."""
    start = next((i for i, t in enumerate(lines) if t.strip()), len(lines))
    return _Text("\n".join(lines[start:]).rstrip(), first + start)


class _WrongType(Exception):
    def __init__(self, message: str, fallback: Any = None) -> None:
        super().__init__(message)
        self.fallback = fallback


def _read_text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    raise _WrongType(f"must be text, not {_kind(value)}: put it in quotes", _quote_text(str(value), 1_000, bare=True))


def _read_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _WrongType(f"must be true or false, not {_kind(value)}")


def _read_day_number(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise _WrongType(f"must be a whole number of 0 or more, not {_quote(value)}")


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _read_updated(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise _WrongType(f"must be a date and time like 2025-11-27T09:30:00+00:00, not {_quote(value)}") from None
    else:
        raise _WrongType(f"must be a date and time, not {_kind(value)}")
    # PyYAML hands back naive UTC for times with an offset; a time without one is taken as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _kind(value: Any) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a mapping",
        dt.date: "a date",
        dt.datetime: "a date and time",
    }.get(type(value), type(value).__name__)


_KEY_READERS: dict[str, Callable[[Any], Any]] = {
    "title": _read_text,
    "summary": _read_text,
    "correction": _read_text,
    "updated": _read_updated,
    "draft": _read_bool,
    "day": _read_day_number,
}


_LIST_READERS: dict[str, Callable[[_Reader, _Draft, list[tuple[Any, int]]], Any]] = {
    "tags": _Reader._read_tags,
    "related": _Reader._read_related,
    "sources": _Reader._read_sources,
}
_LIST_EXAMPLES = {"tags": "[kyiv, peace-plan]", "related": "[2025-11-23]", "sources": "[https://example.org/story]"}


# Front matter the C parser may compose: no anchor or alias (see _FrontMatterLoader), no tag,
# no tab (where the two parsers disagree on tabs, the pure-Python one decides), and too few
# brackets, colons and dashes for nesting that could exhaust the C parser's stack.
_NOT_PLAIN = re.compile(r"[&*!\t]")
_NESTING = re.compile(r"[\[{:?-]")
_CLoader: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)


def _compose_plain(text: str) -> yaml.Node | None:
    """Front matter composed by libyaml's parser, several times faster than PyYAML's: its
    nodes carry the same lines. None if the text is not plain (see _NOT_PLAIN), or not valid,
    or nested deeper than MAX_YAML_DEPTH: then _FrontMatterLoader composes it, and says what
    is wrong, where."""
    if _CLoader is None or _NOT_PLAIN.search(text) or len(_NESTING.findall(text)) > 1_000:
        return None
    loader = _CLoader(text)
    try:
        node = loader.get_single_node()
    except Exception:  # noqa: BLE001 - whatever libyaml refuses, PyYAML reads and reports
        return None
    finally:
        loader.dispose()
    if node is None or _depth(node) > MAX_YAML_DEPTH:
        return None
    return node


def _depth(node: yaml.Node) -> int:
    """How deep `node` goes, as _FrontMatterLoader counts: itself 1, its keys and items 2, …"""
    deepest = 0
    stack = [(node, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, yaml.SequenceNode):
            stack += [(child, depth + 1) for child in node.value]
        elif isinstance(node, yaml.MappingNode):
            stack += [(child, depth + 1) for pair in node.value for child in pair]
    return deepest


class _FrontMatterLoader(yaml.SafeLoader):
    """Composes front matter without expanding aliases and without deep recursion.

    An alias (`*a`) becomes an empty value and its line is kept, so the key holding it can be
    refused: nine levels of `&a [*b, *b, …]` would otherwise expand to billions of items.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_lines: list[int] = []
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()  # type: ignore[no-untyped-call]
            self.alias_lines.append(event.start_mark.line)
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        if self._depth >= MAX_YAML_DEPTH:
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_YAML_DEPTH} levels", mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _quote(value: Any) -> str:
    """A value as a message shows it: its repr, at most QUOTED characters of it."""
    if isinstance(value, str):
        return _quote_text(value)
    return _quote_text(reprlib.repr(value), bare=True)


def _quote_text(text: str, limit: int = QUOTED, bare: bool = False) -> str:
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return short if bare else repr(short)


def _is_safe_url(url: str) -> bool:
    """Only http:, https: and links within the site can be followed from a day page."""
    seen = _URL_IGNORED.sub("", url)
    scheme = _SCHEME.match(seen)
    if scheme:
        return scheme.group(0)[:-1].lower() in _SAFE_SCHEMES
    return not seen.startswith(("//", "\\\\", "/\\", "\\/"))  # "//host" leaves the site


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _read_bytes(path: str, limit: int) -> bytes:
    """A file's bytes, refusing more than `limit` of them before they are read."""
    # O_NONBLOCK: a FIFO put in the file's place since it was looked at must not block the build.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with open(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file")
        if info.st_size > limit:
            raise _TooLarge(info.st_size)
        data = f.read(limit + 1)
    if len(data) > limit:
        raise _TooLarge(len(data))
    return data


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {_quote_text(str(error), bare=True)}"


def _section_lookup(sections: tuple[SectionSetting, ...]) -> dict[str, SectionSetting]:
    lookup: dict[str, SectionSetting] = {}
    for s in sections:
        for name in (s.name, s.slug, *s.aliases):
            lookup.setdefault(section_key(name), s)
    return lookup


def _scan(lines: list[str], unclosed: Callable[[int], None] | None = None) -> Iterator[tuple[int, str, bool]]:
    """(index, line, inside code) for each line: fenced code, and indented code outside lists.

    `unclosed` hears of the opening line of a fence that is never closed.
    """
    fence: tuple[str, int] | None = None
    in_list = in_indented = False
    blank_before = True
    for i, text in enumerate(lines):
        match = _FENCE.match(text)
        if fence is not None:
            if match and match.group(1)[0] == fence[0][0] and len(match.group(1)) >= len(fence[0]):
                fence = None
            yield i, text, True
            continue
        if match:
            fence = (match.group(1), i)
            yield i, text, True
            continue
        blank = not text.strip()
        indented = text.startswith(("    ", "\t"))
        if _LIST_ITEM.match(text):
            in_list = True
        elif not blank and not indented and blank_before:
            in_list = False  # a paragraph back at the margin ends a list
        # Indented lines after a blank line are code, unless they continue a list item.
        if not blank:
            in_indented = indented and (in_indented or (blank_before and not in_list))
        blank_before = blank
        yield i, text, in_indented and not blank
    if fence is not None and unclosed is not None:
        unclosed(fence[1])


def _heading(text: str) -> tuple[int, str] | None:
    """An ATX heading -> (level, text). A closing run of '#' counts only after a space ("## C#"
    is "C#"). Not a regular expression: `(.*?)[ \t]+#+` backtracks quadratically on spaces."""
    match = _HEADING_START.match(text)
    if match is None:
        return None
    rest = text[match.end() :].strip(" \t")
    closed = rest.rstrip("#")
    if closed != rest and (not closed or closed[-1] in " \t"):
        rest = closed.rstrip(" \t")
    return len(match.group(1)), rest


def _container(text: str, limit: int) -> tuple[int, int, str | None]:
    """(nesting depth, end of the list and quote markers, the line flattened to `limit` levels
    or None if it is within them). Every 4 columns of indentation are a level, as in lists."""
    i, columns = 0, 0
    while i < len(text) and text[i] in " \t":
        columns += 4 - columns % 4 if text[i] == "\t" else 1
        i += 1
    depth = columns // 4
    indent = text[:i] if depth <= limit else " " * (4 * limit)
    kept = i
    start = i
    while (match := _CONTAINER.match(text, i)) is not None:
        depth += 1
        i = match.end()
        if depth <= limit:
            kept = i
    if depth <= limit:
        return depth, i, None
    return depth, i, indent + text[start:kept] + text[i:]


def _relative(path: Path, root: Path) -> str:
    """`path` relative to `root`, by name: a link is named as itself, never as its target."""
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()


# -- links between days ----------------------------------------------------------------


class _LinkResolver:
    """Turns links to day files into tokens, and reports links to days that do not exist.

    A link to a day that is missing (or a draft) is reported and shown as its plain label, so
    a normal build publishes no broken link and no raw Markdown.
    """

    def __init__(self, reader: _Reader, drafts: list[_Draft], numbers: dict[dt.date, int]) -> None:
        self.reader = reader
        self.numbers = numbers  # published days only
        self.known = {d.date for d in drafts}  # including drafts, for a clearer message
        self.checked: list[dt.date] = []  # every date a link names, see _resolved

    def resolve(self, text: _Text, path: str, links: list[dt.date]) -> str:
        lines = text.markdown.split("\n")
        for i, line, in_code in _scan(lines):
            if not in_code:
                lines[i] = self._resolve_line(line, (path, text.line + i), links)
        return "\n".join(lines)

    def _resolve_line(self, line: str, where: tuple[str, int], links: list[dt.date]) -> str:
        line = _outside_code(_SHORT_LINK, line, lambda m: self._short(m, where, links))
        line = _outside_code(_INLINE_LINK, line, lambda m: self._inline(m, where, links))
        return _REFERENCE.sub(lambda m: self._reference(m, where, links), line)

    def _short(self, m: re.Match[str], where: tuple[str, int], links: list[dt.date]) -> str:
        date = _as_date(m.group(1))
        label = (m.group(2) or "").strip()
        if date is None:
            self._impossible(m.group(1), where)
            return label or m.group(1)
        if not self._check(date, m.group(1), where):
            return label or m.group(1)
        links.append(date)
        words = label or day_label(self.numbers[date], date, language(self.reader.settings.language))
        return f"[{words}]({TOKEN_OPEN}{date}{TOKEN_CLOSE})"

    def _inline(self, m: re.Match[str], where: tuple[str, int], links: list[dt.date]) -> str:
        label, target, title = m.group(1), m.group(2).strip("<>"), m.group(3)
        found = self._day_target(target)
        if found is None:
            return m.group(0)
        date, fragment = found
        if date is None:
            self._impossible(target, where)
            return label
        if not self._check(date, target, where):
            return label
        links.append(date)
        return f"[{label}]({TOKEN_OPEN}{date}{fragment}{TOKEN_CLOSE}{title})"

    def _reference(self, m: re.Match[str], where: tuple[str, int], links: list[dt.date]) -> str:
        found = self._day_target(m.group(2))
        if found is None:
            return m.group(0)
        date, fragment = found
        if date is None:
            self._impossible(m.group(2), where)
            return m.group(0)
        if not self._check(date, m.group(2), where):
            return m.group(0)
        links.append(date)
        return f"{m.group(1)}{TOKEN_OPEN}{date}{fragment}{TOKEN_CLOSE}{m.group(3)}"

    @staticmethod
    def _day_target(target: str) -> tuple[dt.date | None, str] | None:
        """A relative link to a day file -> (its date, "#fragment" or ""), the date None if it
        cannot exist (2025-11-31.md); anything else -> None."""
        if _SCHEME.match(target) or target.startswith(("#", "/")):
            return None
        file, hash_, fragment = target.partition("#")
        name = posixpath.basename(file)
        if not DAY_FILE.match(name):
            return None
        return _as_date(name[:-3]), hash_ + fragment

    def _impossible(self, written: str, where: tuple[str, int]) -> None:
        message = f"link to a date that does not exist: {_quote_text(written, bare=True)}"
        self.reader.problem(where[0], where[1], message)

    def _check(self, date: dt.date, written: str, where: tuple[str, int]) -> bool:
        self.checked.append(date)
        if date in self.numbers:
            return True
        why = "a draft" if date in self.known else "a day that does not exist"
        self.reader.problem(where[0], where[1], f"link to {why}: {written}")
        return False


def _outside_code(pattern: re.Pattern[str], line: str, replace: Callable[[re.Match[str]], str]) -> str:
    """pattern.sub(replace, line), except inside `code spans` (found afresh on every pass)."""
    if not pattern.search(line):
        return line
    spans = [m.span() for m in _CODE_SPAN.finditer(line)]
    starts = [a for a, _ in spans]

    def outside(m: re.Match[str]) -> str:
        i = bisect.bisect_right(starts, m.start()) - 1  # spans are sorted and apart: linear
        return m.group(0) if i >= 0 and m.start() < spans[i][1] else replace(m)

    return pattern.sub(outside, line)


def load_days(settings: Settings, today: dt.date | None = None) -> Chronicle:
    """Reads every day file under the content folder. `today` (UTC by default) only decides
    which days are warned about as dated in the future; it never changes a day."""
    reader = _Reader(settings)
    return _assemble(reader, reader.read_all(), today)


def load_texts(files: dict[str, str], settings: Settings, today: dt.date | None = None) -> Chronicle:
    """Like load_days, from {path: text}: for tests and tools that have no folder."""
    reader = _Reader(settings)
    drafts = reader.read_files({path: functools.partial(text.encode, "utf-8") for path, text in files.items()})
    return _assemble(reader, drafts, today)


def _assemble(reader: _Reader, drafts: list[_Draft], today: dt.date | None) -> Chronicle:
    settings = reader.settings
    today = today or dt.datetime.now(dt.UTC).date()
    published = [d for d in drafts if settings.show_drafts or not d.values.get("draft", False)]
    numbers: dict[dt.date, int] = {}
    for d in published:
        rule_number = day_number(d.date, settings.counting)
        pinned = d.values.get("day")
        line = d.key_lines.get("day", 2)
        if pinned is not None and abs(pinned - rule_number) > MAX_PIN_DRIFT:
            message = (
                f"'day' {_quote_text(format_number(pinned), bare=True)} is more than {format_number(MAX_PIN_DRIFT)}"
                f" days from the counting rule's {format_number(rule_number)}: the rule's number is used"
            )
            reader.problem(d.path, line, message)
            pinned = None
        numbers[d.date] = rule_number if pinned is None else pinned
        if pinned is not None and pinned != rule_number:
            message = f"pins day {format_number(pinned)}; the counting rule gives {format_number(rule_number)}"
            reader.problem(d.path, line, message, "note")
        elif rule_number < 0:
            reader.problem(d.path, 1, f"comes before the story starts: day {format_number(rule_number)}", "warning")
        if d.date > today:
            reader.problem(d.path, 1, f"dated {d.date}, after today ({today}, UTC): check the date", "warning")
    resolver = _LinkResolver(reader, drafts, numbers)
    days: list[Day] = []
    for d in published:
        try:
            days.append(_resolved(d, numbers, resolver))
        except Exception as e:  # noqa: BLE001 - one broken file must never cost the other days
            reader.problem(d.path, 1, f"could not be read ({_describe(e)}); left out")
    return Chronicle(tuple(days), tuple(sorted(reader.problems, key=lambda p: (p.path, p.line))))


def _resolved(d: _Draft, numbers: dict[dt.date, int], resolver: _LinkResolver) -> Day:
    """_day, remembered from build to build (`mkdocs serve`) while all it looks up is the same:
    the draft (the same object while its file's bytes and the settings are: _READ), its number,
    and whether each day it links or relates to is published, with which number, or a draft."""

    def state(dates: Iterable[dt.date]) -> tuple[tuple[int | None, bool], ...]:
        return tuple((numbers.get(date), date in resolver.known) for date in dates)

    kept = _RESOLVED.get(id(d))
    if kept is not None and kept[0] is d and kept[1] == numbers[d.date] and kept[3] == state(kept[2]):
        resolver.reader.problems.extend(kept[4])
        return kept[5]
    problems, resolver.checked = resolver.reader.problems, []
    before = len(problems)
    day = _day(d, numbers, resolver)
    dates = (*resolver.checked, *d.related_lines)
    if len(_RESOLVED) >= _READ_LIMIT:
        _RESOLVED.clear()
    _RESOLVED[id(d)] = (d, numbers[d.date], dates, state(dates), tuple(problems[before:]), day)
    return day


# id(draft) -> (draft, its number, dates looked up, their state, problems, day)
_RESOLVED: dict[int, tuple[_Draft, int, tuple[dt.date, ...], tuple[Any, ...], tuple[Problem, ...], Day]] = {}


def _day(d: _Draft, numbers: dict[dt.date, int], resolver: _LinkResolver) -> Day:
    links: list[dt.date] = []
    lede = resolver.resolve(d.lede, d.path, links)
    sections = tuple(
        Section(
            s.slug,
            s.name,
            s.heading,
            s.line,
            "\n\n".join(resolver.resolve(part, d.path, links) for part in s.parts),
            s.parts[0].line,
        )
        for s in d.sections
    )
    for date, line in d.related_lines.items():
        if date not in numbers:
            why = "a draft" if date in resolver.known else "a day that does not exist"
            resolver.reader.problem(d.path, line, f"related: {date} is {why}")
    return Day(
        date=d.date,
        path=d.path,
        number=numbers[d.date],
        pinned="day" in d.values,
        title=d.values.get("title") or None,
        summary=d.values.get("summary") or None,
        tags=d.values.get("tags", ()),
        related=tuple(r for r in d.related_lines if r in numbers and r != d.date),
        sources=d.values.get("sources", ()),
        updated=d.values.get("updated"),
        correction=d.values.get("correction") or None,
        draft=bool(d.values.get("draft", False)),
        lede=lede,
        sections=sections,
        links=tuple(dict.fromkeys(x for x in links if x != d.date)),
    )


# -- composing pages ---------------------------------------------------------------------


def resolve_tokens(text: str, chronicle: Chronicle, page_uri: str) -> str:
    """Replaces day-link tokens with paths to the day pages, relative to `page_uri`."""
    base = posixpath.dirname(page_uri)

    def path(m: re.Match[str]) -> str:
        day = chronicle.find(dt.date.fromisoformat(m.group(1)))
        target = day.src_uri if day else f"{m.group(1)}.md"
        return posixpath.relpath(target, base or ".") + m.group(2)

    return _TOKEN.sub(path, text)


def day_markdown(day: Day, chronicle: Chronicle, page_uri: str) -> str:
    """The Markdown of a day's lede and its sections as content tabs."""
    parts = [day.lede] if day.lede.strip() else []
    for section in day.sections:
        # The label is Markdown too: escaped, so "<Live> *updates*" reads as written, and the
        # tab's id (see the hook's tab slug) is worked out from the name as written.
        label = _escape_markdown(section.name).replace('"', "&quot;")
        body = _indent(section.markdown)
        # Each tab repeats its name as a heading, shown only where all tabs are laid out one
        # after another: without JavaScript, and in print. A paragraph with a heading role
        # keeps it out of the table of contents and away from the tab's id.
        heading = f'    {_escape_markdown(section.name)}\n    {{: .dl-section-heading role=heading aria-level="2" }}'
        parts.append(f'=== "{label}"\n\n{heading}\n\n{body}')
    return resolve_tokens("\n\n".join(parts), chronicle, page_uri) + "\n"


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line.strip() else "" for line in text.split("\n"))


def _escape_markdown(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return re.sub(r"([\\`*_{}\[\]()>#+!])", r"\\\1", text)
