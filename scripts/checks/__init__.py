"""Offline checks over the built site and its sources.

Each check module exposes `run(site: BuiltSite) -> list[Problem]`. `python -m scripts.checks`
runs them all; tests call them one by one on the real build and on broken copies.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from scripts.checks import completeness, facts, freshness, links, page_chrome, privacy, readability, safety
from scripts.checks.built_site import BuiltSite
from scripts.problems import Problem
from scripts.config.site import SiteConfig

CHECKS = {
    "completeness": completeness.run,
    "facts": facts.run,
    "freshness": freshness.run,
    "links": links.run,
    "page-chrome": page_chrome.run,
    "privacy": privacy.run,
    "readability": readability.run,
    "safety": safety.run,
}


def load_site(site_dir: Path, config_file: Path, today: dt.date | None = None) -> BuiltSite:
    config = SiteConfig(config_file)
    return BuiltSite(site_dir=site_dir, docs_dir=config.docs_dir, languages=config.codes,
                     default_language=config.source_language, pages=config.pages,
                     options=config.options.checks, site_url=config.site_url, today=today)


def run_checks(site: BuiltSite, only: list[str] | None = None) -> list[Problem]:
    findings: list[Problem] = []
    for name, check in CHECKS.items():
        if not only or name in only:
            findings.extend(check(site))
    return findings
