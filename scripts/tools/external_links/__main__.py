"""The command line of the external link checker; what it does is in the package's docstring."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.config.site import SiteConfig
from scripts.problems import ProblemError, errors, report_json, report_text
from scripts.tools import external_links
from scripts.tools.external_links.ask import Settings, user_agent
from scripts.tools.external_links.cache import CACHE_FILE
from scripts.tools.external_links.checker import DEFAULT_MAX_AGE_DAYS, Offline, check_site, configured_max_age


def _non_negative(kind):
    def parse(text: str):
        value = kind(text)
        if value < 0:
            raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
        return value
    return parse


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.tools.external_links", description=external_links.__doc__.split("\n")[0],
        epilog="Exit code: 1 if any link is broken (error), else 0; warnings (timeouts, 429, 5xx) "
               "never fail the run and are asked again on every run. 2: bad usage, a cache file that "
               "cannot be read, or no site answered at all (offline; nothing recorded).")
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
    parser.add_argument("--json", action="store_true", help="print the problems (and the links that are OK) as JSON")
    parser.add_argument("--all", action="store_true", help="also list the links that are OK")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    config = SiteConfig(args.config_file) if args.config_file else SiteConfig()
    try:
        max_age = args.max_age_days if args.max_age_days is not None else configured_max_age(config)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    settings = Settings(timeout=args.timeout, delay=args.delay, backoff=args.backoff, workers=args.workers or 1,
                        user_agent=user_agent(config))
    try:
        outcome = check_site(config, args.cache or config.root / CACHE_FILE, settings, max_age)
    except ProblemError as stop:        # the cache cannot be read: nothing was checked
        print(report_json(stop.problems) if args.json else report_text(stop.problems))
        return 2
    except Offline as offline:
        print(offline, file=sys.stderr)
        return 2
    print(outcome.json() if args.json else outcome.text(show_ok=args.all))
    return 1 if errors(outcome.problems) else 0


if __name__ == "__main__":
    sys.exit(main())
