"""Every built page is valid HTML for the W3C Nu Html Checker (vnu-jar, pinned in
tests/support/node/package-lock.json; ./scripts/run installs it), and the steps that make
Material's markup valid (scripts/build/valid_html.py) are guarded."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.build.valid_html import MarkupChanged, valid_toggles
from tests.conftest import ROOT

VNU = ROOT / "tests/support/node/node_modules/vnu-jar/build/dist/vnu.jar"
# Markup the checker must refuse: Material's check boxes as Material writes them, and a hidden label
# around a form field (how the handout's tick boxes were hidden before).
BROKEN_PAGE = """<!doctype html><html lang="en"><head><title>t</title></head><body>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<label class="task-list-control" aria-hidden="true"><input type="checkbox" disabled></label>
</body></html>"""


@pytest.fixture(scope="module")
def checker_errors(built_site, tmp_path_factory) -> dict[str, list[str]]:
    """{file: [error, …]} for the whole built site and a known-broken page, in one run of the checker."""
    assert VNU.is_file(), f"{VNU} is missing: ./scripts/run installs it with npm (tests/support/node/)"
    assert shutil.which("java"), "java is missing: ./scripts/run installs default-jre-headless"
    broken = tmp_path_factory.mktemp("broken") / "broken.html"
    broken.write_text(BROKEN_PAGE, encoding="utf-8")
    # (-Xss: the checker needs a deep stack; TieredStopAtLevel=1: quick start, enough for one run)
    result = subprocess.run(["java", "-Xss4m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), "--errors-only",
                             "--format", "json", "--skip-non-html", str(built_site), str(broken)],
                            capture_output=True, text=True)
    errors: dict[str, list[str]] = {}
    for message in json.loads(result.stderr)["messages"]:   # (the checker reports on stderr)
        file = Path(message.get("url", "").removeprefix("file:")).as_posix()
        errors.setdefault(file, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors | {"_broken": errors.pop(broken.as_posix(), [])}


def test_every_built_page_is_valid_html(built_site, checker_errors):
    site = {file: found for file, found in checker_errors.items() if file != "_broken"}
    assert site == {}, "\n".join(f"{file} {error}" for file, found in site.items() for error in found[:3])
    assert len(list(built_site.rglob("*.html"))) > 50   # the checker had the whole site to read


def test_the_checker_refuses_what_the_build_fixes(checker_errors):
    found = "\n".join(checker_errors["_broken"])
    assert "Attribute “autocomplete” is only allowed when the input type is" in found
    assert "“aria-hidden” attribute must not be used on any “label” element" in found


MATERIAL_TOGGLES = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
                    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">')


def test_materials_check_boxes_lose_autocomplete():
    fixed = valid_toggles(f"<body>{MATERIAL_TOGGLES}</body>", "/x/")
    assert "autocomplete" not in fixed and fixed.count('type="checkbox"') == 2


def test_changed_material_markup_stops_the_build_with_what_to_do():
    changed = MATERIAL_TOGGLES.replace(' id="__search" autocomplete="off"', ' id="__search"')
    with pytest.raises(MarkupChanged) as error:
        valid_toggles(f"<body>{changed}</body>", "/symptoms/")
    assert "on /symptoms/ are not as expected: 1 of 2 found" in str(error.value)
    assert "update or remove scripts/build/valid_html.py" in str(error.value)


def test_a_page_without_materials_header_is_left_alone():
    assert valid_toggles("<urlset></urlset>", "sitemap.xml") == "<urlset></urlset>"
