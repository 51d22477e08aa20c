"""A first visit stays light (everything a fresh browser fetches, gzip -9, until the network is
idle), search loads only when the reader opens it, and then works at once in every language."""

from __future__ import annotations

import gzip
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import CONFIG, DESKTOP, PHONE, page_path
from tests.browser.test_languages_and_search import SEARCH_WORDS, result_problems, search
from tests.browser.watch import LOCAL_SCHEMES, is_allowed

BUDGET = 64_000          # bytes, gzip -9 of every response (1 KB = 1000 bytes)
BUDGET_LANGUAGES = ("en", "ar", "zh")
BUDGET_PAGES = ("index.md", "symptoms.md")
SEARCH_FILES = ("/assets/javascripts/workers/search.", "/search/search_index.json")


def first_visit(browser, server, path: str, viewport: dict = PHONE) -> dict[str, int]:
    """{path below the server: gzip -9 size of the body} of every same-origin response a fresh
    browser (empty cache) gets for `path` until the network is idle: the page, its style sheets,
    scripts, images, workers and whatever they fetch."""
    context = browser.new_context(viewport=viewport)
    try:
        responses = []
        context.on("response", lambda response: responses.append(response))
        page = context.new_page()
        page.goto(server.url(path), wait_until="networkidle")
        sizes = {}
        for response in responses:
            if response.url.startswith(LOCAL_SCHEMES) or not is_allowed(response.url, server.origin):
                continue
            body = response.body() if response.status < 300 or response.status >= 400 else b""
            sizes[urlsplit(response.url).path] = len(gzip.compress(body, compresslevel=9))
        return sizes
    finally:
        context.close()


def search_requests(paths) -> list[str]:
    return [path for path in paths if any(part in path for part in SEARCH_FILES)]


@pytest.mark.parametrize("language", BUDGET_LANGUAGES)
@pytest.mark.parametrize("page", BUDGET_PAGES)
def test_a_first_visit_is_at_most_64_kb_gzip(browser, site_server, language, page):
    sizes = first_visit(browser, site_server, page_path(language, page))
    listing = "\n".join(f"{size:7} {path}" for path, size in sorted(sizes.items(), key=lambda item: -item[1]))
    assert search_requests(sizes) == [], f"search loaded before anyone searched:\n{listing}"
    assert sum(sizes.values()) <= BUDGET, f"first visit {sum(sizes.values())} bytes > {BUDGET}:\n{listing}"


# Every language with the desktop search box; the phone's magnifier button in three of them.
# (This is also the test that search finds pages of the reader's language only.)
COLD_SEARCHES = ([pytest.param(code, DESKTOP, id=f"{code}-desktop") for code in CONFIG.codes]
                 + [pytest.param(code, PHONE, id=f"{code}-phone") for code in BUDGET_LANGUAGES])


@pytest.mark.parametrize(("language", "viewport"), COLD_SEARCHES)
def test_the_first_search_after_a_cold_load_finds_pages(open_cold_page, site_server, language, viewport):
    assert language in SEARCH_WORDS, f"add a word that the {language} pages use to SEARCH_WORDS"
    opened = open_cold_page(None, viewport=viewport)
    page, requested = opened.page, []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(site_server.url(page_path(language, "symptoms.md")))
    opened.watch.wait_until_answered(page)      # (whatever the page loads by itself has started)
    assert search_requests(requested) == [], "search loaded before the reader opened it"

    if viewport is PHONE:
        page.click("label.md-header__button[for=__search]")   # the magnifier in the header
        page.keyboard.type(SEARCH_WORDS[language])
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item", state="attached")
        links = page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")
    else:
        links = search(page, SEARCH_WORDS[language])
    home = site_server.url(page_path(language))
    others = [site_server.url(page_path(code)) for code in CONFIG.translations if code != language]
    assert result_problems(page, links, home, others) == []
    index = [path for path in requested if path.endswith("search_index.json")]
    assert len(index) == 1 and index[0].endswith(f"/{page_path(language)}search/search_index.json"), requested
    assert not opened.watch.problems(), "\n".join(opened.watch.problems())


def test_a_page_opened_from_a_search_result_highlights_the_word(open_page, site_server):
    # Material's search.highlight: result links carry ?h=<words>; the page marks them.
    opened = open_page(page_path(CONFIG.source_language, "symptoms.md") + "?h=foot")
    opened.page.wait_for_selector("article [data-md-highlight]", state="attached")
    assert "foot" in opened.page.inner_text("article [data-md-highlight]").lower()
    assert not opened.watch.problems(), "\n".join(opened.watch.problems())
