"""Timing a command: wall seconds, CPU seconds and max RSS; a build repeated into fresh
folders, summarised by its median."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.config.site import ROOT


def build_env() -> dict[str, str]:
    # PDF_CACHE=false: every build of the benchmark renders its PDFs (from cold), so that the
    # full build is compared honestly with the bare one (serve.py turns the cache back on).
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "PDF_CACHE": "false"}


PDF_SUMMARY = re.compile(r"(\d+) PDFs: (\d+) rendered, (\d+) from the cache")


def pdfs_from_cache(output: str) -> int | None:
    """How many PDFs a build took from the PDF cache, from its log (None: it made no PDFs)."""
    found = PDF_SUMMARY.findall(output)
    return sum(int(hits) for _total, _rendered, hits in found) if found else None


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_timed(cmd: list[str], cwd: Path = ROOT) -> dict:
    """Run cmd once: wall seconds, CPU seconds and max RSS (MB) of the process and its waited-for
    children (os.wait4 returns the rusage of that one child tree, unlike RUSAGE_CHILDREN, which
    keeps the maximum over every child this process ever had), exit code and output."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=build_env(), stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    return {"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "max_rss_mb": usage.ru_maxrss / 1024, "returncode": proc.returncode, "output": text}


def summarize(samples: list[dict]) -> dict:
    times = [s["seconds"] for s in samples]
    return {"median_s": statistics.median(times), "runs_s": [round(t, 3) for t in times],
            "min_s": min(times), "max_s": max(times),
            "median_cpu_s": statistics.median(s["cpu_seconds"] for s in samples),
            "max_rss_mb": statistics.median(s["max_rss_mb"] for s in samples),
            "warnings": max(s["output"].count("WARNING") for s in samples),
            "pdfs_from_cache": max((pdfs_from_cache(s["output"]) or 0) for s in samples)}


def build_once(cmd_for_run, cwd: Path = ROOT, label: str = "", keep: bool = False) -> dict:
    """Run `cmd_for_run(site_dir)` once into a fresh empty site folder (removed afterwards, unless
    `keep`: then its path is in "site_dir"). Fails loudly if the build fails: a broken build
    timed is not a measurement."""
    site_dir = Path(tempfile.mkdtemp(prefix="bench-site-")) / "site"
    sample = run_timed(cmd_for_run(site_dir), cwd)
    if sample["returncode"] != 0 or not keep:
        shutil.rmtree(site_dir.parent, ignore_errors=True)
    if sample["returncode"] != 0:
        raise RuntimeError(f"{label} failed (exit {sample['returncode']}):\n{sample['output'][-4000:]}")
    log(f"  {label}: {sample['seconds']:.2f} s")
    return {**sample, "site_dir": str(site_dir)} if keep else sample


def measure_build(cmd_for_run, runs: int, cwd: Path = ROOT, label: str = "",
                  keep_last: bool = False) -> dict:
    """`runs` builds (build_once), summarised. With keep_last, the last run's site is kept and
    its folder returned as "site_dir" (the caller removes it)."""
    samples = [build_once(cmd_for_run, cwd, f"{label} run {run + 1}/{runs}", keep=keep_last and run == runs - 1)
               for run in range(runs)]
    summary = summarize(samples)
    return {**summary, "site_dir": samples[-1]["site_dir"]} if keep_last else summary


def mkdocs_cmd(config_file: Path, strict: bool):
    def cmd(site_dir: Path) -> list[str]:
        return [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
                "--config-file", str(config_file), "--site-dir", str(site_dir)]
    return cmd


def measure_checks(site_dir: Path, runs: int) -> dict:
    """`python -m scripts.checks` on a built site, `runs` times; its exit code and last line."""
    samples = [run_timed([sys.executable, "-m", "scripts.checks", "--site-dir", str(site_dir)])
               for _ in range(runs)]
    return {**summarize(samples), "returncode": samples[-1]["returncode"],
            "summary": samples[-1]["output"].strip().splitlines()[-1:]}
