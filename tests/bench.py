"""`make bench`: what a site of thousands of days costs its editors and readers (issue #10).

Not a test: timings in a test fail at random on a loaded machine. This prints what a reviewer
compares between commits, and writes it to bench-results.json so the next run prints the change.

For each size (1,500 and 10,000 synthetic days, tests/synthetic.py) it builds, in turn and
`--runs` times, each in a fresh process:

- the full Dateline site: the real mkdocs.yml, hooks, overrides and docs/, as they stand;
- the floor: Python-Markdown alone over the same day files, a new `markdown.Markdown` per file,
  with the site's markdown_extensions (timed inside its process: the conversion loop only);
- plain Material: the same files as pages in docs/ not in the nav, theme material, no hooks,
  no plugins (as the site, which has no Material search).

and prints medians, ratios, peak memory (ru_maxrss of each child, from wait4, and its process
tree summed, sampled every 0.2 s: Pagefind's indexer runs while the build waits), page sizes,
the bytes of a first visit to a day page, of a first search (once the site has pagefind/),
related days' speed, and edit-to-preview latency under `mkdocs serve --dirty` (make serve) at 1,500 and
10,000 days, and under plain `mkdocs serve` at 1,500.

    python tests/bench.py                 # --days 1500 10000 --runs 3
    python tests/bench.py --smoke         # 50 days, 1 run: proves the bench still runs
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import gzip
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, end_process, serve_folder
from dateline.incremental import IDLE_SECONDS
from synthetic import chronicle_dates, make_synthetic_project

RESULTS = ROOT / "bench-results.json"
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
SEARCH_QUERY = "Zaporizhzhia"

Figures = dict[str, float]


# -- running a child and measuring it ------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time, as the editor waits
    cpu: float  # user + system seconds of the child and its children
    peak_mib: float  # ru_maxrss of the child (or its largest descendant)
    log: str
    # The child and its children together (Pagefind's indexer runs while the build waits, its
    # memory still held): their resident sizes summed, sampled every TREE_EVERY seconds.
    tree_peak_mib: float = 0.0
    tree_pss_mib: float = 0.0  # the same, each shared page counted once


class OverBudget(Exception):
    """A child was stopped because it would have run past --budget."""


TREE_EVERY = 0.2  # seconds between samples of a child's process tree


def tree_memory_mib(root: int) -> tuple[float, float]:
    """The memory of process `root` and all its descendants now (Linux /proc): resident sizes
    summed, and proportional sizes summed (PSS: a page two processes share counts half in each,
    as the build's two processes share what the build read before it forked, halves.py)."""
    pages, pss_kib, todo, seen = 0, 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as f:
                pages += int(f.read().split()[1])
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
                pss_kib += next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                    todo += [int(child) for child in f.read().split()]
        except (OSError, ValueError, IndexError):  # gone while read
            continue
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20, pss_kib / 1024


def run_child(args: list[str], cwd: Path, log: Path, timeout: float | None = None) -> Run:
    """Runs `args` in a fresh process; its own rusage comes from wait4, not RUSAGE_CHILDREN
    (which holds the largest child so far, so a small run after a big one would read big)."""
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env={**ENV, "HOME": str(cwd)})
        tree_peak, tree_pss, sampled = 0.0, 0.0, 0.0
        try:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() - sampled >= TREE_EVERY:
                    rss, pss = tree_memory_mib(proc.pid)
                    tree_peak, tree_pss, sampled = max(tree_peak, rss), max(tree_pss, pss), time.perf_counter()
                if timeout is not None and time.perf_counter() - start > timeout:
                    raise OverBudget(f"stopped after {time.perf_counter() - start:.0f} s, at the end of --budget")
                time.sleep(0.05)
        except BaseException:  # interrupted or too slow: leave no build running
            proc.kill()
            proc.wait()
            raise
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed in {cwd} ({proc.returncode}):\n{text[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text, tree_peak, tree_pss)


def mkdocs_build(project: Path, site: Path, log: Path, timeout: float | None = None) -> Run:
    shutil.rmtree(site, ignore_errors=True)  # cold: nothing left from the run before
    return run_child([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], project, log, timeout)


def floor_run(project: Path, content: Path, log: Path, timeout: float | None = None) -> Run:
    args = [sys.executable, __file__, "--floor-child", str(content), str(project / "mkdocs.yml")]
    run = run_child(args, ROOT, log, timeout)
    loop = json.loads(run.log.strip().splitlines()[-1])
    return Run(loop["seconds"], loop.get("cpu", run.cpu), run.peak_mib, run.log, run.tree_peak_mib, run.tree_pss_mib)


def floor_child(content: Path, config_file: Path) -> None:
    """The floor: every day file through a new Python-Markdown with the site's extensions."""
    import markdown

    extensions, configs = markdown_extensions(config_file)
    files = sorted(content.rglob("*.md"))
    start, cpu = time.perf_counter(), time.process_time()
    for file in files:
        text = file.read_text(encoding="utf-8")
        if text.startswith("---\n"):  # MkDocs strips the front matter before Markdown sees it
            text = text.split("\n---\n", 1)[1]
        markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu": cpu, "files": len(files)}))


def markdown_extensions(config_file: Path) -> tuple[list[str], dict[str, dict[str, Any]]]:
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


# -- the three projects of one size --------------------------------------------------------


@dataclass(frozen=True)
class Projects:
    days: int
    full: Path
    plain: Path
    dates: list[dt.date]


def export_ref(ref: str, work: Path) -> Path:
    """The site's files at a commit, so that others' unfinished edits in a shared working tree
    don't decide the figures; children then import `dateline` from there (PYTHONPATH)."""
    tree = work / "ref"
    tree.mkdir()
    paths = ["mkdocs.yml", "hooks", "overrides", "docs", "src"]
    archive = subprocess.run(["git", "archive", "--format=tar", ref, *paths], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    ENV["PYTHONPATH"] = str(tree / "src")
    sys.path.insert(0, str(tree / "src"))
    return tree


def make_projects(work: Path, days: int, source: Path = ROOT) -> Projects:
    full = make_synthetic_project(work / f"full-{days}", days)
    if source != ROOT:  # the site's files from source; the synthetic days' counting start kept
        written = yaml.safe_load((full / "mkdocs.yml").read_text(encoding="utf-8"))
        config = yaml.safe_load((source / "mkdocs.yml").read_text(encoding="utf-8"))
        config["extra"]["dateline"]["counting"] = written["extra"]["dateline"]["counting"]
        config["nav"] = written["nav"]
        text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
        (full / "mkdocs.yml").write_text(text, encoding="utf-8")
        for folder in ("hooks", "overrides"):
            shutil.rmtree(full / folder)
            shutil.copytree(source / folder, full / folder)
    # The example's hand-written pages too, and its npm tools for a hook that runs one.
    shutil.copytree(source / "docs", full / "docs", dirs_exist_ok=True)
    if (ROOT / "node_modules").is_dir():
        (full / "node_modules").symlink_to(ROOT / "node_modules")
    plain = work / f"plain-{days}"
    shutil.copytree(full / "content", plain / "docs")
    (plain / "docs" / "index.md").write_text("# Plain Material\n\nThe day files, not in the nav.\n", encoding="utf-8")
    config = yaml.safe_load((source / "mkdocs.yml").read_text(encoding="utf-8"))
    plain_config = {
        "site_name": "Plain Material",
        "site_url": "https://plain.example.org/",
        "theme": {"name": "material", "language": "en", "font": False},
        "plugins": [],
        "markdown_extensions": config.get("markdown_extensions", []),
        "nav": ["index.md"],
        # Links to day files and [[dates]] mean nothing to plain MkDocs: don't log 10,000 of them.
        "validation": {
            "omitted_files": "ignore",
            "absolute_links": "ignore",
            "unrecognized_links": "ignore",
            "anchors": "ignore",
            "not_found": "ignore",
        },
    }
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(plain_config, sort_keys=False), encoding="utf-8")
    return Projects(days, full, plain, chronicle_dates(days))


@dataclass(frozen=True)
class Budget:
    """When the bench should be done; a run is left out rather than overrun it (on a machine
    shared with others a build can take ten times as long as alone)."""

    deadline: float | None  # time.monotonic(), or None for no limit

    reserve: float = 0  # seconds kept for what follows every build (related days)

    def allows(self, seconds: float) -> bool:
        return self.deadline is None or time.monotonic() + seconds + self.reserve <= self.deadline

    def left(self) -> float | None:
        """Seconds a child may still run (at least a minute), or None for no limit."""
        return None if self.deadline is None else max(60.0, self.deadline - time.monotonic() - self.reserve)


def measure_builds(
    p: Projects, runs: int, logs: Path, budget: Budget, after: Callable[[float], float], notes: list[str]
) -> tuple[Figures, Path | None]:
    """Full build, floor, plain Material, in turn, `runs` times; medians. Returns the last site.

    After the first run, another is taken only if it and what comes after (`after(seconds of
    one run)`, an estimate) fit in the budget; a first run too slow for it is stopped, and the
    figures say so (None: no site)."""
    label = f"{p.days:,} days"
    full: list[Run] = []
    floor: list[Run] = []
    plain: list[Run] = []
    site = p.full / "site"
    one_run = 0.0
    for i in range(runs):
        if i and not budget.allows(one_run + after(one_run)):
            print(f"  {label}: {i} of {runs} runs, to stay within --budget", flush=True)
            break
        start = time.monotonic()
        steps: list[tuple[str, list[Run], Callable[[float | None], Run]]] = [
            ("build", full, functools.partial(mkdocs_build, p.full, site, logs / f"full-{p.days}-{i}.log")),
            (
                "floor",
                floor,
                functools.partial(floor_run, p.full, p.full / "content", logs / f"floor-{p.days}-{i}.log"),
            ),
            (
                "plain",
                plain,
                functools.partial(mkdocs_build, p.plain, p.plain / "site", logs / f"plain-{p.days}-{i}.log"),
            ),
        ]
        stopped = False
        for name, results, step in steps:
            try:
                results.append(step(budget.left()))
            except OverBudget as e:
                notes.append(f"{label}: {name} {e}")
                print(f"  {label} run {i + 1}: {name} {e}", flush=True)
                stopped = True
        if stopped:
            return _build_figures(label, full, floor, plain), (site if full else None)
        print(
            f"  {label} run {i + 1}/{runs}: build {full[-1].seconds:.2f} s, floor {floor[-1].seconds:.2f} s, "
            f"plain Material {plain[-1].seconds:.2f} s (load {os.getloadavg()[0]:.2f})",
            flush=True,
        )
        one_run = time.monotonic() - start
    return _build_figures(label, full, floor, plain), site


def _build_figures(label: str, full: list[Run], floor: list[Run], plain: list[Run]) -> Figures:
    figures: Figures = {f"{label}: runs": float(len(full))}
    for name, runs in (("cold build", full), ("floor", floor), ("plain Material", plain)):
        if runs:
            figures[f"{label}: {name} (s)"] = _median(runs, "seconds")
            # On a shared machine CPU seconds vary less than wall time: ratios in CPU time too.
            figures[f"{label}: {name} CPU (s)"] = _median(runs, "cpu")
            figures[f"{label}: {name} peak memory (MiB)"] = max(r.peak_mib for r in runs)
            figures[f"{label}: {name} peak memory with its children (MiB)"] = max(r.tree_peak_mib for r in runs)
            pss = max(r.tree_pss_mib for r in runs)
            if pss:
                figures[f"{label}: {name} peak memory with its children, shared pages once (PSS, MiB)"] = pss
    for other in ("floor", "plain Material"):
        for unit, suffix in (("", ""), (" CPU", ", CPU")):
            a, b = figures.get(f"{label}: cold build{unit} (s)"), figures.get(f"{label}: {other}{unit} (s)")
            if a and b:
                figures[f"{label}: build / {other}{suffix}"] = a / b
    if full:
        figures[f"{label}: warnings in the build log"] = float(sum("WARNING" in x for x in full[-1].log.splitlines()))
    return figures


def _median(runs: list[Run], key: str) -> float:
    return float(statistics.median(getattr(r, key) for r in runs))


# -- what a reader gets --------------------------------------------------------------------


def day_page(site: Path, date: dt.date) -> Path:
    return site / f"{date:%Y/%m/%d}" / "index.html"


def measure_sizes(site: Path, p: Projects) -> Figures:
    label = f"{p.days:,} days"
    sizes = sorted(day_page(site, d).stat().st_size for d in p.dates if day_page(site, d).exists())
    if len(sizes) != len(p.dates):
        raise SystemExit(f"{len(p.dates) - len(sizes)} day pages missing from {site}")
    total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    visit_raw, visit_gzip, requests = first_visit_bytes(site, day_page(site, p.dates[-1]))
    return {
        f"{label}: day page HTML, median (bytes)": float(statistics.median(sizes)),
        f"{label}: day page HTML, max (bytes)": float(sizes[-1]),
        f"{label}: total site (bytes)": float(total),
        f"{label}: first visit to a day page, gzip (bytes)": float(visit_gzip),
        f"{label}: first visit to a day page, uncompressed (bytes)": float(visit_raw),
        f"{label}: first visit to a day page (requests)": float(requests),
    }


class _Fetched(HTMLParser):
    """What a browser fetches for a page without interaction: styles, scripts, icons, images."""

    FETCHED_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and self.FETCHED_RELS & set(a.get("rel", "").lower().split()) and a.get("href"):
            self.urls.append(a["href"])
        elif a.get("src") and (tag == "script" or (tag == "img" and a.get("loading") != "lazy")):
            self.urls.append(a["src"])


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def first_visit_bytes(site: Path, page: Path) -> tuple[int, int, int]:
    """(uncompressed, gzip-compressed, requests) for the page and what it references.

    Files outside the site (another host) are not counted; url()s in stylesheets that are
    files of the site are (fonts, images: a little more than a browser may fetch)."""
    parser = _Fetched()
    html = page.read_bytes()
    parser.feed(html.decode("utf-8"))
    seen: set[Path] = set()
    raw, packed = len(html), len(gzip.compress(html, 6))
    queue = [(page.parent, url) for url in parser.urls]
    while queue:
        base, url = queue.pop()
        target = _local_file(site, base, url)
        if target is None or target in seen:
            continue
        seen.add(target)
        data = target.read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, 6))
        if target.suffix == ".css":
            for m in _CSS_URL.finditer(data.decode("utf-8", errors="replace")):
                queue.append((target.parent, m.group(1) or m.group(2)))
    return raw, packed, len(seen) + 1


def _local_file(site: Path, base: Path, url: str) -> Path | None:
    url = url.split("#", 1)[0].split("?", 1)[0]
    if not url or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", url):
        return None  # data:, another host
    target = (site / url.lstrip("/")) if url.startswith("/") else (base / url)
    target = target.resolve()
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() and target.is_relative_to(site.resolve()) else None


SEARCH_OPENERS = ['label[for="__search"]', "[data-search-open]", 'button[aria-label*="earch"]', 'a[href$="search/"]']
SEARCH_INPUTS = [
    ".pagefind-ui__search-input",
    'input[type="search"]',
    "input.md-search__input",
    'input[name="query"]',
    'input[name="q"]',
]


def measure_search(site: Path, p: Projects) -> tuple[Figures, str]:
    """Bytes a browser fetches for a first search from a day page, once the site has Pagefind."""
    label = f"{p.days:,} days"
    if not (site / "pagefind").is_dir():
        return {}, "search: not built"
    from playwright.sync_api import Response, sync_playwright

    with serve_folder(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.set_default_timeout(15_000)
            page.goto(url + f"{p.dates[-1]:%Y/%m/%d}/", wait_until="networkidle")
            responses: list[Response] = []
            page.on("response", lambda r: responses.append(r))
            box = _open_search(page)
            if box is None:
                return {}, "search: pagefind/ is built but no search box was found on the day page"
            box.type(SEARCH_QUERY, delay=40)
            _settle(page, responses)
            if not any("pagefind" in r.url for r in responses):
                box.press("Enter")
                _settle(page, responses)
            raw = packed = 0
            for r in responses:
                try:
                    body = r.body()
                except Exception:  # a redirect or an aborted request has no body
                    continue
                raw += len(body)
                packed += len(body) if body[:2] == b"\x1f\x8b" else len(gzip.compress(body, 6))
        finally:
            browser.close()
    figures = {
        f"{label}: first search, gzip (bytes)": float(packed),
        f"{label}: first search, as served (bytes)": float(raw),
        f"{label}: first search (requests)": float(len(responses)),
    }
    return figures, f"search: {len(responses)} requests for the query {SEARCH_QUERY!r}"


def _open_search(page: Any) -> Any:
    def visible_input() -> Any:
        for selector in SEARCH_INPUTS:
            box = page.locator(selector)
            for i in range(box.count()):
                if box.nth(i).is_visible():
                    return box.nth(i)
        return None

    box = visible_input()
    for selector in SEARCH_OPENERS:
        if box is not None:
            break
        opener = page.locator(selector)
        if opener.count() and opener.first.is_visible():
            opener.first.click()
            page.wait_for_timeout(300)
            box = visible_input()
    return box


def _settle(page: Any, responses: list[Any], quiet_ms: int = 1000, limit_ms: int = 15_000) -> None:
    """Waits until no new response has come for `quiet_ms`."""
    waited, count = 0, -1
    while waited < limit_ms and count != len(responses):
        count = len(responses)
        page.wait_for_timeout(quiet_ms)
        waited += quiet_ms


# -- edit to preview under `mkdocs serve` --------------------------------------------------


def measure_preview(p: Projects, edits: int, logs: Path, budget: Budget, notes: list[str]) -> Figures:
    """Edit to preview under `make serve`'s `mkdocs serve --dirty`, and under plain `mkdocs serve`
    up to 1,500 days (past that a plain serve rebuilds for minutes: it is left out, and said so)."""
    label = f"{p.days:,} days"
    figures: Figures = {}
    day = p.dates[len(p.dates) // 2]
    file = p.full / "content" / f"{day:%Y/%m}" / f"{day}.md"
    original = file.read_text(encoding="utf-8")
    try:
        if p.days > 1500:
            notes.append(f"{label}: plain mkdocs serve (without --dirty) left out: it rebuilds every page")
        for dirty in (False, True) if p.days <= 1500 else (True,):
            name = "mkdocs serve --dirty" if dirty else "mkdocs serve"
            saves = edits if dirty else 1  # plain serve is a reference, and rebuilds every page
            try:
                seconds = _edit_to_preview(
                    p.full, file, f"{day:%Y/%m/%d}/", dirty, saves, logs / f"serve-{p.days}-{dirty}.log", budget
                )
            except OverBudget as e:
                notes.append(f"{label}: {name}: {e}")
                print(f"  {label}: {name}: {e}", flush=True)
                continue
            figures[f"{label}: edit to preview, {name} (s)"] = statistics.median(seconds)
            print(f"  {label}: {name}: edit to preview {', '.join(f'{s:.2f}' for s in seconds)} s", flush=True)
    finally:
        file.write_text(original, encoding="utf-8")
    return figures


def _edit_to_preview(
    project: Path, file: Path, url: str, dirty: bool, edits: int, log: Path, budget: Budget
) -> list[float]:
    port = _free_port()
    args = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"] + (["--dirty"] if dirty else [])
    page = f"http://127.0.0.1:{port}/{url}"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            args, cwd=project, stdout=out, stderr=subprocess.STDOUT, env={**ENV, "HOME": str(project)}
        )
        try:
            _wait_for(page, _showing(""), budget.left() or 1800, server)
            time.sleep(2)  # let the watcher settle after the first build
            seconds = []
            for n in range(edits):
                headline = f"Bench edit {n + 1} of {os.getpid()} {time.time_ns()}"
                text = re.sub(
                    r"^title: .*$", f"title: {headline}", file.read_text(encoding="utf-8"), count=1, flags=re.M
                )
                start = time.perf_counter()
                file.write_text(text, encoding="utf-8")
                _wait_for(page, _showing(headline), budget.left() or 1800, server)
                seconds.append(time.perf_counter() - start)
                # Saves in a row, and saves after reading the page, when the server has been idle
                # long enough to collect what the builds left (incremental.IDLE_SECONDS).
                time.sleep(1 if n % 2 else IDLE_SECONDS + 1)
        finally:
            end_process(server, 30)
    return seconds


def _showing(text: str) -> Callable[[str], bool]:
    return lambda html: text in html


def _wait_for(url: str, done: Callable[[str], bool], timeout: float, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"mkdocs serve stopped ({server.returncode}); see its log")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if done(response.read().decode("utf-8", errors="replace")):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise OverBudget(f"{url} did not show the edit within {timeout:.0f} s (--budget)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- related days (the core alone) ---------------------------------------------------------


def related_seconds(days: int, include_newer: bool = False, repeat: int = 3) -> float:
    """Best wall time of building the related-days index and searching it for every day."""
    from dateline.model import Settings
    from dateline.related import RelatedIndex
    from related_corpus import planted_corpus

    chronicle = planted_corpus(days).chronicle
    settings = Settings(related_include_newer=include_newer)
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        index = RelatedIndex.build(chronicle, settings)
        for day in chronicle.days:
            index.search(day)
        best = min(best, time.perf_counter() - start)
    return best


def measure_related(small: int, large: int, repeat: int) -> Figures:
    figures: Figures = {}
    for newer in (False, True):
        a, b = related_seconds(small, newer, repeat), related_seconds(large, newer, repeat)
        figures[f"related days, include_newer={newer}: {small:,} days (s)"] = a
        figures[f"related days, include_newer={newer}: {large:,} days (s)"] = b
        figures[f"related days, include_newer={newer}: ratio {large:,}/{small:,}"] = b / a
    return figures


# -- report --------------------------------------------------------------------------------


def targets(figures: Figures, sizes: list[int]) -> list[str]:
    """Issue #10's targets, each said met or not (never asserted)."""
    lines = []

    def say(name: str, value: float | None, limit: float, unit: str = "") -> None:
        if value is not None:
            verdict = "met    " if value <= limit else "NOT met"
            lines.append(f"  {verdict}  {name}: {value:,.2f}{unit} (target <= {limit:,}{unit})")

    for n in sizes:
        label = f"{n:,} days"
        say(f"{label} build / floor", figures.get(f"{label}: build / floor"), 3)
        say(f"{label} build / floor, CPU", figures.get(f"{label}: build / floor, CPU"), 3)
        say(f"{label} day page HTML max", figures.get(f"{label}: day page HTML, max (bytes)"), 20_000, " B")
        say(
            f"{label} first visit, gzip",
            figures.get(f"{label}: first visit to a day page, gzip (bytes)"),
            100_000,
            " B",
        )
        limit = 2 if n <= 1500 else 5
        preview = figures.get(f"{label}: edit to preview, mkdocs serve --dirty (s)")  # make serve's command
        say(f"{label} edit to preview (make serve)", preview, limit, " s")
    if len(sizes) > 1:
        say(f"{sizes[-1]:,} / {sizes[0]:,} build", figures.get(f"build {sizes[-1]:,} / {sizes[0]:,}"), 7.5)
        say(f"{sizes[-1]:,} / {sizes[0]:,} build, CPU", figures.get(f"build {sizes[-1]:,} / {sizes[0]:,}, CPU"), 7.5)
        say(
            f"{sizes[-1]:,} days peak memory, the build and its children together",
            figures.get(f"{sizes[-1]:,} days: cold build peak memory with its children (MiB)"),
            1024,
            " MiB",
        )
        say(
            f"{sizes[-1]:,} days peak memory, the same with shared pages once (PSS)",
            figures.get(f"{sizes[-1]:,} days: cold build peak memory with its children, shared pages once (PSS, MiB)"),
            1024,
            " MiB",
        )
    return lines


def print_changes(figures: Figures, previous: dict[str, Any]) -> None:
    old: dict[str, float] = previous.get("figures", {})
    when = previous.get("meta", {}).get("finished", "?")
    common = [k for k in figures if k in old]
    if not common:
        return
    print(f"\nchange since the last run ({when}, commit {previous.get('meta', {}).get('commit', '?')}):")
    for name in common:
        a, b = old[name], figures[name]
        change = f"{(b - a) / a * 100:+.1f}%" if a else "new"
        print(f"  {name}: {_fmt(a)} -> {_fmt(b)} ({change})")


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.2f}"


def _commit(ref: str | None = None) -> str:
    """The commit measured: `ref`, or HEAD and '+changes' when the working tree has edits."""
    proc = subprocess.run(["git", "rev-parse", "--short", ref or "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if ref:
        return proc.stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
    )
    return proc.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, nargs="+", default=[1500, 10_000], help="chronicle sizes (1500 10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each build, taken in turn (3)")
    parser.add_argument("--smoke", action="store_true", help="50 days, 1 run: only proves the bench runs")
    parser.add_argument("--out", type=Path, default=None, help=f"results file ({RESULTS.name}; smoke: none)")
    parser.add_argument(
        "--preview-days", type=int, nargs="*", default=[1500, 10_000], help="sizes for edit-to-preview (1500 10000)"
    )
    parser.add_argument(
        "--edits", type=int, default=5, help="saves timed in each edit-to-preview, the first one included (5)"
    )
    parser.add_argument("--budget", type=float, default=20, help="minutes; fewer runs past it (20; 0: none)")
    parser.add_argument("--ref", help="measure the site at this commit (e.g. HEAD), not the working tree")
    parser.add_argument("--keep", action="store_true", help="keep the built projects")
    parser.add_argument("--floor-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor_child:
        floor_child(*args.floor_child)
        return 0
    if args.edits < 1:
        parser.error("--edits: at least 1")
    if args.smoke:
        args.days, args.runs, args.preview_days, args.edits = [50], 1, [50], 1
    # Stopped (Ctrl-C, SIGTERM): the finally blocks stop mkdocs serve and remove the projects.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    budget = Budget(time.monotonic() + args.budget * 60 if args.budget > 0 else None, 0 if args.smoke else 180)
    out: Path | None = args.out or (None if args.smoke else RESULTS)
    sizes = sorted(args.days)

    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()
    version = args.ref and _commit(args.ref) or _commit()
    print(
        f"dateline bench at {version}: {os.cpu_count()} cores, load average {load_before[0]:.2f} {load_before[1]:.2f}"
    )
    figures: Figures = {}
    notes: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="dateline-bench-"))
    logs = work / "logs"
    logs.mkdir()
    try:
        source = export_ref(args.ref, work) if args.ref else ROOT
        for n in sizes:
            t = time.perf_counter()
            projects = make_projects(work, n, source)
            span = f"{projects.dates[0]} to {projects.dates[-1]}"
            print(f"{n:,} days: generated in {time.perf_counter() - t:.1f} s ({span})")
            later = [m for m in sizes if m > n]

            def after(one_run: float, n: int = n, later: list[int] = later) -> float:
                # The first run of each larger size, edit-to-preview (about one run) and related days.
                preview = one_run if n in args.preview_days else 0
                return sum(one_run * m / n for m in later) + preview

            build_figures, site = measure_builds(projects, args.runs, logs, budget, after, notes)
            figures |= build_figures
            if site is None:
                continue
            figures |= measure_sizes(site, projects)
            search_figures, note = measure_search(site, projects)
            figures |= search_figures
            notes.append(f"{n:,} days: {note}")
            if n in args.preview_days:
                figures |= measure_preview(projects, args.edits, logs, budget, notes)
            if not args.keep:
                shutil.rmtree(projects.full, ignore_errors=True)
                shutil.rmtree(projects.plain, ignore_errors=True)
        if len(sizes) > 1:
            a, b = sizes[0], sizes[-1]
            for name, figure in (("build", "cold build"), ("floor", "floor"), ("plain Material", "plain Material")):
                for unit, suffix in (("", ""), (" CPU", ", CPU")):
                    big, small = (
                        figures.get(f"{b:,} days: {figure}{unit} (s)"),
                        figures.get(f"{a:,} days: {figure}{unit} (s)"),
                    )
                    if big and small:
                        figures[f"{name} {b:,} / {a:,}{suffix}"] = big / small
        print("related days (the core alone)...", flush=True)
        figures |= measure_related(200, 400, 1) if args.smoke else measure_related(10_000, 20_000, 3)
    finally:
        if args.keep:
            print(f"projects and logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    load_after = os.getloadavg()
    load = f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after"
    print(f"\nfigures (medians of up to {args.runs} run(s), see 'runs'; {load}):")
    for name, value in figures.items():
        print(f"  {name}: {_fmt(value)}")
    for note in notes:
        print(f"  {note}")
    if not args.smoke:
        print("\nissue #10 targets (not asserted):")
        print("\n".join(targets(figures, sizes)))
    previous = json.loads(out.read_text(encoding="utf-8")) if out is not None and out.exists() else None
    if previous is not None:
        print_changes(figures, previous)
    if out is not None:
        meta = {
            "commit": version,
            "started": started.isoformat(timespec="seconds"),
            "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "cores": os.cpu_count(),
            "load_average": {"before": load_before[0], "after": load_after[0]},
            "days": sizes,
            "runs": args.runs,
            "smoke": args.smoke,
            "notes": notes,
        }
        out.write_text(json.dumps({"meta": meta, "figures": figures}, indent=2) + "\n", encoding="utf-8")
        print(f"\nwritten to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
