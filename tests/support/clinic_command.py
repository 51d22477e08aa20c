"""The clinic command (`python -m scripts.handout`) run inside the test process: the same main()
with the same arguments, giving its exit code and what it printed. A subprocess pays ~3 s per
call to start Python and load WeasyPrint and mkdocs.yml; this pays it once per session.
tests/test_handout.py keeps one run of the command in a real subprocess, end to end."""

from __future__ import annotations

import io
import os
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scripts.config.site import ROOT, SiteConfig


@dataclass
class CommandResult:
    returncode: int
    stdout: str
    stderr: str


@cache
def _site_config() -> SiteConfig:
    return SiteConfig(ROOT / "mkdocs.yml")


def run_clinic_command(*args, run_from: Path = ROOT) -> CommandResult:
    """Run the command with `args`, as if typed in the folder `run_from` (./scripts/run passes
    that folder as RUN_FROM; relative --logo and -o paths are read from it)."""
    from scripts.handout.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.get("RUN_FROM")
    os.environ["RUN_FROM"] = str(run_from)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main([str(arg) for arg in args], config=_site_config())
            except SystemExit as exit_:   # argparse refuses bad options this way
                code = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        if saved is None:
            os.environ.pop("RUN_FROM", None)
        else:
            os.environ["RUN_FROM"] = saved
    return CommandResult(code, out.getvalue(), err.getvalue())
