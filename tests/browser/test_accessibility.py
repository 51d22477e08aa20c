"""axe-core finds nothing on any page, at desktop and phone width; the keyboard alone works."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SITE_PAGES
from tests.browser.watch import describe_violations

NOT_FOUND = "this-page-does-not-exist/"


@pytest.mark.parametrize("path", SITE_PAGES + [NOT_FOUND], ids=lambda path: path or "/")
def test_no_axe_violations_at_desktop_and_phone_width(audit, path):
    result = audit(path, expected_errors=[NOT_FOUND])
    assert not result.axe_desktop, "at 1280 px:\n" + describe_violations(result.axe_desktop)
    assert not result.axe_phone, "at 375 px:\n" + describe_violations(result.axe_phone)
