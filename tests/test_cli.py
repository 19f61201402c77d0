"""`python -m dateline check|new`, run as an editor runs them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build, make_project


def dateline(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dateline", *args], cwd=root, capture_output=True, text=True)


def test_check_passes_on_the_example() -> None:
    result = dateline(ROOT, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout


def test_check_prints_every_problem_and_fails_on_errors(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        {
            "2025/11/2025-11-25.md": "---\ntitle: ok\nday: 1372\n---\n\n## Fighting\n\nText.\n",
            "2025/11/2025-11-26.md": "---\ntitle: Trump: plan\n---\n\n## Fighting\n\n## Diplomacy\n\nx\n",
            "2025/11/2025-11-27.md": "## Fighting\n\nText.\n\n## Mobilisation\n\nMore.\n",
        },
    )
    result = dateline(root, "check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/2025/11/2025-11-25.md:3: note: pins day 1,372; the counting rule gives 1,370",
        "content/2025/11/2025-11-26.md:2: error: bad YAML: mapping values are not allowed here"
        " (a value with ': ' or starting with a quote needs quotes)",
        "content/2025/11/2025-11-26.md:5: error: section 'Fighting' is empty",
        "content/2025/11/2025-11-27.md:5: warning: section 'Mobilisation' is not in the settings;"
        " kept as its own section (configured: Fighting, Peace plan, Politics and diplomacy, Inside Ukraine,"
        " Inside Russia, Energy and economy, Humanitarian, Weapons and aid)",
        "3 days, 2 errors, 1 warning, 1 note",
    ]


def test_warnings_alone_do_not_fail_check(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"2025/11/2025-11-27.md": "## Mobilisation\n\nMore.\n"})
    assert dateline(root, "check").returncode == 0


def test_new_writes_the_day_file_with_default_sections_and_refuses_to_overwrite(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"2025/11/2025-11-26.md": "## Fighting\n\nText.\n"})
    made = dateline(root, "new", "--date", "2025-12-01")
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines() == ["content/2025/12/2025-12-01.md", "https://dateline.example.org/2025/12/01/"]
    text = (root / "content/2025/12/2025-12-01.md").read_text(encoding="utf-8")
    assert "Day 1,376, Monday, 1 December 2025" in text
    assert text.index("## Fighting") < text.index("## Peace plan")
    again = dateline(root, "new", "--date", "2025-12-01")
    assert again.returncode == 1
    assert "already exists" in again.stderr
    other_folder = dateline(root, "new", "--date", "2025-11-26")
    assert other_folder.returncode == 1


def test_bad_settings_are_reported_without_a_traceback(tmp_path: Path) -> None:
    root = make_project(tmp_path, {}, dateline={"lede": "Day {count} of {story}"})
    result = dateline(root, "check")
    assert result.returncode == 2
    assert "extra.dateline.lede: unknown field {count}; valid: ordinal, number, story, date" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_summary_is_one_line_of_days_errors_and_warnings() -> None:
    result = dateline(ROOT, "check")
    assert result.stdout.splitlines()[-1].startswith("18 days, 0 errors, ")


def test_check_of_given_files_reports_only_theirs_with_links_checked_against_every_day(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        {
            "2025/11/2025-11-20.md": "## Fighting\n\nSee [[2025-11-26]] and [[2025-11-19]].\n",
            "2025/11/2025-11-26.md": (
                "## Fighting\n\nAs on [[2025-11-20]]; not [[2025-11-31]] nor [x](2025-02-30.md).\n"
            ),
            "2025/11/2025-11-27.md": "## Mobilisation\n\nText.\n",
        },
    )
    result = dateline(root, "check", "content/2025/11/2025-11-26.md")
    assert result.stdout.splitlines() == [
        "content/2025/11/2025-11-26.md:3: error: link to a date that does not exist: 2025-11-31",
        "content/2025/11/2025-11-26.md:3: error: link to a date that does not exist: 2025-02-30.md",
        "1 day, 2 errors, 0 warnings",
    ]
    assert result.returncode == 1
    other = dateline(root, "check", str(root / "content/2025/11/2025-11-27.md"))
    assert other.returncode == 0
    assert other.stdout.splitlines()[-1] == "1 day, 0 errors, 1 warning"
    missing = dateline(root, "check", "content/2025/11/2025-11-30.md")
    assert missing.returncode == 2
    assert "content/2025/11/2025-11-30.md: no such file" in missing.stderr


def test_an_impossible_date_in_a_link_is_reported_and_read_as_text(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        {
            "2025/11/2025-11-20.md": "## Fighting\n\nText.\n",
            "2025/11/2025-11-26.md": (
                "## Fighting\n\nNot [[2025-11-31]], [[2025-02-30|that day]] or [x](2025-11-31.md).\n"
            ),
        },
    )
    site = build(root, "--strict")
    assert site.returncode != 0
    for written in ("2025-11-31", "2025-02-30", "2025-11-31.md"):
        assert f"content/2025/11/2025-11-26.md:3: error: link to a date that does not exist: {written}" in site.log
    assert "Doc file" not in site.log  # MkDocs itself never sees the link
    plain = build(root)
    html = plain.html("2025/11/26/")
    assert "Not 2025-11-31, that day or x." in html


@pytest.mark.parametrize("bad", ["2025-13-01", "2025-02-30", "20251128", "tomorrow", "2025-W48-5"])
def test_new_with_a_bad_date_says_what_a_date_looks_like(tmp_path: Path, bad: str) -> None:
    root = make_project(tmp_path, {})
    result = dateline(root, "new", "--date", bad)
    assert result.returncode == 2
    assert result.stderr.startswith("DATE must be a real date as YYYY-MM-DD, e.g. 2025-11-28")
    assert "Traceback" not in result.stderr
    assert not list((root / "content").rglob("*.md"))


def test_new_lists_every_key_commented_out_with_a_hint(tmp_path: Path) -> None:
    root = make_project(tmp_path, {})
    assert dateline(root, "new", "--date", "2025-11-28").returncode == 0
    text = (root / "content/2025/11/2025-11-28.md").read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    for key in ("title", "summary", "tags", "related", "sources", "updated", "correction", "draft", "day"):
        assert re.search(rf"^# {key}: ", front, re.MULTILINE), key
    assert all(line.startswith("#") for line in front.splitlines())
    assert "# day: 1373" in front
    assert text.index("## Fighting") < text.index("## Peace plan")
    checked = dateline(root, "check")  # the commented keys are no problem; the empty sections are
    assert [line.split(": ", 2)[2] for line in checked.stdout.splitlines()[:-1]] == [
        "section 'Fighting' is empty",
        "section 'Peace plan' is empty",
    ]
