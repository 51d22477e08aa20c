"""Work done once for the whole test run, also when pytest-xdist runs the tests in several
worker processes: the first process to ask does it, under a file lock, and the others wait
for it and use its result. (Without xdist it is simply done once.)"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path
from typing import Callable


def run_folder(tmp_path_factory) -> Path:
    """A folder of this test run that every worker process shares."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(tmp_path_factory, name: str, make: Callable[[Path], dict]) -> tuple[Path, dict]:
    """make(folder) -> a JSON-able record, run once per test run in run_folder()/name;
    returns the folder and the record."""
    root = run_folder(tmp_path_factory)
    folder, record = root / name, root / f"{name}.json"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)          # held until the file is closed
        if not record.exists():
            folder.mkdir()
            record.write_text(json.dumps(make(folder)), encoding="utf-8")
    return folder, json.loads(record.read_text(encoding="utf-8"))
