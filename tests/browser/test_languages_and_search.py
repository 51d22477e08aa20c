"""The language switcher keeps the reader on the same page, Arabic reads right to left; and the
helpers to search and to judge the results (the searches themselves, in every language, are
test_first_visit.py's first search after a cold load)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import CONFIG, DESKTOP, PAGE_LANGUAGES, page_path

CONTENT_PAGE = "symptoms.md"

# A word each language's pages use (a new language needs one here: the test says so).
SEARCH_WORDS = {
    "en": "symptoms",
    "es": "síntomas",
    "fr": "symptômes",
    "de": "Beschwerden",
    "ar": "القدم",
    "zh": "症状",
}


def open_switcher_and_choose(page, language: str) -> None:
    page.click(".md-select > button")  # focus opens the list (Material: :focus-within)
    page.click(f".md-select__link[hreflang='{language}']")


def test_language_switcher_lands_on_the_same_page_in_every_language(open_page, site_server):
    assert CONTENT_PAGE in CONFIG.pages
    opened = open_page(page_path(CONFIG.source_language, CONTENT_PAGE))
    page = opened.page
    # en -> es -> fr -> … -> en: every language is chosen once, from another language's page.
    for language in CONFIG.translations + [CONFIG.source_language]:
        with page.expect_navigation() as navigation:
            open_switcher_and_choose(page, language)
        assert navigation.value.status == 200
        path = page_path(language, CONTENT_PAGE)
        assert page.url == site_server.url(path)
        assert page.get_attribute("html", "lang") == PAGE_LANGUAGES[path]


@pytest.mark.parametrize("language", sorted(CONFIG.rtl_languages) or ["(none)"])
def test_right_to_left_language_is_laid_out_right_to_left(open_page, language):
    if language == "(none)":
        pytest.skip("no right-to-left language in mkdocs.yml")
    layouts = {}
    for code in (CONFIG.source_language, language):
        page = open_page(page_path(code, CONTENT_PAGE), viewport=DESKTOP).page
        layouts[code] = {
            "dir": page.get_attribute("body", "dir"),
            "nav": page.locator(".md-sidebar--primary").bounding_box(),
            "content": page.locator(".md-content").bounding_box(),
            "text": page.locator("article h1").evaluate("h => getComputedStyle(h).direction"),
        }
    ltr, rtl = layouts[CONFIG.source_language], layouts[language]
    assert ltr["dir"] == "ltr" and rtl["dir"] == "rtl"
    assert rtl["text"] == "rtl"
    # The navigation sidebar is left of the text in English and right of it in Arabic.
    assert ltr["nav"]["x"] + ltr["nav"]["width"] <= ltr["content"]["x"]
    assert rtl["nav"]["x"] >= rtl["content"]["x"] + rtl["content"]["width"]


def search(page, word: str) -> list[str]:
    """Type `word` into the header's search box; the result links (absolute URLs)."""
    page.click(".md-search__input")
    page.keyboard.type(word)
    # Characters that are not on a US keyboard are inserted without key events; a real
    # keyboard sends them, and Material's search listens for them: press one.
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", state="attached")
    return page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")


def result_problems(page, links: list[str], home: str, others: list[str]) -> list[str]:
    """What is wrong with the search results `links` (absolute URLs) of a reader whose language's
    pages are under `home`: results elsewhere, a result twice, highlighting that broke the markup."""
    problems = []
    if not links:
        problems.append("no search results")
    outside = [link for link in links if not link.startswith(home)
               or any(link.startswith(other) for other in others)]
    if outside:
        problems.append(f"results outside the reader's language: {outside}")
    duplicates = sorted({link for link in links if links.count(link) > 1})
    if duplicates:
        problems.append(f"the same result is listed more than once (a page is twice in the index): {duplicates}")
    if page.locator(".md-search-result mark *").count():
        problems.append("highlighted words in the results contain broken markup (Material does this "
                        "when a section is in the language's search index twice)")
    return problems
