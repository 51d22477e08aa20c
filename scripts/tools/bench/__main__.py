"""python -m scripts.tools.bench [--runs N] [--quick] [--out DIR]: see scripts/tools/bench/__init__.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.config.site import ROOT
from scripts.tools import bench


def main(argv: list[str] | None = None, measure=None) -> int:
    """Measure everything (`measure(runs)`, by default suite.measure_all), then report;
    returns the exit code: 1 when a budget failed or a measurement could not be made."""
    parser = argparse.ArgumentParser(
        prog="python -m scripts.tools.bench", description=bench.__doc__.split("\n")[0],
        epilog="What is measured and the budgets: scripts/tools/bench/__init__.py and budgets.py. "
               "Exit code 1 when a budget fails.")
    parser.add_argument("--runs", type=int, default=3,
                        help="runs of each build, median reported (default 3, the least the growth budget accepts)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-output", help="output folder (default bench-output/)")
    parser.add_argument("--quick", action="store_true",
                        help="one run of everything: a smoke test; the growth budget then fails as not judged")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    if runs < 1:
        parser.error("--runs must be at least 1")
    if measure is None:
        from scripts.tools.bench.suite import measure_all as measure
    from scripts.tools.bench.report import conclude

    return conclude(measure(runs), args.out)


if __name__ == "__main__":
    sys.exit(main())
