"""Browser tests: the built site served like GitHub Pages, driven in Debian's Chromium.

    ./scripts/run python -m pytest tests/browser -q

One browser for the whole session (per worker process). Most tests get a new page in one shared
browser context, with the site's stored data wiped first (`open_page`): a new context per test
cost twice the browser's work. Tests about a first, cold visit get a context of their own
(`open_cold_page`). The per-page audit (loading + axe on every page) reuses one page. The site
is the session fixture `built_site` (tests/conftest.py), the real strict build;
BROWSER_TESTS_SITE=site reuses an existing build.
Screenshots go to test-output/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from scripts.config.pages import url_path
from scripts.config.site import SiteConfig
from scripts.tools.browser import CHROMIUM, CHROMIUM_ARGS, missing_browser_message
from scripts.tools.static_server import SiteServer
from tests.browser.watch import PageWatch, axe_violations, forget_site_data, other_hosts_blocked
from tests.conftest import ROOT

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
# Where the tests write what a person should look at (git-ignored: /test-output/).
OUTPUT_DIR = ROOT / "test-output"

CONFIG = SiteConfig()
# The site lives under a sub-path, as on GitHub Pages (https://<user>.github.io/<repo>/).
PREFIX = urlsplit(CONFIG.site_url).path or "/"


def page_path(language: str, page: str = "index.md") -> str:
    """Path of a page below the site root: ('es', 'symptoms.md') -> 'es/symptoms/'."""
    return url_path(language, page, CONFIG.source_language)


# Every page in every language, from mkdocs.yml (test_pages checks the build has exactly these),
# with the language of its text: a page not translated yet is the English page, marked lang="en".
PAGE_LANGUAGES = {
    page_path(code, page): CONFIG.language_shown(code, page)
    for code in CONFIG.codes for page in CONFIG.pages
}
SITE_PAGES = list(PAGE_LANGUAGES)


@pytest.fixture(scope="session")
def browser_site(request) -> Path:
    """The site the browser tests open: the real strict build (`built_site`), or, to re-run only
    the browser tests quickly after `./scripts/run build`, the folder in BROWSER_TESTS_SITE (site)."""
    prebuilt = os.environ.get("BROWSER_TESTS_SITE")
    if prebuilt:
        return Path(prebuilt).resolve()
    return request.getfixturevalue("built_site")


@pytest.fixture(scope="session")
def site_server(browser_site):
    with SiteServer(browser_site, PREFIX) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        pytest.fail(missing_browser_message())
    # A port that refuses connections (bound, never listening): the browser's proxy for every
    # host but the test server, so that a request to another host fails at once (watch.py).
    with socket.socket() as refusing, sync_playwright() as playwright:
        refusing.bind(("127.0.0.1", 0))
        args = CHROMIUM_ARGS + other_hosts_blocked(refusing.getsockname()[1])
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args, headless=True)
        yield browser
        browser.close()


@dataclass
class OpenPage:
    page: object
    watch: PageWatch


def _page_opener(site_server, new_page):
    """open_(path, viewport, expected_errors) -> OpenPage on a page from new_page(viewport)."""
    def open_(path: str | None = "", viewport: dict = DESKTOP, expected_errors=()) -> OpenPage:
        page = new_page(viewport)
        watch = PageWatch(site_server.origin, {site_server.url(p) for p in expected_errors}).attach(page)
        if path is not None:
            page.goto(site_server.url(path))
        return OpenPage(page, watch)
    return open_


@pytest.fixture(scope="session")
def shared_context(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


@pytest.fixture
def open_page(shared_context, site_server):
    """open_page(path, viewport=DESKTOP) -> OpenPage: a new page, watched, on site path `path`
    (None: a blank page), in the shared context with the site's stored data wiped (its HTTP
    cache stays warm). Requests to any other host are recorded and fail."""
    pages = []

    def new_page(viewport: dict):
        page = shared_context.new_page()
        pages.append(page)
        forget_site_data(page, site_server.origin)
        page.set_viewport_size(viewport)
        return page

    yield _page_opener(site_server, new_page)
    for page in pages:
        page.close()


@pytest.fixture
def open_cold_page(browser, site_server):
    """Like open_page, but in a browser context of its own: empty cache, nothing stored."""
    contexts = []

    def new_page(viewport: dict):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        return context.new_page()

    yield _page_opener(site_server, new_page)
    for context in contexts:
        context.close()


@dataclass
class PageAudit:
    status: int
    lang: str
    problems: list[str]         # console errors, failed requests, requests to other hosts
    axe_desktop: list[dict]
    axe_phone: list[dict]


@pytest.fixture(scope="session")
def audit(browser, site_server):
    """audit(path) -> PageAudit. Each page is opened once and checked for both the loading test
    and the accessibility test: axe at desktop width, then at phone width on the same page.
    One page object is reused for all of them (a new context per page costs more than the checks)."""
    done: dict[str, PageAudit] = {}
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    watch = PageWatch(site_server.origin).attach(page)

    def audit_(path: str, expected_errors=()) -> PageAudit:
        if path not in done:
            watch.reset()
            watch.expected_errors = {site_server.url(p) for p in expected_errors}
            page.set_viewport_size(DESKTOP)
            response = page.goto(site_server.url(path))
            desktop = axe_violations(page)
            page.set_viewport_size(PHONE)
            phone = axe_violations(page)
            page.wait_for_load_state("networkidle")  # late failures are in (by now, after axe, at once)
            done[path] = PageAudit(response.status, page.get_attribute("html", "lang"),
                                   watch.problems(), desktop, phone)
            page.goto("about:blank")  # nothing of this page can be blamed on the next one
        return done[path]

    yield audit_
    context.close()
