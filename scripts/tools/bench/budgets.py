"""The budgets: each a rule on one measurement, PASS or FAIL, never skipped. A measurement that
is missing, failed, or has too few runs to be judged makes its budget FAIL, and any FAIL makes
the benchmark exit 1 (exit_code).

- full vs bare: full build median / bare build median <= 3 (same languages, same pages). It was 2
  until the site made booklets and handouts with English beside the handouts (34 PDFs, not 12);
  the clinic-kit issue set 3 for then.
- growth: the full build at 24 languages <= 1.25 x the least-squares line through the builds
  at 1, 2, 4 and 6 languages, extended to 24; every point the median of at least 3 runs. It
  catches any cost that grows faster than the number of languages.
  The full build must have rendered every PDF (none from the PDF cache): otherwise not judged.
- serve reaction: median seconds from saving a page to `mkdocs serve` serving it <= 2, for a
  translated page and an English page, each on its own (serve.py).
- test suite (suite_time.py, run on its own): every test passes within 120 s.
- first visit: gzip -9 total of what the browser fetches for each weighed page <= 64 KB
  (64,000 bytes; 1 KB = 1000 bytes everywhere in the benchmark).
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.tools.bench.languages import linear_fit

MAX_FULL_OVER_BARE = 3.0
MAX_GROWTH = 1.25
FIT_COUNTS = (1, 2, 4, 6)
GROWTH_AT = 24
MIN_RUNS = 3                      # per language count, for the growth budget
MAX_FIRST_VISIT_GZIP = 64_000     # bytes
MAX_SERVE_REACTION_S = 2.0        # seconds, from saving a page to the preview serving it
MAX_SUITE_S = 120.0               # seconds, the whole test suite (suite_time.py)


@dataclass
class Budget:
    name: str
    rule: str
    value: float | None      # what the rule compares; None when it could not be measured
    limit: float
    passed: bool
    measured: str            # the value as printed, with its unit
    note: str = ""

    def line(self) -> str:
        text = f"{'PASS' if self.passed else 'FAIL'}  {self.name:<24} {self.measured:>8}   rule: {self.rule}"
        return text + (f"   ({self.note})" if self.note else "")


def _not_measured(name: str, rule: str, limit: float, why: str) -> Budget:
    return Budget(name, rule, None, limit, False, "-", f"not measured: {why}")


def _runs(point: dict) -> int:
    return len(point["runs_s"]) if "runs_s" in point else int(point.get("runs", 0))


def full_over_bare(results: dict) -> Budget:
    name, rule = "full vs bare", f"full / bare build time <= {MAX_FULL_OVER_BARE:g}"
    missing = [key for key in ("full", "bare") if "median_s" not in results.get(key, {})]
    if missing:
        return _not_measured(name, rule, MAX_FULL_OVER_BARE, f"no {' and no '.join(missing)} build time")
    full, bare = results["full"]["median_s"], results["bare"]["median_s"]
    ratio = full / bare
    if results["full"].get("pdfs_from_cache"):
        return Budget(name, rule, None, MAX_FULL_OVER_BARE, False, "-",
                      f"not judged: the full build took {results['full']['pdfs_from_cache']} PDF(s) from the "
                      f"PDF cache instead of rendering them (run it with PDF_CACHE=false); it gives {ratio:.2f} x")
    return Budget(name, rule, round(ratio, 3), MAX_FULL_OVER_BARE, ratio <= MAX_FULL_OVER_BARE,
                  f"{ratio:.2f} x", f"medians: full {full:.2f} s, bare {bare:.2f} s")


def growth(results: dict) -> Budget:
    name = "growth to 24 languages"
    rule = (f"t{GROWTH_AT} <= {MAX_GROWTH:g} x the line fitted on {', '.join(map(str, FIT_COUNTS))} languages, "
            f"medians of >= {MIN_RUNS} runs")
    points = results.get("languages", {})
    counts = (*FIT_COUNTS, GROWTH_AT)
    for count in counts:
        point = points.get(str(count))
        if point is None:
            return _not_measured(name, rule, MAX_GROWTH, f"no build at {count} languages")
        if "median_s" not in point:
            return _not_measured(name, rule, MAX_GROWTH, f"the build at {count} languages failed")
    a, b = linear_fit({n: points[str(n)]["median_s"] for n in FIT_COUNTS})
    predicted, measured = a + b * GROWTH_AT, points[str(GROWTH_AT)]["median_s"]
    if predicted <= 0:
        return _not_measured(name, rule, MAX_GROWTH, f"the fitted line is {predicted:.2f} s at {GROWTH_AT}")
    ratio = measured / predicted
    few = [count for count in counts if _runs(points[str(count)]) < MIN_RUNS]
    if few:
        return Budget(name, rule, None, MAX_GROWTH, False, "-",
                      f"not judged: {min(_runs(points[str(c)]) for c in few)} run(s) at {', '.join(map(str, few))} "
                      f"languages, the rule needs the median of at least {MIN_RUNS}; these runs give {ratio:.2f} x")
    return Budget(name, rule, round(ratio, 3), MAX_GROWTH, ratio <= MAX_GROWTH, f"{ratio:.2f} x",
                  f"medians: {GROWTH_AT} languages {measured:.2f} s; line {a:.2f} s + {b:.2f} s x languages "
                  f"= {predicted:.2f} s at {GROWTH_AT}")


def first_visit(results: dict) -> list[Budget]:
    rule = f"gzip -9 total <= {MAX_FIRST_VISIT_GZIP / 1000:g} KB"
    limit = MAX_FIRST_VISIT_GZIP / 1000
    pages = results.get("first_visit") or {}
    if not pages:
        return [_not_measured("first visit", rule, limit, "no page was weighed")]
    budgets = []
    for label, weight in pages.items():
        gzip_bytes = weight["total"]["gzip"]
        budgets.append(Budget(f"first visit {label}", rule, round(gzip_bytes / 1000, 2), limit,
                              gzip_bytes <= MAX_FIRST_VISIT_GZIP, f"{gzip_bytes / 1000:.1f} KB"))
    return budgets


def serve_reaction(results: dict) -> list[Budget]:
    """One budget for each page the serve measurement edited ("serve reaction fr": its language)."""
    rule = f"edit a page, served after <= {MAX_SERVE_REACTION_S:g} s (median)"
    pages = results.get("serve", {}).get("pages") or {}
    if not pages:
        return [_not_measured("serve reaction", rule, MAX_SERVE_REACTION_S, "no serve measurement")]
    budgets = []
    for label, serve in pages.items():
        seconds = serve["median_s"]
        language = label.split("/")[1] if label.count("/") >= 2 else label
        budgets.append(Budget(f"serve reaction {language}", rule, round(seconds, 3), MAX_SERVE_REACTION_S,
                              seconds <= MAX_SERVE_REACTION_S, f"{seconds:.2f} s",
                              f"{label} edited; runs: {', '.join(f'{t:.2f}' for t in serve['runs_s'])} s"))
    return budgets


def suite_time(results: dict) -> Budget:
    """The whole test suite: it passes, within MAX_SUITE_S (suite_time.py; not in evaluate_budgets)."""
    name, rule = "test suite", f"every test passes, within {MAX_SUITE_S:g} s"
    suite = results.get("suite", {})
    if "seconds" not in suite:
        return _not_measured(name, rule, MAX_SUITE_S, "no run of the suite")
    seconds, failed = suite["seconds"], suite["returncode"] != 0
    return Budget(name, rule, round(seconds, 1), MAX_SUITE_S, not failed and seconds <= MAX_SUITE_S,
                  f"{seconds:.0f} s", f"pytest exited {suite['returncode']}" if failed else "")


def evaluate_budgets(results: dict) -> list[Budget]:
    return [full_over_bare(results), growth(results), *serve_reaction(results), *first_visit(results)]


def exit_code(budgets: list[Budget], results: dict | None = None) -> int:
    """1 when a budget failed or a measurement could not be made, else 0."""
    return 1 if any(not b.passed for b in budgets) or (results or {}).get("errors") else 0
