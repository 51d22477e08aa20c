"""One page of the navigation as a chapter of the booklet.

The pages are made from the same Markdown, with the same extensions and the same allow-list as
the site (scripts/handout/render.py's _markdown_to_html). Put side by side in one document, their
ids would clash (every page has its own #references or #what-is-it), so each id gets the page's
name in front (`symptoms--signs-to-look-for`), and every link follows:

    [x](#key-points)             ->  #index--key-points        (the same page)
    [x](glossary.md#gait)        ->  #glossary--gait           (a page in the booklet)
    [x](symptoms.md)             ->  #page-symptoms            (the chapter itself)
    [x](other.md) (not in nav)   ->  https://…/other/          (the web page)
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.meta import get_data

from scripts.build.page_dates import page_date
from scripts.build.review import review_context
from scripts.config.pages import page_url
from scripts.config.site import SiteConfig
from scripts.handout.render import _markdown_to_html
from scripts.problems import Problem, ProblemError
from scripts.sources.allowlist import source_line
from scripts.sources.page_meta import read_source
from scripts.translations.notices import STATUS_MARKER, languages_page_table, notice_context
from scripts.translations.state import page_state


class BookletError(ProblemError):
    """Content or configuration that cannot make a booklet; the problem says what to change."""

    def __init__(self, problem: str | Problem | list[Problem]):
        super().__init__(Problem("booklet", problem) if isinstance(problem, str) else problem)

    def __reduce__(self):
        # Raised in a worker process: it must reach the build unchanged (file, line, fix).
        return type(self), (self.problems,)


@dataclass(frozen=True)
class Chapter:
    page: str              # 'symptoms.md'
    anchor: str            # 'page-symptoms': the chapter's id, what links to the page point at
    title: str             # the front matter's title, as in the site's navigation
    heading: str           # the page's H1
    language: str          # the language of the text: the reader's, or English until translated
    direction: str
    html: str              # the page without its H1, ids and links made booklet-wide
    review: dict | None    # scripts/build/review.py, in the reader's language
    notice: dict | None    # what the web page's translation notice says (fallback, machine, outdated)
    url: str               # the web page
    changed: str | None    # when the page last changed (ISO date), from git or last_reviewed
    source: str            # docs/<lang>/<page>, for messages
    path: Path             # that file
    internal_links: tuple[tuple[str, str], ...]   # (#target in the booklet, as written in the source)


def nav_pages(config: SiteConfig) -> list[str]:
    """The pages of mkdocs.yml's nav:, in its order (sections flattened, web addresses left out)."""
    def files(items) -> list[str]:
        found = []
        for item in items or []:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                found += files(value)
            elif isinstance(value, str) and "://" not in value:
                found.append(value)
        return found

    pages = files(config.mkdocs.nav) if config.mkdocs.nav else config.pages
    for page in pages:
        if not (config.docs_dir / config.source_language / page).is_file():
            raise BookletError(Problem("booklet", f"the nav: lists {page}, but docs/{config.source_language}/{page} "
                                                  "does not exist, so the booklet cannot include it.",
                                       "Add the page, or take it out of nav: in mkdocs.yml.", file="mkdocs.yml"))
    return pages


def chapter_slug(page: str) -> str:
    """'symptoms.md' -> 'symptoms'; 'guides/running.md' -> 'guides-running'."""
    return re.sub(r"[^\w-]+", "-", page.removesuffix(".md")).strip("-") or "page"


def chapter_anchor(page: str) -> str:
    return f"page-{chapter_slug(page)}"


def make_chapter(config: SiteConfig, language: str, page: str, strings: dict[str, str],
                 booklet_pages: list[str], dates: dict[str, str], language_name: str) -> Chapter:
    shown = config.language_shown(language, page)
    path = config.docs_dir / shown / page
    relative = f"docs/{shown}/{page}"
    source = read_source(path)
    body, meta = get_data(source)
    if STATUS_MARKER in body:    # the Languages page's table, as the site makes it
        body = body.replace(STATUS_MARKER, languages_page_table(config, language, strings))
    html, heading = _markdown_to_html(config, body, language, source, relative)
    slug = chapter_slug(page)
    html, links = _booklet_links(config, html, page, slug, language, booklet_pages)
    html = re.sub(r'(\s)id="([^"]+)"', lambda m: f'{m.group(1)}id="{slug}--{m.group(2)}"', html)
    title = str(meta.get("title") or heading or page)
    return Chapter(
        page=page, anchor=chapter_anchor(page), title=title, heading=heading or title, language=shown,
        direction="rtl" if shown in config.rtl_languages else "ltr", html=html,
        review=review_context(meta, strings, language),
        notice=_notice(config, language, page, strings, language_name),
        url=config.page_link(language, page), changed=page_date(dates, relative, meta), source=relative, path=path,
        internal_links=tuple(links))


def _booklet_links(config: SiteConfig, html: str, page: str, slug: str, language: str,
                   booklet_pages: list[str]) -> tuple[str, list[tuple[str, str]]]:
    """Links between pages become links inside the booklet; the web addresses _markdown_to_html
    made of them are turned back first (it makes every .md link absolute, for the handout)."""
    site_prefix = config.language_url(language)
    by_url = {config.language_url(language, page_url(other)): other for other in booklet_pages}
    links: list[tuple[str, str]] = []

    def rewrite(match: re.Match) -> str:
        target = match.group(1)
        address, _, anchor = target.partition("#")
        if not address:                                   # the same page
            links.append((f"{slug}--{anchor}", target))
            return f'href="#{slug}--{anchor}"'
        other = by_url.get(address)
        if other is None and address.endswith(".md"):
            other = posixpath.normpath(posixpath.join(posixpath.dirname(page), address))
            other = other if other in booklet_pages else None
        if other is None:
            return match.group(0)                         # the web, or a page not in the booklet
        written = f"{other}#{anchor}" if anchor else other
        inside = f"{chapter_slug(other)}--{anchor}" if anchor else chapter_anchor(other)
        links.append((inside, written))
        return f'href="#{inside}"'

    html = re.sub(r'href="([^"]*)"', lambda m: rewrite(m) if _is_ours(m.group(1), site_prefix) else m.group(0), html)
    return html, links


def _is_ours(target: str, site_prefix: str) -> bool:
    return target.startswith("#") or target.startswith(site_prefix) or (
        "://" not in target and not target.startswith(("mailto:", "tel:")) and ".md" in target)


def _notice(config: SiteConfig, language: str, page: str, strings: dict[str, str], language_name: str) -> dict | None:
    """The web page's translation notice (overrides/partials/translation-notice.html), same words."""
    if language == config.source_language:
        return None
    if not config.is_translated(language, page):
        return {"fallback": True, "language_name": language_name}
    state = page_state(config.root, config.docs_dir, config.source_language, language, page)
    return notice_context(state, strings, config.page_link(config.source_language, page))


def unresolved_links(chapters: list[Chapter], html: str) -> list[Problem]:
    """Links to a place the booklet does not have (a heading that does not exist), by source line."""
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    problems = []
    for chapter in chapters:
        source = read_source(chapter.path) if chapter.internal_links else ""
        for inside, written in chapter.internal_links:
            if inside not in ids:
                problems.append(Problem(
                    "booklet", f"the link to '{written}' goes nowhere in the booklet: that page has no "
                               f"heading with the id '{written.partition('#')[2]}'.",
                    "Link to a heading that exists (its { #id }), or to the page without #….",
                    file=chapter.source, line=source_line(source, written), language=chapter.language))
    return problems

