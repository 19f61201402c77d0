"""Day numbers, ordinals and dates in words.

Outlets disagree on the count: some call 24 February 2022 day 1, others count days since it,
and some changed their rule mid-way. A site states its rule as one or more CountingRule; the
rule in force on a date is the last one whose `since` is on or before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dateline.model import CountingRule

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_number(date: dt.date, rules: Sequence[CountingRule]) -> int:
    """The day count of `date` under the rule in force on that date."""
    rule = _rule_for(date, rules)
    return rule.start_number + (date - rule.start).days


def _rule_for(date: dt.date, rules: Sequence[CountingRule]) -> CountingRule:
    if not rules:
        raise ValueError("no counting rule")
    chosen = rules[0]
    for rule in rules:
        if rule.since is None or rule.since <= date:
            chosen = rule
    return chosen


def format_number(n: int) -> str:
    """1371 -> "1,371"."""
    return f"{n:,}"


def ordinal_suffix(n: int) -> str:
    if 11 <= abs(n) % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(abs(n) % 10, "th")


def ordinal(n: int) -> str:
    """1371 -> "1,371st", 1311 -> "1,311th", 1372 -> "1,372nd"."""
    return f"{format_number(n)}{ordinal_suffix(n)}"


def date_in_words(date: dt.date) -> str:
    """2025-11-26 -> "Wednesday, 26 November 2025"."""
    return f"{WEEKDAYS[date.weekday()]}, {date.day} {MONTHS[date.month - 1]} {date.year}"


def short_date(date: dt.date) -> str:
    """2025-11-26 -> "26 November"."""
    return f"{date.day} {MONTHS[date.month - 1]}"


def day_label(number: int, date: dt.date) -> str:
    """The words a short day link reads: "Day 1,368 (23 November)"."""
    return f"Day {format_number(number)} ({short_date(date)})"
