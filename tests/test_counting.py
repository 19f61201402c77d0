"""Day numbers, ordinals and dates in words: no MkDocs."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.counting import date_in_words, day_label, day_number, ordinal
from dateline.model import CountingRule

SINCE = (CountingRule(dt.date(2022, 2, 24), 0),)
FROM_ONE = (CountingRule(dt.date(2022, 2, 24), 1),)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
        (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th"), (112, "112th"), (1311, "1,311th"),
        (1371, "1,371st"), (1372, "1,372nd"), (1373, "1,373rd"), (0, "0th"),
    ],
)  # fmt: skip
def test_ordinals(n: int, text: str) -> None:
    assert ordinal(n) == text


def test_two_counting_rules_for_the_same_day() -> None:
    assert day_number(dt.date(2025, 11, 26), SINCE) == 1371
    assert day_number(dt.date(2025, 11, 26), FROM_ONE) == 1372
    assert day_number(dt.date(2022, 2, 24), FROM_ONE) == 1
    assert day_number(dt.date(2024, 2, 29), SINCE) == 735  # a leap day counts like any other


def test_a_rule_that_changed_mid_way() -> None:
    """An outlet that counted days since the invasion, then from November 2024 the invasion as day 1."""
    rules = SINCE + (CountingRule(dt.date(2022, 2, 24), 1, since=dt.date(2024, 11, 18)),)
    assert day_number(dt.date(2024, 11, 17), rules) == 997
    assert day_number(dt.date(2024, 11, 18), rules) == 999
    assert day_number(dt.date(2025, 11, 26), rules) == 1372


def test_dates_in_words() -> None:
    assert date_in_words(dt.date(2025, 11, 26)) == "Wednesday, 26 November 2025"
    assert day_label(1368, dt.date(2025, 11, 23)) == "Day 1,368 (23 November)"
