"""Run every offline check on the built site and its sources.

    python -m scripts.checks              # after ./scripts/run build
    python -m scripts.checks --json       # machine-readable problems
    python -m scripts.checks --site-dir /tmp/site

Exit code 1 when any check reports an error, 0 otherwise (warnings are printed only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from scripts.checks import CHECKS, load_site, run_checks
from scripts.config.site import ROOT
from scripts.problems import errors, report_json, report_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.checks", description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="built site (default: site/)")
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--only", action="append", choices=sorted(CHECKS), help="run just this check (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the problems as JSON")
    parser.add_argument("--today", type=dt.date.fromisoformat, help="check dates as if today were YYYY-MM-DD")
    args = parser.parse_args(argv)

    if not (args.site_dir / "index.html").is_file():
        print(f"No built site in {args.site_dir}. Run ./scripts/run build first.", file=sys.stderr)
        return 2
    problems = run_checks(load_site(args.site_dir, args.config_file, args.today), args.only)
    checks_run = len(args.only) if args.only else len(CHECKS)
    print(report_json(problems, checks=checks_run) if args.json else f"{report_text(problems)} ({checks_run} checks)")
    return 1 if errors(problems) else 0


if __name__ == "__main__":
    sys.exit(main())
