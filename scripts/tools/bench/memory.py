"""Peak memory of a command's whole process tree (the build forks workers for the PDFs)."""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from scripts.config.site import ROOT
from scripts.tools.bench.timing import build_env

def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def _tree(pid: int) -> list[int]:
    children, tree, todo = _children_map(), [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; PSS shares pages between forked workers fairly."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


def peak_memory(cmd: list[str], cwd: Path = ROOT, interval_s: float = 0.05) -> dict:
    """Run cmd once, polling its whole process tree: peak of the summed RSS and PSS, the most
    processes at once, and wait4's max RSS of the largest single process. MB = 2**20 bytes."""
    peak = {"rss": 0, "pss": 0, "processes": 0}
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=build_env(), stdout=output, stderr=subprocess.STDOUT)
        done = threading.Event()

        def poll():
            while not done.is_set():
                pids = _tree(proc.pid)
                sizes = [_memory_kb(pid) for pid in pids]
                peak["rss"] = max(peak["rss"], sum(s[0] for s in sizes))
                peak["pss"] = max(peak["pss"], sum(s[1] for s in sizes))
                peak["processes"] = max(peak["processes"], sum(1 for s in sizes if s[0]))
                done.wait(interval_s)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        _, status, usage = os.wait4(proc.pid, 0)
        done.set()
        poller.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"memory run failed (exit {proc.returncode}):\n{text[-4000:]}")
    return {"largest_process_max_rss_mb": usage.ru_maxrss / 1024, "tree_peak_rss_mb": peak["rss"] / 1024,
            "tree_peak_pss_mb": peak["pss"] / 1024, "max_processes": peak["processes"],
            "seconds": time.perf_counter() - start, "poll_interval_s": interval_s}
