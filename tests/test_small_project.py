"""The cut-down copy that the negative cases break (tests/support/small_project.py) builds
cleanly: no warning at all, in every language it keeps. So when a negative case fails the
build, the failure comes from that case's own mutation."""

from tests.helpers import MATERIAL_CSS
from tests.support.inprocess import build_in_process
from tests.support.small_project import SMALL_PAGES


def test_the_clean_small_project_builds_in_every_language_without_a_warning(small_project):
    # (and its theme's files are all there: the in-process build lists the installed theme's
    # once per test process, the project's overrides/ at every build, tests/support/inprocess.py)
    (small_project.path / "overrides" / "added-by-the-test.txt").write_text("a file of the theme")
    result = build_in_process(small_project.path, languages=("en", "es", "fr", "de", "ar", "zh"), trim_css=True)
    assert result.ok, result.text
    assert result.messages == []
    site = small_project.path / "site"
    main_css = next(site.glob("assets/stylesheets/main.*.min.css"))       # trimmed, as on the real site
    assert len(main_css.read_text()) < 0.7 * len((MATERIAL_CSS / main_css.name).read_text())
    assert (site / "added-by-the-test.txt").read_text() == "a file of the theme"
    assert sorted(site.glob("assets/javascripts/bundle.*.min.js")) and (site / "assets/images/favicon.svg").is_file()
    for prefix in ("", "es/", "fr/", "de/", "ar/", "zh/"):
        for page in SMALL_PAGES:
            stem = "" if page == "index.md" else page.removesuffix(".md") + "/"
            assert (small_project.path / "site" / prefix / stem / "index.html").is_file(), prefix + stem


def test_the_small_project_keeps_each_translation_state(small_project):
    from scripts.translations.state import all_states
    from tests.conftest import ROOT
    codes = ["en", "es", "fr", "de", "ar", "zh"]
    real = {(s.language, s.page): (s.status, s.problems) for s in all_states(ROOT, ROOT / "docs", codes, list(SMALL_PAGES))}
    small = {(s.language, s.page): (s.status, s.problems)
             for s in all_states(small_project.path, small_project.path / "docs", codes, list(SMALL_PAGES))}
    assert small == real
