"""The settings under extra.dateline: every mistake is a message with the valid choices, never a crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dateline.model import CountingRule, Publishing, SiteImage
from dateline.settings import SettingsError, read_mkdocs_settings, read_settings

ROOT = Path(__file__).resolve().parent.parent


def problems(extra: object) -> list[str]:
    with pytest.raises(SettingsError) as e:
        read_settings(extra, Path("."))  # type: ignore[arg-type]
    return e.value.problems


def test_defaults_and_a_rule_that_changed() -> None:
    settings = read_settings(
        {"counting": {"start": dt.date(2022, 2, 24), "changes": [{"since": dt.date(2024, 11, 18), "start_number": 1}]}},
        Path("."),
    )
    assert settings.counting == (
        CountingRule(dt.date(2022, 2, 24), 0),
        CountingRule(dt.date(2022, 2, 24), 1, since=dt.date(2024, 11, 18)),
    )
    assert settings.related_count == 5 and settings.home_days == 10


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([1, 2], "extra.dateline: must be a mapping of settings"),
        ({"lede": "Day {ordinal"}, "extra.dateline.lede: "),
        ({"lede": "Day {count}"}, "extra.dateline.lede: unknown field {count}; valid: ordinal, number, story, date"),
        ({"lede": "Day {number:,}"}, "extra.dateline.lede: "),
        ({"related": {"weights": [1]}}, "extra.dateline.related.weights: must be a mapping of tags, names, sections"),
        (
            {"related": {"cout": 3}},
            "extra.dateline.related.cout: unknown setting; valid: count, include_newer, weights",
        ),
        ({"related": {"weights": {"tag": 3}}}, "extra.dateline.related.weights.tag: unknown setting"),
        ({"related": {"count": 500}}, "extra.dateline.related.count: must be a whole number from 0 to 50"),
        (
            {"counting": {"start": dt.date(2022, 2, 24), "changes": [{"since": dt.datetime(2024, 11, 18)}]}},
            "extra.dateline.counting.changes[0]: needs since: YYYY-MM-DD",
        ),
        ({"counting": {"start": "24 Feb 2022"}}, "extra.dateline.counting.start: must be a date"),
        ({"sections": [{"name": "Economy", "slug": "money"}, {"name": "Money"}]}, "slug 'money' is already the slug"),
        ({"sections": ["Fighting", "Fighting"]}, "slug 'fighting' is already the slug of section 'Fighting'"),
        ({"sections": [{"name": "A", "aliases": ["X"]}, {"name": "B", "aliases": ["x"]}]}, "'x' already names section"),
        ({"sections": [{"name": "Війна", "slug": "Війна"}]}, "slug: needs lowercase letters"),
        ({"sections": ["Fighting"], "default_sections": ["Figting"]}, "'Figting' is not a section; sections: Fighting"),
        ({"colour": "red"}, "extra.dateline.colour: unknown setting; valid: story, content"),
    ],
)
def test_a_bad_setting_is_named_with_the_valid_choices(extra: object, message: str) -> None:
    found = problems(extra)
    assert any(p.startswith(message) or message in p for p in found), found


def test_sections_in_other_scripts_get_a_slug_of_their_own() -> None:
    settings = read_settings({"sections": ["Війна", "Мир"]}, Path("."))
    assert [s.slug for s in settings.sections] == ["війна", "мир"]


def test_publishing_settings_and_their_defaults() -> None:
    assert read_settings({}, Path(".")).publishing == Publishing()
    assert Publishing().time_zone == "UTC" and Publishing().time == dt.time(12) and Publishing().feed_days == 30
    example = read_mkdocs_settings(ROOT / "mkdocs.yml").publishing
    assert example == Publishing(
        time_zone="Europe/Kyiv",
        time=dt.time(12),
        feed_days=30,
        image=SiteImage(
            "assets/images/dateline-card.png",
            1200,
            630,
            "A month's calendar of days, one of them marked, under a blue and yellow band",
        ),
        publisher="Dateline",
        publisher_url="https://dateline.example.org/",
        source_note=example.source_note,
    )
    assert example.source_note and (ROOT / "overrides" / example.image.path).is_file()  # type: ignore[union-attr]
    short = read_settings({"publish": {"publisher": "Kyiv Desk", "time": "07:30"}}, Path(".")).publishing
    assert (short.publisher, short.publisher_url, short.time) == ("Kyiv Desk", None, dt.time(7, 30))


@pytest.mark.parametrize(
    ("publish", "message"),
    [
        ([1], "extra.dateline.publish: must be a mapping of time_zone, time, feed_days, image, publisher"),
        ({"colour": 1}, "extra.dateline.publish.colour: unknown setting; valid: time_zone, time"),
        ({"time_zone": "Mars/Olympus"}, "extra.dateline.publish.time_zone: must be a time zone name like Europe/Kyiv"),
        ({"time_zone": "../../etc/passwd"}, "extra.dateline.publish.time_zone: must be a time zone name"),
        ({"time": 720}, 'extra.dateline.publish.time: must be a time of day in quotes, like "12:00", not 720'),
        ({"time": "25:00"}, "extra.dateline.publish.time: must be a time of day in quotes"),
        ({"feed_days": 0}, "extra.dateline.publish.feed_days: must be a whole number from 1 to 1000, not 0"),
        ({"image": {"path": "../secret.png", "width": 1, "height": 1}}, "extra.dateline.publish.image.path: must be"),
        ({"image": {"path": "card.svg", "width": 1, "height": 1}}, "extra.dateline.publish.image.path: must be"),
        (
            {"image": {"path": "card.png", "width": "wide", "height": 630}},
            "extra.dateline.publish.image.width: must be",
        ),
        ({"image": {"path": "card.png", "width": 1200}}, "extra.dateline.publish.image.height: must be a whole number"),
        ({"image": {"path": "card.png", "width": 1, "height": 1, "size": 3}}, "extra.dateline.publish.image.size"),
        ({"publisher": {"url": "https://x.org/"}}, "extra.dateline.publish.publisher.name: must be non-empty text"),
        ({"publisher": {"name": "X", "url": "javascript:alert(1)"}}, "extra.dateline.publish.publisher.url: must be"),
        ({"source_note": ""}, "extra.dateline.publish.source_note: must be non-empty text"),
    ],
)
def test_a_bad_publishing_setting_is_named(publish: object, message: str) -> None:
    found = problems({"publish": publish})
    assert any(p.startswith(message) for p in found), found
