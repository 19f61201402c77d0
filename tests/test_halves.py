"""A build makes its pages in two processes (src/dateline/halves.py): the same site as one
process makes, its warnings still fail --strict, and a failure in either fails the build."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import example_days, make_project


def run_build(root: Path, site: Path, *args: str, processes: int = 2) -> subprocess.CompletedProcess[str]:
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(root)}
    if processes == 1:
        env["DATELINE_PROCESSES"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site), *args],
        cwd=root, capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip


def files_of(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())


def different(one: Path, two: Path) -> list[str]:
    """The files of two sites that differ; the search index is compared by its own tests."""
    names = [n for n in files_of(one) if not n.startswith("pagefind/")]
    _, mismatch, errors = filecmp.cmpfiles(one, two, names, shallow=False)
    return mismatch + errors


needs_two_cores = pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: the build forks no process")


@needs_two_cores
def test_two_processes_make_the_site_one_makes(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", example_days())
    one, two = tmp_path / "one", tmp_path / "two"
    done = run_build(root, one, processes=1)
    assert done.returncode == 0, done.stderr
    done = run_build(root, two)
    assert done.returncode == 0, done.stderr
    assert files_of(one) == files_of(two)  # every page written, and by one process or the other
    assert len([n for n in files_of(two) if n.endswith(".html")]) > 100
    assert different(one, two) == []
    # Each message once: the second process adds none of its own, and says nothing twice.
    said = [line for line in done.stderr.splitlines() if "Documentation built" in line or "Cleaning" in line]
    assert len(said) == 2, done.stderr


def bad_anchors(root: Path, count: int) -> None:
    """Hand-written pages, each with a link to an anchor the About page lacks; MkDocs told to warn."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["validation"] = {"anchors": "warn"}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for n in range(count):
        (root / "docs" / f"note-{n}.md").write_text(f"# Note {n}\n\n[About](about.md#nowhere-{n})\n", encoding="utf-8")


@needs_two_cores
def test_a_warning_from_either_process_fails_a_strict_build(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", example_days())
    bad_anchors(root, 6)  # six pages in a row: three made by each process
    done = run_build(root, tmp_path / "site")
    assert done.returncode == 0, done.stderr  # a normal build writes them, and says each
    for n in range(6):
        assert done.stderr.count(f"Doc file 'note-{n}.md' contains a link") == 1, done.stderr
    assert "came from pages made by the build's second process" in done.stderr
    done = run_build(root, tmp_path / "strict", "--strict")
    assert done.returncode != 0 and "Aborted with" in done.stdout + done.stderr, done.stderr


@needs_two_cores
def test_a_strict_build_with_the_warning_in_the_second_process_alone_fails(tmp_path: Path) -> None:
    """One bad page, made by whichever process: --strict fails either way."""
    root = make_project(tmp_path / "p", example_days())
    bad_anchors(root, 1)
    assert run_build(root, tmp_path / "one", "--strict").returncode != 0
    (root / "docs" / "aaa.md").write_text("# First\n\nA page more, before the note.\n", encoding="utf-8")
    assert run_build(root, tmp_path / "two", "--strict").returncode != 0


@needs_two_cores
@pytest.mark.parametrize("pages", [1, 2])
def test_a_page_that_cannot_be_made_fails_the_build_in_either_process(tmp_path: Path, pages: int) -> None:
    root = make_project(tmp_path / "p", example_days())
    (root / "overrides" / "broken.html").write_text('{% include "nowhere.html" %}\n', encoding="utf-8")
    for n in range(pages):
        (root / "docs" / f"broken-{n}.md").write_text(f"---\ntemplate: broken.html\n---\n# Broken {n}\n", "utf-8")
    done = run_build(root, tmp_path / "site")
    assert done.returncode != 0
    assert "nowhere.html" in done.stderr, done.stderr
