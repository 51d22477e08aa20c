"""The page ⇄ URL ⇄ built file mapping (scripts/config/pages.py), which every tool asks."""

import pytest

from scripts.config import pages


@pytest.mark.parametrize("language, page, url, built", [
    ("en", "index.md", "", "index.html"),
    ("en", "symptoms.md", "symptoms/", "symptoms/index.html"),
    ("es", "index.md", "es/", "es/index.html"),
    ("ar", "symptoms.md", "ar/symptoms/", "ar/symptoms/index.html"),
])
def test_url_and_built_file_and_back(tmp_path, language, page, url, built):
    assert pages.url_path(language, page, "en") == url
    assert pages.built_file(tmp_path, language, page, "en") == tmp_path / built
    assert pages.page_of_built(built, ["en", "es", "ar", "fr"], "en") == (language, page)


def test_a_folder_index_page_has_the_folder_url():
    assert pages.url_path("fr", "guide/index.md", "en") == "fr/guide/"


@pytest.mark.parametrize("built", ["404.html", "assets/stylesheets/site.css", "sitemap.xml"])
def test_files_no_page_makes_have_no_page(built):
    assert pages.page_of_built(built, ["en", "es"], "en") is None


def test_a_folder_named_like_a_language_is_only_a_language_when_configured():
    # 'de/' is not a language of this site: it is an English page's folder.
    assert pages.page_of_built("de/index.html", ["en", "es"], "en") == ("en", "de.md")


def test_a_page_is_translated_only_when_its_file_exists(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "symptoms.md").write_text("x")
    assert pages.is_translated(tmp_path, "fr", "symptoms.md")
    assert not pages.is_translated(tmp_path, "fr", "causes.md")
    assert not pages.is_translated(tmp_path, "es", "symptoms.md")


@pytest.mark.parametrize("path, language", [("docs/es/symptoms.md", "es"), ("docs/facts.yml", ""),
                                            ("mkdocs.yml", ""), ("docs/zh/strings.yml", "zh")])
def test_language_of_a_source_file(path, language):
    assert pages.language_of_source(path) == language
