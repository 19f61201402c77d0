"""The synthetic chronicle is one an editor could have written, and `make bench` still runs.

The bench's figures are never asserted: timings fail at random on a loaded machine.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from synthetic import LAST_DAY, chronicle_dates, make_synthetic_project, write_chronicle


def test_synthetic_chronicle_of_200_days_passes_check_with_no_problem(tmp_path: Path) -> None:
    root = make_synthetic_project(tmp_path, 200)
    proc = subprocess.run(
        [sys.executable, "-m", "dateline", "check"], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().splitlines() == ["200 days, 0 errors, 0 warnings"]


def test_synthetic_chronicle_is_realistic_and_the_same_every_time(tmp_path: Path) -> None:
    dates = write_chronicle(tmp_path / "a", 200)
    assert write_chronicle(tmp_path / "b", 200) == dates == chronicle_dates(200)
    assert len(dates) == 200 and dates[-1] == LAST_DAY and dates == sorted(dates)
    assert (dates[-1] - dates[0]).days > 200  # gaps between days
    files = sorted((tmp_path / "a").rglob("*.md"))
    assert [f.name for f in files] == [f"{d}.md" for d in dates]
    assert files[0].relative_to(tmp_path / "a").as_posix() == f"{dates[0]:%Y/%m}/{dates[0]}.md"
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert texts == [f.read_text(encoding="utf-8") for f in sorted((tmp_path / "b").rglob("*.md"))]
    everything = "\n".join(texts)
    for needed in ("Zaporizhzhia", "Élysée", "Türkiye", "O’Brien", "“", "€", "$", "\n### ", "\n- ", "[[", "](2"):
        assert needed in everything, needed
    for needed in ("\n## Fighting:\n", "\n## Trump’s plan\n", '\ntitle: "', "\nrelated: [", "\ncorrection: "):
        assert needed in everything, needed
    words = sorted(len(t.split("\n---\n", 1)[1].split()) for t in texts)
    assert 400 <= words[len(words) // 2] <= 500
    sections = [t.count("\n## ") for t in texts]
    assert min(sections) == 3 and max(sections) == 6


def test_a_chronicle_longer_than_the_story_counts_from_its_first_day(tmp_path: Path) -> None:
    root = make_synthetic_project(tmp_path, 1500)
    first = chronicle_dates(1500)[0]
    assert first < dt.date(2022, 2, 24)
    proc = subprocess.run(
        [sys.executable, "-m", "dateline", "check"], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert proc.stdout.strip().splitlines() == ["1,500 days, 0 errors, 0 warnings"]


@pytest.mark.browser  # the bench drives Chromium for its search figures once the site has a search box
def test_bench_smoke_run_prints_every_figure_and_the_change_since_the_last_run(tmp_path: Path) -> None:
    """`python tests/bench.py --smoke`: 50 days, one run of everything `make bench` measures."""
    out = tmp_path / "bench-results.json"
    out.write_text(json.dumps({"meta": {"commit": "abc1234"}, "figures": {"50 days: floor (s)": 1000.0}}))
    proc = subprocess.run(
        [sys.executable, "bench.py", "--smoke", "--out", str(out)],
        cwd=Path(__file__).parent,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    figures: dict[str, float] = results["figures"]
    for name in (
        "50 days: cold build (s)",
        "50 days: cold build peak memory (MiB)",
        "50 days: cold build peak memory with its children (MiB)",
        "50 days: floor (s)",
        "50 days: plain Material (s)",
        "50 days: build / floor",
        "50 days: build / plain Material",
        "50 days: day page HTML, median (bytes)",
        "50 days: day page HTML, max (bytes)",
        "50 days: total site (bytes)",
        "50 days: first visit to a day page, gzip (bytes)",
        "50 days: edit to preview, mkdocs serve (s)",
        "50 days: edit to preview, mkdocs serve --dirty (s)",
        "related days, include_newer=False: 200 days (s)",
    ):
        assert figures.get(name, 0) > 0, name
        assert f"  {name}: " in proc.stdout, name
    assert figures["50 days: warnings in the build log"] == 0, proc.stdout
    search = [line for line in proc.stdout.splitlines() if "search" in line]
    assert "50 days: first search, gzip (bytes)" in figures or any("search: " in line for line in search), search
    assert "change since the last run (?, commit abc1234)" in proc.stdout
    assert "  50 days: floor (s): 1,000 -> " in proc.stdout
    assert results["meta"]["smoke"] is True and results["meta"]["days"] == [50]
