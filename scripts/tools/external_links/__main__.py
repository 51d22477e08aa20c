"""python -m scripts.tools.external_links: see the package's docstring (scripts/tools/external_links/__init__.py)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

from scripts.config.site import SiteConfig
from scripts.problems import ProblemError, report_text
from scripts.tools import external_links
from scripts.tools.external_links.ask import Settings, user_agent
from scripts.tools.external_links.cache import CACHE_FILE, Cache
from scripts.tools.external_links.checker import DEFAULT_MAX_AGE_DAYS, check_links, configured_max_age, looks_offline
from scripts.tools.external_links.markdown_links import collect_links, display
from scripts.tools.external_links.report import report


def _non_negative(kind):
    def parse(text: str):
        value = kind(text)
        if value < 0:
            raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
        return value
    return parse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.tools.external_links", description=external_links.__doc__.split("\n")[0],
        epilog="Exit code: 1 if any link is broken (error), else 0; warnings (timeouts, 429, 5xx) "
               "never fail the run and are asked again on every run. 2: bad usage, or no site "
               "answered at all (offline; nothing recorded).")
    parser.add_argument("--config-file", type=Path, default=None,
                        help="mkdocs.yml to read languages and settings from (default: the project's)")
    parser.add_argument("--cache", type=Path, default=None,
                        help=f"cache file (default: {CACHE_FILE.as_posix()} next to mkdocs.yml)")
    parser.add_argument("--max-age-days", type=_non_negative(float), default=None,
                        help="re-check a link only when its cached result is at least this old; 0 checks "
                             "every link (default: extra.checks.external_links.max_age_days in mkdocs.yml, "
                             f"else {DEFAULT_MAX_AGE_DAYS:g})")
    parser.add_argument("--timeout", type=_non_negative(float), default=Settings.timeout,
                        help="seconds to wait for each answer (default: %(default)g)")
    parser.add_argument("--delay", type=_non_negative(float), default=Settings.delay,
                        help="seconds between two requests to the same host (default: %(default)g)")
    parser.add_argument("--backoff", type=_non_negative(float), default=Settings.backoff,
                        help="seconds before the first retry, doubled for the second (default: %(default)g)")
    parser.add_argument("--workers", type=_non_negative(int), default=Settings.workers,
                        help="different hosts asked at the same time; never more than one request "
                             "per host (default: %(default)d)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--all", action="store_true", help="also list the links that are OK")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except ProblemError as stop:      # the cache cannot be read or written
        print(report_text(stop.problems), file=sys.stderr)
        return 2


def run(args: argparse.Namespace) -> int:
    config = SiteConfig(args.config_file) if args.config_file else SiteConfig()
    try:
        max_age = args.max_age_days if args.max_age_days is not None else configured_max_age(config)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    cache_path = args.cache or config.root / CACHE_FILE
    settings = Settings(timeout=args.timeout, delay=args.delay, backoff=args.backoff, workers=args.workers or 1,
                        user_agent=user_agent(config))

    links = collect_links(config)
    cache = Cache.load(cache_path, display(cache_path, Path.cwd()))
    for problem in cache.problems:
        print(f"{problem.severity.upper()} {problem}", file=sys.stderr)
    print(f"{len(links)} external links in {len(config.codes)} languages; asking the servers about "
          f"those not checked in the last {max_age:g} days …", file=sys.stderr)
    before = dict(cache.entries)
    try:
        results, asked = check_links(list(links), cache, settings, max_age)
    except BaseException:
        cache.save(keep=links)      # keep what was checked before the interruption
        raise
    if looks_offline(results, asked):
        cache.entries = before
        cache.save(keep=links)
        print(f"None of the {len({urlsplit(url).netloc for url in asked})} sites answered: this machine "
              "seems to be offline (or its DNS is down). Nothing was recorded; try again when online.",
              file=sys.stderr)
        return 2
    cache.save(keep=links)
    findings = report(links, results, asked)

    errors = sum(r.severity == "error" for r in findings)
    warnings = sum(r.severity == "warning" for r in findings)
    if args.json:
        print(json.dumps({
            "errors": errors, "warnings": warnings, "links": len(links),
            "checked_now": len(asked), "from_cache": len(links) - len(asked),
            "cache": str(cache_path), "max_age_days": max_age,
            "findings": [r.as_dict() for r in findings if r.severity != "ok"],
            "ok": [r.as_dict() for r in findings if r.severity == "ok"],
        }, indent=2, ensure_ascii=False))
    else:
        for result in findings:
            if result.severity != "ok" or args.all:
                print(result)
        print(f"{errors} errors, {warnings} warnings ({len(links)} links: {len(asked)} checked now, "
              f"{len(links) - len(asked)} from the cache {cache.name})")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
