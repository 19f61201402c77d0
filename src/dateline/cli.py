"""`python -m dateline check|new`: the editor's tools, without MkDocs."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from dateline.content import load_days
from dateline.counting import date_in_words, day_number, format_number
from dateline.model import Settings, date_path
from dateline.settings import SettingsError, read_mkdocs_settings

BAD_DATE = "DATE must be a real date as YYYY-MM-DD, e.g. 2025-11-28"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dateline", description=__doc__)
    parser.add_argument("--config", "-f", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="report every problem in the day files; exit 1 on errors")
    check.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="check only these day files (their links are still checked against every day)",
    )
    new = commands.add_parser("new", help="create the day file for today, or --date")
    new.add_argument("--date", default=None, help="YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    date = None
    if args.command == "new" and args.date is not None:
        date = _read_date(args.date)
        if date is None:
            print(f"{BAD_DATE} (not {args.date!r})", file=sys.stderr)
            return 2
    try:
        settings = read_mkdocs_settings(args.config)
    except SettingsError as e:
        print(f"{args.config}: settings:\n{e}", file=sys.stderr)
        return 2
    if args.command == "check":
        return _check(settings, args.files)
    return _new(settings, date or dt.date.today(), _site_url(args.config))


def _read_date(text: str) -> dt.date | None:
    # fromisoformat alone would also take 20251128 and 2025-W48-5.
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _check(settings: Settings, files: list[Path]) -> int:
    """Every problem of every day file, or of just `files` (a pre-commit hook's staged files)."""
    chronicle = load_days(settings)
    problems, days = chronicle.problems, len(chronicle.days)
    if files:
        wanted = set()
        for file in files:
            if not os.path.lexists(file):
                print(f"{file}: no such file", file=sys.stderr)
                return 2
            # The folder is resolved, not the file: a link is named as itself, as load_days names it.
            folder = os.path.realpath(file.parent)
            wanted.add(Path(os.path.relpath(os.path.join(folder, file.name), settings.root)).as_posix())
        problems = tuple(p for p in problems if p.path in wanted)
        days = sum(d.path in wanted for d in chronicle.days)
    for problem in problems:
        print(problem)
    counts = {s: sum(p.severity == s for p in problems) for s in ("error", "warning", "note")}
    summary = f"{_count(days, 'day')}, {_count(counts['error'], 'error')}, {_count(counts['warning'], 'warning')}"
    print(summary + (f", {_count(counts['note'], 'note')}" if counts["note"] else ""))
    return 1 if counts["error"] else 0


def _count(n: int, word: str) -> str:
    return f"{format_number(n)} {word}{'' if n == 1 else 's'}"


def _new(settings: Settings, date: dt.date, site_url: str) -> int:
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
        _front_matter(date, number)
        + f"\n<!-- Day {format_number(number)}, {date_in_words(date)}. -->\n\n"
        + f"{sections}".rstrip("\n")
        + "\n",
        encoding="utf-8",
    )
    print(file.relative_to(settings.root))
    print(f"{site_url.rstrip('/')}/{date_path(date)}/")
    return 0


def _front_matter(date: dt.date, number: int) -> str:
    """Every key, commented out, each with what it is for: the editor uncomments what they need."""
    before = date - dt.timedelta(days=1)
    keys = [
        ('title: "The day\'s headline"', "quotes when it has ': ' in it"),
        ("summary: One or two sentences for cards, feeds and share previews.", ""),
        ("tags: [kyiv, peace-plan]", "words that tie the days of one story together"),
        (f"related: [{before}]", "days you link by hand"),
        ("sources:", "http(s) links, or {title: …, url: …}"),
        ("  - https://example.org/story", ""),
        (f"updated: {date}T09:30:00+00:00", "when the day was changed after it was published"),
        ("correction: What an earlier version got wrong.", "shown under the headline"),
        ("draft: true", "left out of the site; make serve shows it"),
        (f"day: {number}", "pins the day number, only where an archive's count was irregular"),
    ]
    width = max(len(key) for key, hint in keys if hint) + 2
    lines = [f"# {key:<{width}}# {hint}".rstrip() if hint else f"# {key}" for key, hint in keys]
    return (
        "---\n# Every key is optional: remove the '# ' before the ones this day needs.\n" + "\n".join(lines) + "\n---\n"
    )


def _site_url(config_file: Path) -> str:
    """The site's URL from mkdocs.yml, for `new` to say where the day will be; "" if none."""
    try:
        config: Any = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    except (OSError, yaml.YAMLError):
        return ""
    url = config.get("site_url") if isinstance(config, dict) else None
    return url if isinstance(url, str) else ""


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags; site_url never uses them."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
