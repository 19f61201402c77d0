"""Day numbers, ordinals and dates in words, in the site's language (dateline.language).

A `language` left out is English: the repository's own messages (problems, `make check`) are
English whatever the site's language.

Outlets disagree on the count: some call 24 February 2022 day 1, others count days since it,
and some changed their rule mid-way. A site states its rule as one or more CountingRule; the
rule in force on a date is the last one whose `since` is on or before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dateline.language import Language, english
from dateline.model import CountingRule


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


def format_number(n: int, language: Language | None = None) -> str:
    """1371 -> "1,371" (en), "1 371" (uk)."""
    return (language or english()).number(n)


def ordinal(n: int, language: Language | None = None) -> str:
    """1371 -> "1,371st", 1311 -> "1,311th", 1372 -> "1,372nd"; uk "1371-й"."""
    return (language or english()).ordinal(n)


def date_in_words(date: dt.date, language: Language | None = None) -> str:
    """2025-11-26 -> "Wednesday, 26 November 2025"; uk "середа, 26 листопада 2025 р."."""
    lang = language or english()
    return lang.date(date, lang.pgettext("date", "EEEE, d MMMM y"))


def long_date(date: dt.date, language: Language | None = None) -> str:
    """2025-11-26 -> "26 November 2025": a date without its weekday."""
    lang = language or english()
    return lang.date(date, lang.pgettext("date", "d MMMM y"))


def short_date(date: dt.date, language: Language | None = None) -> str:
    """2025-11-26 -> "26 November"."""
    lang = language or english()
    return lang.date(date, lang.pgettext("date", "d MMMM"))


def month_in_words(year: int, month: int, language: Language | None = None) -> str:
    """(2025, 11) -> "November 2025"; uk "листопад 2025" (the standalone name)."""
    lang = language or english()
    return lang.date(dt.date(year, month, 1), lang.pgettext("date", "LLLL y"))


def month_name(month: int, language: Language | None = None) -> str:
    """11 -> "November"; uk "листопад"."""
    lang = language or english()
    return lang.date(dt.date(2000, month, 1), lang.pgettext("date", "LLLL"))


def day_words(number: int, language: Language | None = None) -> str:
    """A day's count as its header reads: "Day 1,371"; uk "День 1371"."""
    return (language or english()).gettext("Day {number}", number)


def day_label(number: int, date: dt.date, language: Language | None = None) -> str:
    """The words a short day link reads: "Day 1,368 (23 November)"."""
    lang = language or english()
    return lang.gettext("{day} ({date})", day=day_words(number, lang), date=short_date(date, lang))
