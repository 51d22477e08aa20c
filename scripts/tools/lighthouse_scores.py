"""Judge Lighthouse reports: python -m scripts.tools.lighthouse_scores REPORT.json [...]

Prints one line per page (then each category's score out of 100) and exits 1 when any score of
any page is below 100, or a report cannot be read. Several reports of one page (several runs)
are judged by the median of each category's scores: a simulated mobile score varies from run to
run, and Lighthouse's documentation on variability advises the median of several runs (with an
odd number of runs, the median is a score one of the runs had). scripts/tools/lighthouse.sh
runs it on the reports it has just written."""

from __future__ import annotations

import json
import math
import statistics
import sys
from pathlib import Path

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 100
# Printed beside the scores, so that a performance below 100 says where the time went.
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP",
           "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS", "speed-index": "SI"}


def scores(report: dict) -> dict[str, int]:
    """Each category's score out of 100; a category Lighthouse could not score counts as 0."""
    categories = report.get("categories", {})
    # Rounded half up, as Lighthouse shows it (JavaScript's Math.round), not half to even.
    return {key: math.floor((categories.get(key, {}).get("score") or 0) * 100 + 0.5) for key in CATEGORIES}


def judge(paths: list[Path]) -> tuple[list[str], bool]:
    """(printed lines, whether every page's (median) score of every category is 100)."""
    lines, passed = [], True
    runs: dict[str, list[dict]] = {}
    for path in paths:
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            lines.append(f"{path}: cannot read this Lighthouse report ({error}). Run lighthouse.sh again.")
            passed = False
            continue
        runs.setdefault(report.get("finalDisplayedUrl") or report.get("requestedUrl") or str(path), []).append(report)
    for page, reports in runs.items():
        each = [scores(report) for report in reports]
        result = {key: statistics.median_low([run[key] for run in each]) for key in CATEGORIES}
        below = [key for key, value in result.items() if value < TARGET]
        passed &= not below
        # The metrics of the run whose performance is the median, so that they explain its score.
        shown = reports[next(i for i, run in enumerate(each) if run["performance"] == result["performance"])]
        audits = shown.get("audits", {})
        metrics = [f"{short} {audits[key].get('displayValue', '?')}".replace("\xa0", " ")
                   for key, short in METRICS.items() if key in audits]
        spread = (f"median of {len(reports)} runs, performance "
                  f"{', '.join(str(run['performance']) for run in each)}; ") if len(reports) > 1 else ""
        lines.append(f"{'PASS' if not below else 'FAIL'}  {page}  " +
                     "  ".join(f"{key} {value}" for key, value in result.items()) +
                     (f"   ({spread}{', '.join(metrics)})" if metrics or spread else ""))
    return lines, passed


def main(argv: list[str] | None = None) -> int:
    paths = [Path(arg) for arg in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        print("usage: python -m scripts.tools.lighthouse_scores REPORT.json [...]", file=sys.stderr)
        return 2
    lines, passed = judge(paths)
    print("\n".join(lines))
    print(f"All {TARGET}" if passed else f"FAIL: a score is below {TARGET} (the reports say why)")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
