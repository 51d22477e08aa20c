"""mkdocs.yml, read once for every tool: languages, site URL, handout and check settings.

Nothing here repeats what mkdocs.yml says; a script that needs the language list asks this module.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from mkdocs.config import load_config

from scripts.config import pages as page_paths
from scripts.config.pages import language_prefix
from scripts.config.options import SiteOptions, site_options

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool


@dataclass(frozen=True)
class LanguageSettings:
    name: str
    site_name: str
    copyright: str
    author: str           # site_author ("" when mkdocs.yml has none)
    description: str      # site_description


class SiteConfig:
    def __init__(self, config_file: Path | str = ROOT / "mkdocs.yml"):
        self.config_file = Path(config_file).resolve()
        self.root = self.config_file.parent

    @classmethod
    def from_mkdocs(cls, mkdocs_config) -> "SiteConfig":
        """Wrap the configuration of a running build (hooks), instead of loading it again."""
        site = cls(mkdocs_config.config_file_path)
        site.__dict__["mkdocs"] = mkdocs_config
        return site

    @cached_property
    def mkdocs(self):
        # load_config reads SITE_URL and friends from the environment, as the build does.
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        return load_config(str(self.config_file))

    @cached_property
    def languages(self) -> list[Language]:
        """Languages in mkdocs.yml, the default (source) language first."""
        plugin = self.mkdocs.plugins["i18n"].config
        languages = [Language(lang.locale, lang.name, bool(lang.default))
                     for lang in plugin.languages if lang.build]
        return sorted(languages, key=lambda lang: not lang.default)

    @cached_property
    def as_written(self) -> dict:
        """mkdocs.yml's own values, as MkDocs reads the file. While mkdocs-static-i18n builds a
        language, the running build's configuration carries that language's site_name, copyright
        and other overrides: the PDFs, made for every language, read the shared values here."""
        from mkdocs.utils.yaml import yaml_load

        with open(self.config_file, "rb") as file:
            return yaml_load(file)

    def language_settings(self, code: str) -> LanguageSettings:
        """The language's name, site name and copyright line, as mkdocs-static-i18n shows them."""
        entry = next(lang for lang in self.mkdocs.plugins["i18n"].config.languages if lang.locale == code)
        return LanguageSettings(entry.name, entry.site_name or self.as_written.get("site_name") or "",
                                entry.copyright or self.as_written.get("copyright") or "",
                                self.as_written.get("site_author") or "",
                                self.as_written.get("site_description") or "")

    @property
    def codes(self) -> list[str]:
        return [lang.code for lang in self.languages]

    @property
    def source_language(self) -> str:
        return self.languages[0].code

    @property
    def rtl_languages(self) -> set[str]:
        """Languages written right to left (Arabic, Hebrew, …), as Unicode CLDR says."""
        from babel import Locale

        return {code for code in self.codes if Locale.parse(code).character_order == "right-to-left"}

    @property
    def translations(self) -> list[str]:
        return self.codes[1:]

    @property
    def docs_dir(self) -> Path:
        return Path(self.mkdocs.docs_dir)

    @property
    def site_url(self) -> str:
        url = self.mkdocs.site_url or ""
        return url if url.endswith("/") else url + "/"

    def language_url(self, code: str, page_url: str = "") -> str:
        """Absolute URL of a page (its directory URL, e.g. 'symptoms/') in one language."""
        return f"{self.site_url}{language_prefix(code, self.source_language)}{page_url}"

    def page_link(self, language: str, page: str) -> str:
        """Absolute URL of a page ('symptoms.md') in one language."""
        return self.site_url + page_paths.url_path(language, page, self.source_language)

    def is_translated(self, language: str, page: str) -> bool:
        return page_paths.is_translated(self.docs_dir, language, page)

    def language_shown(self, language: str, page: str) -> str:
        """The language a reader of `language` gets for this page: its own, or the source language."""
        return language if self.is_translated(language, page) else self.source_language

    def built_file(self, site_dir: Path, language: str, page: str) -> Path:
        return page_paths.built_file(site_dir, language, page, self.source_language)

    @cached_property
    def options(self) -> SiteOptions:
        """The site's own settings (extra: in mkdocs.yml), typed and validated."""
        return site_options(self.mkdocs.extra, str(self.config_file.name))

    @cached_property
    def pages(self) -> list[str]:
        """Source pages of the site (paths relative to a language folder): those in mkdocs.yml's
        nav in its order, then any others alphabetically."""
        source = self.docs_dir / self.source_language
        found = sorted(p.relative_to(source).as_posix() for p in source.rglob("*.md"))

        def nav_files(items) -> list[str]:
            files = []
            for item in items or []:
                value = next(iter(item.values())) if isinstance(item, dict) else item
                files += nav_files(value) if isinstance(value, list) else [value]
            return files

        ordered = [page for page in nav_files(self.mkdocs.nav) if page in found]
        return ordered + [page for page in found if page not in ordered]
