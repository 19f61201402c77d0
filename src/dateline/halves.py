"""Hack: a build makes its pages in two processes, one on each core of the machine.

A build is one Python process, and making the pages (the views, then Jinja) is half of its time:
23 of 49 s at 1,500 days, on one core while the other waits. Once MkDocs has read every page
and converted its Markdown (so each page's title, table of contents and ids are known to both),
the build forks: the fork makes every other page and nothing else, the build makes the others,
the static files, the sitemap and 404 page, and goes on when the fork is done. The hook says
which pages each makes (hooks/dateline_mkdocs.py, `_halve`); this module is the processes.

Only `mkdocs build`, never `mkdocs serve`, whose server has threads a fork would not take along.
DATELINE_PROCESSES=1 turns it off, and so do a single core and a system without fork. The fork's
warnings are said as they happen, and the build then logs one more, so that --strict fails: its
count of warnings is the build's own plus one, not the sum.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import logging
import os
import signal
import sys
from dataclasses import dataclass, field

WARNED = 3  # the fork's exit code when it logged a warning: the build then logs one (--strict)


class _Warnings(logging.Handler):
    """Counts what the fork logs at WARNING or above (MkDocs' --strict counts the build's)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class Half:
    """One of the two processes: number 0 is the build's own, 1 its fork."""

    number: int
    pid: int = 0  # the fork's, in the build's process
    warnings: _Warnings = field(default_factory=_Warnings)

    def finish(self, log: logging.Logger) -> None:
        """In the fork: ends it, its pages written. In the build: waits for the fork; logs a
        warning if it logged any, raises RuntimeError if it failed."""
        if self.number == 1:
            for name in ("", "mkdocs", "properdocs"):
                for handler in logging.getLogger(name).handlers:
                    handler.flush()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(WARNED if self.warnings.count else 0)
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        code = os.waitstatus_to_exitcode(status)
        if code == WARNED:
            log.warning("Dateline: the warnings above came from pages made by the build's second process")
        elif code != 0:
            raise RuntimeError(f"the build's second process, making every other page, failed (exit code {code})")

    def _stop(self) -> None:
        """At the build's exit, a fork still running (the build failed) is stopped."""
        if self.pid:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)


def fork_in_two() -> Half | None:
    """Forks the build, or returns None where it is not to be (see the module's docstring)."""
    if not hasattr(os, "fork") or os.environ.get("DATELINE_PROCESSES") == "1" or _cores() < 2:
        return None
    sys.stdout.flush()
    sys.stderr.flush()
    # The fork's collector then leaves alone what the build made so far: a collection would
    # write to every object, and the kernel copy each page of memory the two still share.
    gc.freeze()
    pid = os.fork()
    if pid == 0:
        half = Half(1)
        for name in ("mkdocs", "properdocs"):  # whichever engine runs the build counts its own
            logging.getLogger(name).addHandler(half.warnings)
        return half
    half = Half(0, pid)
    atexit.register(half._stop)
    return half


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
