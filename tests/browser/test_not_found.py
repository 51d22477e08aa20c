"""An unknown address under the site shows the English 404 page, and its links work."""

from __future__ import annotations

from scripts.sources import strings as site_strings
from tests.browser.conftest import CONFIG, page_path

# Deeper than any real page: the 404 page's links must work from any depth.
MISSING = "no/such/page/"


def test_unknown_address_shows_the_404_page_in_the_source_language(open_page, site_server):
    opened = open_page(None)
    page = opened.page
    opened.watch.expected_errors = {site_server.url(MISSING)}
    response = page.goto(site_server.url(MISSING))
    assert response.status == 404
    assert page.get_attribute("html", "lang") == CONFIG.source_language
    strings = site_strings.load(CONFIG.source_language)
    assert page.locator("article h1").inner_text() == strings["not_found_title"]
    opened.watch.wait_until_answered(page)
    assert opened.watch.problems() == []

    # Every link to the site from this page works (header, navigation, switcher, home link).
    links = sorted(set(page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")))
    local = [link.split("#")[0] for link in links if link.startswith(site_server.base_url)]
    assert len(local) >= len(CONFIG.pages)
    broken = [link for link in local if page.request.get(link).status != 200]
    assert broken == []

    # The language switcher offers each language's home page.
    switcher = dict(page.eval_on_selector_all(
        ".md-select__link", "links => links.map(a => [a.hreflang, a.href])"))
    assert {code: site_server.url(page_path(code)) for code in CONFIG.codes} == {
        code: href for code, href in switcher.items()}

    with page.expect_navigation() as navigation:
        page.get_by_role("link", name=strings["not_found_home"]).click()
    assert navigation.value.status == 200
    assert page.url == site_server.url(page_path(CONFIG.source_language))
