"""Everything works with the keyboard alone, and the keyboard focus can always be seen."""

from __future__ import annotations

import pytest

from tests.browser.conftest import CONFIG, DESKTOP, PHONE, page_path
from tests.browser.test_languages_and_search import CONTENT_PAGE, SEARCH_WORDS
from tests.browser.watch import FOCUS_STATE, focus_problems

WIDTHS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=lambda v: f"{v['width']}px")
MAX_TABS = 200


def tab_until(page, selector: str, limit: int = 40) -> int:
    """Press Tab until the focused element matches `selector`; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


@WIDTHS
def test_skip_link_is_the_first_stop_and_skips_to_the_content(open_page, viewport):
    page = open_page(page_path(CONFIG.source_language, CONTENT_PAGE), viewport=viewport).page
    page.keyboard.press("Tab")
    state = page.evaluate(FOCUS_STATE)
    assert state and "md-skip" in state["element"], f"first focus: {state and state['element']}"
    assert focus_problems(state) == []
    target = page.get_attribute(".md-skip", "href")
    assert target.startswith("#")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    heading = page.locator(target)
    assert heading.evaluate("h => h.closest('article') !== null")
    assert heading.is_visible() and heading.bounding_box()["y"] < viewport["height"]


@WIDTHS
@pytest.mark.parametrize("language", [CONFIG.source_language] + sorted(CONFIG.rtl_languages))
def test_focus_is_visible_at_every_stop(open_page, viewport, language):
    page = open_page(page_path(language, CONTENT_PAGE), viewport=viewport).page
    problems, seen = [], set()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None or (state["element"] in seen and "md-skip" in state["element"]):
            break  # back at the start: every stop visited
        seen.add(state["element"])
        problems += focus_problems(state)
    assert len(seen) > 10
    assert problems == [], "\n".join(problems)


@WIDTHS
def test_language_switcher_works_with_the_keyboard_alone(open_page, site_server, viewport):
    opened = open_page(page_path(CONFIG.source_language, CONTENT_PAGE), viewport=viewport)
    page = opened.page
    tab_until(page, ".md-select > button")
    assert page.locator(".md-select__list").is_visible(), "focusing the button does not open the list"
    target = CONFIG.translations[-1]
    tab_until(page, f".md-select__link[hreflang='{target}']", limit=len(CONFIG.codes))
    assert focus_problems(page.evaluate(FOCUS_STATE)) == []
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site_server.url(page_path(target, CONTENT_PAGE))


@WIDTHS
def test_search_works_with_the_keyboard_alone(open_page, site_server, viewport):
    language = CONFIG.source_language
    opened = open_page(page_path(language, CONTENT_PAGE), viewport=viewport)
    page = opened.page
    tab_until(page, ".md-search__input")
    assert focus_problems(page.evaluate(FOCUS_STATE)) == []
    page.keyboard.type(SEARCH_WORDS[language])
    page.wait_for_selector(".md-search-result__item", state="visible")
    page.keyboard.press("ArrowDown")
    state = page.evaluate(FOCUS_STATE)
    assert "md-search-result__link" in state["element"], f"ArrowDown focused {state['element']}"
    assert focus_problems(state) == []
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.status == 200
    assert page.url.startswith(site_server.url(page_path(language)))
