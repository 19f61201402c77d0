"""The site's settings: `extra.dateline` in mkdocs.yml -> a frozen Settings, checked once.

Both the MkDocs hook and the command line (`python -m dateline check`) read the settings, and
the command line must work without MkDocs, so the checking lives here, in the core.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import zoneinfo
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from dateline.content import section_key, slugify
from dateline.language import available, language
from dateline.model import CountingRule, Publishing, RelatedWeights, SectionSetting, Settings, SiteImage

LEDE_FIELDS = ("ordinal", "number", "story", "date")
_TOP_KEYS = (
    "story", "content", "language", "lede", "counting", "sections", "default_sections", "names",
    "home_days", "related", "show_drafts", "max_file_bytes", "publish",
)  # fmt: skip
_PUBLISH_KEYS = ("time_zone", "time", "feed_days", "image", "publisher", "source_note")


class SettingsError(Exception):
    """Every problem found in the settings, one per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_settings(extra: Mapping[str, Any] | None, root: Path, theme_language: str | None = None) -> Settings:
    """`extra.dateline` (or nothing, for the defaults) -> Settings; raises SettingsError.

    The site's language is `language`, else `theme_language` (mkdocs.yml's theme.language)."""
    if extra is not None and not isinstance(extra, Mapping):
        raise SettingsError([f"extra.dateline: must be a mapping of settings, not {extra!r}"])
    raw = dict(extra or {})
    problems: list[str] = []
    for key in raw:
        if key not in _TOP_KEYS:
            problems.append(f"extra.dateline.{key}: unknown setting; valid: {', '.join(_TOP_KEYS)}")
    defaults = Settings()
    code = _read_language(raw, theme_language, problems)
    words = language(code)
    # The default story and lede are words for readers: in the site's language.
    # The messages' msgids are Settings' defaults (tests/test_language.py checks they agree).
    story = _text(raw, "story", words.pgettext("setting", "Russia's war against Ukraine"), problems)
    lede = _read_lede(
        _text(raw, "lede", words.pgettext("setting", "The main events of the {ordinal} day of {story}."), problems),
        problems,
    )
    sections = _read_sections(raw.get("sections", []), problems)
    default_sections = raw.get("default_sections")
    if default_sections is None:
        default_sections = [s.name for s in sections[:2]]
    elif not isinstance(default_sections, list) or not all(isinstance(s, str) for s in default_sections):
        problems.append("extra.dateline.default_sections: must be a list of section names")
        default_sections = []
    names = {n for s in sections for n in (s.name, *s.aliases)}
    for name in default_sections:
        if sections and name not in names:
            problems.append(
                f"extra.dateline.default_sections: '{name}' is not a section;"
                f" sections: {', '.join(s.name for s in sections)}"
            )
    related = _mapping(raw, "related", ("count", "include_newer", "weights"), problems)
    weights = _mapping(related, "weights", ("tags", "names", "sections"), problems, "related.")
    settings = Settings(
        story=story,
        language=code,
        content_dir=Path(_text(raw, "content", "content", problems)),
        root=root,
        counting=_read_counting(raw.get("counting"), problems),
        sections=sections,
        default_sections=tuple(default_sections),
        lede=lede,
        home_days=_number(raw, "home_days", defaults.home_days, 0, 100, problems),
        related_count=_number(related, "count", defaults.related_count, 0, 50, problems, "related."),
        related_include_newer=_flag(related, "include_newer", False, problems, "related."),
        related_weights=RelatedWeights(
            tags=_weight(weights, "tags", RelatedWeights.tags, problems),
            names=_weight(weights, "names", RelatedWeights.names, problems),
            sections=_weight(weights, "sections", RelatedWeights.sections, problems),
        ),
        show_drafts=_flag(raw, "show_drafts", False, problems),
        **_read_names(raw, problems),
        max_file_bytes=_number(raw, "max_file_bytes", defaults.max_file_bytes, 1_000, 100_000_000, problems),
        publishing=_read_publishing(raw, problems),
    )
    if problems:
        raise SettingsError(problems)
    return settings


def _read_language(raw: Mapping[str, Any], theme_language: str | None, problems: list[str]) -> str:
    """`language: uk`: a language with a catalogue; without it, theme.language, else English."""
    where, value = (
        ("extra.dateline.language", raw["language"]) if "language" in raw else ("theme.language", theme_language)
    )
    if value is None:
        return Settings.language
    if not isinstance(value, str) or value not in available():
        problems.append(
            f"{where}: no message catalogue for language {value!r}; available: {', '.join(available())}"
            " (a translator adds one: docs/maintainers.md)"
        )
        return Settings.language
    return value


def _read_names(raw: Mapping[str, Any], problems: list[str]) -> dict[str, Any]:
    """`names: {min_days, aliases: {Name: [other spellings]}, exclude: [words]}`."""
    names = _mapping(raw, "names", ("min_days", "aliases", "exclude"), problems)
    aliases = names.get("aliases") or {}
    valid: list[tuple[str, tuple[str, ...]]] = []
    if not isinstance(aliases, Mapping):
        problems.append("extra.dateline.names.aliases: must be a mapping, e.g. {Zelensky: [Zelenskyy]}")
        aliases = {}
    for name, spellings in aliases.items():
        if isinstance(spellings, str):
            spellings = [spellings]
        if not isinstance(name, str) or not _is_texts(spellings):
            problems.append(f"extra.dateline.names.aliases.{name}: must be a list of other spellings of the name")
            continue
        valid.append((name, tuple(spellings)))
    exclude = names.get("exclude") or []
    if not _is_texts(exclude):
        problems.append("extra.dateline.names.exclude: must be a list of words, e.g. [Thursday, Kremlin-backed]")
        exclude = []
    return {
        "names_min_days": _number(names, "min_days", Settings.names_min_days, 1, 10_000, problems, "names."),
        "names_aliases": tuple(valid),
        "names_exclude": tuple(exclude),
    }


def _read_publishing(raw: Mapping[str, Any], problems: list[str]) -> Publishing:
    """`publish: {time_zone, time, feed_days, image: {path, width, height, alt}, publisher: {name, url},
    source_note}`: what feeds, share previews and structured data say about the site."""
    publish = _mapping(raw, "publish", _PUBLISH_KEYS, problems)
    defaults = Publishing()
    where = "extra.dateline.publish"
    zone = publish.get("time_zone", defaults.time_zone)
    if not isinstance(zone, str) or not _is_time_zone(zone):
        problems.append(f"{where}.time_zone: must be a time zone name like Europe/Kyiv or UTC, not {zone!r}")
        zone = defaults.time_zone
    time = publish.get("time", defaults.time)
    if isinstance(time, str) and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", time.strip()):
        time = dt.time.fromisoformat(time.strip())
    elif not isinstance(time, dt.time):
        # YAML reads an unquoted 12:00 as the number 720: say so.
        problems.append(f'{where}.time: must be a time of day in quotes, like "12:00", not {time!r}')
        time = defaults.time
    image = _mapping(publish, "image", ("path", "width", "height", "alt"), problems, "publish.")
    publisher = publish.get("publisher")
    if isinstance(publisher, str):
        publisher = {"name": publisher}
    publisher = _mapping({"publisher": publisher}, "publisher", ("name", "url"), problems, "publish.")
    return Publishing(
        time_zone=zone,
        time=time,
        feed_days=_number(publish, "feed_days", defaults.feed_days, 1, 1000, problems, "publish."),
        image=_read_image(image, problems) if image else None,
        publisher=_text(publisher, "name", "", problems, "publish.publisher.") if publisher else None,
        publisher_url=_url(publisher, "url", problems, "publish.publisher.") if publisher else None,
        source_note=_text(publish, "source_note", "", problems, "publish.") if "source_note" in publish else None,
    )


def _read_image(image: Mapping[str, Any], problems: list[str]) -> SiteImage | None:
    where = "extra.dateline.publish.image"
    path = image.get("path")
    if not isinstance(path, str) or not re.fullmatch(r"[\w./-]+\.(png|jpe?g|webp|gif)", path) or ".." in path:
        problems.append(f"{where}.path: must be the image's path in the site, e.g. assets/card.png, not {path!r}")
        return None
    width = _number(image, "width", 0, 1, 10_000, problems, "publish.image.")
    height = _number(image, "height", 0, 1, 10_000, problems, "publish.image.")
    alt = image.get("alt", "")
    if not isinstance(alt, str):
        problems.append(f"{where}.alt: must be text that says what the image shows")
        alt = ""
    return SiteImage(path.lstrip("/"), width, height, alt)


def _url(raw: Mapping[str, Any], key: str, problems: list[str], prefix: str = "") -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s\"<>]+", value):
        problems.append(f"extra.dateline.{prefix}{key}: must be an http(s) URL, not {value!r}")
        return None
    return value


def _is_time_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _is_texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _read_lede(lede: str, problems: list[str]) -> str:
    """The lede template, tried once with sample values so a bad one fails here, not mid-build."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(lede) if f is not None]
        unknown = [f for f in fields if f not in LEDE_FIELDS]
        if unknown:
            problems.append(f"extra.dateline.lede: unknown field {{{unknown[0]}}}; valid: {', '.join(LEDE_FIELDS)}")
            return Settings().lede
        lede.format(ordinal="1st", number="1", story="story", date="Monday, 1 January 2024")
    except (ValueError, IndexError, KeyError) as e:
        problems.append(f"extra.dateline.lede: {e}; fields are written {{ordinal}}, {{number}}, {{story}}, {{date}}")
        return Settings().lede
    return lede


def _mapping(
    raw: Mapping[str, Any], key: str, known: tuple[str, ...], problems: list[str], prefix: str = ""
) -> Mapping[str, Any]:
    value = raw.get(key) or {}
    if not isinstance(value, Mapping):
        problems.append(f"extra.dateline.{prefix}{key}: must be a mapping of {', '.join(known)}")
        return {}
    for name in value:
        if name not in known:
            problems.append(f"extra.dateline.{prefix}{key}.{name}: unknown setting; valid: {', '.join(known)}")
    return value


def read_mkdocs_settings(config_file: Path) -> Settings:
    """Reads the settings straight from mkdocs.yml, for tools that run without MkDocs."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_LenientLoader)
    except (OSError, yaml.YAMLError) as e:
        raise SettingsError([f"{config_file}: {e}"]) from None
    extra = (config or {}).get("extra") or {}
    theme = (config or {}).get("theme") or {}
    theme_language = theme.get("language") if isinstance(theme, Mapping) else None
    return read_settings(extra.get("dateline"), config_file.resolve().parent, theme_language)


class _LenientLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags; the settings never use them."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _text(raw: Mapping[str, Any], key: str, default: str, problems: list[str], prefix: str = "") -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"extra.dateline.{prefix}{key}: must be non-empty text")
        return default
    return value


def _number(
    raw: Mapping[str, Any], key: str, default: int, low: int, high: int, problems: list[str], prefix: str = ""
) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.append(f"extra.dateline.{prefix}{key}: must be a whole number from {low} to {high}, not {value!r}")
        return default
    return value


def _flag(raw: Mapping[str, Any], key: str, default: bool, problems: list[str], prefix: str = "") -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        problems.append(f"extra.dateline.{prefix}{key}: must be true or false, not {value!r}")
        return default
    return value


def _weight(raw: Mapping[str, Any], key: str, default: float, problems: list[str]) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        problems.append(f"extra.dateline.related.weights.{key}: must be a number from 0 to 100, not {value!r}")
        return default
    return float(value)


def _read_counting(raw: Any, problems: list[str]) -> tuple[CountingRule, ...]:
    """`counting: {start, start_number, changes: [{since, start?, start_number}]}`."""
    if raw is None:
        return Settings().counting
    if not isinstance(raw, dict):
        problems.append("extra.dateline.counting: must be a mapping with start and start_number")
        return Settings().counting
    first = _read_rule(raw, None, "extra.dateline.counting", problems)
    rules = [first]
    changes = raw.get("changes") or []
    if not isinstance(changes, list):
        problems.append("extra.dateline.counting.changes: must be a list of {since, start_number}")
        changes = []
    for i, change in enumerate(changes):
        where = f"extra.dateline.counting.changes[{i}]"
        if not isinstance(change, dict) or not _is_date(change.get("since")):
            problems.append(f"{where}: needs since: YYYY-MM-DD")
            continue
        rules.append(_read_rule(change, first, where, problems))
    rules[1:] = sorted(rules[1:], key=lambda r: r.since or dt.date.min)
    return tuple(rules)


def _read_rule(raw: dict[str, Any], base: CountingRule | None, where: str, problems: list[str]) -> CountingRule:
    start: Any = raw.get("start", base.start if base else None)
    number = raw.get("start_number", base.start_number if base else 0)
    known = {"start", "start_number"} | ({"since"} if base else {"changes"})
    for key in raw:
        if key not in known:
            problems.append(f"{where}.{key}: unknown setting; valid: {', '.join(sorted(known))}")
    if not _is_date(start):
        problems.append(f"{where}.start: must be a date, YYYY-MM-DD")
        start = Settings().counting[0].start
    if isinstance(number, bool) or not isinstance(number, int):
        problems.append(f"{where}.start_number: must be a whole number (0: days since start; 1: start is day 1)")
        number = 0
    since = raw.get("since") if base else None
    return CountingRule(start=start, start_number=number, since=since)


def _is_date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _read_sections(raw: Any, problems: list[str]) -> tuple[SectionSetting, ...]:
    if not isinstance(raw, list):
        problems.append("extra.dateline.sections: must be a list of {name, slug, aliases}")
        return ()
    sections: list[SectionSetting] = []
    seen: dict[str, str] = {}  # name or alias -> slug
    slugs: dict[str, str] = {}  # slug -> name
    for i, item in enumerate(raw):
        where = f"extra.dateline.sections[{i}]"
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            problems.append(f"{where}: needs a name")
            continue
        for key in item:
            if key not in ("name", "slug", "aliases"):
                problems.append(f"{where}.{key}: unknown setting; valid: name, slug, aliases")
        name = item["name"].strip()
        slug = item.get("slug") or slugify(name)
        aliases = item.get("aliases") or []
        if not isinstance(slug, str) or not slug or slug != slugify(slug):
            problems.append(f"{where}.slug: needs lowercase letters, digits and hyphens, not {slug!r}")
            continue
        if slug in slugs:
            problems.append(f"{where}: slug '{slug}' is already the slug of section '{slugs[slug]}'")
            continue
        slugs[slug] = name
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(f"{where}.aliases: must be a list of names")
            aliases = []
        for word in (name, *aliases):
            key = section_key(word)
            if key in seen and seen[key] != slug:
                problems.append(f"{where}: '{word}' already names section '{seen[key]}'")
            seen[key] = slug
        sections.append(SectionSetting(slug=slug, name=name, aliases=tuple(aliases)))
    return tuple(sections)
