"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the latest days, and one feed per topic."""

from __future__ import annotations

from collections.abc import Callable

from dateline.archive import Archive
from dateline.model import Chronicle, Settings


def site_feeds(
    chronicle: Chronicle, settings: Settings, archive: Archive, site_url: str, render: Callable[[str], str]
) -> dict[str, str]:
    """{path in the site: the feed's text}. Placeholder until the feeds land: no feed."""
    return {}
