"""The settings under extra.dateline: every mistake is a message with the valid choices, never a crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dateline.model import CountingRule
from dateline.settings import SettingsError, read_settings


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
