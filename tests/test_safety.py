"""Nothing a contributor writes can run code, redirect readers, hide the site's warnings, or make
the build read or fetch files. Each test feeds one hostile or broken input to the real build
(in-process, English and French, no PDFs, on the cut-down project) or command, and asserts the
message it gives."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ProjectCopy
from tests.helpers import MATERIAL_CSS
from tests.support.inprocess import build_in_process
from tests.support.small_project import copies_of_page

FR_PAGE = "docs/fr/symptoms.md"
FR_HEADING = "## Les signes à surveiller { #signs-to-look-for }"


@pytest.fixture
def tiny(small_project):
    """The cut-down project (tests/support/small_project.py): it keeps the pages broken here."""
    return small_project


def failed(project, **kwargs) -> str:
    result = build_in_process(project.path, **kwargs)
    assert not result.ok, "the build should have failed:\n" + result.text
    assert "Traceback" not in result.text
    return result.text


def line_of(project, relative: str, needle: str) -> int:
    lines = project.file(relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def test_the_cut_down_clean_site_builds(tiny):
    result = build_in_process(tiny.path)
    assert result.ok, result.text
    # The negative cases' builds leave Material's style sheets as they are (extra.trim_css off).
    main_css = next((tiny.path / "site").glob("assets/stylesheets/main.*.min.css"))
    assert main_css.read_text() == (MATERIAL_CSS / main_css.name).read_text()


# --- Content: the allow-list on the built HTML ------------------------------------------------

# Each case is a warning (strict mode collects them and fails at the end), so they share one
# build: each in a page of its own, a copy of the French symptoms page, so that no case can
# hide another's message. Each test still asserts its own message at its own file and line.
CONTENT_CASES = [
    ('Texte.\n{: data-fact="x" onmouseover="alert(1)" }', 'the attribute onmouseover="alert(1)" on <p>'),
    ('<img src="../assets/images/favicon.svg" alt="x"\n     onload="alert(1)">', 'the attribute onload="alert(1)" on <img>'),
    ('[Plus](javascript:alert(1))', "a javascript: link (javascript:alert(1))"),
    ('[Plus](vbscript:msgbox)', "a vbscript: link"),
    ('[Plus](data:text/html;base64,PHNjcmlwdD4=)', "a data: link"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "a <meta> element"),
    ('<base href="https://evil.example/">', "a <base> element"),
    ('<style>.disclaimer,.review-line,.translation-notice{display:none}</style>', "a <style> element"),
    ('<p style="display:none">x</p>', 'the attribute style="display:none" on <p>'),
    ('<p style="background-image:url(https://tracker.example/p.gif)">x</p>', "the attribute style="),
    ('<img src="../assets/images/favicon.svg" srcset="https://tracker.example/a.png 2x" alt="x">',
     'the attribute srcset="https://tracker.example/a.png 2x" on <img>'),
    ('<svg><image href="https://tracker.example/a.png"/></svg>', "a <svg> element"),
    ('<video poster="https://tracker.example/a.png"></video>', "a <video> element"),
    ('<form action="https://evil.example"><input name="q"></form>', "a <form> element"),
    ('<object data="x.swf"></object>', "a <object> element"),
    ('<embed src="x.swf">', "a <embed> element"),
    ('<iframe src="https://evil.example"></iframe>', "a <iframe> element"),
    ('<script>alert(1)</script>', "a <script> element"),
    ('![x](https://tracker.example/pixel.png)', "an image loaded from another address"),
    ('Voir [la page][ref].\n\n[ref]: http://example.org/page', "an http:// link (http://example.org/page)"),
    ('<p class="md-banner">x</p>', "the class 'md-banner' on <p>"),
    ('<p hidden>x</p>', 'the attribute hidden="" on <p>'),
]


@pytest.fixture(scope="module")
def content_cases_built(tmp_path_factory, small_project_source):
    """The cut-down project with CONTENT_CASES in docs/fr/case-NN.md, and its build output."""
    project = ProjectCopy(tmp_path_factory.mktemp("content-cases") / "project", small_project_source)
    pages = copies_of_page(project.path, "symptoms.md", len(CONTENT_CASES))
    for page, (markup, _) in zip(pages, CONTENT_CASES):
        project.replace(f"docs/fr/{page}", FR_HEADING, f"{markup}\n\n{FR_HEADING}")
    return project, {case: f"docs/fr/{page}" for case, page in zip(CONTENT_CASES, pages)}, failed(project)


def test_the_content_cases_build_reports_only_the_cases(content_cases_built):
    # Every message of the shared build names one of the case pages: nothing else is wrong in it.
    _, pages, output = content_cases_built
    messages = [line for line in output.splitlines() if ": the page contains " in line]
    assert {re.search(r"(docs/\S+?):\d+: the page contains", message).group(1) for message in messages} \
        == set(pages.values())
    assert len(output.splitlines()) == len(messages) + 1   # and the abort at the end


@pytest.mark.parametrize("markup,found", CONTENT_CASES)
def test_content_outside_the_allow_list_fails_the_build_with_file_and_line(content_cases_built, markup, found):
    project, pages, output = content_cases_built
    page = pages[(markup, found)]
    needle = markup.splitlines()[-1] if "onload" in markup or "onmouseover" in markup else markup.splitlines()[0]
    if "[ref]:" in markup:
        needle = "[ref]: http"
    assert f"{page}:{line_of(project, page, needle)}: the page contains {found}" in output


def test_a_javascript_link_in_english_fails_too(tiny):
    tiny.replace("docs/en/symptoms.md", "## Signs to look for", "[More](javascript:alert(1))\n\n## Signs to look for")
    output = failed(tiny)
    assert "docs/en/symptoms.md:" in output and "a javascript: link" in output


def test_a_preview_without_strict_mode_still_publishes_the_cleaned_page(tiny):
    tiny.replace(FR_PAGE, FR_HEADING, f'<p onclick="alert(1)">Bonjour</p>\n\n{FR_HEADING}')
    result = build_in_process(tiny.path, strict=False)
    assert result.ok and "the attribute onclick" in result.text
    page = (tiny.path / "site" / "fr" / "symptoms" / "index.html").read_text(encoding="utf-8")
    assert "Bonjour" in page and "onclick" not in page


def test_duplicate_heading_ids_fail_the_build(tiny):
    tiny.replace(FR_PAGE, "## Quand les symptômes apparaissent { #when-symptoms-happen }",
                 "## Quand les symptômes apparaissent { #signs-to-look-for }")
    assert "the id 'signs-to-look-for' is used more than once on the page" in failed(tiny)


def test_content_cannot_take_the_id_of_the_sites_own_notices(tiny):
    tiny.replace(FR_PAGE, FR_HEADING, "## Important { #disclaimer-title }\n\n" + FR_HEADING)
    assert "the id 'disclaimer-title' is used more than once" in failed(tiny)


# --- The theme's own markup --------------------------------------------------------------------

def test_a_new_script_in_the_theme_output_fails_the_build(tiny):
    tiny.replace("overrides/main.html", '{% include "partials/disclaimer.html" %}',
                 '{% include "partials/disclaimer.html" %}<script>fetch("https://tracker.example")</script>')
    output = failed(tiny)
    assert "an inline <script> the theme is not known to write" in output
    assert "update scripts/sources/allowlist.py only if it is safe" in output


def test_a_script_file_material_does_not_load_fails_the_build(tiny):
    tiny.replace("overrides/main.html", '{% include "partials/disclaimer.html" %}',
                 '{% include "partials/disclaimer.html" %}<script src="https://cdn.example/x.js"></script>')
    assert 'a <script src="https://cdn.example/x.js"> that Material 9.8 does not load' in failed(tiny)


# --- strings.yml -----------------------------------------------------------------------------

def test_script_in_a_strings_file_fails_with_its_line(tiny):
    tiny.replace("docs/fr/strings.yml", "disclaimer_title: Important",
                 'disclaimer_title: "Important<script>alert(1)</script>"')
    assert "docs/fr/strings.yml:4: 'disclaimer_title' contains HTML (<s…)" in failed(tiny)


def test_strings_are_escaped_where_they_are_shown():
    from jinja2 import DictLoader, Environment
    from tests.conftest import ROOT
    partial = (ROOT / "overrides/partials/disclaimer.html").read_text(encoding="utf-8")
    html = Environment(loader=DictLoader({"d": partial})).get_template("d").render(
        site_strings={"disclaimer_title": "A & B <b>", "disclaimer": "x"})
    assert "A &amp; B &lt;b&gt;" in html


@pytest.mark.parametrize("old,new,message", [
    ("disclaimer_title: Important", 'disclaimer_title: ""', "docs/fr/strings.yml:4: 'disclaimer_title' has no text"),
    ("disclaimer_title: Important", "disclaimer_title: Important\ndisclaimer_titel: Important",
     "docs/fr/strings.yml:5: 'disclaimer_titel' is not a key of docs/en/strings.yml"),
    ("{last_reviewed}", "{dernière_relecture}",
     "'review_line' must contain {last_reviewed}, {review_due} exactly as in English, but has "
     "{dernière_relecture}, {review_due}"),
    ("{last_reviewed}", "", "'review_line' must contain {last_reviewed}, {review_due} exactly as in English, "
                            "but has {review_due}"),
])
def test_broken_translated_strings_fail_with_file_line_and_fix(tiny, old, new, message):
    tiny.replace("docs/fr/strings.yml", old, new)
    assert message in failed(tiny)


# --- Front matter --------------------------------------------------------------------------

@pytest.mark.parametrize("old,new,message", [
    ("title: Symptômes", "title: Symptômes<script>alert(1)</script>",
     "docs/fr/symptoms.md:2: 'title' contains HTML (<s…)"),
    ("last_reviewed: 2026-12-01", "last_reviewed: 2099-01-01", "last_reviewed (2099-01-01) is in the future"),
    ("translation: machine", "translation: reviewed\ntranslation_reviewer: TODO\ntranslation_reviewed_on: 2026-11-30",
     "a reviewed translation needs the name of the person who checked it, 'translation_reviewer: <their name>' "
     "(not 'TODO')"),
    ("translation: machine", "translation: reviewed\ntranslation_reviewer: xxx\ntranslation_reviewed_on: 2026-11-30",
     "(not 'xxx')"),
    ("translation: machine", "translation: reviewed\ntranslation_reviewer: Ana Ruiz\ntranslation_reviewed_on: 2099-01-01",
     "translation_reviewed_on (2099-01-01) is in the future"),
])
def test_bad_front_matter_fails_with_file_line_and_fix(tiny, old, new, message):
    tiny.replace(FR_PAGE, old, new)
    assert message in failed(tiny)


def test_a_page_that_is_not_utf8_fails_with_its_line(tiny):
    page = tiny.file(FR_PAGE)
    page.write_bytes(page.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    output = failed(tiny)
    assert "symptoms.md:2: this file is not UTF-8 text" in output and "save it with the encoding 'UTF-8'" in output


def test_a_page_with_a_byte_order_mark_builds_like_any_other(tiny):
    page = tiny.file(FR_PAGE)
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes())
    result = build_in_process(tiny.path)
    assert result.ok, result.text
    assert "Symptômes" in (tiny.path / "site/fr/symptoms/index.html").read_text(encoding="utf-8")


# --- mkdocs.yml ----------------------------------------------------------------------------

def test_a_site_url_that_is_not_https_fails(tiny):
    assert "A published site must use https://" in failed(tiny, env={"SITE_URL": "http://example.org/site/"})


def test_a_local_preview_may_use_http(tiny):
    assert build_in_process(tiny.path, env={"SITE_URL": "http://127.0.0.1:8000/runners-dystonia/"}).ok


def test_a_language_listed_twice_fails(tiny):
    tiny.replace("mkdocs.yml", "        - locale: en\n", "        - locale: fr\n          name: Français\n"
                                                        "        - locale: en\n")
    assert "the language 'fr' is listed twice" in failed(tiny)


def test_a_language_code_with_a_region_fails(tiny):
    tiny.replace("mkdocs.yml", "        - locale: en\n", "        - locale: pt-BR\n          name: Português\n"
                                                        "        - locale: en\n")
    assert "'pt-BR' is not a language code the site can use" in failed(tiny, languages=("en", "fr", "pt-BR"))


def test_an_unknown_paper_size_fails(tiny):
    tiny.replace("mkdocs.yml", "papers: [a4, letter]", "papers: [legal]")
    assert "mkdocs.yml: extra.handout.papers: Expected one of: ('a4', 'letter') but received: 'legal'" in failed(tiny)


def test_a_published_site_needs_its_own_feedback_address(tiny):
    output = failed(tiny, env={"SITE_URL": "https://dystonia-group.github.io/site/"})
    assert "extra.feedback_email is still 'feedback@example.org'" in output
    assert build_in_process(tiny.path, env={"SITE_URL": "https://dystonia-group.github.io/site/",
                                            "FEEDBACK_EMAIL": "help@dystonia-group.org"}).ok


def test_a_feedback_address_that_is_not_one_fails(tiny):
    assert ("extra.feedback_email: 'javascript:alert(1)' is not an e-mail address"
            in failed(tiny, env={"FEEDBACK_EMAIL": "javascript:alert(1)"}))


@pytest.mark.parametrize("old,new,message", [
    ("    page: handout.md", "    pag: handout.md", "extra.handout.pag: unknown setting. Fix: The settings here are: page, papers, pdfs, cache, cache_dir."),
    ("    readability:", "    readablity:", "extra.checks.readablity: unknown setting. Fix: The settings here are: "
                                              "translation_grace_days, local_sections, unordered_pages, external_links, readability."),
    ("translation_grace_days: 30", "translation_grace_days: thirty",
     "extra.checks.translation_grace_days: Expected type: <class 'int'> but received: <class 'str'>"),
    ("en: {formula: flesch_kincaid_grade, max: 8}", "en: {formula: flesch_kincaid, max: 8}",
     "extra.checks.readability.languages.formula: Expected one of: ('flesch_kincaid_grade',"),
    ("pdfs: !ENV [HANDOUT_PDFS, true]", "pdfs: maybe", "extra.handout.pdfs: Expected true or false, but got 'maybe'."),
    ("  feedback_email:", "  trim_css: maybe\n  feedback_email:", "extra.trim_css: Expected true or false, but got 'maybe'."),
])
def test_a_misspelt_or_wrong_site_setting_fails_with_its_name_and_what_is_allowed(tiny, old, new, message):
    tiny.replace("mkdocs.yml", old, new)
    assert message in failed(tiny)
