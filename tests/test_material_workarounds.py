"""The patch to Material's JavaScript that stops sitemap requests for hreflang links."""

import pytest

from scripts.build.material_workarounds import PATCHED, SELECTOR, WorkaroundError, stop_alternate_sitemap_requests


def test_built_bundle_is_patched(built_site):
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js")).read_text()
    assert PATCHED in bundle and SELECTOR not in bundle


def test_patch_replaces_the_selector_once(tmp_path):
    folder = tmp_path / "assets" / "javascripts"
    folder.mkdir(parents=True)
    (folder / "bundle.abc.min.js").write_text(f"a;{SELECTOR};b")
    stop_alternate_sitemap_requests(tmp_path)
    assert (folder / "bundle.abc.min.js").read_text() == f"a;{PATCHED};b"


def test_a_changed_material_bundle_fails_loudly(tmp_path):
    folder = tmp_path / "assets" / "javascripts"
    folder.mkdir(parents=True)
    (folder / "bundle.abc.min.js").write_text("code without the selector")
    with pytest.raises(WorkaroundError, match="#6582"):
        stop_alternate_sitemap_requests(tmp_path)
