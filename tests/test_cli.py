"""`python -m dateline check|new`, run as an editor runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, make_project


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
        "3 days checked: 2 errors, 1 warnings, 1 notes",
    ]


def test_warnings_alone_do_not_fail_check(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"2025/11/2025-11-27.md": "## Mobilisation\n\nMore.\n"})
    assert dateline(root, "check").returncode == 0


def test_new_writes_the_day_file_with_default_sections_and_refuses_to_overwrite(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"2025/11/2025-11-26.md": "## Fighting\n\nText.\n"})
    made = dateline(root, "new", "--date", "2025-12-01")
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == "content/2025/12/2025-12-01.md"
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
