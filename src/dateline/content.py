"""content/**/YYYY-MM-DD.md -> a Chronicle of days, plus every problem found, with its line.

Nothing an editor writes may take other days off the site, and a broken day is still published
with whatever could be read: a bad key is dropped, bad bytes are replaced, a duplicate section
is merged into the first. Only a file whose name is not a real date, or a second file for a
date, cannot be placed, and is left out.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dateline.counting import day_label, day_number, format_number
from dateline.model import Chronicle, Day, Problem, Section, SectionSetting, Settings, Severity, Source

DAY_FILE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.md$")
KNOWN_KEYS = (
    "title", "summary", "tags", "related", "sources",
    "updated", "correction", "draft", "day",
)  # fmt: skip

# Links to days are kept as tokens until a page is composed, because the relative path to a
# day depends on the page that shows the text (the day page, or the home page).
TOKEN_OPEN, TOKEN_CLOSE = "\ue000", "\ue001"
_TOKEN = re.compile(f"{TOKEN_OPEN}(\\d{{4}}-\\d{{2}}-\\d{{2}})([^{TOKEN_CLOSE}]*){TOKEN_CLOSE}")

# An ATX heading; a closing run of '#' counts only after a space ("## C#" is "C#").
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
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


class _Reader:
    """Reads one collection of day files; collects problems as it goes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.problems: list[Problem] = []
        self._sections = _section_lookup(settings.sections)

    def problem(self, path: str, line: int, message: str, severity: Severity = "error") -> None:
        self.problems.append(Problem(path, line, message, severity))

    # -- files -------------------------------------------------------------------------

    def read_all(self) -> list[_Draft]:
        settings = self.settings
        content = settings.root / settings.content_dir
        if not content.is_dir():
            self.problem(_relative(content, settings.root), 1, "content folder not found")
            return []
        files = {_relative(f, settings.root): f for f in content.rglob("*.md")}
        return self.read_files({path: files[path].read_bytes for path in files})

    def read_files(self, files: dict[str, Callable[[], bytes]]) -> list[_Draft]:
        """{path: read its bytes} -> drafts by date; the first path in order wins a date."""
        drafts: dict[dt.date, _Draft] = {}
        for path in sorted(files):
            date = self._date_of(posixpath.basename(path), path)
            if date is None:
                continue
            if date in drafts:
                self.problem(path, 1, f"two files for {date}: {drafts[date].path} is used")
                continue
            drafts[date] = self.read_day(files[path](), path, date)
        return [drafts[d] for d in sorted(drafts)]

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

    def read_day(self, data: bytes, path: str, date: dt.date) -> _Draft:
        draft = _Draft(path, date)
        lines = self._decode(data, path).split("\n")
        body_start = self._read_front_matter(lines, draft)
        self._read_body(lines[body_start:], body_start + 1, draft)
        return draft

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
            key, line = str(key_node.value), key_node.start_mark.line + first
            if key in seen:
                self.problem(draft.path, line, f"key '{key}' appears twice")
            seen.add(key)
            draft.key_lines[key] = line
            try:
                value = loader.construct_object(value_node, deep=True)
            except (yaml.YAMLError, ValueError, TypeError) as e:
                # PyYAML raises ValueError for a date that does not exist, e.g. 2025-02-30.
                self.problem(draft.path, value_node.start_mark.line + first, f"bad YAML value for '{key}': {e}")
                continue
            if key == "related":
                self._read_related(draft, value, value_node, first)
            else:
                self._read_key(draft, key, value)
        loader.dispose()
        return end + 1

    def _compose(self, lines: list[str], first: int, draft: _Draft) -> yaml.Node | None:
        loader = yaml.SafeLoader("\n".join(lines))
        try:
            return loader.get_single_node()
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
            line = first + (mark.line if mark is not None else 0)
            reason = str(getattr(e, "problem", None) or e)
            hint = ""
            if "mapping values are not allowed" in reason or "expected <block end>" in reason:
                hint = " (a value with ': ' or starting with a quote needs quotes)"
            elif "found character '\\t'" in reason:
                hint = " (indent with spaces, not tabs)"
            self.problem(draft.path, line, f"bad YAML: {reason}{hint}")
            return None
        finally:
            loader.dispose()

    def _read_key(self, draft: _Draft, key: str, value: Any) -> None:
        line = draft.key_lines.get(key, 2)
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            self.problem(draft.path, line, f"unknown key '{key}': {hint}known keys: {', '.join(KNOWN_KEYS)}")
            return
        if value is None:
            return
        try:
            draft.values[key] = _KEY_READERS[key](value)
        except _WrongType as e:
            self.problem(draft.path, line, f"'{key}' {e}")
            if e.fallback is not None:
                draft.values[key] = e.fallback

    def _read_related(self, draft: _Draft, value: Any, node: yaml.Node, first: int) -> None:
        """`related:` keeps the line of each date, to say which one does not exist."""
        if value is None:
            return
        line = draft.key_lines["related"]
        if not isinstance(value, list):
            self.problem(draft.path, line, "'related' must be a list of dates, e.g. [2025-11-23]")
            value = [value]
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for item, item_node in zip(value, items, strict=False):
            date = _as_date(item)
            where = item_node.start_mark.line + first
            if date is None:
                self.problem(draft.path, where, f"'related' must hold dates as YYYY-MM-DD, not {item!r}")
            else:
                draft.related_lines.setdefault(date, where)

    # -- body --------------------------------------------------------------------------

    def _read_body(self, lines: list[str], first: int, draft: _Draft) -> None:
        """Splits the text at '## ' headings; `first` is the file line of lines[0]."""
        chunks: list[tuple[str, int, list[str]]] = []  # (heading, line, body lines)
        lede: list[str] = []
        current = lede
        previous = ""
        for offset, text, in_code in _scan(lines, lambda i: self._unclosed_fence(draft, first + i)):
            match = None if in_code else _HEADING.match(text)
            if match and len(match.group(1)) == 2:
                chunks.append(((match.group(2) or "").strip(), first + offset, []))
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

    def _unclosed_fence(self, draft: _Draft, line: int) -> None:
        self.problem(draft.path, line, "code block opened with ``` is never closed: the rest of the file is code")

    def _take_title(self, lede: _Text, draft: _Draft) -> _Text:
        """A leading '# Headline' serves as the title when the front matter has none."""
        first, _, rest = lede.markdown.partition("\n")
        match = _HEADING.match(first)
        if not match or len(match.group(1)) != 1:
            return lede
        if "title" in draft.values:
            self.problem(draft.path, lede.line, "a '# ' title in the text and one in the front matter", "warning")
            return lede
        draft.values["title"] = (match.group(2) or "").strip()
        return _text(rest.split("\n"), lede.line + 1)

    def _add_section(self, draft: _Draft, heading: str, line: int, body: _Text) -> None:
        name = heading.rstrip(":").strip()
        if not name:
            self.problem(draft.path, line, "section heading without a name")
            name = "Section"
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
        for existing in draft.sections:
            if existing.slug == slug:
                self.problem(
                    draft.path, line, f"section '{display}' appears twice (first on line {existing.line}); merged"
                )
                existing.parts.append(body)
                return
        draft.sections.append(_DraftSection(slug, display, heading, line, [body]))


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
    raise _WrongType(f"must be text, not {_kind(value)}: put it in quotes", str(value))


def _read_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _WrongType(f"must be true or false, not {_kind(value)}")


def _read_day_number(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise _WrongType(f"must be a whole number of 0 or more, not {value!r}")


def _read_tags(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        fallback = tuple(t for t in (slugify(v) for v in value.split(",")) if t)
        raise _WrongType("must be a list, e.g. [kyiv, peace-plan]", fallback)
    if not isinstance(value, list) or not all(isinstance(t, str | int) for t in value):
        raise _WrongType("must be a list of words, e.g. [kyiv, peace-plan]")
    return tuple(dict.fromkeys(t for t in (slugify(str(v)) for v in value) if t))


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


def _read_sources(value: Any) -> tuple[Source, ...]:
    if not isinstance(value, list):
        value = [value]
        wrong: str | None = "must be a list of links"
    else:
        wrong = None
    sources: list[Source] = []
    for item in value:
        if isinstance(item, str) and item.strip():
            sources.append(Source(item.strip()))
        elif isinstance(item, dict) and isinstance(item.get("url"), str):
            title = item.get("title")
            sources.append(Source(item["url"].strip(), str(title) if title is not None else None))
        else:
            wrong = wrong or f"must hold links or {{title: …, url: …}}, not {item!r}"
    if wrong:
        raise _WrongType(wrong, tuple(sources))
    return tuple(sources)


def _read_updated(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise _WrongType(f"must be a date and time like 2025-11-27T09:30:00+00:00, not {value!r}") from None
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
    "tags": _read_tags,
    "sources": _read_sources,
    "updated": _read_updated,
    "draft": _read_bool,
    "day": _read_day_number,
}


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


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


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
        if date is None or not self._check(date, m.group(1), where):
            return label or m.group(1)
        links.append(date)
        return f"[{label or day_label(self.numbers[date], date)}]({TOKEN_OPEN}{date}{TOKEN_CLOSE})"

    def _inline(self, m: re.Match[str], where: tuple[str, int], links: list[dt.date]) -> str:
        label, target, title = m.group(1), m.group(2).strip("<>"), m.group(3)
        date, fragment = self._day_target(target)
        if date is None:
            return m.group(0)
        if not self._check(date, target, where):
            return label
        links.append(date)
        return f"[{label}]({TOKEN_OPEN}{date}{fragment}{TOKEN_CLOSE}{title})"

    def _reference(self, m: re.Match[str], where: tuple[str, int], links: list[dt.date]) -> str:
        date, fragment = self._day_target(m.group(2))
        if date is None or not self._check(date, m.group(2), where):
            return m.group(0)
        links.append(date)
        return f"{m.group(1)}{TOKEN_OPEN}{date}{fragment}{TOKEN_CLOSE}{m.group(3)}"

    @staticmethod
    def _day_target(target: str) -> tuple[dt.date | None, str]:
        """A relative link to a day file -> (its date, "#fragment" or ""); anything else -> None."""
        if _SCHEME.match(target) or target.startswith(("#", "/")):
            return None, ""
        file, hash_, fragment = target.partition("#")
        name = posixpath.basename(file)
        if not DAY_FILE.match(name):
            return None, ""
        return _as_date(name[:-3]), hash_ + fragment

    def _check(self, date: dt.date, written: str, where: tuple[str, int]) -> bool:
        if date in self.numbers:
            return True
        why = "a draft" if date in self.known else "a day that does not exist"
        self.reader.problem(where[0], where[1], f"link to {why}: {written}")
        return False


def _outside_code(pattern: re.Pattern[str], line: str, replace: Callable[[re.Match[str]], str]) -> str:
    """pattern.sub(replace, line), except inside `code spans` (found afresh on every pass)."""
    if not pattern.search(line):
        return line
    code = [m.span() for m in _CODE_SPAN.finditer(line)]

    def outside(m: re.Match[str]) -> str:
        return m.group(0) if any(a <= m.start() < b for a, b in code) else replace(m)

    return pattern.sub(outside, line)


def load_days(settings: Settings) -> Chronicle:
    """Reads every day file under the content folder."""
    reader = _Reader(settings)
    return _assemble(reader, reader.read_all())


def load_texts(files: dict[str, str], settings: Settings) -> Chronicle:
    """Like load_days, from {path: text}: for tests and tools that have no folder."""
    reader = _Reader(settings)
    drafts = reader.read_files({path: functools.partial(text.encode, "utf-8") for path, text in files.items()})
    return _assemble(reader, drafts)


def _assemble(reader: _Reader, drafts: list[_Draft]) -> Chronicle:
    settings = reader.settings
    published = [d for d in drafts if settings.show_drafts or not d.values.get("draft", False)]
    numbers: dict[dt.date, int] = {}
    for d in published:
        rule_number = day_number(d.date, settings.counting)
        pinned = d.values.get("day")
        numbers[d.date] = rule_number if pinned is None else pinned
        if pinned is not None and pinned != rule_number:
            message = f"pins day {format_number(pinned)}; the counting rule gives {format_number(rule_number)}"
            reader.problem(d.path, d.key_lines.get("day", 2), message, "note")
        elif rule_number < 0:
            reader.problem(d.path, 1, f"comes before the story starts: day {format_number(rule_number)}", "warning")
    resolver = _LinkResolver(reader, drafts, numbers)
    return Chronicle(
        tuple(_day(d, numbers, resolver) for d in published),
        tuple(sorted(reader.problems, key=lambda p: (p.path, p.line))),
    )


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
