"""Markdown stays content: no scripts, frames or event handlers; links are https and open safely."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scripts.checks.built_site import BuiltSite
from scripts.checks.findings import Finding, error

RAW_HTML = [
    (re.compile(r"<\s*script\b", re.I), "a raw <script> tag",
     "Remove it: pages must not run code. Ask a developer if the site needs a feature."),
    (re.compile(r"<\s*iframe\b", re.I), "an <iframe>",
     "Remove it: frames load other sites and track readers. Link to the page instead."),
    (re.compile(r"<[a-z][^>]*\s(on[a-z]+)\s*=", re.I), "an inline event handler (on…=)",
     "Remove the on…= attribute: pages must not run code."),
    (re.compile(r"\]\(\s*http://|<http://|href=[\"']http://", re.I), "an http:// link",
     "Use the https:// address of that page; plain http:// can be read and changed on the way."),
]


def markdown_findings(text: str, path: str, language: str = "") -> list[Finding]:
    """Raw HTML that runs code, frames and http:// links in one Markdown file (code blocks excepted)."""
    findings = []
    in_code = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code:
            continue
        for pattern, what, fix in RAW_HTML:
            if pattern.search(line):
                findings.append(error("safety", f"the page contains {what}.", fix,
                                      path=path, line=number, language=language))
    return findings


def run(site: BuiltSite) -> list[Finding]:
    findings = []
    for language in site.languages:
        for path in sorted((site.docs_dir / language).rglob("*.md")):
            findings.extend(markdown_findings(path.read_text(encoding="utf-8"),
                                              path.relative_to(site.root).as_posix(), language))
    site_host = urlsplit(site.settings.get("site_url", "")).netloc
    for path in site.html_files:
        for node in site.tree(path).css("a[href]"):
            parts = urlsplit(node.attributes.get("href") or "")
            if parts.scheme in ("http", "https") and parts.netloc != site_host:
                rel = set((node.attributes.get("rel") or "").split())
                if "noopener" not in rel:
                    findings.append(error(
                        "safety", f"the external link {node.attributes['href']} has no rel=\"noopener\".",
                        "Keep scripts/hooks.py's external-link step (it adds rel=\"noopener noreferrer\").",
                        path=f"site/{site.relative(path)}", language=site.language_of(path)))
    return findings
