"""The PDF workers (scripts/handout/build.py): in a build, one renders while the pages are built
and every worker once they are done; in serve, every worker from the start."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from scripts.config.site import SiteConfig
from scripts.handout import build as pdf_build
from scripts.handout.pdf_cache import PdfInputs

LANGUAGES = ["l1", "l2", "l3", "l4", "l5", "l6"]
JOB_SECONDS = 0.4
_log_folder: Path | None = None     # set by the test before the workers fork


def _timed_pdf(config, language, papers, _html) -> dict[str, bytes]:
    started = time.monotonic()
    time.sleep(JOB_SECONDS)
    partial = _log_folder / f".{language}"
    partial.write_text(f"{started} {time.monotonic()}")
    partial.replace(_log_folder / language)       # (the test never reads half a line)
    return {paper: b"%PDF-1.7" for paper in papers}


@pytest.fixture
def timed_kind(tmp_path, monkeypatch):
    global _log_folder
    _log_folder = tmp_path
    kind = pdf_build.PdfKind("timed", lambda config: [(lang, "a4") for lang in LANGUAGES], _timed_pdf,
                             lambda config, language: PdfInputs((), ""), lambda c, l, p: f"{l}-{p}.pdf")
    monkeypatch.setattr(pdf_build, "KINDS", (kind,))
    monkeypatch.setitem(pdf_build._KINDS_BY_NAME, "timed", kind)
    monkeypatch.setenv("PDF_CACHE", "false")
    return tmp_path


def _intervals(folder: Path) -> list[tuple[float, float]]:
    return sorted(tuple(map(float, (folder / lang).read_text().split())) for lang in LANGUAGES
                  if (folder / lang).exists())


def _most_at_once(intervals: list[tuple[float, float]], until: float = float("inf")) -> int:
    starts = [start for start, _ in intervals if start < until]
    return max((sum(1 for s, e in intervals if s <= at < e) for at in starts), default=0)


def test_a_build_renders_one_pdf_at_a_time_until_the_pages_are_done_then_two(timed_kind, tmp_path):
    build = pdf_build.HandoutBuild(SiteConfig(), workers=2)
    time.sleep(JOB_SECONDS * 2.5)                     # (MkDocs building the pages)
    pages_done = time.monotonic()
    assert build.write(tmp_path / "site") == []
    intervals = _intervals(timed_kind)
    assert len(intervals) == len(LANGUAGES)
    assert _most_at_once(intervals, until=pages_done) == 1, intervals
    assert _most_at_once(intervals) == 2, intervals


def test_serve_renders_with_every_worker_from_the_start(timed_kind):
    build = pdf_build.HandoutBuild(SiteConfig(), workers=2, background=True)
    started = time.monotonic()
    while len(_intervals(timed_kind)) < 2:
        assert time.monotonic() - started < 30, "the PDFs were never made"
        time.sleep(0.05)
    first = _intervals(timed_kind)[:2]
    assert _most_at_once(first) == 2, first         # both before anything said the pages were done
    build.cancel()


def _collector_settings(config, language, papers, _html) -> dict[str, bytes]:
    import gc
    return {paper: f"{gc.get_threshold()} {gc.get_freeze_count()}".encode() for paper in papers}


def test_a_worker_collects_garbage_as_a_one_off_build_does(tmp_path, monkeypatch):
    from scripts.build.collection import THRESHOLDS
    kind = pdf_build.PdfKind("gc", lambda config: [("en", "a4")], _collector_settings,
                             lambda config, language: PdfInputs((), ""), lambda c, l, p: f"{l}-{p}.pdf")
    monkeypatch.setattr(pdf_build, "KINDS", (kind,))
    monkeypatch.setitem(pdf_build._KINDS_BY_NAME, "gc", kind)
    monkeypatch.setenv("PDF_CACHE", "false")
    build = pdf_build.HandoutBuild(SiteConfig(), workers=1)
    assert build.write(tmp_path) == []
    threshold, frozen = (tmp_path / "en-a4.pdf").read_text().rsplit(" ", 1)
    assert threshold == str(THRESHOLDS) and int(frozen) > 10_000   # (what it got from the build by fork)


def test_a_one_off_build_freezes_what_exists_and_collects_less_often():
    import gc
    from scripts.build.collection import THRESHOLDS, tune_for_one_build
    before, was_frozen = gc.get_threshold(), gc.get_freeze_count() > 0   # (tests/conftest.py tunes the tests too)
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)                     # Python's defaults, as a build starts with
    try:
        tune_for_one_build()
        assert gc.get_threshold() == THRESHOLDS and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
        if was_frozen:
            gc.freeze()


# A serve-like parent: PDF workers on slow jobs, their process ids printed, then it waits.
ORPHANING_PARENT = """
import time
from scripts.config.site import SiteConfig
from scripts.handout import build as pdf_build
from scripts.handout.pdf_cache import PdfInputs

def slow(config, language, papers, html):
    time.sleep(600)

kind = pdf_build.PdfKind("slow", lambda config: [("l1", "a4"), ("l2", "a4")], slow,
                         lambda config, language: PdfInputs((), ""), lambda c, l, p: f"{l}-{p}.pdf")
pdf_build.KINDS = (kind,)
pdf_build._KINDS_BY_NAME["slow"] = kind
build = pdf_build.HandoutBuild(SiteConfig(), workers=2, background=True)
while len(build.pool._processes) < 2:
    time.sleep(0.05)
print(" ".join(map(str, build.pool._processes)), flush=True)
time.sleep(600)
"""


def test_workers_end_when_their_build_is_killed():
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import ROOT
    parent = subprocess.Popen([sys.executable, "-c", ORPHANING_PARENT], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PDF_CACHE": "false"})
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2
    parent.send_signal(signal.SIGKILL)           # no clean-up runs in the parent
    parent.wait()

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return not open(f"/proc/{pid}/stat").read().split(") ", 1)[1].startswith("Z")   # (a zombie has ended)

    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers):
        assert time.monotonic() < deadline, f"workers {workers} still running 10 s after their build was killed"
        time.sleep(0.2)


# A worker whose build was killed before its start-up code ran: its parent is init's already.
ORPHANED_BEFORE_START = """
import os, sys, time
from scripts.config.site import SiteConfig
from scripts.handout import build as pdf_build
build_pid = int(sys.argv[1])          # the build that forked it, no longer its parent
pdf_build._start_worker(SiteConfig(), None, 0, None, build_pid)
time.sleep(60)
"""


def test_a_worker_orphaned_before_it_started_ends_too():
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    worker = subprocess.Popen([sys.executable, "-c", ORPHANED_BEFORE_START, gone.stdout.strip()], cwd=ROOT,
                              env={**os.environ, "PDF_CACHE": "false"})
    try:
        assert worker.wait(timeout=20) == 0
    finally:
        worker.kill()
