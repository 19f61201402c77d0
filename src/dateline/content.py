"""content/**/YYYY-MM-DD.md -> a Chronicle of days, plus every problem found, with its line.

Nothing an editor writes may take other days off the site, and a broken day is still published
with whatever could be read: a bad key is dropped, bad bytes are replaced, a duplicate section
is merged into the first. Only a file whose name is not a real date, or a second file for a
date, cannot be placed, and is left out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dateline.counting import day_label, day_number, format_number
from dateline.model import Chronicle, Day, Problem, Section, SectionSetting, Settings, Source

DAY_FILE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.md$")
KNOWN_KEYS = (
    "title", "summary", "tags", "related", "sources",
    "updated", "correction", "draft", "day",
)  # fmt: skip

# Links to days are kept as tokens until a page is composed, because the relative path to a
# day depends on the page that shows the text (the day page, or the home page).
TOKEN_OPEN, TOKEN_CLOSE = "\ue000", "\ue001"
_TOKEN = re.compile(f"{TOKEN_OPEN}(\\d{{4}}-\\d{{2}}-\\d{{2}})([^{TOKEN_CLOSE}]*){TOKEN_CLOSE}")

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INLINE_LINK = re.compile(r"(\]\(\s*<?)([^)\s>]+)(>?(?:\s+[\"'(][^)]*)?\s*\))")
_REFERENCE = re.compile(r"^( {0,3}\[[^\]]+\]:\s*<?)(\S+?)(>?(?:\s.*)?)$")
_SHORT_LINK = re.compile(r"\[\[\s*(\d{4}-\d{2}-\d{2})\s*(?:\|([^\]]*))?\]\]")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def slugify(text: str) -> str:
    """ASCII slug for anchors and URLs: "Trump’s plan" -> "trumps-plan", "Türkiye" -> "turkiye"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’‘`]", "", text.casefold())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _name_key(text: str) -> str:
    """How section names are matched: case, apostrophe style and spacing don't matter."""
    text = text.replace("’", "'").replace("‘", "'")
    return " ".join(text.casefold().split())


@dataclass
class _Draft:
    """A day while it is being read: mutable, turned into a frozen Day at the end."""

    path: str
    date: dt.date
    values: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    related_lines: list[int] = field(default_factory=list)
    body_start: int = 1  # line number of the first body line
    lede: str = ""
    lede_line: int = 1
    sections: list[Section] = field(default_factory=list)


class _Reader:
    """Reads one collection of day files; collects problems as it goes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.problems: list[Problem] = []
        self._sections = _section_lookup(settings.sections)

    def problem(self, path: str, line: int, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(path, line, message, severity))  # type: ignore[arg-type]

    # -- files -------------------------------------------------------------------------

    def read_all(self) -> list[_Draft]:
        settings = self.settings
        content = settings.root / settings.content_dir
        drafts: dict[dt.date, _Draft] = {}
        if not content.is_dir():
            self.problem(_relative(content, settings.root), 1, "content folder not found")
            return []
        for file in sorted(content.rglob("*.md"), key=lambda p: p.as_posix()):
            path = _relative(file, settings.root)
            date = self._date_of(file.name, path)
            if date is None:
                continue
            if date in drafts:
                self.problem(path, 1, f"two files for {date}: {drafts[date].path} is used")
                continue
            drafts[date] = self.read_day(file.read_bytes(), path, date)
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
        text = self._decode(data, path)
        lines = text.split("\n")
        body_start = self._read_front_matter(lines, draft)
        draft.body_start = body_start + 1
        self._read_body(lines[body_start:], draft)
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
        if not lines or lines[0].rstrip() != "---":
            return 0
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if end is None:
            self.problem(draft.path, 1, "front matter opened with '---' is never closed")
            return 0
        source = "\n".join(lines[1:end])
        try:
            loader = yaml.SafeLoader(source)
            try:
                node = loader.get_single_node()
                data = loader.construct_document(node) if node is not None else None
            finally:
                loader.dispose()
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
            line = 2 + (mark.line if mark is not None else 0)
            reason = getattr(e, "problem", None) or str(e)
            hint = " (a value with ': ' or starting with a quote needs quotes)" if ":" in str(e) else ""
            self.problem(draft.path, line, f"bad YAML: {reason}{hint}")
            return end + 1
        if data is None:
            return end + 1
        if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
            self.problem(draft.path, 2, "front matter must be 'key: value' lines")
            return end + 1
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key, line = str(key_node.value), key_node.start_mark.line + 2
            if key in seen:
                self.problem(draft.path, line, f"key '{key}' appears twice")
            seen.add(key)
            draft.key_lines[key] = line
            if key == "related" and isinstance(value_node, yaml.SequenceNode):
                draft.related_lines = [n.start_mark.line + 2 for n in value_node.value]
        for key, value in data.items():
            self._read_key(draft, str(key), value)
        return end + 1

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

    # -- body --------------------------------------------------------------------------

    def _read_body(self, lines: list[str], draft: _Draft) -> None:
        first = draft.body_start
        chunks: list[tuple[str, int, list[str]]] = []  # (heading, line, body lines)
        lede: list[str] = []
        current = lede
        for offset, text, in_code in _scan(lines):
            match = None if in_code else _HEADING.match(text)
            if match and len(match.group(1)) == 2:
                heading = (match.group(2) or "").rstrip("#").strip()
                chunks.append((heading, first + offset, []))
                current = chunks[-1][2]
                continue
            current.append(text)

        lede = self._take_title(lede, draft)
        draft.lede = "\n".join(lede).strip("\n")
        draft.lede_line = first
        if not chunks:
            text_line = first + next((i for i, t in enumerate(lines) if t.strip()), 0)
            self.problem(draft.path, text_line, "no section: start one with a '## ' heading, e.g. '## Fighting'")
            return
        for heading, line, body in chunks:
            self._add_section(draft, heading, line, body)

    def _take_title(self, lede: list[str], draft: _Draft) -> list[str]:
        """A leading '# Headline' serves as the title when the front matter has none."""
        for i, text in enumerate(lede):
            if not text.strip():
                continue
            match = _HEADING.match(text)
            if match and len(match.group(1)) == 1:
                if "title" in draft.values:
                    self.problem(
                        draft.path,
                        draft.body_start + i,
                        "a '# ' title in the text and one in the front matter",
                        "warning",
                    )
                    break
                draft.values["title"] = (match.group(2) or "").rstrip("#").strip()
                return lede[:i] + lede[i + 1 :]
            break
        return lede

    def _add_section(self, draft: _Draft, heading: str, line: int, body: list[str]) -> None:
        name = heading.rstrip(":").strip()
        text = "\n".join(body).strip("\n")
        if not name:
            self.problem(draft.path, line, "section heading without a name")
            name = "Section"
        setting = self._sections.get(_name_key(name))
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
        if not text.strip():
            self.problem(draft.path, line, f"section '{name}' is empty")
            return
        # Body lines start right after the heading; keep leading blank lines for line numbers.
        raw = "\n".join(body)
        skipped = len(raw) - len(raw.lstrip("\n"))
        for i, existing in enumerate(draft.sections):
            if existing.slug == slug:
                self.problem(
                    draft.path, line, f"section '{display}' appears twice (first on line {existing.line}); merged"
                )
                merged = dataclasses.replace(existing, markdown=existing.markdown + "\n\n" + text)
                draft.sections[i] = merged
                return
        draft.sections.append(Section(slug, display, heading, line, text, line + 1 + skipped))


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


def _read_related(value: Any) -> tuple[dt.date, ...]:
    items = value if isinstance(value, list) else [value]
    dates = [_as_date(v) for v in items]
    good = tuple(d for d in dates if d is not None)
    if not isinstance(value, list):
        raise _WrongType("must be a list of dates, e.g. [2025-11-23]", good)
    if len(good) != len(dates):
        bad = next(v for v, d in zip(items, dates, strict=True) if d is None)
        raise _WrongType(f"must hold dates as YYYY-MM-DD, not {bad!r}", good)
    return good


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
    "related": _read_related,
    "sources": _read_sources,
    "updated": _read_updated,
    "draft": _read_bool,
    "day": _read_day_number,
}


def _section_lookup(sections: tuple[SectionSetting, ...]) -> dict[str, SectionSetting]:
    lookup: dict[str, SectionSetting] = {}
    for s in sections:
        for name in (s.name, s.slug, *s.aliases):
            lookup.setdefault(_name_key(name), s)
    return lookup


def _scan(lines: list[str]) -> Iterator[tuple[int, str, bool]]:
    """(index, line, inside fenced code) for each line."""
    fence: str | None = None
    for i, text in enumerate(lines):
        match = _FENCE.match(text)
        if fence is None and match:
            fence = match.group(1)
            yield i, text, True
            continue
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            yield i, text, True
            continue
        yield i, text, False


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# -- links between days ----------------------------------------------------------------


class _LinkResolver:
    """Turns links to day files into tokens, and reports links to days that do not exist."""

    def __init__(self, reader: _Reader, drafts: list[_Draft], numbers: dict[dt.date, int]) -> None:
        self.reader = reader
        self.numbers = numbers  # published days only
        self.known = {d.date for d in drafts}  # including drafts, for a clearer message

    def resolve(self, text: str, path: str, first_line: int, links: list[dt.date]) -> str:
        lines = text.split("\n")
        for i, line, in_code in _scan(lines):
            if not in_code:
                lines[i] = self._resolve_line(line, (path, first_line + i), links)
        return "\n".join(lines)

    def _resolve_line(self, line: str, where: tuple[str, int], links: list[dt.date]) -> str:
        code = [m.span() for m in _CODE_SPAN.finditer(line)]

        def outside(m: re.Match[str]) -> bool:
            return not any(a <= m.start() < b for a, b in code)

        line = _SHORT_LINK.sub(lambda m: self._short(m, where, links) if outside(m) else m.group(0), line)
        line = _INLINE_LINK.sub(lambda m: self._target(m, where, links) if outside(m) else m.group(0), line)
        return _REFERENCE.sub(lambda m: self._target(m, where, links), line)

    def _short(self, m: re.Match[str], where: tuple[str, int], links: list[dt.date]) -> str:
        date = _as_date(m.group(1))
        if date is None or not self._check(date, m.group(1), where):
            return m.group(0)
        links.append(date)
        label = (m.group(2) or "").strip() or day_label(self.numbers[date], date)
        return f"[{label}]({TOKEN_OPEN}{date}{TOKEN_CLOSE})"

    def _target(self, m: re.Match[str], where: tuple[str, int], links: list[dt.date]) -> str:
        target = m.group(2)
        if _SCHEME.match(target) or target.startswith(("#", "/")):
            return m.group(0)
        file, _, fragment = target.partition("#")
        match = DAY_FILE.match(posixpath.basename(file))
        if not match:
            return m.group(0)
        date = _as_date(posixpath.basename(file)[:-3])
        if date is None or not self._check(date, file, where):
            return m.group(0)
        links.append(date)
        anchor = f"#{fragment}" if fragment else ""
        return f"{m.group(1)}{TOKEN_OPEN}{date}{anchor}{TOKEN_CLOSE}{m.group(3)}"

    def _check(self, date: dt.date, written: str, where: tuple[str, int]) -> bool:
        if date in self.numbers:
            return True
        why = "a draft" if date in self.known else "a day that does not exist"
        self.reader.problem(where[0], where[1], f"link to {why}: {written}")
        return False


def load_days(settings: Settings) -> Chronicle:
    """Reads every day file under the content folder."""
    reader = _Reader(settings)
    drafts = reader.read_all()
    return _assemble(reader, drafts)


def load_texts(files: dict[str, str], settings: Settings) -> Chronicle:
    """Like load_days, from {path: text}: for tests and tools that have no folder."""
    reader = _Reader(settings)
    drafts: dict[dt.date, _Draft] = {}
    for path in sorted(files):
        date = reader._date_of(posixpath.basename(path), path)
        if date is None:
            continue
        if date in drafts:
            reader.problem(path, 1, f"two files for {date}: {drafts[date].path} is used")
            continue
        drafts[date] = reader.read_day(files[path].encode("utf-8"), path, date)
    return _assemble(reader, [drafts[d] for d in sorted(drafts)])


def _assemble(reader: _Reader, drafts: list[_Draft]) -> Chronicle:
    settings = reader.settings
    published = [d for d in drafts if settings.show_drafts or not d.values.get("draft", False)]
    numbers: dict[dt.date, int] = {}
    for d in published:
        rule_number = day_number(d.date, settings.counting)
        pinned = d.values.get("day")
        numbers[d.date] = rule_number if pinned is None else pinned
        if pinned is not None and pinned != rule_number:
            reader.problem(
                d.path,
                d.key_lines.get("day", 2),
                f"pins day {format_number(pinned)}; the counting rule gives {format_number(rule_number)}",
                "note",
            )
    resolver = _LinkResolver(reader, drafts, numbers)
    days: list[Day] = []
    for d in published:
        links: list[dt.date] = []
        lede = resolver.resolve(d.lede, d.path, d.lede_line, links)
        sections = tuple(
            dataclasses.replace(s, markdown=resolver.resolve(s.markdown, d.path, s.body_line, links))
            for s in d.sections
        )
        related = d.values.get("related", ())
        for i, date in enumerate(related):
            if date not in numbers:
                line = d.related_lines[i] if i < len(d.related_lines) else d.key_lines.get("related", 2)
                why = "a draft" if date in resolver.known else "a day that does not exist"
                reader.problem(d.path, line, f"related: {date} is {why}")
        days.append(
            Day(
                date=d.date,
                path=d.path,
                number=numbers[d.date],
                pinned="day" in d.values,
                title=d.values.get("title") or None,
                summary=d.values.get("summary") or None,
                tags=d.values.get("tags", ()),
                related=tuple(dict.fromkeys(r for r in related if r in numbers and r != d.date)),
                sources=d.values.get("sources", ()),
                updated=d.values.get("updated"),
                correction=d.values.get("correction") or None,
                draft=bool(d.values.get("draft", False)),
                lede=lede,
                sections=sections,
                links=tuple(dict.fromkeys(x for x in links if x != d.date)),
            )
        )
    problems = sorted(reader.problems, key=lambda p: (p.path, p.line))
    return Chronicle(tuple(days), tuple(problems))


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
        label = section.name.replace('"', "&quot;")
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
