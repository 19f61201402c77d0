"""What `mkdocs serve --dirty` keeps from one build to the next, so saving a day file rebuilds
only the pages whose content changed.

Nothing here can serve a stale value: a page is kept only when its fingerprint — everything its
HTML is made from: its view data (or what the plan says the view is made from, so that an
unchanged page costs no view), Markdown, title and meta — equals the one it was written with,
and the site-wide state every page shows (the configuration, the theme's overrides, the
hand-written pages, the site view) is unchanged; else every page is rebuilt. A page's output
is recorded only once it is written, so a build that fails part-way leaves its pages to be
rebuilt. tests/test_incremental.py compares every file a running server rebuilt with a cold
build's.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import gc
import logging
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import Any, Generic, TypeVar

import jinja2
import jinja2.bccache

from dateline.model import Chronicle, Day, Settings

T = TypeVar("T")


class DayMemo(Generic[T]):
    """What is worked out from one day (and a key), remembered from build to build: a day that
    did not change is the very same object in the next build (Kept.keep_days), and a day is
    immutable, so its object and the key are all the value depends on."""

    LIMIT = 400_000  # values, of all days and keys: past it, all are forgotten at once

    def __init__(self) -> None:
        self._values: dict[tuple[int, Hashable], tuple[Day, T]] = {}

    def get(self, day: Day, key: Hashable, make: Callable[[], T]) -> T:
        found = self._values.get((id(day), key))
        if found is not None and found[0] is day:
            return found[1]
        if len(self._values) >= self.LIMIT:
            self._values.clear()
        value = make()
        self._values[(id(day), key)] = (day, value)
        return value


def fingerprint(page: Any, view: Any = None) -> tuple[Any, ...]:
    """Everything a generated page's HTML is made from: each field of its plan (a dataclass), so
    a field added later counts too. Its view is what it is made from, the plan's `inputs`, where
    the plan gives them; else the view is given (it was made). Another thunk counts by what it is
    made from, if it is a functools.partial (the plan's thunks depend on their arguments alone),
    else it is made."""
    made = []
    names = _FIELDS.get(type(page))
    if names is None:
        names = _FIELDS[type(page)] = tuple(f.name for f in dataclasses.fields(page))
    for name in names:
        value = getattr(page, name)
        if name == "view":
            value = view if page.inputs is None else None  # the inputs stand for it
        elif isinstance(value, functools.partial):
            value = (value.func, value.args, value.keywords)
        elif callable(value):
            value = value()
        made.append(value)
    return tuple(made)


_FIELDS: dict[type, tuple[str, ...]] = {}  # a plan's dataclass -> its fields' names


def keep_pages(files: Any) -> None:
    """Hack: MkDocs asks its Files for the pages (`documentation_pages`) six times more once all
    are read, and each time walks every file: at 10,000 days, 46,634 pages and 0.35 s of a
    rebuild. From then on, what it was told is kept, by what was asked, while no file is
    added or removed."""
    pages = files.documentation_pages
    told: dict[Any, list[Any]] = {}

    def documentation_pages(**asked: Any) -> list[Any]:
        key = (tuple(asked.items()), len(files))
        if key not in told:
            told[key] = pages(**asked)
        return list(told[key])

    files.documentation_pages = documentation_pages


def stamp(paths: Iterable[str | Path]) -> tuple[tuple[str, int, int], ...]:
    """(path, size, modification time) of each file, and of every file under each folder."""
    found = []
    for path in paths:
        for folder, dirs, names in os.walk(path) if os.path.isdir(path) else [("", [], [str(path)])]:
            dirs.sort()
            for name in sorted(names):
                full = os.path.join(folder, name)
                try:
                    info = os.stat(full)
                except OSError:
                    continue
                found.append((full, info.st_size, info.st_mtime_ns))
    return tuple(found)


@dataclasses.dataclass
class Kept:
    """The outputs of the last build in site_dir, and what each was made from."""

    site: Hashable = None  # the site-wide state the pages below were written with
    pages: dict[str, tuple[Any, ...]] = dataclasses.field(default_factory=dict)  # src_uri -> fingerprint
    meta: dict[str, MutableMapping[str, Any]] = dataclasses.field(default_factory=dict)  # src_uri -> page meta
    files: dict[str, str | bytes] = dataclasses.field(default_factory=dict)  # generated file -> content
    outputs: set[str] = dataclasses.field(default_factory=set)  # every file the last build put there
    days: dict[str, Day] = dataclasses.field(default_factory=dict)  # by path
    html: dict[str, str] = dataclasses.field(default_factory=dict)  # Markdown -> HTML, see `rendering`
    _made: dict[str, tuple[str, Any]] = dataclasses.field(default_factory=dict)  # see `made_of`
    _targets: frozenset[str] = frozenset()  # the generated pages of the build that made them
    views: dict[str, Any] = dataclasses.field(default_factory=dict)  # this build's, by src_uri
    _next: dict[str, tuple[Any, ...]] = dataclasses.field(default_factory=dict)
    _seen: set[str] = dataclasses.field(default_factory=set)
    _markdown: Hashable = None
    _files: dict[str, Any] = dataclasses.field(default_factory=dict)  # src_uri -> last build's file, see `file`
    _next_files: dict[str, Any] = dataclasses.field(default_factory=dict)
    _collect: threading.Timer | None = None
    _collected: int = 0  # objects frozen after all were last collected
    _sitemap: Hashable = None  # what sitemap.xml lists, see `same_sitemap`
    _listings: dict[Hashable, list[str]] = dataclasses.field(default_factory=dict)  # see `theme_listing`

    @contextlib.contextmanager
    def rebuilding(self) -> Iterator[None]:
        """Around a rebuild of `mkdocs serve`: no collection runs while it does (see _freeze).
        Entered before MkDocs reads mkdocs.yml: a collection of what the last build left that
        began in the moments a rebuild takes to reach on_files cost it half a second at 1,500
        days; and the collector's own walks of what the rebuild makes took 1-1.5 s of a rebuild
        at 10,000 days. What the rebuild leaves is collected with the rest once the server is idle."""
        if self._collect is not None:
            self._collect.cancel()
        gc.disable()
        try:
            yield
        finally:
            gc.enable()

    def begin(self, shown: Iterable[str | Path], settings: Settings, plan: Any, tab_slugs: frozenset[str]) -> bool:
        """A build of `plan` (a site.SitePlan) starts. If what every page shows changed, nothing
        is kept (returns True): the files `shown` (mkdocs.yml, the hand-written pages, the theme's
        overrides), the settings, the site view, every tab id, the navigation's titles. The site
        view's latest day is shown only by 404.html, which MkDocs renders in every build: a day
        added after it does not make every page anew. Nor is anything kept into a new day (UTC):
        MkDocs dates each page with the day it was built."""
        navigation = tuple(p.nav for p in plan.pages if p.nav)
        today = dt.datetime.now(dt.UTC).date()
        site = (stamp(shown), settings, dataclasses.replace(plan.site, latest=None), tab_slugs, navigation, today)
        anew = site != self.site
        self._files, self._next_files = ({} if anew else self._next_files), {}
        if anew:
            self.pages.clear()
            self.meta.clear()
            self.files.clear()
            self._sitemap = None
            self.site = site
        targets = frozenset(p.src_uri for p in plan.pages)
        if anew or targets != self._targets:  # a link to one of them is made by MkDocs as it finds it
            self._made.clear()
            self._targets = targets
        self._next.clear()
        self._seen.clear()
        self.views.clear()
        return anew

    def made_of(self, src_uri: str, markdown: str) -> Any:
        """What MkDocs made of a page's Markdown in an earlier build (its HTML, table of contents,
        title and ids, as `keep_made` was given them), if the Markdown is the same; else None. A
        page rebuilt because its view alone changed (a neighbour's headline) is not converted
        again: 39 of the 88 pages a headline's edit rebuilds at 1,500 days are such day pages.
        Kept while all that sets the HTML is the same: the settings, mkdocs.yml, the hand-
        written pages, the theme (`begin`) and the pages a link may lead to."""
        made = self._made.get(src_uri)
        return made[1] if made is not None and made[0] == markdown else None

    def keep_made(self, src_uri: str, markdown: str, made: Any, keep: bool = True) -> None:
        if keep:
            self._made[src_uri] = (markdown, made)

    @property
    def rebuilt(self) -> list[str]:
        """The pages of this build that are not up to date, and not yet written."""
        return list(self._next)

    def unchanged(self, page: Any) -> bool:
        """Whether the output of a page (a site.PagePlan) is up to date; if not, it is forgotten
        until it is written. A view made to be compared is kept in `views` for its template."""
        src_uri = page.src_uri
        view = page.view() if page.inputs is None else None
        made = fingerprint(page, view)
        self._seen.add(src_uri)
        if self.pages.get(src_uri) == made:
            return True
        self.pages.pop(src_uri, None)
        self._next[src_uri] = made
        if view is not None:
            self.views[src_uri] = view
        return False

    def file(self, page: Any, make: Callable[[Any, bool], T], dirty: bool = True) -> T:
        """The generated file of a page (a site.PagePlan), made by `make(page, unchanged)`; not
        `dirty`, every page is made to be built. An unchanged page's is the very file of the last
        build, if it was unchanged there too: its URL, paths and Page are worked out already
        (MkDocs makes a Page only for a file without one), which at 1,500 days saves a fifth of
        a rebuild."""
        if not dirty or not self.unchanged(page):
            return make(page, False)
        file = self._files.get(page.src_uri)
        if file is None:
            file = make(page, True)
        self._next_files[page.src_uri] = file
        return file

    def written(self, src_uri: str, meta: MutableMapping[str, Any]) -> None:
        if src_uri in self._next:
            self.pages[src_uri] = self._next.pop(src_uri)
            self.meta[src_uri] = meta

    def same_file(self, path: str, content: str | bytes) -> bool:
        """Whether a generated file that is not a page (a feed) is written as it is already."""
        same = self.files.get(path) == content
        self.files[path] = content
        return same

    def same_sitemap(self, pages: Iterable[Any], written: Path) -> bool:
        """Whether sitemap.xml (`written`) lists the pages (MkDocs' Page objects) as they are
        already: each page's URL, `robots` and `lastmod` are all its template shows of one. At
        10,000 days MkDocs took 0.7-0.9 s of each rebuild to make it and its gzip copies."""
        listed = tuple((p.canonical_url or p.abs_url, p.meta.get("robots"), p.meta.get("lastmod")) for p in pages)
        same = listed == self._sitemap and written.is_file()
        self._sitemap = listed
        return same

    def list_theme_once(self, theme: Any) -> None:
        """MkDocs' theme (a mkdocs.theme.Theme) makes each build's Jinja environment with its
        listing kept, see `theme_listing`."""
        get_env, also = theme.get_env, tuple(sorted(theme.static_templates))
        theme.get_env = lambda: self.theme_listing(get_env(), [theme.custom_dir or ""], also)

    def theme_listing(self, env: jinja2.Environment, changing: Iterable[str], also: Hashable) -> jinja2.Environment:
        """Hack: Jinja lists the theme's files for MkDocs on every build by walking Material's
        14,500 (its icons too) and matching each against a dozen patterns, 0.1-0.2 s of a
        rebuild at any size. Under `make serve` the list is kept while the folders that can
        change (`changing`: the overrides) hold the same files, and `also` (what the patterns
        are made of) is the same. An installed theme changes only with a new server."""
        loader: Any = env.loader
        folders = tuple(getattr(loader, "searchpath", ()))
        key = (folders, stamp(changing), also)
        listed = env.list_templates

        def list_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
            asked = (key, extensions and tuple(extensions), getattr(filter_func, "__code__", filter_func))
            if asked not in self._listings:
                self._listings = {asked: listed(extensions, filter_func)}
            return self._listings[asked]

        env.list_templates = list_templates  # type: ignore[method-assign]
        return env

    def sweep(self, site_dir: Path, outputs: set[str]) -> list[str]:
        """Removes what the last build wrote and this one did not (a deleted day's page);
        returns the paths removed, relative to site_dir."""
        removed = []
        for path in sorted(self.outputs - outputs):
            try:
                os.remove(path)
            except FileNotFoundError:
                continue
            removed.append(os.path.relpath(path, site_dir))
            folder = os.path.dirname(path)
            while Path(folder) != site_dir and not os.listdir(folder):
                os.rmdir(folder)
                folder = os.path.dirname(folder)
        for gone in self.pages.keys() - self._seen:  # a page that comes back is written anew
            del self.pages[gone]
            self.meta.pop(gone, None)
        self.outputs = outputs
        self._freeze()
        return removed

    def _freeze(self) -> None:
        """Hack: what builds keep for the next (days, memos, fingerprints, MkDocs' last files) is
        most of a million objects, and Python's collector walks them all, again and again, while
        a rebuild makes its own: at 1,500 days that was 1.7 s of a 4 s rebuild. Frozen after a
        build, they are left out of its walks. A frozen object is never collected, so all are
        collected once and frozen again: once the server has been idle for a moment, if they
        are a tenth more than after the last collection (IDLE_GROWTH), or at once if they are a
        quarter more (BUSY_GROWTH). A collection walks every object: at 10,000 days it takes
        seconds, and a save in the meantime waits for it. Most of what a build leaves is freed
        as it goes (see the hook's is_tab); the rest, Jinja's cycles around the pages it made,
        is some 4% more objects a rebuild at 1,500 days, collected every third rebuild."""
        if self._collect is not None:
            self._collect.cancel()
            self._collect = None
        gc.freeze()
        frozen = gc.get_freeze_count()
        if self._collected and frozen > BUSY_GROWTH * self._collected:
            _collect_frozen(self)
        elif not self._collected or frozen > IDLE_GROWTH * self._collected:
            self._collect = threading.Timer(IDLE_SECONDS, _collect_frozen, (self,))
            self._collect.daemon = True
            self._collect.start()

    def keep_days(self, chronicle: Chronicle) -> Chronicle:
        """The chronicle, with each day that did not change the very object of the last build,
        so that comparing views that show it costs a look, not a walk through its text."""
        days = tuple(self._same_day(day) for day in chronicle.days)
        self.days = {day.path: day for day in days}
        same = all(a is b for a, b in zip(days, chronicle.days, strict=True))
        return chronicle if same else Chronicle(days, chronicle.problems)

    def _same_day(self, day: Day) -> Day:
        old = self.days.get(day.path)
        return old if old is not None and old == day else day

    def rendering(self, render: Callable[[str], str], settings: Iterable[str | Path]) -> Callable[[str], str]:
        """`render`, remembering its HTML of each text while the files of Markdown's `settings`
        (mkdocs.yml) stay the same. `render` must depend on nothing but the text and those files."""
        stamped = stamp(settings)
        if stamped != self._markdown:
            self.html.clear()
            self._markdown = stamped

        def remembered(text: str) -> str:
            html = self.html.get(text)
            if html is None:
                html = self.html[text] = render(text)
            return html

        return remembered


IDLE_SECONDS = 3.0  # after a build, before what it left is collected (Kept._freeze)
IDLE_GROWTH = 1.1  # if this many times as many objects are frozen as after the last collection
BUSY_GROWTH = 1.25  # or at once, if this many times as many
QUIET_SECONDS = 1.0  # after a build, before its search index is begun (SearchWriter)


def _collect_frozen(kept: Kept) -> None:
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    kept._collected = gc.get_freeze_count()


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per `mkdocs serve`, not once per build (MkDocs makes a new Jinja
    environment for each). Jinja checks each template's source against the checksum it was
    compiled from, and the key holds the environment's extensions: a changed template is
    compiled anew."""

    def __init__(self) -> None:
        self._code: dict[tuple[str, tuple[str, ...]], bytes] = {}

    def _key(self, bucket: jinja2.bccache.Bucket) -> tuple[str, tuple[str, ...]]:
        return bucket.key, tuple(sorted(bucket.environment.extensions))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(self._key(bucket))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[self._key(bucket)] = bucket.bytecode_to_string()


class SearchWriter:
    """Writes the search index in the background while `mkdocs serve` serves the pages: the
    newest index asked for is written into a folder of its own, then swapped in whole, so the
    served index is always a complete one; an index equal to the one written is not written again.
    It is begun QUIET_SECONDS after the build that asked for it (of saves in a row, only the
    last one's), and written at the lowest CPU priority: the editor waits for the page, not it."""

    def __init__(self, log: logging.Logger) -> None:
        self._log = log
        self._lock = threading.Lock()
        self._pending: tuple[Callable[[Path], None], Path, float] | None = None  # and when asked
        self._thread: threading.Thread | None = None
        self._written: Hashable = None

    def write(self, chronicle: Chronicle, settings: Settings, site_dir: Path) -> None:
        """Asks for the index of the chronicle's days in site_dir; logs when it is in place, or
        why not. It is written by a process of its own (spawned: a fork of a process with threads
        can hang), handed the chronicle, so it takes neither this process's time nor its
        interpreter lock from the next rebuild."""
        from dateline.search import INDEX_FOLDER

        records = (chronicle.days, settings)  # all the records are made of (search.search_records)

        def job(target: Path) -> None:
            if records == self._written and (site_dir / INDEX_FOLDER).is_dir():
                self._log.info("Dateline: search index: unchanged")
                return
            self._written = None  # until the new one is in place
            spawn = multiprocessing.get_context("spawn")
            child = spawn.Process(target=_write_index, args=(chronicle, settings, target))
            child.start()
            child.join()
            failed = target / "failed.txt"
            if child.exitcode != 0:
                why = failed.read_text(encoding="utf-8") if failed.exists() else f"exit code {child.exitcode}"
                self._log.error(f"Dateline: the search index could not be written: {why}")
                return
            _swap(target / INDEX_FOLDER, site_dir / INDEX_FOLDER)
            self._written = records
            self._log.info(f"Dateline: search index: written ({len(chronicle.days):,} days)")

        with self._lock:
            self._log.info("Dateline: search index: being updated")

            self._pending = (job, site_dir, time.monotonic())
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="dateline-search", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                if self._pending is None:
                    return
                job, site_dir, asked = self._pending
                wait = asked + QUIET_SECONDS - time.monotonic()
                if wait <= 0:
                    self._pending = None
            if wait > 0:  # saves in a row: only the index of the last is written
                time.sleep(wait)
                continue
            target = Path(tempfile.mkdtemp(prefix=".dateline-search-", dir=site_dir.parent))
            try:
                job(target)
            except Exception as e:  # noqa: BLE001 - the pages stay served; the log says why
                self._written = None
                self._log.error(f"Dateline: the search index could not be written: {type(e).__name__}: {e}")
            finally:
                shutil.rmtree(target, ignore_errors=True)

    def close(self, timeout: float = 120) -> None:
        """Waits for the index being written (the server is stopping)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)


class IndexWhileRendering:
    """A build's search index, written while MkDocs renders the pages: it is made of the days
    alone (search.py), so Pagefind's process takes the machine's other core instead of adding
    its time to the end of the build (5.6 of 49 s at 1,500 days, all but 1.1 s of it Pagefind's).
    A thread, not a process as SearchWriter's: a spawned process would run again the main module
    of whatever script called MkDocs' build. `finish` waits for it."""

    def __init__(self, chronicle: Chronicle, settings: Settings, site_dir: Path) -> None:
        from dateline.search import write_search_index

        self._failed: Exception | None = None

        def write() -> None:
            try:
                write_search_index(chronicle, settings, site_dir)
            except Exception as e:  # noqa: BLE001 - raised again by finish
                self._failed = e

        # daemon: a build that fails before it finishes does not wait for the index as it exits
        self._thread = threading.Thread(target=write, name="dateline-index", daemon=True)
        self._thread.start()

    def finish(self, log: logging.Logger | None = None) -> None:
        """Waits for the index; raises RuntimeError saying what stopped it (no Pagefind binary
        here, or its process stopped answering). `log` is unused: the hook waits for this and
        for halves.Half alike."""
        self._thread.join()
        if self._failed is not None:
            raise RuntimeError(f"the search index could not be written: {self._failed}") from self._failed


def _write_index(chronicle: Chronicle, settings: Settings, target: Path) -> None:
    from dateline.search import write_search_index

    with contextlib.suppress(OSError):
        os.nice(19)  # the editor waits for the pages, not for this: it takes what CPU they leave
    try:
        write_search_index(chronicle, settings, target)
    except Exception as e:  # noqa: BLE001 - said by the parent, in the server's log
        (target / "failed.txt").write_text(f"{type(e).__name__}: {e}", encoding="utf-8")
        raise SystemExit(1) from None


def _swap(new: Path, old: Path) -> None:
    if old.exists():
        gone = old.with_name(f".{old.name}-old")
        shutil.rmtree(gone, ignore_errors=True)
        os.rename(old, gone)
        os.rename(new, old)
        shutil.rmtree(gone, ignore_errors=True)
    else:
        os.rename(new, old)


def watch_by_events(server: Any, also: Path, log: logging.Logger) -> bool:
    """Watches `also` (if it is there) as well as what MkDocs' server watches (`server.watch`).

    Hack: MkDocs' server finds a saved file by polling: twice a second it lists and stats
    every watched file, in Python, taking the interpreter lock from a rebuild, and a save waits a
    quarter of a second on average before it is even seen. On Linux the kernel tells of a change
    as it happens (inotify): the server's watches, and those added later, are moved to an
    observer of those events that hears only changes (a rebuild opens every day file, and each
    opening is an event too, which would rebuild forever) and not editors' swap and backup files.
    A folder moved or deleted rebuilds as well; a linked folder is watched where it leads.

    Returns False, and leaves the polling, where the kernel's events cannot be had: on another
    system; on a file system whose changes may come from elsewhere and never be told (a network,
    virtual machine's or container's shared folder: MkDocs itself went back to polling for them);
    when the user's inotify instances are used up. If its watches run out as the server starts,
    the server falls back to polling then, and says so. Called before the server starts."""
    if os.path.isdir(also):  # else the build says the content folder is missing
        server.watch(str(also))
    needed = ("observer", "_watched_paths", "_watch_refs", "_rebuild_cond", "_want_rebuild")
    if not sys.platform.startswith("linux") or not all(hasattr(server, a) for a in needed):
        return False  # (another server than MkDocs 1.6's: its own watching stays)
    mounts = _mounts()  # read once for all the watched paths
    if any(_mount_type(os.path.realpath(p), mounts).startswith(_TOLD_ELSEWHERE) for p in server._watched_paths):
        return False
    from watchdog import events
    from watchdog.observers.api import ObservedWatch
    from watchdog.observers.inotify import InotifyObserver
    from watchdog.observers.polling import PollingObserver

    changes: list[type[events.FileSystemEvent]] = [
        *(events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent),
        *(events.FileAttribEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent),
    ]

    class Rebuild(events.FileSystemEventHandler):
        def on_any_event(self, event: events.FileSystemEvent) -> None:
            if event.is_directory and event.event_type == "modified":
                return
            name = os.path.basename(os.fsdecode(event.dest_path or event.src_path))
            if not _EDITORS_OWN.search(name):
                with server._rebuild_cond:
                    server._want_rebuild = True
                    server._rebuild_cond.notify_all()

    rebuild = Rebuild()

    class Changes(InotifyObserver):
        def schedule(
            self,
            event_handler: events.FileSystemEventHandler,
            path: str | Path,
            *,
            recursive: bool = False,
            event_filter: list[type[events.FileSystemEvent]] | None = None,
            follow_symlink: bool = False,
        ) -> ObservedWatch:
            # Its own handler, not MkDocs' (which leaves out a folder's events); where a link leads.
            path = os.path.realpath(path)
            recursive = recursive and os.path.isdir(path)
            return super().schedule(rebuild, path, recursive=recursive, event_filter=changes)

        def start(self) -> None:
            try:
                super().start()
            except OSError as e:  # most likely, the user's inotify watches are used up
                self.stop()
                polling = PollingObserver()
                for path in server._watched_paths:
                    server._watch_refs[path] = polling.schedule(rebuild, path, recursive=os.path.isdir(path))
                server.observer = polling
                log.warning(f"Dateline: watching the files by polling, not by the system's events: {e}")
                polling.start()

    try:
        observer = Changes()
    except OSError:  # e.g. the user's inotify instances are used up
        return False
    for path in server._watched_paths:
        server._watch_refs[path] = observer.schedule(rebuild, path, recursive=True)
    server.observer = observer
    return True


# File systems whose changes can be made where this kernel does not see them (mountinfo's names).
_TOLD_ELSEWHERE = ("9p", "drvfs", "nfs", "cifs", "smb", "fuse", "vboxsf", "prl_fs", "virtiofs", "fakeowner", "afs")
_OCTAL = re.compile(r"\\([0-7]{3})")  # mountinfo writes a space in a path as \040
# What editors write beside a file they edit: vim's swap files and its "4913" probe, Emacs'
# lock and auto-save files, backups "name~", JetBrains' temporary files.
_EDITORS_OWN = re.compile(r"\.sw[a-p]x?$|^4913$|^\.#|^#.*#$|~$|___jb_(?:tmp|old)___$")


def _mount_type(path: str, mounts: list[tuple[str, str]] | None = None) -> str:
    """The type of the file system `path` is on, or "" if not known; of `mounts` (_mounts())."""
    best, kind = "", ""
    for point, type_ in _mounts() if mounts is None else mounts:
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, type_
    return kind


def _mounts() -> list[tuple[str, str]]:
    """(mount point, file system type) of each mount, from /proc/self/mountinfo; [] if unread."""
    found = []
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as table:
            for line in table:
                fields, _, rest = line.partition(" - ")
                parts = fields.split(" ")
                if len(parts) > 4 and rest:
                    found.append((_OCTAL.sub(lambda m: chr(int(m[1], 8)), parts[4]), rest.split(" ")[0]))
    except OSError:
        return []
    return found
