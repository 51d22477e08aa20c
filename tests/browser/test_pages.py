"""Every page in every language loads in a real browser, cleanly and without leaking requests."""

from __future__ import annotations

import pytest

from tests.browser.conftest import CONFIG, PAGE_LANGUAGES, SITE_PAGES


def test_the_build_has_exactly_the_pages_of_mkdocs_yml(browser_site):
    folders = (path.parent.relative_to(browser_site).as_posix() for path in browser_site.rglob("index.html"))
    built = sorted("" if folder == "." else folder + "/" for folder in folders)
    assert built == sorted(SITE_PAGES), "the browser tests would miss (or expect) these pages"
    assert len(SITE_PAGES) == len(CONFIG.codes) * len(CONFIG.pages)


@pytest.mark.parametrize("path", SITE_PAGES, ids=lambda path: path or "/")
def test_page_loads_cleanly(audit, path):
    result = audit(path)
    assert result.status == 200
    assert result.lang == PAGE_LANGUAGES[path]
    assert not result.problems, "\n".join(result.problems)
