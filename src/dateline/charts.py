"""Static SVG pictures of a story's rhythm, written with a real serialiser (xml.etree), no script.

Each picture has a <title> and <desc>, and each bar or cell its own <title> with its figures, so a
screen reader and a hover both tell what it shows; the pages carry the same figures in a table.
Sizes stay bounded whatever the chronicle's length: past `MONTHLY_UP_TO` months a rhythm has one
bar a year, not one a month.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from dateline.counting import month_in_words
from dateline.language import Language, english

Month = tuple[int, int]  # (year, month)

MONTHLY_UP_TO = 120  # months: ten years of monthly bars; beyond, a bar a year
_BAR, _GAP, _HEIGHT = 6, 2, 48


@dataclass(frozen=True)
class Bar:
    label: str  # "November 2025", or "2025"
    count: int
    latest: bool  # holds the chronicle's latest day


def months_between(first: Month, last: Month) -> list[Month]:
    months = []
    year, month = first
    while (year, month) <= last:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def rhythm_bars(counts: Mapping[Month, int], first: Month, last: Month, lang: Language | None = None) -> list[Bar]:
    """Days per month from `first` to `last` (the chronicle's span), or per year for a long one."""
    months = months_between(first, last)
    if len(months) <= MONTHLY_UP_TO:
        return [Bar(month_in_words(y, m, lang), counts.get((y, m), 0), (y, m) == last) for y, m in months]
    years: dict[int, int] = {}
    for (y, _), n in counts.items():
        years[y] = years.get(y, 0) + n
    return [Bar(str(y), years.get(y, 0), y == last[0]) for y in range(first[0], last[0] + 1)]


def rhythm_svg(bars: list[Bar], title: str, ident: str, lang: Language | None = None) -> str:
    """Bars of days per period; the latest period is marked. `ident` makes the ids unique."""
    lang = lang or english()
    width = max(1, len(bars)) * (_BAR + _GAP)
    top = max((b.count for b in bars), default=0) or 1
    svg = _svg(width, _HEIGHT, title, _describe(bars, lang), ident, "dl-chart dl-chart--rhythm")
    svg.set("width", str(max(width, 160)))  # a short chronicle's few bars stand at the left
    svg.set("preserveAspectRatio", "xMinYMax meet")
    for i, bar in enumerate(bars):
        if not bar.count:
            continue  # an empty period is the gap between bars: no element, no bytes
        height = max(2, round(_HEIGHT * bar.count / top))
        rect = ET.SubElement(
            svg,
            "rect",
            x=str(i * (_BAR + _GAP)),
            y=str(_HEIGHT - height),
            width=str(_BAR),
            height=str(height),
        )
        if bar.latest:
            rect.set("class", "dl-chart__latest")
        ET.SubElement(rect, "title").text = lang.gettext("{what}: {days}", what=bar.label, days=_days(bar.count, lang))
    return _text(svg)


def _describe(bars: list[Bar], lang: Language) -> str:
    if not bars:
        return lang.gettext("No days yet.")
    busiest = max(bars, key=lambda b: b.count)
    total = sum(b.count for b in bars)
    fields: dict[str, Any] = {
        "days": _days(total, lang),
        "first": bars[0].label,
        "last": bars[-1].label,
        "busiest": busiest.label,
        "most": _days(busiest.count, lang),
    }
    if bars[0].label.isdigit():
        return lang.gettext("{days} from {first} to {last}, one bar per year; the most in {busiest}: {most}.", **fields)
    return lang.gettext("{days} from {first} to {last}, one bar per month; the most in {busiest}: {most}.", **fields)


def year_strip_svg(
    year: int, counts: Mapping[int, int], url: Callable[[int], str], ident: str, lang: Language | None = None
) -> str:
    """Twelve cells, January to December, shaded by days with a summary; each month with days links
    to its page."""
    lang = lang or english()
    cell, gap = 22, 3
    svg = _svg(
        12 * (cell + gap),
        cell,
        lang.gettext("{name}: days per month", name=str(year)),
        _year_description(year, counts, lang),
        ident,
        "dl-chart dl-chart--year",
    )
    svg.set("role", "group")  # it holds links: an image's children would be hidden from readers
    top = max(counts.values(), default=0) or 1
    for month in range(1, 13):
        n = counts.get(month, 0)
        label = lang.gettext("{what}: {days}", what=month_in_words(year, month, lang), days=_days(n, lang))
        parent: ET.Element = svg
        if n:
            parent = ET.SubElement(svg, "a", href=url(month))
            parent.set("aria-label", label)
        rect = ET.SubElement(
            parent, "rect", x=str((month - 1) * (cell + gap)), y="0", width=str(cell), height=str(cell)
        )
        rect.set("class", f"dl-chart__cell dl-chart__cell--{_level(n, top)}")
        ET.SubElement(rect, "title").text = label
    return _text(svg)


def _year_description(year: int, counts: Mapping[int, int], lang: Language) -> str:
    total = sum(counts.values())
    months = sum(1 for n in counts.values() if n)
    return lang.ngettext(
        "{days} in {year}, in {number} month; darker months have more.",
        "{days} in {year}, in {number} months; darker months have more.",
        months,
        days=_days(total, lang),
        year=year,
    )


def _level(n: int, top: int) -> int:
    """0 for none, else 1 to 4 by share of the busiest."""
    return 0 if n == 0 else min(4, 1 + (4 * n - 1) // top)


def _svg(width: int, height: int, title: str, desc: str, ident: str, css: str) -> ET.Element:
    svg = ET.Element(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {width} {height}",
        width=str(width),
        height=str(height),
        role="img",
    )
    svg.set("class", css)
    svg.set("aria-labelledby", f"{ident}-title {ident}-desc")
    ET.SubElement(svg, "title", id=f"{ident}-title").text = title
    ET.SubElement(svg, "desc", id=f"{ident}-desc").text = desc
    return svg


def _text(svg: ET.Element) -> str:
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)


def _days(n: int, lang: Language) -> str:
    return lang.ngettext("{number} day", "{number} days", n)
