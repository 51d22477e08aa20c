"""Links to other sites open safely (rel="noopener"), on every built page.

What a page's content may contain at all is enforced by the build itself (scripts/sources/allowlist.py:
a page outside the allow-list does not build), and before each commit by scripts/checks/sources.py.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scripts.checks.built_site import BuiltSite
from scripts.problems import Problem, error


def run(site: BuiltSite) -> list[Problem]:
    findings = []
    site_host = urlsplit(site.site_url).netloc
    for path in site.html_files:
        for node in site.tree(path).css("a[href]"):
            parts = urlsplit(node.attributes.get("href") or "")
            if parts.scheme in ("http", "https") and parts.netloc != site_host:
                rel = set((node.attributes.get("rel") or "").split())
                if "noopener" not in rel:
                    findings.append(error(
                        "safety", f"the external link {node.attributes['href']} has no rel=\"noopener\".",
                        "Keep scripts/build/hooks.py's external-link step (it adds rel=\"noopener noreferrer\").",
                        file=f"site/{site.relative(path)}", language=site.language_of(path)))
    return findings
