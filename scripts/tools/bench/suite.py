"""Every measurement of the benchmark, in order, into one results dict (see report.py for what
is done with it). A measurement that fails is recorded under "errors" and the others go on;
its budget then fails."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import yaml

from scripts.config.site import ROOT, SiteConfig
from scripts.tools.bench.bare import write_bare_config
from scripts.tools.bench.languages import measure_languages
from scripts.tools.bench.memory import peak_memory
from scripts.tools.bench.page_weight import first_visit_weight
from scripts.tools.bench.phases import phase_breakdown
from scripts.tools.bench.report import machine_info, now
from scripts.tools.bench.serve import serve_reaction
from scripts.tools.bench.timing import log, measure_build, measure_checks, mkdocs_cmd


def measure_all(runs: int) -> dict:
    started = time.perf_counter()
    site = SiteConfig()
    results: dict = {"date": now(), "runs": runs, "machine": machine_info(), "errors": {}}

    def step(name: str, title: str, measure) -> None:
        log(title)
        try:
            results[name] = measure()
        except Exception as error:   # recorded and reported: the run goes on, its exit code is 1
            results["errors"][name] = f"{type(error).__name__}: {error}"[-4000:]
            log(f"{name} FAILED: {results['errors'][name]}")

    with tempfile.TemporaryDirectory(prefix="bench-bare-") as folder:
        config = write_bare_config(Path(folder), Path(folder) / "site")
        results["bare_config"] = yaml.safe_load(config.read_text(encoding="utf-8"))
        step("bare", f"bare build, {runs} run(s)",
             lambda: measure_build(mkdocs_cmd(config, strict=False), runs, label="bare"))

    step("full", f"full build, {runs} run(s)",
         lambda: measure_build(mkdocs_cmd(ROOT / "mkdocs.yml", strict=True), runs, label="full", keep_last=True))
    if "full" in results:
        site_dir = Path(results["full"].pop("site_dir"))
        try:
            step("checks", f"checks, {min(runs, 3)} run(s)", lambda: measure_checks(site_dir, min(runs, 3)))
            step("first_visit", "first visit weight (Chromium)", lambda: first_visit_weight(site_dir, site))
        finally:
            shutil.rmtree(site_dir.parent, ignore_errors=True)

    step("serve", f"serve: saving a page until the preview serves it, {max(runs, 3)} edits",
         lambda: serve_reaction(max(runs, 3)))

    step("breakdown", f"where the time goes: {min(runs, 3)} profiled full and bare build(s)",
         lambda: phase_breakdown(min(runs, 3)))

    def memory() -> dict:
        with tempfile.TemporaryDirectory(prefix="bench-mem-") as folder:
            return peak_memory(mkdocs_cmd(ROOT / "mkdocs.yml", strict=True)(Path(folder) / "site"))
    step("memory", "peak memory of one full build", memory)

    step("languages", f"build time vs languages, {runs} round(s)", lambda: measure_languages(runs))

    results["total_seconds"] = round(time.perf_counter() - started, 1)
    results["machine"]["load_average_at_end"] = os.getloadavg()
    return results
