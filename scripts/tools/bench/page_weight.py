"""First visit: the bytes a fresh browser fetches for a page, as a first-time reader gets it.

The built site is served by scripts/tools/static_server.py under the site's sub-path (from
site_url, as on GitHub Pages) and opened in Chromium (scripts/tools/browser.py)
through Playwright, one new browser context (empty cache) per page. Every response from the
site's origin until the network is idle, and then quiet for a second, is weighed once per URL:
raw, gzip -9 (what the budget counts: GitHub Pages sends gzip, not brotli) and brotli -q 11,
each response compressed on its own as a server would. Requests to any other host are aborted
and listed (the site should make none).

The pages: the home and symptoms pages in every language of mkdocs.yml (SiteConfig).
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path
from urllib.parse import urlsplit

from scripts.config.pages import page_url
from scripts.config.site import SiteConfig
from scripts.tools.bench.timing import log
from scripts.tools.browser import CHROMIUM, CHROMIUM_ARGS
from scripts.tools.static_server import SiteServer

# The pages weighed in each language: label -> source page.
VISIT_PAGES = {"home": "index.md", "symptoms": "symptoms.md"}
GROUPS = ("HTML", "CSS", "JS", "fonts", "images", "search index", "other")


def visit_pages(site: SiteConfig, pages: dict[str, str] = VISIT_PAGES) -> list[tuple[str, str]]:
    """(label, path below the site root) for each page in each language: ('symptoms ar', 'ar/symptoms/')."""
    missing = [page for page in pages.values() if page not in site.pages]
    if missing:
        raise ValueError(f"pages to weigh not in the site: {', '.join(missing)} (update VISIT_PAGES)")
    return [(f"{label} {code}", site.language_url(code, page_url(page))[len(site.site_url):])
            for code in site.codes for label, page in pages.items()]


def classify(url: str, content_type: str = "") -> str:
    path = urlsplit(url).path.lower()
    content_type = content_type.lower()
    if path.endswith("search_index.json"):
        return "search index"
    if "text/html" in content_type or path.endswith((".html", "/")):
        return "HTML"
    if "css" in content_type or path.endswith(".css"):
        return "CSS"
    if "javascript" in content_type or path.endswith((".js", ".mjs")):
        return "JS"
    if content_type.startswith("font/") or "font" in content_type or path.endswith((".woff2", ".woff", ".ttf", ".otf")):
        return "fonts"
    if content_type.startswith("image/") or path.endswith((".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico")):
        return "images"
    return "other"


@functools.lru_cache(maxsize=256)   # the same style sheets and scripts come with every page
def compressed_sizes(body: bytes) -> tuple[int, int]:
    """(gzip -9, brotli -q 11) bytes of one response body."""
    import brotli

    return len(gzip.compress(body, compresslevel=9, mtime=0)), len(brotli.compress(body, quality=11))


def weight_summary(responses: list[dict]) -> dict:
    """Bytes by type, raw / gzip / brotli, from responses {url, content_type, body}."""
    groups = {group: {"count": 0, "raw": 0, "gzip": 0, "brotli": 0} for group in GROUPS}
    for response in responses:
        group = groups[classify(response["url"], response.get("content_type", ""))]
        gz, br = compressed_sizes(response["body"])
        group["count"] += 1
        group["raw"] += len(response["body"])
        group["gzip"] += gz
        group["brotli"] += br
    total = {key: sum(g[key] for g in groups.values()) for key in ("count", "raw", "gzip", "brotli")}
    return {"groups": groups, "total": total}


def same_origin(url: str, origin: str) -> bool:
    parts, allowed = urlsplit(url), urlsplit(origin)
    return (parts.scheme, parts.netloc) == (allowed.scheme, allowed.netloc)


def _visit(browser, url: str, origin: str, settle_s: float) -> dict:
    """Open `url` in a fresh context; every same-origin response until the network is idle."""
    context = browser.new_context()
    foreign: list[str] = []
    context.route(lambda u: not same_origin(u, origin) and not u.startswith(("data:", "blob:")),
                  lambda route: (foreign.append(route.request.url), route.abort()))
    seen: list = []
    context.on("response", lambda response: seen.append(response))
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        count = -1
        while count != len(seen):   # then nothing new for settle_s
            count = len(seen)
            page.wait_for_timeout(settle_s * 1000)
        responses, failed = {}, []
        for response in seen:
            if not same_origin(response.url, origin) or response.url in responses:
                continue
            try:
                body = response.body()
            except Exception:   # redirects and aborted requests have no body
                failed.append(response.url)
                continue
            responses[response.url] = {"url": response.url, "status": response.status,
                                       "content_type": response.headers.get("content-type", ""), "body": body}
    finally:
        context.close()
    summary = weight_summary(list(responses.values()))
    summary["files"] = sorted((urlsplit(r["url"]).path, len(r["body"]), compressed_sizes(r["body"])[0])
                              for r in responses.values())
    summary["not_ok"] = sorted((urlsplit(r["url"]).path, r["status"]) for r in responses.values() if r["status"] >= 400)
    summary["no_body"] = failed
    summary["other_hosts"] = foreign
    return summary


def first_visit_weight(site_dir: Path, site: SiteConfig | None = None, pages: dict[str, str] = VISIT_PAGES,
                       settle_s: float = 1.0) -> dict:
    """{label: weight} for each page of visit_pages, from the built site in `site_dir`."""
    from playwright.sync_api import sync_playwright

    site = site or SiteConfig()
    prefix = urlsplit(site.site_url).path or "/"
    results = {}
    with SiteServer(site_dir, prefix) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            for label, path in visit_pages(site, pages):
                summary = _visit(browser, server.url(path), server.origin, settle_s)
                summary["url"] = prefix + path
                results[label] = summary
                log(f"  {label}: {summary['total']['count']} responses, {summary['total']['raw'] / 1000:.1f} KB raw, "
                    f"{summary['total']['gzip'] / 1000:.1f} KB gzip -9")
        finally:
            browser.close()
    return results
