"""Dateline: daily digests of a long-running story, as a static site."""

from __future__ import annotations

__version__ = "0.1.0"
