"""Translations: complete, honest about their state, and never a silent English page."""

import json
import re
import subprocess
import sys

import pytest

from scripts.config.site import SiteConfig
from scripts.translations.state import all_states, body_of, source_hash
from scripts.translations.sync import sync_page
from tests.conftest import ROOT, ProjectCopy
from tests.helpers import git

CONFIG = SiteConfig(ROOT / "mkdocs.yml")
TRANSLATIONS = CONFIG.translations


def html_of(site, language, page="symptoms/"):
    prefix = "" if language == CONFIG.source_language else f"{language}/"
    return (site / prefix / page / "index.html").read_text(encoding="utf-8")


def run_translations(project, *args, check=False):
    return subprocess.run([sys.executable, "-m", "scripts.translations", "--config-file",
                           str(project / "mkdocs.yml"), *args],
                          cwd=project, capture_output=True, text=True, check=check)


def test_language_list_is_the_one_in_mkdocs_yml():
    assert CONFIG.codes == ["en", "es", "fr", "de", "ar", "zh"]
    assert CONFIG.rtl_languages == {"ar"}


def test_every_page_exists_in_every_language_with_valid_translation_metadata():
    states = all_states(ROOT, CONFIG.docs_dir, CONFIG.codes, CONFIG.pages)
    assert len(states) == len(TRANSLATIONS) * len(CONFIG.pages)
    assert [s for s in states if not s.exists] == []
    assert [(s.language, s.page, s.problems) for s in states if s.problems] == []
    # (An out-of-date translation is allowed for a while: the freshness check decides.)


@pytest.mark.parametrize("language", CONFIG.codes)
def test_built_pages_have_the_right_lang_and_direction(built_site, language):
    html = html_of(built_site, language)
    assert f'<html lang="{language}"' in html
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<body dir="{direction}"' in html


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_site_name_navigation_and_material_ui_are_translated(built_site, language):
    html = html_of(built_site, language)
    site_name = next(l.site_name for l in CONFIG.mkdocs.plugins["i18n"].config.languages if l.locale == language)
    assert site_name in html
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert "Runner's dystonia" not in title and site_name in title
    assert "Runner&#39;s dystonia" not in re.search(r'<div class="md-header__topic">.*?</div>', html, re.S).group(0)
    assert "in our own words" not in html  # the footer credit line is translated too
    assert "Type to start searching" not in html  # Material's own UI text is translated
    strings = __import__("scripts.sources.strings", fromlist=["load"]).load(language)
    assert strings["disclaimer"][:30] in html


@pytest.mark.parametrize("language", CONFIG.codes)
def test_language_switcher_leads_to_the_same_page_in_every_language(built_site, language):
    html = html_of(built_site, language, "treatment/")
    switcher = re.search(r'<div class="md-select__inner">(.*?)</div>', html, re.DOTALL).group(1)
    links = dict((lang, href) for href, lang in re.findall(r'href="([^"]+)" hreflang="([^"]+)"', switcher))
    assert set(links) == set(CONFIG.codes)
    prefix = "" if language == "en" else f"{language}/"
    page_dir = built_site / prefix / "treatment"
    for other, href in links.items():
        target = (page_dir / href).resolve()
        expected = built_site / ("" if other == "en" else other) / "treatment"
        assert target == expected.resolve(), f"{language} switcher to {other} goes to {href}"


def test_head_has_absolute_hreflang_alternates_and_x_default(built_site):
    html = html_of(built_site, "es")
    alternates = dict((lang, href) for href, lang in
                      re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html))
    assert set(alternates) == set(CONFIG.codes) | {"x-default"}
    assert alternates["es"] == CONFIG.site_url + "es/symptoms/"
    assert alternates["en"] == alternates["x-default"] == CONFIG.site_url + "symptoms/"
    assert all(href.startswith("https://") for href in alternates.values())


def test_sitemap_lists_the_alternates(built_site):
    sitemap = (built_site / "sitemap.xml").read_text()
    assert f'hreflang="zh" href="{CONFIG.site_url}zh/symptoms/"' in sitemap
    assert sitemap.count("<url>") == len(CONFIG.codes) * len(CONFIG.pages)


@pytest.mark.parametrize("language", CONFIG.codes)
def test_each_language_has_its_own_search_index(built_site, language):
    prefix = "" if language == "en" else f"{language}/"
    index = json.loads((built_site / prefix / "search" / "search_index.json").read_text())
    assert index["docs"], "empty index"
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        assert (built_site / prefix / page / "index.html").is_file(), doc["location"]
    # The page points its search at that index.
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                  html_of(built_site, language)).group(1))
    assert (built_site / prefix / "symptoms" / config["base"]).resolve() == (built_site / prefix).resolve()


def test_chinese_index_is_split_into_words(built_site):
    index = json.loads((built_site / "zh" / "search" / "search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"])
    # jieba puts zero-width spaces between words, so a typed word can be found.
    assert "\u200b症状\u200b" in text and "\u200b张力\u200b" in text


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_machine_translation_notice_in_the_readers_language_links_to_english(built_site, language):
    from scripts.sources.strings import load
    html = html_of(built_site, language)
    strings = load(language)
    assert strings["notice_machine_title"] in html
    notice = re.search(r'<div class="admonition info translation-notice".*?</div>', html, re.DOTALL).group(0)
    href = re.search(r'href="([^"]+)"', notice).group(1)
    assert (built_site / language / "symptoms" / href).resolve() == (built_site / "symptoms").resolve()


def test_english_pages_show_no_translation_notice(built_site):
    assert "translation-notice" not in html_of(built_site, "en")


# ---- Source hashes, the status report and sync ----

def test_hash_ignores_front_matter_but_not_the_text():
    page = "---\ntitle: A\nlast_reviewed: 2026-01-01\n---\n# A\n\nText.\n"
    assert source_hash(page) == source_hash(page.replace("2026-01-01", "2026-02-02"))
    assert source_hash(page) != source_hash(page.replace("Text.", "Other text."))


def test_sync_changes_only_the_hash_line(project_copy):
    page = project_copy.file("docs/es/symptoms.md")
    before = page.read_bytes()
    project_copy.replace("docs/es/symptoms.md", f"source_hash: {source_hash(project_copy.file('docs/en/symptoms.md').read_text())}",
                         "source_hash: 000000000000")
    new = sync_page(project_copy.file("docs/en/symptoms.md"), page)
    after = page.read_bytes()
    assert after == before
    assert body_of(after.decode()) == body_of(before.decode())
    assert new == source_hash(project_copy.file("docs/en/symptoms.md").read_text())


def test_sync_command_touches_nothing_but_the_hash(project_copy):
    page = project_copy.file("docs/fr/causes.md")
    original = page.read_text()
    lines = original.splitlines(keepends=True)
    project_copy.replace("docs/en/causes.md", "\n## ", "\nA new English sentence.\n\n## ")
    run_translations(project_copy.path, "sync", "fr", "causes.md", check=True)
    changed = page.read_text().splitlines(keepends=True)
    differing = [(a, b) for a, b in zip(lines, changed) if a != b]
    assert len(lines) == len(changed) and len(differing) == 1
    assert differing[0][0].startswith("source_hash: ") and differing[0][1].startswith("source_hash: ")
    assert original.split("\n---\n", 1)[1] == page.read_text().split("\n---\n", 1)[1]  # body bytes


@pytest.fixture
def english_changed(project_copy):
    """A copy in its own git repo where English symptoms.md changed on 2026-11-22 after translation."""
    return change_english_after_translation(project_copy)


def change_english_after_translation(project: ProjectCopy) -> ProjectCopy:
    git(project.path, "init", "-q", "-b", "main")
    git(project.path, "add", ".")
    git(project.path, "commit", "-qm", "translated")
    project.replace("docs/en/symptoms.md", "- Your toes curl.", "- Your toes curl or cramp.")
    git(project.path, "commit", "-qam", "English change", date="2026-11-22T09:00:00")
    return project


@pytest.fixture(scope="module")
def changed_languages(tmp_path_factory):
    """One build (English, Chinese, German and a new Portuguese) of a copy with three changes that
    do not touch each other, shared by the three tests below: English symptoms.md changed on
    2026-11-22 after the translations (as in english_changed), Chinese diagnosis.md deleted, and
    Portuguese added as one entry in mkdocs.yml with only its strings.yml."""
    project = change_english_after_translation(ProjectCopy(tmp_path_factory.mktemp("changed") / "project"))
    project.file("docs/zh/diagnosis.md").unlink()
    project.replace("mkdocs.yml", "        - locale: en\n",
                    "        - locale: pt\n          name: Português\n        - locale: en\n")
    (project.path / "docs" / "pt").mkdir()
    # The site's own words are the one file a new language needs before its first build.
    (project.path / "docs" / "pt" / "strings.yml").write_text(project.file("docs/en/strings.yml").read_text())
    return project, project.build_in_process("zh", "de", "pt")


def test_out_of_date_page_shows_the_date_of_the_english_change(changed_languages):
    project, result = changed_languages
    assert result.ok, result.text
    html = (project.path / "site" / "de" / "symptoms" / "index.html").read_text()
    from scripts.sources.strings import load
    assert load("de")["notice_outdated_title"] in html
    assert "22. November 2026" in html
    assert "22. November 2026" not in (project.path / "site" / "de" / "causes" / "index.html").read_text()


def test_missing_page_is_built_from_english_marked_as_english_with_a_notice(changed_languages):
    project, result = changed_languages
    assert result.ok, result.text
    html = (project.path / "site" / "zh" / "diagnosis" / "index.html").read_text()
    assert '<html lang="en"' in html and '<body dir="ltr"' in html
    assert "本页尚未翻译成中文" in html          # the notice, in the reader's language
    assert 'lang="zh"' in html.split("translation-notice")[1][:200]
    index = json.loads((project.path / "site" / "zh" / "search" / "search_index.json").read_text())
    assert not any(doc["location"].startswith("diagnosis/") for doc in index["docs"])


def test_adding_a_language_is_one_entry_and_it_shows_as_fully_missing(changed_languages):
    project, result = changed_languages
    assert result.ok, result.text
    assert (project.path / "site" / "pt" / "symptoms" / "index.html").is_file()
    report = json.loads(run_translations(project.path, "status", "--json", "--lang", "pt").stdout)
    assert {d["status"] for d in report} == {"missing"} and len(report) == len(CONFIG.pages)


def test_status_report_shows_out_of_date_pages_and_the_english_diff(english_changed):
    result = run_translations(english_changed.path, "status", "--diff")
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("symptoms.md"))
    assert row.split()[1:] == ["out", "of", "date"] * len(TRANSLATIONS)
    assert "es/symptoms.md: English changed since 2026-11-22." in result.stdout
    assert "-- Your toes curl." in result.stdout and "+- Your toes curl or cramp." in result.stdout
    data = json.loads(run_translations(english_changed.path, "status", "--json").stdout)
    es = next(d for d in data if d["language"] == "es" and d["page"] == "symptoms.md")
    assert es["status"] == "outdated" and es["english_changed_on"] == "2026-11-22"
    assert next(d for d in data if d["language"] == "es" and d["page"] == "causes.md")["status"] == "machine"


def test_wrong_hash_fails_the_build_with_file_line_and_command(project_copy):
    project_copy.replace("docs/es/treatment.md", "source_hash: ", "source_hash: nothex")
    result = project_copy.build_in_process("es")
    output = result.text
    assert not result.ok
    assert re.search(r"docs/es/treatment.md:\d+: 'source_hash: nothex", output)
    assert "python -m scripts.translations sync es treatment.md" in output


def test_unknown_translation_status_fails_the_build(small_project):
    project_copy = small_project
    project_copy.replace("docs/fr/index.md", "translation: machine", "translation: human")
    result = project_copy.build_in_process("fr")
    output = result.text
    assert not result.ok
    assert re.search(r"docs/fr/index.md:\d+: 'translation: human' is not a known value", output)


def test_missing_notice_text_for_a_language_fails_the_build(small_project):
    project_copy = small_project
    strings = project_copy.file("docs/de/strings.yml")
    strings.write_text(re.sub(r"^notice_machine:.*?(?=^\w)", "", strings.read_text(), flags=re.M | re.S))
    result = project_copy.build_in_process("de")
    output = result.text
    assert not result.ok
    assert "docs/de/strings.yml: no text for notice_machine" in output


@pytest.mark.parametrize("page", ["../en/symptoms.md", "/etc/passwd", "symptoms", "../../README.md"])
def test_sync_refuses_anything_but_a_page_of_the_site(project_copy, page):
    before = {p: p.read_bytes() for p in project_copy.path.rglob("*.md")}
    result = run_translations(project_copy.path, "sync", "fr", page)
    assert result.returncode == 2 and f"ERROR {page}: not a page of the site" in result.stderr
    assert {p: p.read_bytes() for p in project_copy.path.rglob("*.md")} == before
