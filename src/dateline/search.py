"""Search records from the core's own day data, written as a Pagefind index after the build."""

from __future__ import annotations

from pathlib import Path

from dateline.model import Chronicle, Settings


def write_search_index(chronicle: Chronicle, settings: Settings, site_dir: Path) -> None:
    """Placeholder until the Pagefind index lands: writes nothing."""
