"""One run: collect the links, reuse the fresh answers of the cache, ask the sites about the
others (one host after another in turn, so that the workers are not all waiting for the same
host), save the cache."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

from scripts.config.site import SiteConfig
from scripts.problems import ProblemError
from scripts.tools.external_links.ask import Settings, check_url, make_opener
from scripts.tools.external_links.cache import Cache, LinkCheck
from scripts.tools.external_links.classify import classify
from scripts.tools.external_links.host_gate import HostGate
from scripts.tools.external_links.markdown_links import collect_links, display
from scripts.tools.external_links.report import Outcome, checked_links

DEFAULT_MAX_AGE_DAYS = 7.0


def configured_max_age(config: SiteConfig) -> float:
    """extra.checks.external_links.max_age_days in mkdocs.yml (typed in scripts/config/options.py)."""
    value = config.options.checks.external_links.max_age_days
    if value < 0:
        raise ValueError(f"extra.checks.external_links.max_age_days in {config.config_file.name} "
                         f"must be a number of days (0 or more), not {value!r}")
    return float(value)


def _by_host_in_turn(urls: list[str]) -> list[str]:
    """One URL of each host in turn, so that the workers are not all waiting for the same host."""
    per_host: dict[str, list[str]] = {}
    for url in urls:
        per_host.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    queues = list(per_host.values())
    return [q[i] for i in range(max(map(len, queues), default=0)) for q in queues if i < len(q)]


def check_links(urls, cache: Cache, settings: Settings, max_age_days: float) -> tuple[dict[str, LinkCheck], set[str]]:
    """The answer about every URL, asking only about those without a fresh one in the cache (a
    warning is never fresh: a temporary failure is asked again on every run).
    Returns ({url: answer}, URLs asked now); the cache is updated (not saved)."""
    now = datetime.now(timezone.utc)
    max_age = timedelta(days=max_age_days)
    answers = {url: answer for url in urls
               if (answer := cache.fresh(url, max_age, now)) and classify(answer).severity != "warning"}
    to_ask = _by_host_in_turn([url for url in urls if url not in answers])
    gate, opener = HostGate(settings.delay), make_opener()
    executor = ThreadPoolExecutor(max_workers=max(1, settings.workers))

    def ask(url: str) -> LinkCheck:
        cache.entries[url] = answer = check_url(url, settings, gate, opener)   # kept even if interrupted
        return answer

    try:
        futures = {url: executor.submit(ask, url) for url in to_ask}
        for url, future in futures.items():
            answers[url] = future.result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return answers, set(to_ask)


def looks_offline(answers: dict[str, LinkCheck], asked: set[str]) -> bool:
    """No HTTP answer at all from two or more hosts: the problem is here, not at the sites."""
    hosts = {urlsplit(url).netloc.lower() for url in asked}
    return len(hosts) >= 2 and all(answers[url].status is None for url in asked)


class Offline(Exception):
    """No site answered: nothing was recorded."""


def check_site(config: SiteConfig, cache_path: Path, settings: Settings, max_age_days: float) -> Outcome:
    """Check every external link of every language. Raises ProblemError if the cache cannot be
    read, Offline if no site answered."""
    links = collect_links(config)
    cache = Cache.load(cache_path, display(cache_path, Path.cwd()))
    print(f"{len(links)} external links in {len(config.codes)} languages; asking the servers about "
          f"those not checked in the last {max_age_days:g} days …", file=sys.stderr)
    before = dict(cache.entries)
    try:
        answers, asked = check_links(list(links), cache, settings, max_age_days)
    except BaseException:
        cache.save(keep=links)      # keep what was checked before the interruption
        raise
    if looks_offline(answers, asked):
        cache.entries = before
        cache.save(keep=links)
        raise Offline(f"None of the {len({urlsplit(url).netloc for url in asked})} sites answered: this machine "
                      "seems to be offline (or its DNS is down). Nothing was recorded; try again when online.")
    problems = list(cache.problems)
    try:
        cache.save(keep=links)
    except ProblemError as failed:  # the links were checked all the same: report them
        problems += failed.problems
    return Outcome.of(checked_links(links, answers, asked), problems, cache.name, max_age_days)
