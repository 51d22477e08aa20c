"""How long the whole test suite takes, against #13's budget (budgets.MAX_SUITE_S on a 2-core
machine): runs the README's test command, `./scripts/run test` (pytest with the options of
pyproject.toml, its temporary files in memory), and exits 1 when the tests fail or take longer.

    python -m scripts.tools.bench.suite_time [PYTEST ARGS...]    # e.g. -p no:cacheprovider

Not part of the full benchmark: the suite builds the site itself, and takes minutes.
"""

from __future__ import annotations

import subprocess
import sys
import time

from scripts.config.site import ROOT
from scripts.tools.bench.budgets import suite_time as judge


def measure(args: list[str]) -> dict:
    """Wall seconds of one run of the suite, its exit code and its last line (pytest's summary)."""
    started = time.perf_counter()
    result = subprocess.run([str(ROOT / "scripts" / "run"), "test", *args], cwd=ROOT, capture_output=True, text=True)
    lines = (result.stdout + result.stderr).strip().splitlines()
    return {"seconds": time.perf_counter() - started, "returncode": result.returncode,
            "summary": lines[-1] if lines else ""}


def main(argv: list[str] | None = None, run=measure) -> int:
    result = run(sys.argv[1:] if argv is None else argv)
    budget = judge({"suite": result})
    print(result["summary"])
    print(budget.line())
    return 0 if budget.passed else 1


if __name__ == "__main__":
    sys.exit(main())
