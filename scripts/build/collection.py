"""Python's cyclic garbage collector, set for a one-off build and its PDF workers.

A build makes millions of short-lived objects (Markdown trees, rendered templates, WeasyPrint's
boxes), and with Python's defaults the collector walks the young ones every 700 allocations and
everything, the whole loaded theme and configuration included, every few hundred collections.
What exists when the build starts (modules, configuration, and in a worker everything it got from
the build by fork) is never garbage: it is frozen out of every collection, and the rest is
collected less often. The benchmark's full build used less CPU this way; the price is memory (see
README, "Speed and size"). `serve`, which runs for hours, keeps Python's defaults.
"""

from __future__ import annotations

import gc

THRESHOLDS = (50_000, 20, 10)      # Python's defaults: (700, 10, 10)


def tune_for_one_build(collect_first: bool = True) -> None:
    """`collect_first`: collect what is garbage now, so that none of it is frozen. A forked worker
    skips it: a collection would touch, and so copy, every page of memory it shares with the build."""
    if collect_first:
        gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
