"""How fast `./scripts/run serve` shows an edit: the time from saving a page to the preview
serving the new text (what the browser gets when livereload reloads it).

`mkdocs serve` runs on a copy of the whole project (every language, handout PDFs on, as the
README's preview command) with an empty PDF cache; after its first build, each edited page (by
default a translated page and an English page, in turns) is edited `runs` times (a new sentence
each time) and the served page is asked for until it has the sentence. The two take different
paths: a translation's edit rebuilds its own language, an English page's edit every language
(scripts/build/preview.py). MkDocs holds back a page while a rebuild runs, so the answer comes
when the rebuild is done; its file watcher looks every 0.5 s, which is part of what a volunteer
waits for. The edits start once the first build's PDFs (rendered in the background) are all
written; after each edit the PDFs it changes are made again in the background, as a volunteer's
preview does.

    python -m scripts.tools.bench.serve [RUNS [LANGUAGE PAGE]]    # this measurement alone
"""

from __future__ import annotations

import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from scripts.config.pages import url_path
from scripts.config.site import ROOT, SiteConfig
from scripts.tools.bench.timing import build_env, log
from scripts.tools.project_copy import copy_project

EDITED_PAGES = (("fr", "symptoms.md"), ("en", "symptoms.md"))   # a translated page, an English page
FIRST_BUILD_TIMEOUT = 600                    # seconds
REACTION_TIMEOUT = 120


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Output:
    """The server's log, read in a thread so that its pipe never fills."""

    def __init__(self, stream):
        self.lines: list[str] = []
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append(line.rstrip("\n"))


PDFS_STARTED = re.compile(r"Handout PDFs: \d+ ready, (\d+) still being made")
PDF_DONE = re.compile(r"PDF \w+ \w+ .*(and written:|could not be made)")


def _background_pdfs_done(output: _Output, deadline: float) -> None:
    while time.monotonic() < deadline:
        started = [int(m.group(1)) for line in output.lines if (m := PDFS_STARTED.search(line))]
        if started and sum(bool(PDF_DONE.search(line)) for line in output.lines) >= started[0]:
            return
        if not started and any("Handout PDFs not made" in line for line in output.lines):
            return
        time.sleep(0.2)
    raise RuntimeError("the first build's PDFs were not all written in time:\n" + "\n".join(output.lines[-40:]))


def _served(url: str, contains: str, deadline: float, server: subprocess.Popen, output: _Output) -> None:
    while True:
        try:
            if contains in urllib.request.urlopen(url, timeout=REACTION_TIMEOUT).read().decode():
                return
        except OSError:
            pass
        if server.poll() is not None:
            raise RuntimeError("mkdocs serve stopped:\n" + "\n".join(output.lines[-40:]))
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not show the edit in time:\n" + "\n".join(output.lines[-40:]))
        time.sleep(0.02)


def serve_reaction(runs: int, root: Path = ROOT, env: dict[str, str] | None = None,
                   edited: tuple[tuple[str, str], ...] = EDITED_PAGES) -> dict:
    """For each edited (language, page): median seconds from saving it to the preview serving it,
    over `runs` edits ({"pages": {"docs/fr/symptoms.md": {...}, ...}, "rebuild_log", "log_tail"})."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as folder:
        project = Path(folder) / "project"
        copy_project(project, root)
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
            env={**build_env(), "PDF_CACHE": "true", "PDF_CACHE_DIR": str(Path(folder) / "pdf-cache"), **(env or {})},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True)     # (its PDF workers are stopped with it: see the end)
        output = _Output(server.stdout)
        base = f"http://127.0.0.1:{port}/runners-dystonia/"
        times: dict[str, list[float]] = {f"docs/{language}/{page}": [] for language, page in edited}
        source_language = SiteConfig(project / "mkdocs.yml").source_language
        try:
            _served(base, "", time.monotonic() + FIRST_BUILD_TIMEOUT, server, output)
            _background_pdfs_done(output, time.monotonic() + FIRST_BUILD_TIMEOUT)
            first_build = len(output.lines)
            for run in range(runs):
                for language, page in edited:
                    label, url = f"docs/{language}/{page}", base + url_path(language, page, source_language)
                    path = project / "docs" / language / page
                    time.sleep(1.5)   # let the watcher settle, as between two saves by a person
                    marker = f"Phrase du banc d’essai {run} {time.time_ns()}."
                    text = path.read_text(encoding="utf-8")
                    text = re.sub(r"\n## ", f"\n{marker}\n\n## ", text, count=1)
                    started = time.monotonic()
                    path.write_text(text, encoding="utf-8")
                    _served(url, marker, started + REACTION_TIMEOUT, server, output)
                    times[label].append(time.monotonic() - started)
                    log(f"  serve: {label}, edit {run + 1}/{runs} shown after {times[label][-1]:.2f} s")
        finally:
            # The whole process group: the server and its PDF workers, which would otherwise
            # render on for a while and weigh on the next measurement.
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
            output.thread.join(timeout=5)
    rebuilds = [line for line in output.lines[first_build:] if "Preview:" in line or "Documentation built in" in line]
    pages = {label: {"median_s": statistics.median(runs_s), "runs_s": [round(t, 3) for t in runs_s],
                     "min_s": min(runs_s), "max_s": max(runs_s)} for label, runs_s in times.items()}
    return {"pages": pages, "rebuild_log": rebuilds, "log_tail": output.lines[-15:]}


def main(argv: list[str] | None = None, measure=None) -> int:
    """python -m scripts.tools.bench.serve [RUNS [LANG PAGE]]: measure (by default the pages of
    EDITED_PAGES), print each page's serve budget line, and exit 1 when one fails (the same rule
    as the whole benchmark, budgets.py)."""
    from scripts.tools.bench.budgets import serve_reaction as judge

    args = sys.argv[1:] if argv is None else argv
    result = (measure or serve_reaction)(int(args[0]) if args else 3,
                                         edited=((args[1], args[2]),) if len(args) > 2 else EDITED_PAGES)
    print("\n".join(result.pop("log_tail", [])))
    print(result)
    budgets = judge({"serve": result})
    print("\n".join(budget.line() for budget in budgets))
    return 0 if all(budget.passed for budget in budgets) else 1


if __name__ == "__main__":
    sys.exit(main())
