"""No page may make a request to another host: no web fonts, scripts, styles, images or frames."""

from __future__ import annotations

from urllib.parse import urlsplit

from scripts.sources.allowlist import FETCHED_LINK_RELS
from scripts.checks.built_site import BuiltSite
from scripts.problems import Problem, error

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


def is_other_host(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in ("http", "https")


def _css_loads_other_host(css: str) -> bool:
    compact = css.replace(" ", "").lower()
    return any(marker in compact for marker in ("url(http", "url('http", 'url("http', "url(//", "url('//",
                                                 'url("//', "@importhttp", "@import'http", '@import"http'))


def run(site: BuiltSite) -> list[Problem]:
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
            if _css_loads_other_host(node.text() or ""):
                findings.append(_finding(site, path, "an inline <style> loads a file from another host"))
        for node in tree.css("[style]"):
            if _css_loads_other_host(node.attributes.get("style") or ""):
                findings.append(_finding(site, path, f"a style= attribute on <{node.tag}> loads a file from another host"))
        for node in tree.css("[srcset], [imagesrcset]"):
            for candidate in (node.attributes.get("srcset") or node.attributes.get("imagesrcset") or "").split(","):
                url = candidate.strip().split(" ")[0]
                if url and is_other_host(url):
                    findings.append(_finding(site, path, f"<{node.tag} srcset> loads {url}"))
        for node in tree.css("[poster], image, use, feImage"):
            for name in ("poster", "href", "xlink:href"):
                url = node.attributes.get(name) or ""
                if url and is_other_host(url):
                    findings.append(_finding(site, path, f"<{node.tag} {name}> loads {url}"))
    return findings


def _finding(site: BuiltSite, path, what: str) -> Problem:
    return error("privacy", f"{what}: a request to another host, which tells that host who reads the page.",
                 "Ship the file with the site (under docs/assets/) or remove it; for fonts keep `font: false`.",
                 file=f"site/{site.relative(path)}", language=site.language_of(path))
