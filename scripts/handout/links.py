"""The 'Download PDF: A4 · US Letter' links that the site shows for the handout."""

from __future__ import annotations

from mkdocs.utils import get_relative_url

from scripts.handout.render import pdf_site_path
from scripts.sources.page_meta import read_front_matter, read_source
from scripts.config.site import SiteConfig


def handout_language(site: SiteConfig, language: str) -> str:
    """The language whose PDFs a page offers: its own, or English until it is translated."""
    page = site.options.handout.page
    return site.language_shown(language, page)


def handout_title(site: SiteConfig, language: str) -> str:
    path = site.docs_dir / handout_language(site, language) / site.options.handout.page
    meta, _ = read_front_matter(read_source(path), str(path))
    return meta.get("title", "PDF")


def download_links(site: SiteConfig, language: str, from_url: str, strings: dict[str, str],
                   with_english: bool = False) -> list[dict]:
    """One link per paper size, relative to the page at `from_url`."""
    pdf_language = handout_language(site, language)
    return [{"label": strings[f"paper_{paper}"],
             "url": get_relative_url(pdf_site_path(site, pdf_language, paper, with_english), from_url)}
            for paper in site.options.handout.papers]


def has_english_version(site: SiteConfig, language: str) -> bool:
    """A translated handout also comes with the English beside it (not English, not a fallback)."""
    return language != site.source_language and handout_language(site, language) == language
