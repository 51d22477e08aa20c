"""Where a page lives: its Markdown file, its URL and its built file in each language, and
whether a language has its own translation of it. The one home of these rules: the build, the
checks, the handout, the translation commands and the browser tests all ask here.

A page is named by its path inside a language folder ("symptoms.md", "index.md").

    docs/<lang>/symptoms.md  ->  URL <prefix>symptoms/  ->  site/<prefix>symptoms/index.html

where <prefix> is "" for the source language and "<lang>/" for the others.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath


def page_url(page: str) -> str:
    """The directory URL of a page: 'index.md' -> '', 'symptoms.md' -> 'symptoms/'."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return f"{stem.removesuffix('/index')}/"


def language_prefix(language: str, source_language: str) -> str:
    """Where a language lives in the site: '' for the source language, 'es/' for Spanish."""
    return "" if language == source_language else f"{language}/"


def url_path(language: str, page: str, source_language: str) -> str:
    """The page's URL inside the site, without the site URL: 'es/symptoms/'."""
    return f"{language_prefix(language, source_language)}{page_url(page)}"


def source_file(docs_dir: Path, language: str, page: str) -> Path:
    return docs_dir / language / page


def is_translated(docs_dir: Path, language: str, page: str) -> bool:
    """The language has its own file for the page (otherwise the build shows English, marked so)."""
    return source_file(docs_dir, language, page).is_file()


def built_file(site_dir: Path, language: str, page: str, source_language: str) -> Path:
    return site_dir / url_path(language, page, source_language) / "index.html"


def page_of_built(relative: str, languages: list[str], source_language: str) -> tuple[str, str] | None:
    """The inverse of built_file: ('es', 'symptoms.md') for 'es/symptoms/index.html', None for a
    built file that no page makes (404.html, assets)."""
    parts = list(PurePosixPath(relative).parts)
    if not parts or parts[-1] != "index.html":
        return None
    language = parts[0] if parts[0] in languages and parts[0] != source_language and len(parts) > 1 else source_language
    if language != source_language:
        parts = parts[1:]
    stem = "/".join(parts[:-1]) or "index"
    return language, f"{stem}.md"


def language_of_source(path: str) -> str:
    """'es' for docs/es/symptoms.md; '' for a file outside a language folder."""
    return path.split("/")[1] if path.startswith("docs/") and path.count("/") >= 2 else ""
