"""Material's bundle loads with `defer` on every page (scripts/build/deferred_script.py), and the
step stops the build when Material's script markup is not what it was written for."""

from __future__ import annotations

import re

import pytest

from scripts.build.deferred_script import BundleMarkupChanged, defer_bundle

HEADER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
BUNDLE = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'


def page(*tail: str) -> str:
    return f'<body>{HEADER}<script id="__config" type="application/json">{{}}</script>{"".join(tail)}</body>'


def test_the_bundle_gets_defer_and_nothing_else_changes():
    assert defer_bundle(page(BUNDLE), "/x/") == page(
        '<script defer src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>')


def test_a_page_without_materials_header_is_left_alone():
    assert defer_bundle("<urlset></urlset>", "sitemap.xml") == "<urlset></urlset>"


@pytest.mark.parametrize("html,message", [
    (page(), "found it 0 times"),
    (page(BUNDLE, BUNDLE), "found it 2 times"),
    (page('<script src="../assets/javascripts/app.min.js"></script>'), "found it 0 times"),
    (page(BUNDLE, '<script src="../js/extra.js"></script>'), 'a script comes after Material\'s bundle (<script src="../js/extra.js">)'),
])
def test_markup_it_was_not_written_for_stops_the_build_with_the_page_and_the_fix(html, message):
    with pytest.raises(BundleMarkupChanged) as error:
        defer_bundle(html, "/symptoms/")
    text = str(error.value)
    assert "/symptoms/" in text and message in text
    assert "scripts/build/deferred_script.py" in text


def test_every_built_page_defers_the_bundle_and_runs_no_script_after_it(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 60
    for path in pages:
        html = path.read_text(encoding="utf-8")
        tags = re.findall(r"<script\b[^>]*>", html)
        bundle = [tag for tag in tags if "assets/javascripts/bundle." in tag]
        assert len(bundle) == 1 and " defer " in bundle[0], (path, bundle)
        assert tags[-1] == bundle[0], (path, tags[-1])
