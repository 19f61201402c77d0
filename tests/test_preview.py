"""An editor's preview (`make serve`): problems and drafts shown on the pages, never in a build."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build, make_project, mkdocs_serve

GOOD = "---\ntitle: Kupiansk holds\n---\n\n## Fighting\n\nShelling near Kupiansk.\n"
BROKEN = "---\ntitle: Trump: a new plan\n---\n\n## Fighting\n\nShelling near Kupiansk.\n"  # ": " needs quotes
DRAFT = "---\ntitle: Not yet\ndraft: true\n---\n\n## Fighting\n\nTalks in Türkiye.\n"


def _get(url: str) -> BeautifulSoup:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return BeautifulSoup(answer.read().decode("utf-8"), "html.parser")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    days: dict[str, str | bytes] = {
        "2025/11/2025-11-24.md": GOOD,
        "2025/11/2025-11-25.md": BROKEN,
        "2025/11/2025-11-26.md": DRAFT,
    }
    return make_project(tmp_path_factory.mktemp("preview"), days)


def test_the_preview_shows_problems_and_drafts_on_the_pages(project: Path) -> None:
    with mkdocs_serve(project) as url:
        home = _get(url)
        listed = home.select_one(".dl-preview")
        assert listed is not None
        assert "1 file with problems" in listed.get_text()
        assert [a["href"] for a in listed.select("a")] == ["2025/11/25/"]
        # The latest day is the draft: the home page shows it, marked.
        assert "Draft: not published" in home.select_one(".dl-preview__draft").get_text()
        # The broken day's own page lists its problem with the line, above the day.
        broken = _get(url + "2025/11/25/").select_one(".dl-preview")
        assert broken is not None and "1 problem in this day's file" in broken.get_text()
        assert [c.get_text() for c in broken.select("code")][0].startswith("line 2: error: bad YAML")
        draft = _get(url + "2025/11/26/").select_one(".dl-preview__draft")
        assert draft is not None and draft.get_text() == "Draft: not published"
        assert _get(url + "2025/11/24/").select_one(".dl-preview") is None  # a good day: nothing
        month = _get(url + "2025/11/")
        drafts = [e["data-day"] for e in month.select(".dl-entry--draft")]
        assert drafts == ["1371"]
        assert "Draft" in month.select_one(".dl-entry--draft .dl-badge").get_text()


def test_a_build_shows_neither(project: Path) -> None:
    site = build(project)
    assert site.returncode == 0, site.log
    for url in ("", "2025/11/", "2025/11/25/"):
        assert "dl-preview" not in site.html(url) and "dl-badge" not in site.html(url), url
    assert not (site.site / "2025/11/26").exists()  # a draft is not published
    assert "Not yet" not in site.html("2025/11/")


def test_mkdocs_link_warnings_name_the_editors_file_once(tmp_path: Path) -> None:
    day = "---\ntitle: Notes\n---\n\n## Fighting\n\nSee [the notes](../notes.md) on Kupiansk.\n"
    site = build(make_project(tmp_path, {"2025/11/2025-11-28.md": day}), "--strict")
    assert site.returncode == 1, site.log
    lines = [line for line in site.log.splitlines() if "notes.md" in line]
    assert len(lines) == 1, lines  # the home page shows the same day: still said once
    assert "content/2025/11/2025-11-28.md:" in lines[0] and "2025/11/28.md'" not in lines[0]
