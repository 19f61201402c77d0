"""Shared fixtures: real sites built through the real MkDocs, from real day files."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pytest
import yaml

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BuiltSite:
    root: Path  # the project folder (mkdocs.yml, content/, docs/)
    site: Path  # the built site
    returncode: int
    log: str

    def html(self, url: str) -> str:
        """The HTML a reader gets at `url` ("2025/11/26/", "" for the home page)."""
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def example_days() -> dict[str, str | bytes]:
    """The example's day files (content/), by path, as make_project takes them."""
    content = ROOT / "content"
    return {str(p.relative_to(content)): p.read_text(encoding="utf-8") for p in content.rglob("*.md")}


def make_project(
    tmp: Path,
    days: dict[str, str | bytes],
    dateline: dict[str, object] | None = None,
    docs: dict[str, str] | None = None,
) -> Path:
    """A project like the example: its mkdocs.yml, hooks and overrides, with these day files."""
    tmp.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    if dateline is not None:
        config["extra"]["dateline"].update(dateline)
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.copytree(ROOT / "hooks", tmp / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", tmp / "overrides")
    (tmp / "docs").mkdir()
    pages = {"about.md": "# About\n\nA test chronicle.\n", "editors.md": "# For editors\n\nHow to add a day.\n"}
    for name, text in {**pages, **(docs or {})}.items():
        (tmp / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / "docs" / name).write_text(text, encoding="utf-8")
    for path, text in days.items():
        file = tmp / "content" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            file.write_bytes(text)
        else:
            file.write_text(text, encoding="utf-8")
    return tmp


def build(root: Path, *args: str) -> BuiltSite:
    site = root / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site), *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(root)},
        timeout=300,
    )
    return BuiltSite(root, site, proc.returncode, proc.stdout + proc.stderr)


UK_ROOT = ROOT / "examples" / "uk"  # the Ukrainian example: its mkdocs.yml, content/, docs/


def _build_strict(root: Path, out: Path) -> BuiltSite:
    """A site of the repository (its folder holds mkdocs.yml) built with --strict, as CI publishes it."""
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(out.parent)},
        timeout=300,
    )
    built = BuiltSite(root, out, proc.returncode, proc.stdout + proc.stderr)
    assert proc.returncode == 0, built.log
    return built


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The example site, built once with --strict, as CI publishes it."""
    return _build_strict(ROOT, tmp_path_factory.mktemp("example") / "site")


@pytest.fixture(scope="session")
def uk_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The Ukrainian example (examples/uk), built once with --strict."""
    return _build_strict(UK_ROOT, tmp_path_factory.mktemp("uk") / "site")


_FIGURES: dict[str, str] = {}


@pytest.fixture()
def figures() -> dict[str, str]:
    """Figures a test measured (name -> value), printed at the end of every run."""
    return _FIGURES


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _FIGURES:
        terminalreporter.section("figures")
        for name, value in sorted(_FIGURES.items()):
            terminalreporter.write_line(f"{name}: {value}")


# -- a real browser against the built site, served on 127.0.0.1 ----------------------------

# Debian's Chromium; CHROMIUM names another build of it (scripts/ensure-chromium reads it too).
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium keeps trying hosts this machine can't reach.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A built site over HTTP on 127.0.0.1, as a reader's browser gets it; yields its URL."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def end_process(proc: subprocess.Popen[Any], timeout: float = 20) -> None:
    """Ends a process this test run started, by its PID: asked first, killed if it will not go."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def mkdocs_serve(root: Path, *args: str) -> Iterator[str]:
    """`mkdocs serve` of a project on 127.0.0.1, as an editor previews it; yields its URL once the
    first build is served. The server is ended by its PID."""
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = (root / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *args],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(root)},
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, (root / "serve.log").read_text()
            try:
                with urllib.request.urlopen(url, timeout=5):
                    break
            except OSError:
                assert time.monotonic() < deadline, "mkdocs serve did not answer in 120 s"
                time.sleep(0.3)
        yield url
    finally:
        end_process(proc)
        log.close()


@pytest.fixture(scope="session")
def site_url(example_site: BuiltSite) -> Iterator[str]:
    """The example site over HTTP on 127.0.0.1."""
    with serve_folder(example_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright. Missing Chromium fails the tests, never skips them."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: run 'make browser' (apt-get install chromium)"
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


ARTIFACTS = ROOT / "test-artifacts"


# -- a page in a fresh browser context, as a reader opens it -------------------------------------

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


class OpenPage(Protocol):
    def __call__(self, url: str, *, phone: bool = False, scheme: str = "light", js: bool = True) -> Page: ...


@pytest.fixture()
def open_page(browser: Browser) -> Iterator[OpenPage]:
    """`open_page(url, phone=False, scheme="light", js=True)`: a page in a fresh browser context."""
    contexts: list[BrowserContext] = []

    def open_page(url: str, *, phone: bool = False, scheme: str = "light", js: bool = True) -> Page:
        context = browser.new_context(
            viewport=PHONE if phone else DESKTOP,  # type: ignore[arg-type]
            device_scale_factor=2 if phone else 1,
            is_mobile=phone,
            has_touch=phone,
            color_scheme=scheme,  # type: ignore[arg-type]
            java_script_enabled=js,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(url)
        settle(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


def settle(page: Page) -> None:
    """Wait until transitions are over: a colour judged mid-fade is not the colour a reader sees."""
    page.wait_for_load_state("load")
    page.wait_for_function(
        """document.getAnimations().every(
             a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)"""
    )
