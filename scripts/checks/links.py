"""Every internal link in the built site resolves: pages, #fragments, assets, PDFs,
the language switcher, hreflang alternates, canonical URLs and the sitemap.

Why our own checker: MkDocs' validation sees only links written in Markdown (not the
switcher or the theme's links), linkchecker misses fragments on directory URLs and
root-absolute links, and mkdocs-htmlproofer-plugin reports false errors with
mkdocs-static-i18n. A small pass over the built folder with an HTML parser sees all of them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from scripts.checks.built_site import BuiltSite
from scripts.problems import Problem, error

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
                   "iframe": "src", "audio": "src", "video": "src"}
SKIP_SCHEMES = ("mailto:", "tel:", "data:", "javascript:")


def run(site: BuiltSite) -> list[Problem]:
    checker = _Checker(site)
    findings = []
    for path in site.html_files:
        page_url = "/" + site.relative(path)
        tree = site.tree(path)
        for node in tree.css(", ".join(LINK_ATTRIBUTES)):
            url = (node.attributes.get(LINK_ATTRIBUTES[node.tag]) or "").strip()
            problem = checker.problem(url, page_url)
            if problem:
                findings.append(checker.finding(path, url, problem, node.tag, _in_article(node)))
    findings.extend(_sitemap(site, checker))
    return findings


class _Checker:
    def __init__(self, site: BuiltSite):
        self.site = site
        self.site_url = site.site_url
        self.base_path = urlsplit(self.site_url).path or "/"
        self._site_root = site.site_dir.resolve()
        self._resolved: dict[str, Path | None] = {}     # (every page links the same navigation)

    def problem(self, url: str, page_url: str) -> str | None:
        """Why the link is broken, or None when it resolves."""
        if not url or url.startswith(SKIP_SCHEMES):
            return None
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            if not self.site_url or not url.startswith(self.site_url):
                return None  # external: checked by `python -m scripts.tools.external_links`
            target_path = "/" + url[len(self.site_url):]
        elif url.startswith("/"):
            if not url.startswith(self.base_path):
                return (f"starts with '/' outside the site's path {self.base_path}: it breaks when the site "
                        "is served from a sub-folder (GitHub Pages)")
            target_path = "/" + url[len(self.base_path):]
        else:
            target_path = urljoin(page_url, url)
        target_path, _, fragment = target_path.partition("#")
        target_path = target_path.split("?")[0]
        file = self.resolve(unquote(target_path))
        if file is None:
            return "points to a page or file that does not exist"
        if fragment and file.suffix == ".html" and unquote(fragment) not in ids_of(file):
            return f"points to #{fragment}, which is not on {self.site.relative(file)}"
        return None

    def resolve(self, url_path: str) -> Path | None:
        if url_path not in self._resolved:
            self._resolved[url_path] = self._resolve(url_path)
        return self._resolved[url_path]

    def _resolve(self, url_path: str) -> Path | None:
        relative = PurePosixPath(url_path.lstrip("/"))
        candidate = self.site.site_dir / relative
        if url_path.endswith("/") or url_path == "":
            candidate = candidate / "index.html"
        elif candidate.is_dir():
            candidate = candidate / "index.html"
        try:
            candidate.resolve().relative_to(self._site_root)
        except ValueError:
            return None  # climbs out of the site
        return candidate if candidate.is_file() else None

    def finding(self, path: Path, url: str, problem: str, tag: str, in_article: bool) -> Problem:
        built = f"site/{self.site.relative(path)}"
        if in_article:
            source, line = self.source_of(path, url)
            fix = ("Correct the link in the Markdown, relative to the .md file "
                   "(for example symptoms.md#when-symptoms-happen).")
        else:  # header, navigation, language switcher, <head>: made by the theme and our hooks
            source, line = "", None
            fix = ("This link is made by the theme, the language switcher or a hook: check mkdocs.yml "
                   "(nav, languages), overrides/ and scripts/build/hooks.py.")
        return error("links", f"the link {url} (<{tag}> in {built}) {problem}.", fix,
                     file=source or built, line=line, language=self.site.language_of(path))

    def source_of(self, path: Path, url: str) -> tuple[str, int | None]:
        """The Markdown file a built page came from, and the line that holds the link, if found."""
        made_from = self.site.page_of(path)
        if made_from is None or not self.site.is_translated(*made_from):
            return "", None
        language, page = made_from
        source = self.site.docs_dir / language / page
        target = urlsplit(url)
        needles = [f"#{target.fragment}" if target.fragment else "",
                   PurePosixPath(target.path.rstrip("/")).name if target.path.strip("./") else ""]
        for number, text in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            if any(n and n in text for n in needles):
                return source.relative_to(self.site.root).as_posix(), number
        return source.relative_to(self.site.root).as_posix(), None


def _in_article(node) -> bool:
    while node is not None:
        if node.tag == "article":
            return True
        node = node.parent
    return False


@lru_cache(maxsize=None)
def ids_of(file: Path) -> frozenset[str]:
    text = file.read_text(encoding="utf-8")
    return frozenset(re.findall(r'\b(?:id|name)="([^"]+)"', text))


def _sitemap(site: BuiltSite, checker: _Checker) -> list[Problem]:
    sitemap = site.site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return []
    findings = []
    text = sitemap.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        for url in re.findall(r"<loc>([^<]+)</loc>|href=\"([^\"]+)\"", line):
            url = url[0] or url[1]
            if not url.startswith(checker.site_url):
                findings.append(error("links", f"sitemap.xml lists {url}, which is not under site_url {checker.site_url}.",
                                      "Set site_url (or SITE_URL) to the address the site is served from.",
                                      file="site/sitemap.xml", line=number))
            elif checker.problem(url, "/sitemap.xml"):
                findings.append(error("links", f"sitemap.xml lists {url}, which does not exist in the built site.",
                                      "Rebuild the site; if it persists, report it (the sitemap comes from the i18n plugin).",
                                      file="site/sitemap.xml", line=number))
    return findings
