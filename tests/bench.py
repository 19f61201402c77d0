"""`make bench`: speed figures of the core, printed as ratios measured in one run.

Not a test: timings in a unit test fail at random on a loaded machine. This prints what a
reviewer compares between commits.
"""

from __future__ import annotations

import gc
import os
import time

from dateline.model import Settings
from dateline.related import RelatedIndex
from related_corpus import planted_corpus


def related_seconds(days: int, include_newer: bool = False, repeat: int = 3) -> float:
    """Best wall time of building the related-days index and searching it for every day."""
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


def main() -> None:
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    for newer in (False, True):
        small, large = related_seconds(10_000, newer), related_seconds(20_000, newer)
        print(
            f"related days, include_newer={newer!s:5}: 10,000 days {small:.2f} s (target < 2 s), "
            f"20,000 days {large:.2f} s, ratio 20k/10k = {large / small:.2f} (target <= 2.3)"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
