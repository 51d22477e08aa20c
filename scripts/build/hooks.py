"""MkDocs hooks for this site. Thin: each event hands over to a module in scripts/.

Listed under `hooks:` in mkdocs.yml. MkDocs loads this file by path, so the project
root is put on sys.path here, whatever folder mkdocs was started from.

The state of the build in progress lives on one SiteBuild object (scripts/build/site_build.py),
made in on_config of the outermost build: nothing is kept from one build to the next.
"""

from __future__ import annotations

import functools
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority, get_plugin_logger  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from scripts.booklet.site_links import fill_pdf_sizes, with_booklet_link  # noqa: E402
from scripts.build.alternates import absolute_alternates, mark_as_source_language  # noqa: E402
from scripts.build.collection import tune_for_one_build  # noqa: E402
from scripts.build.css_minify import minify_site_css  # noqa: E402
from scripts.build.deferred_script import defer_bundle  # noqa: E402
from scripts.build.external_link_attributes import safe_external_links  # noqa: E402
from scripts.build.html_whitespace import strip_indentation  # noqa: E402
from scripts.build.lazy_search import load_search_on_demand  # noqa: E402
from scripts.build.material_workarounds import stop_alternate_sitemap_requests  # noqa: E402
from scripts.build.page_dates import page_date, write_reproducible_gzip  # noqa: E402
from scripts.build.preview import fast_rebuild_of, fast_rebuilds  # noqa: E402
from scripts.build.unused_css import drop_unused_css  # noqa: E402
from scripts.build.review import review_context  # noqa: E402
from scripts.build.search_index import point_search_at_language, split_search_index, untranslated_page_urls  # noqa: E402
from scripts.build.site_build import SiteBuild  # noqa: E402
from scripts.build.template_cache import reuse_compiled_templates  # noqa: E402
from scripts.build.templates import render_partial  # noqa: E402
from scripts.build.theme_files import list_installed_theme_files_once  # noqa: E402
from scripts.build.valid_html import valid_toggles  # noqa: E402
from scripts.handout.build import HandoutBuild  # noqa: E402
from scripts.handout.links import download_links, handout_title, has_english_version  # noqa: E402
from scripts.problems import ProblemError  # noqa: E402
from scripts.sources import allowlist, page_meta  # noqa: E402
from scripts.translations.notices import STATUS_MARKER, languages_page_table, notice_context  # noqa: E402
from scripts.translations.state import page_state  # noqa: E402

log = get_plugin_logger("site")
_build: SiteBuild | None = None                  # the build in progress (see on_config)
_serving = False                                 # under `mkdocs serve` (see on_post_build)


def _content_errors(event):
    """A content or setup mistake found while an event runs stops the build with its message,
    never a traceback."""
    @functools.wraps(event)
    def wrapper(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except ProblemError as error:
            raise PluginError(str(error)) from None
    return wrapper


def _report(problems) -> None:
    """Problems found while the build runs: warnings, which --strict turns into a failed build."""
    for problem in problems:
        log.warning(str(problem))


def _language(config) -> str:
    # mkdocs-static-i18n sets theme.language for each language it builds.
    return config.theme["language"]


def _outermost(config) -> bool:
    # mkdocs-static-i18n builds the other languages from inside the first build's
    # on_post_build and sets `building` while it does, so this is true in the outermost
    # build only: at its start and, with our priority, at its very end.
    return not config.plugins["i18n"].building


@_content_errors
def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"
    if command == "build":
        tune_for_one_build()
    # Material's search splits Chinese into words with jieba, which chats on stderr.
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


@_content_errors
def on_config(config):
    global _build
    list_installed_theme_files_once(config.theme)   # Material's 14,000 files listed once per process
    if _outermost(config) or _build is None or fast_rebuild_of(config) is not None:
        _build = SiteBuild.start(config)
    _build.strings(_language(config))   # a broken strings file stops the build here
    return config


@_content_errors
def on_pre_build(config):
    if _outermost(config) and _build.options.handout.pdfs:
        _build.handouts = HandoutBuild(_build.site, background=_serving)   # renders while pages build


@_content_errors
@event_priority(-150)    # after mkdocs-static-i18n adds its Jinja extension
def on_env(env, config, files):
    return reuse_compiled_templates(env)   # Material's templates compiled once per process


@_content_errors
def on_page_read_source(page, config):
    # Read pages ourselves so that a file that is not UTF-8 gets a clear message with its line.
    return _build.source(page.file.abs_src_path)


def _not_written(page, config) -> bool:
    # A quick rebuild in serve reads every page of a language but writes only the edited ones:
    # the others were checked by the full build, and their sources have not changed since.
    quick = fast_rebuild_of(config)
    return quick is not None and quick.skips(page)


@_content_errors
def on_page_markdown(markdown, page, config, files):
    if _not_written(page, config):
        return markdown
    source = _build.source(page.file.abs_src_path)
    _report(page_meta.validate(source, f"docs/{page.file.src_uri}"))
    # The sitemap's <lastmod>: when the page changed, not when it was built (MkDocs' default).
    page.update_date = page_date(_build.commit_dates, f"docs/{page.file.src_uri}", page.meta) or page.update_date
    if STATUS_MARKER in markdown:
        language = _language(config)
        markdown = markdown.replace(STATUS_MARKER,
                                    languages_page_table(_build.site, language, _build.strings(language)))
    return markdown


@_content_errors
def on_page_content(html, page, config, files):
    if _not_written(page, config):
        return html
    source = _build.source(page.file.abs_src_path)
    problems, html = allowlist.content_problems(html, source, f"docs/{page.file.src_uri}")
    _report(problems)   # fails the strict build; a preview shows the cleaned page
    html = with_booklet_link(html, page.file.norm_src_uri, page.url, _language(config), config, _build.site,
                             _build.strings(_language(config)))
    return _with_handout_links(html, page, config)


def _with_handout_links(html: str, page, config) -> str:
    """'Download PDF: A4 · US Letter' under the title of the home page and the handout page."""
    if page.file.norm_src_uri not in ("index.md", _build.options.handout.page):
        return html
    language = _language(config)
    strings = _build.strings(language)
    label = strings["handout_download"]
    if page.file.norm_src_uri == "index.md":
        label = f"{handout_title(_build.site, language)} (PDF):"
    with_english = page.file.norm_src_uri != "index.md" and has_english_version(_build.site, language)
    links = render_partial(config, "partials/handout-links.html", label=label,
                           links=download_links(_build.site, language, page.url, strings),
                           english_label=strings["handout_with_english"] if with_english else "",
                           english_links=download_links(_build.site, language, page.url, strings, True)
                           if with_english else [])
    heading_end = html.find("</h1>")
    at = heading_end + len("</h1>") if heading_end >= 0 else 0
    return html[:at] + links + html[at:]


@_content_errors
def on_page_context(context, page, config, nav):
    language = _language(config)
    strings = _build.strings(language)
    context["site_strings"] = strings
    context["review"] = review_context(page.meta, strings, language)
    context["translation"] = _translation_notice(page, language, strings)
    return context


def _translation_notice(page, language: str, strings) -> dict | None:
    site = _build.site
    if language == site.source_language:
        return None
    if page.file.locale != language:
        # Not translated yet: mkdocs-static-i18n built the English file here (fallback).
        return {"fallback": True, "language": language, "language_name": _build.language_name(language),
                "direction": "rtl" if language in site.rtl_languages else "ltr"}
    state = page_state(site.root, site.docs_dir, site.source_language, language, page.file.norm_src_uri)
    _report(state.problems)
    english = page.file.alternates.get(site.source_language)
    english_url = get_relative_url(english.url, page.url) if english else get_relative_url("", page.url)
    return notice_context(state, strings, english_url)


@_content_errors
def on_template_context(context, template_name, config):
    # Static templates such as 404.html get no page context, but still need the words.
    context["site_strings"] = _build.strings(_language(config))
    return context


@_content_errors
def on_post_page(output, page, config):
    site, language = _build.site, _language(config)
    _report(allowlist.page_problems(output, f"docs/{page.file.src_uri}", page.url))
    output = absolute_alternates(output, page.canonical_url, site.source_language)
    output = safe_external_links(output, site.site_url)
    if page.file.locale != language:
        output = mark_as_source_language(output, site.source_language)
    output = defer_bundle(valid_toggles(output, f"/{page.url}"), f"/{page.url}")
    output = strip_indentation(output)
    return point_search_at_language(output, page.url, language, site.source_language)


@_content_errors
def on_post_template(output_content, template_name, config):
    # 404.html and other static templates: same checks, same rule for links to other sites.
    _report(allowlist.page_problems(output_content, f"overrides/{template_name}", template_name))
    return defer_bundle(valid_toggles(safe_external_links(output_content, _build.site.site_url), template_name),
                        template_name)


@_content_errors
def on_build_error(error):
    if _build is not None and _build.handouts is not None:
        _build.handouts.cancel()


@_content_errors
def on_serve(server, config, builder):
    return fast_rebuilds(server, config, builder, _build.site)   # quick rebuilds of one edited page


@_content_errors
@event_priority(-200)
def on_post_build(config):
    quick = fast_rebuild_of(config)
    if quick is not None and quick.last and _build.options.handout.pdfs:
        # After a quick rebuild (scripts/build/preview.py), the PDFs are made again in the
        # background: every page is in its language's booklet. The cache keeps the others.
        _build.handouts = HandoutBuild(_build.site, background=True)
        _build.handouts.write_when_ready(Path(config.site_dir), log)
    if not _outermost(config):
        return
    site, site_dir = _build.site, Path(config.site_dir)
    split_search_index(site_dir, site.codes, site.source_language, untranslated_page_urls(site))
    stop_alternate_sitemap_requests(site_dir)
    load_search_on_demand(site_dir)
    if _serving:
        # Production-only steps that do not change what a preview shows: skipped, and said so.
        log.info("Preview: CSS minifying, unused-CSS removal (PurgeCSS) and sitemap.xml.gz skipped")
    else:
        if _build.options.trim_css:
            ours = [str(css) for css in config.extra_css]
            minify_site_css(site_dir, ours)
            drop_unused_css(site_dir, ours)
        else:
            log.info("Style sheets not trimmed (extra.trim_css is off)")
        write_reproducible_gzip(site_dir / "sitemap.xml")
    if _build.handouts is None:
        log.info("Handout PDFs not made (extra.handout.pdfs is off)")
        fill_pdf_sizes(site_dir, site)   # (no PDFs: the size markers are taken out)
        return
    if _serving:   # the page reload never waits for a PDF: each is written when it is ready
        waiting = _build.handouts.write_when_ready(site_dir, log)
        log.info(f"Handout PDFs: {len(_build.handouts.jobs) - waiting} ready, {waiting} still being made "
                 "in the background (each is logged when written)")
        return
    started = time.perf_counter()
    errors = _build.handouts.write(site_dir)
    log.info(f"Handout PDFs written; waited {time.perf_counter() - started:.2f} s for them after the pages; "
             f"{_build.handouts.summary()}")
    _build.handouts = None
    if errors:
        raise PluginError("Handout PDFs could not be made:\n" + "\n".join(errors))
    fill_pdf_sizes(site_dir, site)       # the booklet links' sizes, now that the PDFs exist
