"""Check every link: reuse the fresh answers of the cache, ask the sites about the others, one
host after another in turn so that the workers are not all waiting for the same host."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from scripts.config.site import SiteConfig
from scripts.tools.external_links.ask import Settings, check_url, make_opener
from scripts.tools.external_links.cache import Cache, LinkCheck
from scripts.tools.external_links.classify import classify
from scripts.tools.external_links.host_gate import HostGate

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
    results = {url: entry for url in urls
               if (entry := cache.fresh(url, max_age, now)) and classify(entry)[0] != "warning"}
    to_ask = _by_host_in_turn([url for url in urls if url not in results])
    gate, opener = HostGate(settings.delay), make_opener()
    executor = ThreadPoolExecutor(max_workers=max(1, settings.workers))

    def ask(url: str) -> LinkCheck:
        cache.entries[url] = answer = check_url(url, settings, gate, opener)   # kept even if interrupted
        return answer

    try:
        futures = {url: executor.submit(ask, url) for url in to_ask}
        for url, future in futures.items():
            results[url] = future.result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return results, set(to_ask)


def looks_offline(results: dict[str, LinkCheck], asked: set[str]) -> bool:
    """No HTTP answer at all from two or more hosts: the problem is here, not at the sites."""
    hosts = {urlsplit(url).netloc.lower() for url in asked}
    return len(hosts) >= 2 and all(results[url].status is None for url in asked)
