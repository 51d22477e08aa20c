"""A built site folder, parsed once and shared by all checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from scripts.config import pages as page_paths
from scripts.config.options import CheckOptions


@dataclass
class BuiltSite:
    site_dir: Path
    docs_dir: Path
    languages: list[str]          # from mkdocs.yml; the default language first
    default_language: str
    pages: list[str] = field(default_factory=list)       # source pages, e.g. "symptoms.md"
    options: CheckOptions = field(default_factory=CheckOptions)   # extra.checks in mkdocs.yml
    site_url: str = ""
    today: dt.date | None = None
    _trees: dict[Path, HTMLParser] = field(default_factory=dict, repr=False)

    @cached_property
    def html_files(self) -> list[Path]:
        return sorted(self.site_dir.rglob("*.html"))

    def tree(self, path: Path) -> HTMLParser:
        if path not in self._trees:
            self._trees[path] = HTMLParser(path.read_text(encoding="utf-8"))
        return self._trees[path]

    @property
    def root(self) -> Path:
        return self.docs_dir.parent

    @property
    def facts_file(self) -> Path:
        return self.docs_dir / "facts.yml"

    def relative(self, path: Path) -> str:
        return path.relative_to(self.site_dir).as_posix()

    def built_file(self, language: str, page: str) -> Path:
        """site/<prefix><page>/index.html of a page in a language (scripts/config/pages.py)."""
        return page_paths.built_file(self.site_dir, language, page, self.default_language)

    def page_of(self, path: Path) -> tuple[str, str] | None:
        """(language, page) that a built file was made from, or None (404.html, assets)."""
        return page_paths.page_of_built(self.relative(path), self.languages, self.default_language)

    def is_translated(self, language: str, page: str) -> bool:
        return page_paths.is_translated(self.docs_dir, language, page)

    def language_of(self, path: Path) -> str:
        first = self.relative(path).split("/", 1)[0]
        return first if first in self.languages and first != self.default_language else self.default_language

    def is_content_page(self, path: Path) -> bool:
        """Pages made from Markdown (not 404.html or other static templates)."""
        return path.name != "404.html" and self.tree(path).css_first("article.md-content__inner") is not None
