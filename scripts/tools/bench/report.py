"""The benchmark's table, its files (bench.json, report.txt, languages.png) and its exit code."""

from __future__ import annotations

import datetime
import json
import os
import platform
from dataclasses import asdict
from pathlib import Path

from scripts.tools.bench.budgets import Budget, evaluate_budgets, exit_code
from scripts.tools.bench.languages import linear_fit
from scripts.tools.bench.page_weight import GROUPS


def machine_info() -> dict:
    return {"cpu_count": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "machine": platform.machine(), "load_average_at_start": os.getloadavg()}


def now() -> str:
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


def plot_languages(languages: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    points = {int(k): v["median_s"] for k, v in languages.items() if "median_s" in v}
    xs = sorted(points)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.plot(xs, [points[x] for x in xs], "o-", label="full build (median)")
    small = {n: t for n, t in points.items() if n <= 6}
    if len(small) >= 2:
        a, b = linear_fit(small)
        ax.plot([0, max(xs)], [a, a + b * max(xs)], "--", color="grey",
                label=f"linear reference: {a:.1f} s + {b:.2f} s x languages (fit on 1-6)")
    ax.set_xlabel("languages")
    ax.set_ylabel("build time (s)")
    ax.set_title("Full build time vs number of languages")
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def _timings(results: dict) -> list[str]:
    lines = [f"{'measurement':<30} {'median s':>9} {'min s':>7} {'max s':>7} {'CPU s':>7}  runs"]
    for title, key in [("bare build (all languages)", "bare"), ("full build --strict", "full"), ("checks", "checks")]:
        if "median_s" in results.get(key, {}):
            r = results[key]
            lines.append(f"{title:<30} {r['median_s']:>9.2f} {r['min_s']:>7.2f} {r['max_s']:>7.2f} "
                         f"{r['median_cpu_s']:>7.2f}  {len(r['runs_s'])}")
    if "median_s" in results.get("bare", {}) and "median_s" in results.get("full", {}):
        bare, full = results["bare"], results["full"]
        lines.append(f"{'ratio full / bare':<30} {full['median_s'] / bare['median_s']:>9.2f} {'':>7} {'':>7} "
                     f"{full['median_cpu_s'] / bare['median_cpu_s']:>7.2f}")
    lines.append("(CPU s: user + system time of the process and its children, less sensitive than wall time "
                 "to other work on the machine)")
    for label, r in (results.get("serve", {}).get("pages") or {}).items():
        lines.append(f"{'serve: edit to preview':<30} {r['median_s']:>9.2f} {r['min_s']:>7.2f} {r['max_s']:>7.2f} "
                     f"{'':>7}  {len(r['runs_s'])}  ({label} edited under mkdocs serve)")
    if "pdfs_from_cache" in results.get("full", {}):
        lines.append(f"full build: {results['full']['pdfs_from_cache']} PDF(s) from the PDF cache (0: all rendered, "
                     "from cold)")
    if "warnings" in results.get("bare", {}):
        lines.append(f"bare build warnings (not --strict): {results['bare']['warnings']}")
    if "returncode" in results.get("checks", {}):
        lines.append(f"checks exit code {results['checks']['returncode']}: {' '.join(results['checks']['summary'])}")
    return lines


def _breakdown(breakdown: dict) -> list[str]:
    title = f"where the time goes (median of {breakdown['runs']} profiled build(s), s)"
    lines = ["", f"{title:<60} {'full':>6}  {'bare':>6}"]
    full, bare = breakdown["full"], breakdown["bare"]
    order = sorted((n for n in full if n.startswith("hooks")), key=lambda n: -full[n])
    order += [n for n in ("search plugin (all events)", "load mkdocs.yml (imports plugins, hooks.py)",
                          "MkDocs, theme templates, i18n (rest)", "total in-process", "Python start and imports")
              if n in full or n in bare]
    for name in order:
        bare_text = f"{bare[name]:>6.2f}" if name in bare else f"{'-':>6}"
        lines.append(f"  {name:<58} {full.get(name, 0.0):>6.2f}  {bare_text}")
    lines.append("  (each event's own time, without the events nested in it; 'rest' is MkDocs itself, the theme's "
                 "templates and mkdocs-static-i18n)")
    return lines


def _languages(languages: dict) -> list[str]:
    lines = ["", f"{'languages':<10} {'median s':>9} {'s / language':>13} {'CPU s':>7}  runs"]
    for count, r in languages.items():
        if "error" in r:
            lines.append(f"{count:<10} build FAILED: {r['error'].strip().splitlines()[-1][:100]}")
            continue
        lines.append(f"{count:<10} {r['median_s']:>9.2f} {r['per_language_s']:>13.2f} {r['median_cpu_s']:>7.2f}"
                     f"  {len(r['runs_s'])}")
    lines.append("(full builds of copies of the project, measured in rounds of every count; 6 is the real "
                 "site's languages; 12 and 24 add copies of the translations under other language codes)")
    return lines


def _first_visit(pages: dict) -> list[str]:
    lines = ["", "first visit, KB (1000 bytes): gzip -9 by type; total gzip -9 / brotli -q 11 / raw"]
    short = {"search index": "search"}
    lines.append(f"{'page':<14}" + "".join(f"{short.get(g, g):>7}" for g in GROUPS)
                 + f"  {'gzip':>6} {'brotli':>6} {'raw':>6} {'files':>5}")
    for label, weight in pages.items():
        total = weight["total"]
        lines.append(f"{label:<14}" + "".join(f"{_kb(weight['groups'][g]['gzip']):>7}" for g in GROUPS)
                     + f"  {_kb(total['gzip']):>6} {_kb(total['brotli']):>6} {_kb(total['raw']):>6} {total['count']:>5}")
        problems = [f"HTTP {status} {path}" for path, status in weight.get("not_ok", [])]
        problems += [f"other host {url}" for url in weight.get("other_hosts", [])]
        if problems:
            lines.append(f"{'':<14}! {'; '.join(problems)}")
    return lines


def format_report(results: dict, budgets: list[Budget]) -> str:
    lines = _timings(results)
    if results.get("breakdown"):
        lines += _breakdown(results["breakdown"])
    if results.get("languages"):
        lines += _languages(results["languages"])
    if results.get("first_visit"):
        lines += _first_visit(results["first_visit"])
    if "largest_process_max_rss_mb" in results.get("memory", {}):
        m = results["memory"]
        lines += ["", f"peak memory of the full build: largest process {m['largest_process_max_rss_mb']:.0f} MB "
                      f"(max RSS); whole tree at once {m['tree_peak_rss_mb']:.0f} MB RSS / "
                      f"{m['tree_peak_pss_mb']:.0f} MB PSS ({m['max_processes']} processes)"]
    if results.get("errors"):
        lines += ["", "measurements that could not be made"]
        lines += [f"  {name}: {message.strip().splitlines()[-1][:200]}" for name, message in results["errors"].items()]
    lines += ["", "budgets"] + [f"  {b.line()}" for b in budgets]
    machine = results.get("machine", {})
    load = [machine.get("load_average_at_start", [0])[0], machine.get("load_average_at_end", [0])[0]]
    lines += ["", f"{results.get('date', '')}: {machine.get('cpu_count')} CPUs, Python {machine.get('python')}, "
                  f"{results.get('runs', '?')} run(s) per measurement; load average (1 min) "
                  f"{load[0]:.1f} at start, {load[1]:.1f} at end"
                  + (" (above the CPU count: other work competed with the benchmark; compare CPU s)"
                     if machine.get("cpu_count") and max(load) > machine["cpu_count"] else "")]
    if "total_seconds" in results:
        lines.append(f"{results['total_seconds']:.0f} s in all")
    return "\n".join(lines)


def conclude(results: dict, out: Path, plot: bool = True) -> int:
    """Judge the budgets, write bench.json, report.txt and languages.png into `out`, print the
    table; returns the exit code (1 when a budget failed or a measurement is missing)."""
    results.setdefault("date", now())
    results.setdefault("machine", machine_info())
    budgets = evaluate_budgets(results)
    code = exit_code(budgets, results)
    results["budgets"] = [asdict(b) for b in budgets]
    results["exit_code"] = code
    out.mkdir(parents=True, exist_ok=True)
    text = format_report(results, budgets)
    written = [out / "bench.json", out / "report.txt"]
    (out / "report.txt").write_text(text + "\n", encoding="utf-8")
    (out / "bench.json").write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n",
                                    encoding="utf-8")
    if plot and any("median_s" in v for v in results.get("languages", {}).values()):
        plot_languages(results["languages"], out / "languages.png")
        written.append(out / "languages.png")
    print(text)
    print(f"\nwrote {', '.join(str(p) for p in written)}; exit code {code}"
          + (" (a budget failed or a measurement is missing)" if code else ""))
    return code
