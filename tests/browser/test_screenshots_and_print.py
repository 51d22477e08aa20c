"""Screenshots of each kind of page for a person to look at, with the checks a designer would
make on them; and what a page looks like on paper."""

from __future__ import annotations

import re
import shutil
import struct

import pytest

from tests.browser.conftest import CONFIG, DESKTOP, OUTPUT_DIR, PHONE, page_path

SCREENSHOTS = OUTPUT_DIR / "screenshots"
MISSING = "no-such-page/"

# One page of each kind (the handout page is named in mkdocs.yml, extra.handout.page); None: an
# unknown address in the language's folder, which shows the site's one (English) 404 page.
PAGE_KINDS = {
    "home": "index.md",
    "content": "symptoms.md",
    "handout": CONFIG.options.handout.page,
    "languages": "languages.md",
    "404": None,
}
LANGUAGES = [CONFIG.source_language] + sorted(CONFIG.rtl_languages)


def kind_path(kind: str, language: str) -> str:
    page = PAGE_KINDS[kind]
    return page_path(language, page) if page else page_path(language) + MISSING


@pytest.fixture(scope="module")
def screenshots():
    """An empty test-output/screenshots/, so that every picture there is from this run."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=lambda v: f"{v['width']}px")
@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_screenshot(open_page, site_server, screenshots, language, kind, viewport):
    """test-output/screenshots/<language>-<kind>-<width>.png, and what a designer checks first."""
    assert PAGE_KINDS[kind] is None or PAGE_KINDS[kind] in CONFIG.pages
    path = kind_path(kind, language)
    page = open_page(None, viewport=viewport).page
    page.goto(site_server.url(path))
    page.evaluate("document.fonts.ready")
    target = screenshots / f"{language}-{kind}-{viewport['width']}.png"
    target.write_bytes(page.screenshot(full_page=True, animations="disabled"))
    assert png_size(target.read_bytes())[0] == viewport["width"]

    # Nothing sticks out sideways: no horizontal scrolling on a phone.
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the screen"
    # The page's title is on the first screen, without scrolling.
    title = page.locator("article h1").bounding_box()
    assert title and title["y"] + title["height"] <= viewport["height"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_printed_page_has_content_review_line_and_address_only(open_page, screenshots, language):
    path = kind_path("content", language)
    page = open_page(path, viewport={"width": 794, "height": 1123}).page  # A4 at 96 dpi
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search",
                   ".md-footer", ".md-skip", ".md-top"):
        assert page.locator(chrome).evaluate_all(
            "nodes => nodes.every(n => !n.checkVisibility())"), f"{chrome} is printed"
    assert page.locator("article h1").is_visible()
    assert page.locator(".review-line").is_visible()
    address = page.locator(".print-url")
    assert address.is_visible()
    assert CONFIG.site_url + path in address.inner_text()
    # The printed text uses the width of the paper, not a column beside a missing sidebar.
    article = page.locator("article").bounding_box()
    assert article["width"] >= 0.8 * 794
    page.screenshot(path=screenshots / f"{language}-content-print.png", full_page=True)
    # On screen the address is not shown (it is for paper only).
    page.emulate_media(media="screen")
    assert not address.is_visible()


def _page_width_before_the_script(browser, site_server, path: str, drop: re.Pattern | None = None) -> int:
    """How wide a phone lays the page out before Material's script has run (scripts off), with
    the rules matching `drop` taken out of extra.css. A phone (is_mobile) widens its layout to fit
    anything that sticks out, which then shifts the page when the script runs."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, java_script_enabled=False)
    dropped = []
    try:
        if drop:
            def drop_rule(route):
                css, count = drop.subn("", route.fetch().text())
                dropped.append(count)
                route.fulfill(body=css, content_type="text/css")
            context.route("**/extra.css", drop_rule)
        page = context.new_page()
        page.goto(site_server.url(path), wait_until="load")
        assert not drop or dropped == [1], f"extra.css has no rule matching {drop.pattern}"
        return page.evaluate("innerWidth")
    finally:
        context.close()


HEADER_CLIP = re.compile(r"\.md-header\{overflow-x:\s*clip;?\}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_sticks_out_sideways_before_the_script_runs(browser, site_server, language):
    path = kind_path("home", language)
    assert _page_width_before_the_script(browser, site_server, path) == PHONE["width"]
    # Without the header's clip, the hidden list of languages widens the page: the check can fail.
    assert _page_width_before_the_script(browser, site_server, path, drop=HEADER_CLIP) > PHONE["width"]
