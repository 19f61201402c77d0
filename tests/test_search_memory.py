"""Search at scale: the index in bundles of at most BUNDLE_BYTES of text, each written by a Pagefind
process of its own (its memory is one bundle's), merged in the browser into the same search."""

from __future__ import annotations

import concurrent.futures
import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

import dateline.search
from conftest import ROOT, BuiltSite, example_days, make_project
from dateline.content import load_days
from dateline.model import Chronicle
from dateline.search import BUNDLES, INDEX_FOLDER, VOCABULARY, bundles, search_records, write_search_index
from test_search import example_settings, first_days, first_query_bytes, open_search, search, serve

browser_test = pytest.mark.browser


def test_days_go_in_as_few_even_bundles_as_hold_them(monkeypatch: pytest.MonkeyPatch) -> None:
    days = load_days(example_settings(ROOT)).days
    assert len(days) == 18
    assert bundles(days, [1_000] * 18) == [days]  # a site of up to BUNDLE_BYTES of text has one
    monkeypatch.setattr(dateline.search, "BUNDLE_BYTES", 5)
    assert [len(b) for b in bundles(days, [1] * 18)] == [5, 4, 5, 4]  # four of at most five, none small
    assert sum(bundles(days, [1] * 18), ()) == days  # each day once, oldest first
    monkeypatch.setattr(dateline.search, "BUNDLE_BYTES", 6)
    assert [len(b) for b in bundles(days, [1] * 18)] == [6, 6, 6]
    # By text, not by days: a long day has a bundle to itself, the short ones share one.
    assert [len(b) for b in bundles(days, [12] + [1] * 17)] == [1, 6, 6, 5]
    assert bundles((), []) == [()]


def fragments(bundle: Path) -> list[dict[str, Any]]:
    """A bundle's stored records (gzip, then a signature, then JSON)."""
    return [
        json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))
        for f in sorted((bundle / "fragment").glob("*.pf_fragment"))
    ]


def write_bundled(site: Path, count: int, monkeypatch: pytest.MonkeyPatch) -> Chronicle:
    """The example site's index in `count` bundles."""
    settings = example_settings(ROOT)
    chronicle = load_days(settings)
    total = sum(len(r.content.encode("utf-8")) for r in search_records(chronicle, settings))
    monkeypatch.setattr(dateline.search, "BUNDLE_BYTES", -(-total // count))
    # In a thread of its own: Playwright's event loop runs in this one, and asyncio.run won't nest.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(write_search_index, chronicle, settings, site).result()
    return chronicle


@pytest.fixture(scope="module")
def bundled_site(example_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with its 18 days in four bundles."""
    site = tmp_path_factory.mktemp("bundled") / "site"
    shutil.copytree(example_site.site, site, ignore=shutil.ignore_patterns(INDEX_FOLDER))
    with pytest.MonkeyPatch.context() as monkeypatch:
        write_bundled(site, 4, monkeypatch)
    return site


def test_each_bundle_holds_its_days_and_the_first_lists_the_others(bundled_site: Path) -> None:
    index = bundled_site / INDEX_FOLDER
    bundled = json.loads((index / BUNDLES).read_text(encoding="utf-8"))
    assert bundled["more"] == ["2/", "3/", "4/"]
    counts, known = [], []
    for folder in (index, index / "2", index / "3", index / "4"):
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        counts.append(entry["languages"]["en"]["page_count"])
        [words] = [set(f["content"].split()) for f in fragments(folder) if f["url"] == VOCABULARY]
        days = {w for f in fragments(folder) if f["url"] != VOCABULARY for w in f["content"].split()}
        assert words and not words & days, "the record holds only the words the other bundles have"
        known.append(words | days)
    assert sum(counts) == 18 + 4 and min(counts) > 1 + 1  # its days, and its record of the others' words
    assert all(k == known[0] for k in known), "each bundle knows every word of the site"
    assert len(bundled["words"]) == 4 and all(id.startswith("en_") for id in bundled["words"])
    # The others are searched with the first one's script and WebAssembly.
    assert not list((index / "2").glob("*.js")) and not list((index / "2").glob("wasm.*"))
    assert (index / "pagefind.js").is_file() and (index / "wasm.en.pagefind").is_file()


def test_a_bundled_index_is_written_the_same_twice(
    bundled_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_bundled(tmp_path, 4, monkeypatch)

    def files(folder: Path) -> dict[str, bytes]:
        return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    assert files(tmp_path / INDEX_FOLDER) == files(bundled_site / INDEX_FOLDER)


# Each asked of the one-bundle example site and of the same days in four bundles.
QUERIES = [
    ("Kupiansk", ""),
    ("Euroclear", ""),
    ("Rubio", ""),
    ("Rubio", "Peace plan"),
    ("Rubio", "Fighting"),
    ("Euroclear", "Fighting"),
    ("Kupiansk", "Fighting"),
    ("drone", "Energy and economy"),
    ("Zzyzx", "Fighting"),  # in no day: nothing, filtered or not
    ("day 1,371", ""),
    ("26 November 2025", ""),
]


def answers(page: Page, url: str) -> list[tuple[str, list[str]]]:
    page.goto(url + "2025/11/26/")
    open_search(page)
    found = []
    for query, section in QUERIES:
        page.hover(".dl-search__filters")  # the filters' values load when a reader goes for them
        page.locator('[data-dl-search-filter="section"] option').nth(1).wait_for(state="attached")
        page.fill("#dl-search-query", "")  # so that choosing the section searches for nothing
        page.select_option('[data-dl-search-filter="section"]', section)
        status = search(page, query)
        days = page.locator(".dl-search__result .dl-search__day").all_inner_texts()
        links = page.locator(".dl-search__result a.dl-search__hit").evaluate_all("as => as.map(a => a.hash)")
        found.append((status, sorted(days) + sorted(set(links))))
    return found


@browser_test
def test_bundles_merged_find_what_one_index_finds(
    page: Page, site_url: str, bundled_site: Path, figures: dict[str, str]
) -> None:
    one = answers(page, site_url)
    assert one[3][0] == "2 days found." and one[8][0].startswith("No day matches")
    with serve(bundled_site) as url:
        assert answers(page, url) == one
        search(page, "day 1,371")
        assert first_days(page, 1) == ["Day 1,371 · Wednesday, 26 November 2025"]
        size, requests = first_query_bytes(page, url + "2025/11/20/", "Kupiansk")
    assert requests >= 4 + 3 * 2  # and each other bundle's entry and meta
    figures["search: first query, example in four bundles"] = f"{size / 1024:.0f} KB in {requests} requests"


MEASURE = """
import resource, sys
from pathlib import Path
import dateline.search
from dateline.content import load_days
from dateline.model import Chronicle
from test_search import example_settings
from synthetic import write_chronicle

root, bundle_bytes = Path(sys.argv[1]), int(sys.argv[2])
write_chronicle(root / "content", 1_200)
settings = example_settings(root)
chronicle = load_days(settings)
dateline.search.BUNDLE_BYTES = bundle_bytes
dateline.search.write_search_index(chronicle, settings, root / "site")
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
"""


def test_pagefind_holds_one_bundle_at_a_time(tmp_path: Path, figures: dict[str, str]) -> None:
    """The largest Pagefind process, writing 1,200 days in one bundle and in four: its memory is
    a bundle's (~250 KB a day), so four bundles take well under half of what one does."""

    def peak(bundle_bytes: int) -> int:
        root = tmp_path / str(bundle_bytes)
        args = [sys.executable, "-c", MEASURE, str(root), str(bundle_bytes)]
        done = subprocess.run(args, cwd=ROOT / "tests", capture_output=True, text=True, check=True)
        return int(done.stdout.split()[-1])

    one, four = peak(11_000_000), peak(1_000_000)  # ~3.7 MB of text
    assert four < one / 2, (one, four)
    figures["search: Pagefind's peak, 1,200 days in one bundle and in four"] = f"{one} and {four} MiB"


def test_a_record_of_words_with_the_id_of_a_day_is_written_again(
    bundled_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real, taken = dateline.search._day_ids, []

    def colliding(folder: Path, hidden: dict[int, str | None], but: int) -> set[str]:
        if not taken:  # the first record of words is said to have a day's id: once
            taken.append(hidden[but])
            return {str(hidden[but])}
        return real(folder, hidden, but)

    monkeypatch.setattr(dateline.search, "_day_ids", colliding)
    write_bundled(tmp_path, 4, monkeypatch)
    index = tmp_path / INDEX_FOLDER
    words = json.loads((index / BUNDLES).read_text(encoding="utf-8"))["words"]
    assert taken[0] not in words and len(words) == 4
    [record] = [f for f in fragments(index) if f["url"] == VOCABULARY]
    assert record["content"].endswith(" dlsalt1")
    # Nothing of the first writing is left: the same days as the bundle written once, and one record.
    once = bundled_site / INDEX_FOLDER
    assert len(list((index / "fragment").iterdir())) == len(list((once / "fragment").iterdir()))
    assert len(list(index.glob("*.pf_meta"))) == 1


# What a build runs while it makes the pages: MkDocs' build, with the index and each page's
# rendering noted in the order they begin. The index waits until a page is being made (at most a
# minute), so a build that wrote it only after the pages would note it after them.
WHILE_RENDERING = r"""
import json, sys, threading
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
import dateline.search

seen, rendering = [], threading.Event()
real_index, real_page = dateline.search.write_search_index, mkdocs_build._build_page

def index(*args, **kwargs):
    seen.append("index begun")
    rendering.wait(60)
    real_index(*args, **kwargs)
    seen.append("index written")

def page(*args, **kwargs):
    if not rendering.is_set():
        seen.append("first page")
        rendering.set()
    return real_page(*args, **kwargs)

dateline.search.write_search_index, mkdocs_build._build_page = index, page
if __name__ == "__main__":
    mkdocs_build.build(load_config(config_file="mkdocs.yml", site_dir=sys.argv[1]))
    print(json.dumps(seen))
"""


def test_a_build_writes_its_search_index_while_it_makes_the_pages(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", example_days())
    site = tmp_path / "site"
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", WHILE_RENDERING, str(site)], cwd=root, capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == ["index begun", "first page", "index written"]
    assert len(fragments(site / INDEX_FOLDER)) == len(list((root / "content").rglob("*.md")))


@pytest.mark.parametrize("binary", ["/bin/false", "/nonexistent/pagefind"])
def test_a_build_whose_search_index_cannot_be_written_fails_and_says_why(tmp_path: Path, binary: str) -> None:
    root = make_project(tmp_path / "p", example_days())
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PAGEFIND_BINARY_PATH": binary}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=root, capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode != 0
    assert "Dateline: the search index could not be written" in done.stderr, done.stderr
