"""No page may make a request to another host: no web fonts, scripts, styles, images or frames."""

from __future__ import annotations

from urllib.parse import urlsplit

from scripts.checks.built_site import BuiltSite
from scripts.checks.findings import Finding, error

# Elements whose URL the browser fetches by itself when the page loads.
FETCHED = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "frame": "src",
    "embed": "src",
    "object": "data",
    "source": "src",
    "audio": "src",
    "video": "src",
    "track": "src",
}
FETCHED_LINK_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "icon",
                     "modulepreload", "manifest", "apple-touch-icon"}


def is_other_host(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in ("http", "https")


def run(site: BuiltSite) -> list[Finding]:
    findings = []
    for path in site.html_files:
        tree = site.tree(path)
        for node in tree.css(", ".join(FETCHED)):
            url = node.attributes.get(FETCHED[node.tag]) or ""
            if is_other_host(url):
                findings.append(_finding(site, path, f"<{node.tag}> loads {url}"))
        for node in tree.css("link[href]"):
            rels = set((node.attributes.get("rel") or "").lower().split())
            if rels & FETCHED_LINK_RELS and is_other_host(node.attributes["href"] or ""):
                findings.append(_finding(site, path, f"<link rel=\"{' '.join(sorted(rels))}\"> loads {node.attributes['href']}"))
        for node in tree.css("style"):
            css = node.text() or ""
            if "url(http" in css.replace(" ", "") or "@import" in css and "http" in css:
                findings.append(_finding(site, path, "an inline <style> loads a file from another host"))
    return findings


def _finding(site: BuiltSite, path, what: str) -> Finding:
    return error("privacy", f"{what}: a request to another host, which tells that host who reads the page.",
                 "Ship the file with the site (under docs/assets/) or remove it; for fonts keep `font: false`.",
                 path=f"site/{site.relative(path)}", language=site.language_of(path))
