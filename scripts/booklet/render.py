"""Render the booklet of one language and paper size: a cover, the contents, then every page of
the navigation as a chapter, each with its translation notice, review line and the disclaimer."""

from __future__ import annotations

from pathlib import Path

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, select_autoescape

from scripts.booklet.chapters import BookletError, Chapter, make_chapter, nav_pages, unresolved_links
from scripts.build.page_dates import commit_dates
from scripts.config.options import unknown_paper
from scripts.config.pages import language_prefix
from scripts.config.site import SiteConfig
from scripts.handout.paper_windows import PAPER_MM, SharedLayout, write_papers
from scripts.handout.render import _font_face_css, _qr_data_uri
from scripts.problems import Problem
from scripts.sources import strings as site_strings
from scripts.sources.page_meta import as_date

HERE = Path(__file__).resolve().parent
FOLDER = "booklet"     # site/<lang>/booklet/… (site/booklet/… for the source language)


def booklet_filename(language: str, paper: str) -> str:
    return f"runners-dystonia-booklet-{language}-{paper}.pdf"


def booklet_site_path(config: SiteConfig, language: str, paper: str) -> str:
    """Where the build puts the booklet, relative to site/."""
    return f"{language_prefix(language, config.source_language)}{FOLDER}/{booklet_filename(language, paper)}"


def chapters_of(config: SiteConfig, language: str, strings: dict[str, str]) -> list[Chapter]:
    pages = nav_pages(config)
    dates = commit_dates(config.root)
    name = config.language_settings(language).name
    return [make_chapter(config, language, page, strings, pages, dates, name) for page in pages]


def booklet_html(config: SiteConfig, language: str) -> str:
    if language not in config.codes:
        raise BookletError(f"Unknown language '{language}'. Choose one of: {', '.join(config.codes)}.")
    strings = site_strings.load(language, config.docs_dir)
    chapters = chapters_of(config, language, strings)
    settings = config.language_settings(language)
    # The newest change of any chapter: the same on every build of one commit (never the clock).
    changed = max((as_date(chapter.changed) for chapter in chapters if chapter.changed), default=None)
    site_url = config.language_url(language)
    environment = Environment(loader=FileSystemLoader(HERE), autoescape=select_autoescape(["html"]))
    html = environment.get_template("template.html").render(
        language=language,
        direction="rtl" if language in config.rtl_languages else "ltr",
        language_name=settings.name,
        site_name=settings.site_name,
        author=settings.author or settings.site_name,
        description=settings.description,
        copyright=settings.copyright,
        strings=strings,
        chapters=chapters,
        site_url=site_url,
        short_url=site_url.split("://", 1)[-1].rstrip("/"),
        qr=_qr_data_uri(site_url),
        changed=format_date(changed, format="long", locale=language) if changed else "",
        font_faces=_font_face_css(),
    )
    problems = unresolved_links(chapters, html)
    if problems:
        raise BookletError(problems)
    return html


# Every paper size gets the same text block, so that one layout serves them all: laid out and
# painted once on A4, then written onto each paper as a window on that drawing
# (scripts/handout/paper_windows.py; the layout is the slow part: see README, "Printable handout").
TEXT_BLOCK_MM = (176, 241)          # width, height
MIN_BOTTOM_MM = 22                  # room under the text for the footer, at least 12mm clear of the edge


def _text_top(paper_height: float) -> float:
    # 20mm from the top, or higher if the footer under the text needs it (US Letter).
    return min(20, paper_height - TEXT_BLOCK_MM[1] - MIN_BOTTOM_MM)


LAYOUT = SharedLayout(TEXT_BLOCK_MM, _text_top)


def text_top_mm(paper: str) -> float:
    """How far below the paper's top edge its text block starts."""
    return _text_top(PAPER_MM[paper][1])


def render_booklets(config: SiteConfig, language: str, papers: list[str], html: str | None = None) -> dict[str, bytes]:
    """The booklet of one language on each paper size, from one layout. `html`: booklet_html()
    of that language when the caller has it already (the build does)."""
    from weasyprint import CSS, HTML   # (in the worker processes only: see render_pdf)

    from scripts.handout.fetcher import RefusedURL, fetcher_for

    problem = unknown_paper(papers)
    if problem:
        raise BookletError(problem)
    if html is None:
        html = booklet_html(config, language)
    fetcher = fetcher_for(config.docs_dir)
    try:
        # Relative image paths resolve against the language folder, as on the site.
        document = HTML(string=html, base_url=(config.docs_dir / language).as_uri() + "/", url_fetcher=fetcher)
        layout = document.render(stylesheets=[CSS(filename=str(HERE / "booklet.css"), url_fetcher=fetcher),
                                              CSS(string=LAYOUT.page_css)], pdf_variant="pdf/ua-1")
        fetcher.check()
        pdfs = write_papers(layout, {paper: LAYOUT.window(paper) for paper in papers}, pdf_variant="pdf/ua-1")
        fetcher.check()
        return pdfs
    except RefusedURL as error:
        raise BookletError(Problem("booklet", f"the {language} booklet: {error}",
                                   "Save pictures under docs/assets/ and link them with a relative path.")) from None


def render_booklet(config: SiteConfig, language: str, paper: str) -> bytes:
    return render_booklets(config, language, [paper])[paper]
