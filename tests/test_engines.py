"""The example site on another engine: ProperDocs, a maintained fork of MkDocs 1.6 (issue #12).

MkDocs 2.0 drops plugins and hooks, and Material reaches end of life on 5 May 2027
(DESIGN.md §3, docs/maintainers.md). Because the core never imports MkDocs, the same mkdocs.yml
and hook should build the same site with ProperDocs. These tests keep that true: ProperDocs,
in a virtual environment of its own (tests/properdocs-requirements.lock, installed without
MkDocs), builds the example, and every page must carry the same Dateline markup as the MkDocs
build of the session (`example_site`). If ProperDocs cannot build it, they fail with its log.

The environment is made once in .venv-properdocs/ and reused; it is made anew when the lock,
the Python or the checkout's path changes. Its first run installs ~30 packages (about 30 s).
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment, Tag

from conftest import ROOT, BuiltSite, make_project

LOCK = Path(__file__).with_name("properdocs-requirements.lock")
VENV = ROOT / ".venv-properdocs"
STAMP = VENV / ".installed"
# What ProperDocs must build with, at the versions the MkDocs build runs (requirements.lock).
SHARED = ("mkdocs-material", "pymdown-extensions", "markdown", "pyyaml", "jinja2", "babel", "pagefind", "pagefind-bin")

# Pagefind writes its filters in hash-map order, which changes from one build to the next, even
# between two MkDocs builds; the file names are hashes of the contents. Those few files are
# compared by name without the hash and by unpacked size; every other search file byte for byte.
_UNORDERED = re.compile(r"^pagefind/(?:filter/\w+?_|pagefind\.\w+?_)([0-9a-f]{7,})\.pf_(?:filter|meta)$")


def _pins(lock: Path) -> dict[str, str]:
    """name -> version of every `name==version` line, names normalised as pip compares them."""
    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep, f"{lock.name}: not an exact pin: {line!r}"
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


# -- ProperDocs' own environment and its build of the example -------------------------------


@dataclass(frozen=True)
class Engine:
    bin: Path
    made: bool  # made in this run, not reused
    seconds: float  # to make (or find) it


@pytest.fixture(scope="session")
def properdocs() -> Engine:
    started = time.perf_counter()
    key = hashlib.sha256(LOCK.read_bytes() + sys.version.encode() + str(ROOT).encode()).hexdigest()
    made = not (STAMP.exists() and STAMP.read_text(encoding="utf-8") == key)
    if made:
        shutil.rmtree(VENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, timeout=300)
        # --no-deps: the lock lists everything; Material's requirement of mkdocs is left unmet.
        pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
        proc = subprocess.run([*pip, "--no-deps", "-r", str(LOCK)], capture_output=True, text=True, timeout=1800)
        assert proc.returncode == 0, f"pip could not install {LOCK.name}:\n{proc.stdout}{proc.stderr}"
        # src/ on its path as the Makefile does for .venv: the package runs in place.
        purelib = subprocess.run(
            [str(VENV / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        Path(purelib, "dateline-src.pth").write_text(f"{ROOT / 'src'}\n", encoding="utf-8")
        STAMP.write_text(key, encoding="utf-8")  # last: a half-made environment is made again
    return Engine(VENV / "bin", made, time.perf_counter() - started)


@pytest.fixture(scope="session")
def properdocs_site(properdocs: Engine, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The example site built by `properdocs build --strict` from the same mkdocs.yml."""
    out = tmp_path_factory.mktemp("properdocs") / "site"
    started = time.perf_counter()
    proc = subprocess.run(
        [
            str(properdocs.bin / "properdocs"),
            "build",
            "--strict",
            "--config-file",
            "mkdocs.yml",
            "--site-dir",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(out.parent)},
        timeout=300,
    )
    built = BuiltSite(ROOT, out, proc.returncode, proc.stdout + proc.stderr)
    _seconds["build"] = time.perf_counter() - started
    assert proc.returncode == 0, f"ProperDocs could not build the example site:\n{built.log}"
    return built


_seconds: dict[str, float] = {}  # how long the ProperDocs build took, for the figures


# -- what is compared ----------------------------------------------------------------------


def _files(site: Path) -> dict[str, Path]:
    """Every file of a built site by its path; Pagefind's unstable hashes numbered instead, in
    the order of their contents, so that files of the same contents pair up."""
    found: dict[str, Path] = {}
    unordered: dict[str, list[Path]] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        match = _UNORDERED.match(rel)
        if match:
            unordered.setdefault(rel[: match.start(1)] + "{}" + rel[match.end(1) :], []).append(path)
        else:
            found[rel] = path
    for pattern, paths in unordered.items():
        for n, path in enumerate(sorted(paths, key=lambda p: _unordered(p.read_bytes(), site))):
            found[pattern.format(f"#{n}")] = path
    return found


def dateline_markup(html: str) -> list[str]:
    """Dateline's markup on a page, one line per tag: <title>, the h1s, every element with a
    `dl-` class or a data-day/data-date attribute (whole, with what it holds), and the section
    tabs' ids and labels. Comments and the generator's own meta tag are not part of it."""
    page = BeautifulSoup(html, "html.parser")
    for comment in page.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for meta in page.find_all("meta", attrs={"name": "generator"}):
        meta.decompose()

    def lines(kind: str, element: Tag) -> list[str]:
        # One line per tag, so that a difference shows as the tag or the text that differs.
        return [f"{kind}: {part}" for part in re.split(r"(?=<)", " ".join(str(element).split())) if part.strip()]

    def ours(element: Tag) -> bool:
        classes = [str(c) for c in element.get_attribute_list("class") if c]
        return (
            any(c.startswith("dl-") for c in classes) or element.has_attr("data-day") or element.has_attr("data-date")
        )

    def walk(parent: Tag) -> Iterator[str]:
        # Outermost elements only, each whole: what they hold is in their lines already.
        for child in parent.children:
            if isinstance(child, Tag):
                yield from lines(child.name, child) if ours(child) else walk(child)

    found = [line for t in page.find_all(["title", "h1"]) for line in lines(t.name, t)] + list(walk(page))
    for tabs in page.select(".tabbed-set"):
        ids = [str(i.get("id")) for i in tabs.select(":scope > input")]
        labels = [f"{label.get('for')}={label.get_text(strip=True)}" for label in tabs.select(".tabbed-labels label")]
        found.append(f"tabs: {ids} {labels}")
    return found


_GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')


def _generator(html: str) -> str:
    found = _GENERATOR.search(html)
    return found.group(1) if found else ""


def _without_generator(html: str) -> str:
    return _GENERATOR.sub("", html, count=1)


def _diff(a: list[str], b: list[str]) -> str:
    return "\n".join(difflib.unified_diff(a, b, "MkDocs", "ProperDocs", lineterm="", n=0))


# -- the tests -----------------------------------------------------------------------------


def test_properdocs_lock_pins_the_versions_we_run() -> None:
    ours, theirs = _pins(ROOT / "requirements.lock"), _pins(LOCK)
    assert theirs.get("properdocs"), "properdocs is not pinned"
    assert "mkdocs" not in theirs, "the ProperDocs environment must not hold MkDocs"
    missing = [name for name in SHARED if name not in theirs or name not in ours]
    assert not missing, f"not pinned in both locks: {missing}"
    differ = {n: (ours[n], theirs[n]) for n in sorted(ours.keys() & theirs.keys()) if ours[n] != theirs[n]}
    assert not differ, f"requirements.lock and {LOCK.name} differ (ours, theirs): {differ}"


def test_maintainers_page_names_the_versions_we_run() -> None:
    page = (ROOT / "docs" / "maintainers.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|", page, flags=re.MULTILINE))
    pins = _pins(ROOT / "requirements.lock")
    named = {
        "MkDocs": "mkdocs",
        "Material for MkDocs": "mkdocs-material",
        "pymdown-extensions": "pymdown-extensions",
        "Markdown": "markdown",
        "PyYAML": "pyyaml",
        "Jinja2": "jinja2",
        "Pagefind": "pagefind",
    }
    assert {label: rows.get(label) for label in named} == {label: pins[name] for label, name in named.items()}


def test_properdocs_environment_runs_without_mkdocs(properdocs: Engine) -> None:
    script = (
        "import importlib.metadata as m, json, sys\n"
        "try:\n    m.distribution('mkdocs'); mkdocs = True\nexcept m.PackageNotFoundError:\n    mkdocs = False\n"
        "print(json.dumps({'mkdocs': mkdocs, 'versions': {n: m.version(n) for n in sys.argv[1:]}}))\n"
    )
    names = ["properdocs", *SHARED]
    proc = subprocess.run([str(properdocs.bin / "python"), "-c", script, *names], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    assert found["mkdocs"] is False, "MkDocs is installed in the ProperDocs environment: the test would prove nothing"
    pins = _pins(LOCK)
    assert found["versions"] == {n: pins[n] for n in names}


def test_properdocs_builds_the_same_files(example_site: BuiltSite, properdocs_site: BuiltSite) -> None:
    ours, theirs = _files(example_site.site), _files(properdocs_site.site)
    assert sorted(ours.keys() - theirs.keys()) == [], "only in the MkDocs build"
    assert sorted(theirs.keys() - ours.keys()) == [], "only in the ProperDocs build"
    pages = [name for name in ours if name.endswith(".html")]
    assert "2025/11/26/index.html" in pages and "sitemap.xml" in ours and "pagefind/pagefind-entry.json" in ours
    differ = []
    for name, path in ours.items():
        if name.endswith(".html"):
            continue  # compared by their Dateline markup, below
        a, b = path.read_bytes(), theirs[name].read_bytes()
        if "#" in name:  # a Pagefind file of unordered contents
            same = _unordered(a, example_site.site) == _unordered(b, properdocs_site.site)
        elif name == "pagefind/pagefind-entry.json":  # names the hash of the unordered meta file
            same = _entry(a) == _entry(b)
        else:
            same = a == b
        if not same:
            differ.append(name)
    assert differ == [], "these files differ between the MkDocs and the ProperDocs builds"


def _unordered(data: bytes, site: Path) -> list[int]:
    """The bytes of a Pagefind filter or meta file in any order, its filters' hashes masked."""
    unpacked = gzip.decompress(data)
    for path in (site / "pagefind" / "filter").glob("*.pf_filter"):
        unpacked = unpacked.replace(path.stem.encode(), b"#" * len(path.stem))
    return sorted(unpacked)


def _entry(data: bytes) -> object:
    entry = json.loads(data)
    for language in entry["languages"].values():
        language.pop("hash")
    return entry


def test_properdocs_pages_carry_the_same_dateline_markup(
    example_site: BuiltSite, properdocs_site: BuiltSite, properdocs: Engine, figures: dict[str, str]
) -> None:
    ours, theirs = _files(example_site.site), _files(properdocs_site.site)
    pages = sorted(name for name in ours if name.endswith(".html") and name in theirs)
    differ: dict[str, str] = {}
    identical = 0
    generators: set[tuple[str, str]] = set()
    for name in pages:
        a, b = ours[name].read_text(encoding="utf-8"), theirs[name].read_text(encoding="utf-8")
        generators.add((_generator(a), _generator(b)))
        if _without_generator(a) == _without_generator(b):
            identical += 1  # so the same markup too: no need to parse it (that is most of the time)
            continue
        mine, other = dateline_markup(a), dateline_markup(b)
        if mine != other:
            differ[name] = _diff(mine, other)
    assert not differ, "Dateline markup differs:\n" + "\n\n".join(f"{n}:\n{d}" for n, d in list(differ.items())[:3])
    # Not vacuous: the day page's own markup was there to compare.
    day = dateline_markup(ours["2025/11/26/index.html"].read_text(encoding="utf-8"))
    assert any('data-day="1371"' in line for line in day) and any(line.startswith("tabs: ") for line in day)
    # Each build names its own engine: the ProperDocs pages were built by ProperDocs.
    ran = {(a.split(",")[0], b.split(",")[0]) for a, b in generators if a or b}  # redirect pages have none
    mkdocs, engine = _pins(ROOT / "requirements.lock")["mkdocs"], _pins(LOCK)["properdocs"]
    assert ran == {(f"mkdocs-{mkdocs}", f"mkdocs-ProperDocs {engine}")}, ran
    figures["ProperDocs: HTML pages with the same Dateline markup"] = f"{len(pages)} of {len(pages)}"
    figures["ProperDocs: HTML pages byte-identical but for the generator meta"] = f"{identical} of {len(pages)}"
    figures["ProperDocs: build of the example (s)"] = f"{_seconds['build']:.1f}"
    figures["ProperDocs: environment (s)"] = f"{properdocs.seconds:.1f} ({'made' if properdocs.made else 'reused'})"


def test_properdocs_strict_build_fails_on_an_editors_mistake(properdocs: Engine, tmp_path: Path) -> None:
    """The hook logs an editor's mistakes under `mkdocs.plugins.dateline`; ProperDocs must count
    them as MkDocs does, or CI would publish a broken day without a word."""
    good = "---\ntitle: A good day\n---\n\n## Fighting\n\nText.\n"
    root = make_project(
        tmp_path, {"2025/11/2025-11-25.md": good, "2025/11/2025-11-26.md": "---\ntitle: Trump: a plan\n---\n"}
    )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [str(properdocs.bin / "properdocs"), "build", "--config-file", "mkdocs.yml", *args]
        env = {"PATH": "/usr/bin:/bin", "HOME": str(root)}
        return subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, timeout=300)

    strict = run("--strict", "--site-dir", str(root / "strict"))
    assert strict.returncode == 1, strict.stderr
    assert "content/2025/11/2025-11-26.md:2: error: bad YAML" in strict.stderr
    normal = run("--site-dir", str(root / "site"))
    assert normal.returncode == 0, normal.stderr
    assert "content/2025/11/2025-11-26.md:2: error: bad YAML" in normal.stderr
    assert 'data-day="1370"' in (root / "site" / "2025" / "11" / "25" / "index.html").read_text(encoding="utf-8")


def test_markup_comparison_sees_our_markup_and_ignores_the_generator() -> None:
    page = (
        '<html><head><title>Day 1,371</title><meta name="generator" content="{engine}"></head><body>'
        "<!-- {engine} --><h1>Day 1,371</h1>"
        '<article class="dl-day" data-day="{day}"><a class="md-nav__link" href="../25/">25</a></article>'
        '<div class="tabbed-set"><input id="{tab}"><div class="tabbed-labels"><label for="{tab}">Fighting</label></div>'
        "</div></body></html>"
    )
    same = {"day": "1371", "tab": "fighting"}
    base = dateline_markup(page.format(engine="mkdocs-1.6.1", **same))
    assert base == dateline_markup(page.format(engine="mkdocs-ProperDocs 1.6.7", **same))
    assert base != dateline_markup(page.format(engine="mkdocs-1.6.1", day="1372", tab="fighting"))
    assert base != dateline_markup(page.format(engine="mkdocs-1.6.1", day="1371", tab="fighting_1"))
    assert base != dateline_markup(page.format(engine="mkdocs-1.6.1", **same).replace("../25/", "../24/"))
    assert base != dateline_markup(page.format(engine="mkdocs-1.6.1", **same).replace("<h1>Day", "<h1>Tag"))
