"""The theme's static files listed once per process for installed folders, afresh for the
project's own (scripts/build/theme_files.py): the same files as MkDocs lists by itself."""

from __future__ import annotations

import collections

import jinja2
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from scripts.build import theme_files
from scripts.build.theme_files import list_installed_theme_files_once


def _config(tmp_path) -> MkDocsConfig:
    """A fresh configuration, as each build loads it: Material, with overrides/ in tmp_path."""
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "overrides" / "assets").mkdir(parents=True, exist_ok=True)
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site"),
                      "theme": {"name": "material", "custom_dir": str(tmp_path / "overrides")}})
    errors, _ = config.validate()
    assert not errors, errors
    return config


def _static_files(config: MkDocsConfig) -> list[str]:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)     # what a build does
    return sorted(file.src_uri for file in files)


@pytest.fixture
def empty_listings(monkeypatch):
    monkeypatch.setattr(theme_files, "_listings", {})


def test_the_same_files_as_mkdocs_lists_and_overrides_read_at_every_build(tmp_path, empty_listings):
    by_mkdocs = _static_files(_config(tmp_path))
    assert any(name.startswith("assets/javascripts/bundle.") for name in by_mkdocs), by_mkdocs[:20]
    for _ in range(2):                         # the first build fills the listing, the second reads it
        config = _config(tmp_path)
        list_installed_theme_files_once(config.theme)
        assert _static_files(config) == by_mkdocs
    (tmp_path / "overrides" / "assets" / "added.js").write_text("")
    config = _config(tmp_path)
    list_installed_theme_files_once(config.theme)
    assert _static_files(config) == sorted(by_mkdocs + ["assets/added.js"])


def test_installed_folders_are_listed_once_per_process_and_overrides_at_every_build(tmp_path, empty_listings,
                                                                                    monkeypatch):
    listed = collections.Counter()
    list_templates = jinja2.FileSystemLoader.list_templates

    def counting(loader):
        listed.update(loader.searchpath)
        return list_templates(loader)

    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", counting)
    for _ in range(3):
        config = _config(tmp_path)
        list_installed_theme_files_once(config.theme)
        list_installed_theme_files_once(config.theme)      # (on_config runs again for each language)
        _static_files(config)
    material = [folder for folder in listed if folder.rstrip("/").endswith("material/templates")]
    assert material and all(listed[folder] == 1 for folder in material), listed
    assert listed[str(tmp_path / "overrides")] == 3, listed
