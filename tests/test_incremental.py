"""Edit to preview under `make serve` (`mkdocs serve --dirty`): a save rebuilds only the pages
whose content changed, and nothing is ever stale — after each edit, addition and deletion of a
day, every file the running server serves is, byte for byte, the file a fresh server builds."""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import end_process
from synthetic import make_synthetic_project

DAYS = 40


@dataclass
class Server:
    url: str
    port: int
    log: Path
    tmp: Path  # TMPDIR of the server: its site_dir is the one mkdocs_* folder in it

    @property
    def site(self) -> Path:
        (site,) = self.tmp.glob("mkdocs_*")
        return site

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def builds(self) -> int:
        """Builds finished: the first, then each rebuild. Not MkDocs' "Documentation built in N
        seconds": its logger says a message only once, and two rebuilds can take as long."""
        return self.count(self.text())

    @staticmethod
    def count(log: str) -> int:
        return ("Serving on" in log) + log.count("Reloading browsers")

    def settled(self, builds: int, timeout: float = 240) -> None:
        """Waits until the server has finished build number `builds` and its search index."""
        deadline = time.monotonic() + timeout
        while True:
            log = self.text()
            done = self.count(log) >= builds
            if done and not re.findall(r"search index: (.*)", log)[-1].startswith("being"):
                break
            assert "could not be written" not in log and "rebuild failed" not in log, log
            assert time.monotonic() < deadline, f"no build {builds} in {timeout:.0f} s:\n{log}"
            time.sleep(0.2)
        time.sleep(0.5)  # the log is written before the server answers with the new files

    def rebuilt(self) -> tuple[int, int]:
        """(pages built, pages in the site) of the last build, as the hook logs them."""
        found = re.findall(r"Dateline: ([\d,]+) of ([\d,]+) pages to build", self.text())
        built, total = found[-1]
        return int(built.replace(",", "")), int(total.replace(",", ""))


@contextlib.contextmanager
def make_serve(root: Path, tmp: Path) -> Iterator[Server]:
    """`make serve`'s command on a project, on 127.0.0.1; ended by its PID."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tmp.mkdir(parents=True)
    log = tmp.parent / f"{tmp.name}.log"
    args = ["serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload", "--dirty"]
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", *args],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(root), "TMPDIR": str(tmp)},
        )
        server = Server(f"http://127.0.0.1:{port}/", port, log, tmp)
        try:
            server.settled(1)
            assert proc.poll() is None, server.text()
            yield server
        finally:
            end_process(proc, 60)


def _tree(server: Server) -> dict[str, bytes]:
    """Every file of the served site; the server's own address made neutral (feeds and
    canonical links name it)."""
    site = server.site
    address = f"127.0.0.1:{server.port}".encode()
    tree = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name == "sitemap.xml.gz":  # deterministic (no time in its header): compared inside
                data = gzip.decompress(data)
            tree[path.relative_to(site).as_posix()] = data.replace(address, b"127.0.0.1:PORT")
    return tree


def _same_as_cold(server: Server, root: Path, tmp: Path) -> None:
    """The running server's site is, file for file, what a server started now builds."""
    served = _tree(server)
    with make_serve(root, tmp) as fresh:
        cold = _tree(fresh)
    assert sorted(served.keys() - cold.keys()) == [], "stale files"
    assert sorted(cold.keys() - served.keys()) == [], "missing files"
    differ = [path for path in cold if cold[path] != served[path]]
    assert differ == [], f"{len(differ)} files differ from a cold build"


def _set_title(file: Path, title: str) -> None:
    text = file.read_text(encoding="utf-8")
    file.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), encoding="utf-8")


def _add_tag(file: Path, tag: str) -> None:
    text = file.read_text(encoding="utf-8")
    if re.search(r"^tags: \[", text, flags=re.M):
        text = re.sub(r"^tags: \[", f"tags: [{tag}, ", text, count=1, flags=re.M)
    else:
        text = text.replace("---\n", f"---\ntags: [{tag}]\n", 1)
    file.write_text(text, encoding="utf-8")


def _add_sentence(file: Path, sentence: str) -> None:
    """`sentence` as a paragraph of the day's first section."""
    text = file.read_text(encoding="utf-8")
    file.write_text(re.sub(r"^(## .*\n\n)", f"\\1{sentence}\n\n", text, count=1, flags=re.M), encoding="utf-8")


NEW_NAME = "Zebulon Quartermaine"  # on no synthetic day: on a third, he gets a name page


def _save(server: Server, change: Callable[[], None]) -> None:
    builds = server.builds()
    change()
    server.settled(builds + 1)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return make_synthetic_project(tmp_path / "project", DAYS)


def test_each_save_rebuilds_a_few_pages_and_the_site_is_then_a_cold_build(project: Path, tmp_path: Path) -> None:
    content = project / "content"
    files = sorted(content.rglob("*.md"))
    # A day that another day's `related:` names: that day's page shows its headline.
    related = {
        date: f
        for f in files
        for date in re.findall(r"\d{4}-\d\d-\d\d", "".join(re.findall(r"^related: .*$", f.read_text(), re.M)))
    }
    assert related, "the synthetic chronicle names no related day"
    target_date = sorted(related)[0]
    target = next(f for f in files if f.stem == target_date)
    referrer = related[target_date]
    with make_serve(project, tmp_path / "serve") as server:
        _, total = server.rebuilt()
        steps = 0

        def check(what: str, most: int) -> None:
            nonlocal steps
            steps += 1
            built, pages = server.rebuilt()
            assert 0 < built <= most, f"{what}: {built} of {pages} pages rebuilt"
            _same_as_cold(server, project, tmp_path / f"cold-{steps}")

        # A headline edited: the day, its neighbours and month, the listings that show it.
        middle = files[len(files) // 2]
        _save(server, lambda: _set_title(middle, "Edited, a new headline for the preview"))
        with urllib.request.urlopen(server.url + f"{middle.stem.replace('-', '/')}/", timeout=30) as answer:
            assert "Edited, a new headline for the preview" in answer.read().decode("utf-8")
        check("edit", total // 2)

        # A day that another day relates to: the other day's related list shows the new headline.
        _save(server, lambda: _set_title(target, "Edited, a day that others relate to"))
        check("related", total // 2)
        referrer_page = server.site / referrer.stem.replace("-", "/") / "index.html"
        assert "Edited, a day that others relate to" in referrer_page.read_text(encoding="utf-8")

        # A day added after the latest: it is the new latest day.
        last = files[-1]
        added = last.with_name("2025-11-27.md")
        _save(server, lambda: shutil.copyfile(last, added))
        check("add", total // 2)

        # A day deleted: its page gives way to the small page of a date with no summary.
        _save(server, lambda: middle.unlink())
        check("delete", total // 2)

        # A tag added to a day: its tag page, threads and related days (of other days too) change.
        tagged = files[3]
        _save(server, lambda: _add_tag(tagged, "ushakov"))
        check("tag", total // 2)

        # A name written on a third day: it gets a page, and the three days link it.
        for file in files[5], files[9]:
            _save(server, lambda file=file: _add_sentence(file, f"{NEW_NAME} arrived in Geneva."))
        _save(server, lambda: _add_sentence(files[14], f"{NEW_NAME} left Geneva."))
        check("name", total // 2)
        assert (server.site / "names" / "zebulon-quartermaine" / "index.html").is_file()


@contextlib.contextmanager
def _watching(root: Path, content: Path, *later: Path) -> Iterator[Any]:
    """MkDocs' own server object, watching as `make serve` does (never serving): mkdocs.yml
    and docs/, then the hook's `watch_by_events` with the content folder, then `later` (as
    `watch:` in mkdocs.yml is, after the plugins' on_serve); started."""
    import logging

    from mkdocs.livereload import LiveReloadServer

    from dateline.incremental import watch_by_events

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root / "site"))
    server.watch(str(root / "docs"))
    server.watch(str(root / "mkdocs.yml"))
    server.by_events = watch_by_events(server, content, logging.getLogger("test"))
    for path in later:
        server.watch(str(path))
    server.observer.start()
    try:
        yield server
    finally:
        server.observer.stop()
        server.observer.join()


def _asks(server: Any, change: Callable[[], object], wait: float = 5) -> bool:
    """Whether `change` makes the server want a rebuild within `wait` seconds."""
    with server._rebuild_cond:
        server._want_rebuild = False
    change()
    deadline = time.monotonic() + wait
    while not server._want_rebuild and time.monotonic() < deadline:
        time.sleep(0.02)
    return bool(server._want_rebuild)


def _write(file: Path, text: str = "---\ntitle: A\n---\n") -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


def test_the_server_hears_each_change_at_once_and_never_a_read(tmp_path: Path) -> None:
    """`make serve` watches by the kernel's file events (incremental.watch_by_events): a change
    asks for a rebuild within moments, however it is made; a build reading the files, and an
    editor's own swap and backup files, do not."""
    month, extra = tmp_path / "content" / "2025" / "11", tmp_path / "extra"
    config, day, notes = tmp_path / "mkdocs.yml", month / "2025-11-01.md", tmp_path / "notes.txt"
    for file in config, day, extra / "a.txt", tmp_path / "docs" / "index.md":
        _write(file)

    def replace(file: Path, text: str) -> None:  # as editors that save by renaming do
        new = file.with_name(f".{file.name}.new")
        new.write_text(text, encoding="utf-8")
        new.replace(file)

    with _watching(tmp_path, tmp_path / "content", extra) as server:
        assert server.by_events and type(server.observer).__name__ == "Changes"
        asks = functools.partial(_asks, server)
        for file in day, config, extra / "a.txt":
            assert not asks(lambda file=file: file.read_bytes(), wait=0.5), f"reading {file.name} asked for a rebuild"
        assert not asks(lambda: _write(notes, "not watched"), wait=0.5)
        for own in (".2025-11-01.md.swp", "4913", "2025-11-01.md~", ".#2025-11-01.md", "#2025-11-01.md#"):
            assert not asks(lambda own=own: _write(month / own, "an editor's"), wait=0.5), own
        assert asks(lambda: _write(day, "---\ntitle: B\n---\n"))
        assert asks(lambda: os.utime(day)), "touched, as one does to rebuild"
        assert asks(lambda: _write(month / "2025-11-02.md"))
        assert asks(lambda: (month / "2025-11-02.md").unlink())
        for n in 1, 2:  # saved twice by renaming a new file onto it: both are heard
            assert asks(lambda n=n: replace(config, f"site_name: Renamed {n}\n")), f"save {n} of mkdocs.yml"
        assert asks(lambda: _write(tmp_path / "docs" / "about.md", "# About\n"))
        assert asks(lambda: _write(extra / "a.txt", "changed"))
        assert asks(lambda: (tmp_path / "content" / "2026").mkdir()), "a new year's folder"
        assert asks(lambda: _write(tmp_path / "content" / "2026" / "01" / "2026-01-01.md")), "a day in it"
        assert asks(lambda: month.rename(tmp_path / "elsewhere")), "a month folder moved out"
        assert asks(lambda: (tmp_path / "elsewhere").rename(month)), "and back in"
        assert asks(lambda: shutil.rmtree(extra)), "a later watch's folder deleted"


def test_a_linked_content_folder_is_watched_where_it_leads(tmp_path: Path) -> None:
    real = tmp_path / "chronicle"
    _write(real / "2025" / "11" / "2025-11-01.md")
    _write(tmp_path / "project" / "mkdocs.yml")
    (tmp_path / "project" / "docs").mkdir()
    (tmp_path / "project" / "content").symlink_to(real)
    with _watching(tmp_path / "project", tmp_path / "project" / "content") as server:
        assert _asks(server, lambda: _write(real / "2025" / "11" / "2025-11-01.md", "---\ntitle: B\n---\n"))
        assert _asks(server, lambda: _write(real / "2025-12-01.md")), "a file at the top of the linked folder"
        assert _asks(server, lambda: _write(real / "2026" / "01" / "2026-01-01.md")), "a new year in it"


def test_with_no_inotify_watches_left_the_server_polls_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The kernel refuses a watch as the server starts (fs.inotify.max_user_watches reached):
    the server polls the same files instead of failing to start or hearing nothing."""
    from watchdog.observers.inotify import InotifyEmitter
    from watchdog.observers.polling import PollingObserver

    def refused(self: Any) -> None:
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(InotifyEmitter, "on_thread_start", refused)
    _write(tmp_path / "content" / "2025" / "11" / "2025-11-01.md")
    _write(tmp_path / "mkdocs.yml")
    (tmp_path / "docs").mkdir()
    with _watching(tmp_path, tmp_path / "content") as server:
        assert isinstance(server.observer, PollingObserver)
        assert "watching the files by polling" in caplog.text
        assert _asks(server, lambda: _write(tmp_path / "content" / "2025" / "11" / "2025-11-02.md"))


def test_a_network_or_shared_folder_is_polled_and_the_mount_table_is_read() -> None:
    from dateline.incremental import _TOLD_ELSEWHERE, _mount_type

    assert _mount_type("/proc/self") == "proc"
    assert _mount_type("/") != ""
    assert "nfs4".startswith(_TOLD_ELSEWHERE) and "fuse.sshfs".startswith(_TOLD_ELSEWHERE)
    assert not "ext4".startswith(_TOLD_ELSEWHERE) and not "overlay".startswith(_TOLD_ELSEWHERE)


def test_a_rebuild_turns_the_collector_back_on_whatever_happens() -> None:
    import gc

    from dateline.incremental import Kept

    kept = Kept()
    assert gc.isenabled()
    with pytest.raises(KeyboardInterrupt), kept.rebuilding():
        assert not gc.isenabled()
        raise KeyboardInterrupt
    assert gc.isenabled()


# -- the core's part, without MkDocs ------------------------------------------------------


def test_a_page_whose_inputs_are_unchanged_has_an_unchanged_view(tmp_path: Path) -> None:
    """The plan's `inputs` stand for a page's view (an unchanged page's view is never made):
    before and after each kind of edit, every page whose inputs are equal has an equal view."""
    import dataclasses

    import yaml

    from dateline.content import load_days
    from dateline.incremental import Kept
    from dateline.related import RelatedIndex
    from dateline.settings import read_settings
    from dateline.site import PagePlan, plan_site

    project = make_synthetic_project(tmp_path / "project", DAYS)
    extra = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["dateline"]
    settings = dataclasses.replace(read_settings(extra, project, "en"), show_drafts=True, preview=True)
    kept = Kept()

    def plan() -> dict[str, PagePlan]:
        chronicle = kept.keep_days(load_days(settings))
        index = RelatedIndex.build(chronicle, settings, keep=True)
        return {p.src_uri: p for p in plan_site(chronicle, settings, index, str, "https://example.org/").pages}

    files = sorted((project / "content").rglob("*.md"))
    last = files[-1]
    edits: list[tuple[str, Callable[[], None]]] = [
        ("headline", lambda: _set_title(files[20], "Edited, a new headline")),
        ("tag", lambda: _add_tag(files[3], "ushakov")),
        ("name, second day", lambda: _add_sentence(files[5], f"{NEW_NAME} arrived.")),
        ("name, third day", lambda: _add_sentence(files[9], f"{NEW_NAME} left.")),
        ("name, fourth day", lambda: _add_sentence(files[14], f"{NEW_NAME} came back.")),
        ("words", lambda: _add_sentence(files[7], " ".join(["More words."] * 400))),
        (
            "related",
            lambda: files[30].write_text(
                files[30].read_text(encoding="utf-8").replace("---\n", f"---\nrelated: [{files[2].stem}]\n", 1),
                encoding="utf-8",
            ),
        ),
        ("delete", lambda: files[25].unlink()),
        ("add", lambda: shutil.copyfile(last, last.with_name("2025-11-27.md"))),
        ("add a month", lambda: shutil.copyfile(last, project / "content" / "2026-01-03.md")),
    ]
    _add_sentence(files[1], f"{NEW_NAME} was seen.")
    before = plan()
    for what, edit in edits:
        edit()
        after = plan()
        same = [uri for uri, page in after.items() if uri in before and page.inputs == before[uri].inputs]
        fewest = 0 if what == "add a month" else len(after) // 2  # a month's charts on every listing change
        assert len(same) > fewest, f"{what}: {len(same)} of {len(after)} pages unchanged"
        differ = [uri for uri in same if after[uri].inputs is not None and after[uri].view() != before[uri].view()]
        assert differ == [], f"{what}: equal inputs, other views"
        before = after


def test_a_day_that_did_not_change_is_the_same_object_and_its_work_is_kept() -> None:
    import dataclasses
    import datetime as dt

    from dateline.incremental import DayMemo, Kept
    from dateline.model import Chronicle, Day

    kept, memo = Kept(), DayMemo[str]()
    first = kept.keep_days(Chronicle((Day(dt.date(2025, 11, 26), "content/a.md", 1371, title="One"),)))
    again = kept.keep_days(Chronicle((Day(dt.date(2025, 11, 26), "content/a.md", 1371, title="One"),)))
    assert again.days[0] is first.days[0]
    made: list[str] = []
    for chronicle in (first, again):
        assert memo.get(chronicle.days[0], "en", lambda: made.append("x") or "One, in words") == "One, in words"
    assert made == ["x"]  # worked out once
    edited = kept.keep_days(Chronicle((dataclasses.replace(first.days[0], title="Two"),)))
    assert edited.days[0] is not first.days[0]
    assert memo.get(edited.days[0], "en", lambda: "Two, in words") == "Two, in words"


def test_a_page_is_kept_only_once_written_with_the_same_fingerprint(tmp_path: Path) -> None:
    import functools

    from dateline.incremental import Kept
    from dateline.model import Settings
    from dateline.site import PagePlan

    def build(title: str) -> tuple[Kept, bool]:
        page = PagePlan("2025/11/26.md", "dateline/day.html", title, functools.partial(str, title))
        kept.begin([], Settings(), _Site(page), frozenset())
        same = kept.unchanged(page)
        return kept, same

    kept = Kept()
    _, same = build("Day 1")
    assert not same and kept.rebuilt == ["2025/11/26.md"]
    _, same = build("Day 1")
    assert not same  # never written: not kept
    kept.written("2025/11/26.md", {})
    assert build("Day 1")[1] and not build("Day 2")[1]
    (tmp_path / "old.html").write_text("old")
    kept.outputs = {str(tmp_path / "old.html")}
    assert kept.sweep(tmp_path, set()) == ["old.html"] and not (tmp_path / "old.html").exists()


@dataclass(frozen=True)
class _Site:
    """A site plan of one page, as Kept.begin reads it."""

    page: object

    @property
    def pages(self) -> tuple[object, ...]:
        return (self.page,)

    @property
    def site(self) -> object:
        from dateline.pages import Link, SiteView

        return SiteView(None, Link("Archive", "archive/"))


@dataclass(frozen=True)
class _Sites(_Site):
    """A site plan of several pages."""

    more: tuple[object, ...] = ()

    @property
    def pages(self) -> tuple[object, ...]:
        return (self.page, *self.more)


def test_what_markdown_made_is_kept_while_the_markdown_and_the_pages_it_may_link_are() -> None:
    """A day page rebuilt because its view alone changed (a neighbour's headline) is not
    converted again; its Markdown changed, or a page added or gone (a link to it is made as
    MkDocs finds it), or the site changed (mkdocs.yml), it is."""
    import functools

    from dateline.incremental import Kept
    from dateline.model import Settings
    from dateline.site import PagePlan

    day = PagePlan("2025/11/26.md", "dateline/day.html", "Day 1", functools.partial(str, "Day 1"))
    name = PagePlan("names/kupiansk/index.md", "dateline/name.html", "Kupiansk", functools.partial(str, "K"))
    kept = Kept()
    kept.begin([], Settings(), _Sites(day, (name,)), frozenset())
    kept.keep_made(day.src_uri, "Shelling hit [Kupiansk](../names/kupiansk/index.md).", "<p>made</p>")
    kept.keep_made(name.src_uri, "Not kept", "<p>not kept</p>", keep=False)
    kept.begin([], Settings(), _Sites(day, (name,)), frozenset())
    assert kept.made_of(day.src_uri, "Shelling hit [Kupiansk](../names/kupiansk/index.md).") == "<p>made</p>"
    assert kept.made_of(day.src_uri, "Shelling hit Kupiansk.") is None  # the Markdown changed
    assert kept.made_of(name.src_uri, "Not kept") is None
    kept.begin([], Settings(), _Sites(day), frozenset())  # the name's page is gone: the link is not
    assert kept.made_of(day.src_uri, "Shelling hit [Kupiansk](../names/kupiansk/index.md).") is None
    kept.keep_made(day.src_uri, "Shelling hit Kupiansk.", "<p>again</p>")
    kept.begin([], Settings(language="uk"), _Sites(day), frozenset())  # the site changed
    assert kept.made_of(day.src_uri, "Shelling hit Kupiansk.") is None


def test_the_theme_is_listed_once_while_the_overrides_hold_the_same_files(tmp_path: Path) -> None:
    """Under `make serve` Jinja's listing of the theme's 14,500 files is kept from build to
    build; a file added to the overrides is listed at the next build, and so is one the listing
    is asked with another filter (MkDocs' filter is one function, made anew for each build)."""
    import jinja2

    from dateline.incremental import Kept

    overrides, theme = tmp_path / "overrides", tmp_path / "theme"
    for folder, name in ((overrides, "main.html"), (theme, "base.html"), (theme, "assets/x.css")):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x", encoding="utf-8")
    kept, walks = Kept(), []

    def environment() -> jinja2.Environment:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(overrides), str(theme)]))
        listed = env.list_templates
        env.list_templates = lambda *a, **k: walks.append(1) or listed(*a, **k)  # type: ignore[method-assign]
        return kept.theme_listing(env, [str(overrides)], ("sitemap.xml",))

    def not_html(name: str) -> bool:
        return not name.endswith(".html")

    assert environment().list_templates(filter_func=not_html) == ["assets/x.css"]
    assert environment().list_templates(filter_func=not_html) == ["assets/x.css"]
    assert len(walks) == 1
    (overrides / "assets").mkdir()
    (overrides / "assets" / "dateline.css").write_text("y", encoding="utf-8")
    assert environment().list_templates(filter_func=not_html) == ["assets/dateline.css", "assets/x.css"]
    assert environment().list_templates() == ["assets/dateline.css", "assets/x.css", "base.html", "main.html"]
    assert len(walks) == 3


def test_the_sitemap_is_made_again_only_when_what_it_lists_changed(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from dateline.incremental import Kept
    from dateline.model import Settings
    from dateline.site import PagePlan

    def page(url: str, **meta: str) -> Any:
        return SimpleNamespace(canonical_url=f"https://example.org/{url}", abs_url=f"/{url}", meta=meta)

    sitemap, kept = tmp_path / "sitemap.xml", Kept()
    pages = [page("2025/11/26/", lastmod="2025-11-26"), page("day/1/", robots="noindex")]
    assert not kept.same_sitemap(pages, sitemap)  # never made
    sitemap.write_text("<urlset/>", encoding="utf-8")
    assert kept.same_sitemap(pages, sitemap)
    assert kept.same_sitemap([page("2025/11/26/", lastmod="2025-11-26"), page("day/1/", robots="noindex")], sitemap)
    assert not kept.same_sitemap([pages[0], page("day/1/")], sitemap)  # robots: noindex gone
    assert not kept.same_sitemap([page("2025/11/26/", lastmod="2025-11-27")], sitemap)  # updated:
    assert not kept.same_sitemap([page("2025/11/27/", lastmod="2025-11-27")], sitemap)  # another page
    assert kept.same_sitemap([page("2025/11/27/", lastmod="2025-11-27")], sitemap)
    sitemap.unlink()
    assert not kept.same_sitemap([page("2025/11/27/", lastmod="2025-11-27")], sitemap)
    sitemap.write_text("<urlset/>", encoding="utf-8")
    day = PagePlan("2025/11/27.md", "dateline/day.html", "Day 2", functools.partial(str, "Day 2"))
    kept.begin([], Settings(language="uk"), _Sites(day), frozenset())  # the site changed: all made anew
    assert not kept.same_sitemap([page("2025/11/27/", lastmod="2025-11-27")], sitemap)


def test_the_pages_are_walked_once_for_each_question_until_a_file_is_added() -> None:
    from dateline.incremental import keep_pages

    class Files(list[str]):
        walks = 0

        def documentation_pages(self, *, inclusion: Callable[[str], bool] = lambda f: True) -> list[str]:
            self.walks += 1
            return [f for f in self if f.endswith(".md") and inclusion(f)]

    files = Files(["a.md", "b.md", "style.css"])
    keep_pages(files)
    not_b = lambda f: f != "b.md"  # noqa: E731
    for _ in range(3):
        assert files.documentation_pages() == ["a.md", "b.md"]
        assert files.documentation_pages(inclusion=not_b) == ["a.md"]
    assert files.walks == 2
    files.documentation_pages().append("c.md")  # a copy: what is kept stays
    assert files.documentation_pages() == ["a.md", "b.md"]
    files.append("c.md")
    assert files.documentation_pages() == ["a.md", "b.md", "c.md"] and files.walks == 3
