"""`python -m dateline check|new`: the editor's tools, without MkDocs."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from dateline.content import load_days
from dateline.counting import date_in_words, day_number, format_number
from dateline.model import Settings
from dateline.settings import SettingsError, read_mkdocs_settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dateline", description=__doc__)
    parser.add_argument("--config", "-f", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="report every problem in the day files; exit 1 on errors")
    new = commands.add_parser("new", help="create the day file for today, or --date")
    new.add_argument("--date", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    try:
        settings = read_mkdocs_settings(args.config)
    except SettingsError as e:
        print(f"{args.config}: settings:\n{e}", file=sys.stderr)
        return 2
    if args.command == "check":
        return _check(settings)
    return _new(settings, args.date or dt.date.today())


def _check(settings: Settings) -> int:
    chronicle = load_days(settings)
    for problem in chronicle.problems:
        print(problem)
    counts = {s: sum(p.severity == s for p in chronicle.problems) for s in ("error", "warning", "note")}
    print(
        f"{len(chronicle.days)} days checked: {counts['error']} errors, "
        f"{counts['warning']} warnings, {counts['note']} notes"
    )
    return 1 if counts["error"] else 0


def _new(settings: Settings, date: dt.date) -> int:
    folder = settings.root / settings.content_dir / f"{date:%Y}" / f"{date:%m}"
    file = folder / f"{date}.md"
    existing = sorted((settings.root / settings.content_dir).rglob(f"{date}.md"))
    if existing:
        print(f"{existing[0].relative_to(settings.root)}: already exists; not overwritten", file=sys.stderr)
        return 1
    number = day_number(date, settings.counting)
    sections = "".join(f"## {name}\n\n\n" for name in settings.default_sections) or "## \n\n"
    folder.mkdir(parents=True, exist_ok=True)
    file.write_text(
        "---\n"
        "title: \n"
        "summary: \n"
        "tags: []\n"
        "sources: []\n"
        "---\n\n"
        f"<!-- Day {format_number(number)}, {date_in_words(date)}. -->\n\n"
        f"{sections}".rstrip("\n")
        + "\n",
        encoding="utf-8",
    )
    print(file.relative_to(settings.root))
    return 0
