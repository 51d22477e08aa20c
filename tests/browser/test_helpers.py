"""The helpers the browser tests rely on report problems when there are some (so a passing
browser test means something), and the test server behaves like GitHub Pages."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from tests.browser.conftest import PREFIX
from tests.browser.test_languages_and_search import result_problems
from tests.browser.watch import FOCUS_STATE, PARSE_EACH_COLOUR_ONCE, axe_violations, focus_problems


def test_a_request_to_another_host_is_reported(open_page):
    opened = open_page(None)
    opened.page.set_content('<html lang="en"><title>t</title><img src="http://example.invalid/x.png" alt="x">')
    opened.page.evaluate("fetch('https://api.example.invalid/data').catch(() => null)")
    opened.watch.wait_until_answered(opened.page)
    assert "http://example.invalid/x.png" in opened.watch.foreign_requests
    assert "https://api.example.invalid/data" in opened.watch.foreign_requests
    assert any("request to another host: http://example.invalid/x.png" == p for p in opened.watch.problems())


def test_a_request_to_another_host_fails_at_once_at_the_refusing_proxy(open_page):
    # 192.0.2.1 is a documentation address: without the block, the browser would try to reach it.
    opened = open_page(None)
    opened.page.evaluate("() => { fetch('http://192.0.2.1/data').catch(() => null); }")
    opened.watch.wait_until_answered(opened.page, timeout_s=5)
    assert opened.watch.foreign_requests == ["http://192.0.2.1/data"]
    assert opened.watch.failed_requests == ["http://192.0.2.1/data (net::ERR_PROXY_CONNECTION_FAILED)"]


def test_each_page_starts_with_nothing_stored_by_the_site(open_page):
    first = open_page("").page
    first.evaluate("() => { localStorage.setItem('left-over', '1'); document.cookie = 'left-over=1'; }")
    assert first.evaluate("localStorage.getItem('left-over')") == "1"
    second = open_page("").page          # the same browser context, as the next test gets it
    assert second.evaluate("[localStorage.getItem('left-over'), document.cookie]") == [None, ""]


def test_a_console_error_and_a_missing_file_are_reported(open_page, site_server):
    opened = open_page("")
    opened.page.evaluate("console.error('something broke')")
    opened.page.evaluate("fetch('no-such-file.json')")
    opened.watch.wait_until_answered(opened.page)
    problems = "\n".join(opened.watch.problems())
    assert "console error: something broke" in problems
    assert f"failed request: {site_server.url('no-such-file.json')} (HTTP 404)" in problems


def test_a_request_still_open_is_waited_for_and_its_failure_reported(open_page, site_server):
    opened = open_page("")
    # A fetch a script starts and does not wait for (evaluate returns before it is answered).
    opened.page.evaluate("() => { fetch('late-missing-file.json'); }")
    opened.watch.wait_until_answered(opened.page)
    assert f"failed request: {site_server.url('late-missing-file.json')} (HTTP 404)" in opened.watch.problems()
    assert not opened.watch.in_flight


def test_axe_reports_an_unlabelled_button_and_checkbox(open_page):
    page = open_page(None).page
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
                     '<button></button><label><input type="checkbox" disabled></label></main></body></html>')
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"button-name", "label"} <= found


def test_axe_reports_low_contrast_text_beside_the_same_colours_at_a_good_contrast(open_page):
    # Each colour is parsed once per page (watch.py): the same grey, on white and on black, is
    # still judged by what is behind each text.
    page = open_page(None).page
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
                     '<p style="color: rgb(170, 170, 170); background: rgb(255, 255, 255)">Pale grey on white</p>'
                     '<p style="color: rgb(170, 170, 170); background: rgb(0, 0, 0)">Pale grey on black</p>'
                     '<p style="color: rgb(170, 170, 170); background: rgb(255, 255, 255)">Pale grey again</p>'
                     '</main></body></html>')
    contrast = [violation for violation in axe_violations(page) if violation["id"] == "color-contrast"]
    assert [node["target"] for node in contrast[0]["nodes"]] == [["p:nth-child(2)"], ["p:nth-child(4)"]]


def test_the_colour_memo_stops_when_axe_no_longer_has_its_colour_parser(open_page):
    page = open_page(None).page
    page.evaluate("window.axe = {commons: {color: {}}}")
    with pytest.raises(Exception, match="parseString is gone: update tests/browser/watch.py"):
        page.evaluate(PARSE_EACH_COLOUR_ONCE)


def test_axe_passes_a_clean_page(open_page):
    page = open_page(None).page
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
                     '<button>Send</button></main></body></html>')
    assert axe_violations(page) == []


def test_focus_without_outline_or_off_screen_is_reported(open_page):
    page = open_page(None).page
    page.set_content('<html lang="en"><title>t</title><style>a:focus { outline: none }'
                     '.away { position: absolute; left: -500px }</style>'
                     '<a href="#1">one</a> <a href="#2" class="away" style="outline: 3px solid">two</a>'
                     '<a href="#3" style="outline: 3px solid">three</a>')
    page.keyboard.press("Tab")
    assert any("no outline" in p for p in focus_problems(page.evaluate(FOCUS_STATE)))
    page.keyboard.press("Tab")
    assert any("off screen" in p for p in focus_problems(page.evaluate(FOCUS_STATE)))
    page.keyboard.press("Tab")
    assert focus_problems(page.evaluate(FOCUS_STATE)) == []


def test_search_results_elsewhere_twice_or_with_broken_highlighting_are_reported(open_page):
    page = open_page(None).page
    home, other = "http://127.0.0.1/site/fr/", "http://127.0.0.1/site/de/"
    page.set_content('<ol><li class="md-search-result"><mark><b>mot</b></mark></li></ol>')
    problems = result_problems(page, [home + "a/", other + "b/", home + "a/"], home, [other])
    assert problems == [f"results outside the reader's language: {[other + 'b/']}",
                        f"the same result is listed more than once (a page is twice in the index): {[home + 'a/']}",
                        "highlighted words in the results contain broken markup (Material does this "
                        "when a section is in the language's search index twice)"]
    assert result_problems(page, [], home, [other])[0] == "no search results"
    page.set_content('<ol><li class="md-search-result"><mark>mot</mark></li></ol>')
    assert result_problems(page, [home + "a/", home + "b/"], home, [other]) == []


def get(url: str) -> tuple[int, str, str]:
    """(status, Location header, body) without following redirects."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=10) as response:
            return response.status, response.headers.get("Location", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", ""), error.read().decode()


def test_server_serves_the_site_under_its_sub_path_like_github_pages(site_server):
    assert PREFIX.startswith("/") and PREFIX.endswith("/")
    status, _, body = get(site_server.base_url)
    assert status == 200 and "<html" in body
    status, location, _ = get(site_server.url("symptoms"))
    assert status == 301 and location.endswith(PREFIX + "symptoms/")
    not_found = get(site_server.url("no-such-page/"))
    assert not_found[0] == 404 and "<html" in not_found[2]
    if PREFIX != "/":
        assert get(site_server.origin + "/index.html")[0] == 404  # nothing outside the sub-path
    assert get(site_server.url("../../../../etc/passwd"))[0] == 404
    assert get(site_server.url("%2e%2e/%2e%2e/etc/passwd"))[0] == 404
