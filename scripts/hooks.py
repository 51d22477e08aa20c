"""MkDocs hooks for this site. Thin: each event hands over to a module in scripts/.

Listed under `hooks:` in mkdocs.yml. MkDocs loads this file by path, so the project
root is put on sys.path here, whatever folder mkdocs was started from.
"""

from __future__ import annotations

import functools
import logging
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority, get_plugin_logger  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from scripts import allowlist, page_meta, site_strings  # noqa: E402
from scripts.alternates import absolute_alternates, mark_as_source_language  # noqa: E402
from scripts.css_minify import minify_site_css  # noqa: E402
from scripts.external_link_attributes import safe_external_links  # noqa: E402
from scripts.html_whitespace import strip_indentation  # noqa: E402
from scripts.material_workarounds import WorkaroundError, stop_alternate_sitemap_requests  # noqa: E402
from scripts.handout.build import HandoutBuild  # noqa: E402
from scripts.handout.links import download_links, handout_title  # noqa: E402
from scripts.review import review_context  # noqa: E402
from scripts.search_index import point_search_at_language, split_search_index, untranslated_page_urls  # noqa: E402
from scripts.site_config import SiteConfig  # noqa: E402
from scripts.site_options import OptionsError, site_options  # noqa: E402
from scripts.templates import render_partial  # noqa: E402
from scripts.translations.notices import languages_page_table, notice_context  # noqa: E402
from scripts.translations.state import page_state  # noqa: E402

log = get_plugin_logger("site")


def _content_errors(event):
    """A content mistake found while an event runs stops the build with its message, not a traceback."""
    @functools.wraps(event)
    def wrapper(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except (page_meta.SourceError, site_strings.StringsError) as error:
            raise PluginError(str(error)) from None
    return wrapper
STATUS_MARKER = "<!-- translation-status -->"   # where the Languages page gets its table
# The handout PDFs of the build in progress (rendered in the background; see on_pre_build).
_handouts: HandoutBuild | None = None


@_content_errors
def on_startup(command, dirty):
    # Material's search splits Chinese into words with jieba, which chats on stderr.
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


def _language(config) -> str:
    # mkdocs-static-i18n sets theme.language for each language it builds.
    return config.theme["language"]


def _strings(config) -> dict[str, str]:
    return site_strings.load(_language(config), Path(config.docs_dir))


@_content_errors
def on_config(config):
    try:
        options = site_options(config.extra, Path(config.config_file_path).name)
    except OptionsError as error:
        raise PluginError(str(error)) from None
    _check_site_url(config)
    _check_languages(config)
    _check_feedback_email(config, options.feedback_email)
    site_strings.load(_language(config), Path(config.docs_dir))  # a broken strings file stops here
    return config


def _check_feedback_email(config, email: str) -> None:
    host = urlsplit(config.site_url or "").hostname or ""
    if email.endswith(("@example.org", "@example.com")) and not host.startswith(("example.", "127.", "localhost")):
        raise PluginError(f"mkdocs.yml: extra.feedback_email is still '{email}', but the site is published at "
                          f"{config.site_url}. Set FEEDBACK_EMAIL (a repository variable in GitHub) to your "
                          "group's own address, so that readers' messages reach someone.")


def _check_site_url(config) -> None:
    url = urlsplit(config.site_url or "")
    local = url.hostname in ("127.0.0.1", "localhost", "::1")
    if url.scheme != "https" and not local:
        raise PluginError(f"site_url is '{config.site_url}'. A published site must use https:// (GitHub "
                          "Pages does): set SITE_URL=https://… or site_url in mkdocs.yml. Only a local "
                          "preview (127.0.0.1 or localhost) may use http://.")


def _check_languages(config) -> None:
    from babel import Locale, UnknownLocaleError

    seen = set()
    for language in config.plugins["i18n"].config.languages:
        code = language.locale
        if code in seen:
            raise PluginError(f"mkdocs.yml: the language '{code}' is listed twice under plugins: i18n: "
                              "languages. Keep one entry per language.")
        seen.add(code)
        try:
            Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            raise PluginError(f"mkdocs.yml: '{code}' is not a language code the site can use. Write a code "
                              "such as pt or zh (lower case, no region: pt, not pt-BR), and name its "
                              "folder docs/<code>/.") from None
        if code != code.lower() or "-" in code or "_" in code:
            raise PluginError(f"mkdocs.yml: '{code}' is not a language code the site can use. Write a plain "
                              "lower-case code such as pt (not pt-BR or pt_BR), and name its folder "
                              "docs/<code>/.")


@_content_errors
def on_page_read_source(page, config):
    # Read pages ourselves so that a file that is not UTF-8 gets a clear message with its line.
    return page_meta.read_source(page.file.abs_src_path)


@_content_errors
def on_page_markdown(markdown, page, config, files):
    source = page_meta.read_source(page.file.abs_src_path)
    for problem in page_meta.validate(source, f"docs/{page.file.src_uri}"):
        log.warning(str(problem))  # --strict turns these into a failed build
    if STATUS_MARKER in markdown:
        table = languages_page_table(SiteConfig.from_mkdocs(config), _language(config), _strings(config))
        markdown = markdown.replace(STATUS_MARKER, table)
    return markdown


@_content_errors
def on_page_context(context, page, config, nav):
    strings = _strings(config)
    language = _language(config)
    context["site_strings"] = strings
    context["review"] = review_context(page.meta, strings, language)
    context["translation"] = _translation_notice(page, config, strings)
    return context


def _translation_notice(page, config, strings) -> dict | None:
    site = SiteConfig.from_mkdocs(config)
    language = _language(config)
    if language == site.source_language:
        return None
    if page.file.locale != language:
        # Not translated yet: mkdocs-static-i18n built the English file here (fallback).
        name = next(lang.name for lang in site.languages if lang.code == language)
        return {"fallback": True, "language": language, "language_name": name,
                "direction": "rtl" if language in site.rtl_languages else "ltr"}
    state = page_state(site.root, site.docs_dir, site.source_language, language, page.file.norm_src_uri)
    for line, message in state.problems:
        log.warning(f"docs/{language}/{page.file.norm_src_uri}:{line}: {message}")
    english = page.file.alternates.get(site.source_language)
    english_url = get_relative_url(english.url, page.url) if english else get_relative_url("", page.url)
    return notice_context(state, strings, english_url)


@_content_errors
def on_page_content(html, page, config, files):
    html = _allowed_content(html, page)
    return _with_handout_links(html, page, config)


def _allowed_content(html: str, page) -> str:
    """Content outside the allow-list fails the (strict) build; even a preview gets it cleaned."""
    violations, cleaned = allowlist.content_violations(html)
    if violations:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig", errors="replace")
        for violation in violations:
            line = allowlist.source_line(source, violation.needle)
            log.warning(f"docs/{page.file.src_uri}:{line}: the page contains {violation.found}, which "
                        f"pages may not contain. {violation.fix}")
    return cleaned


def _with_handout_links(html: str, page, config) -> str:
    """'Download PDF: A4 · US Letter' under the title of the home page and the handout page."""
    if page.file.norm_src_uri not in ("index.md", SiteConfig.from_mkdocs(config).options.handout.page):
        return html
    site, language, strings = SiteConfig.from_mkdocs(config), _language(config), _strings(config)
    label = strings["handout_download"]
    if page.file.norm_src_uri == "index.md":
        label = f"{handout_title(site, language)} (PDF):"
    links = render_partial(config, "partials/handout-links.html", label=label,
                           links=download_links(site, language, page.url, strings))
    heading_end = html.find("</h1>")
    at = heading_end + len("</h1>") if heading_end >= 0 else 0
    return html[:at] + links + html[at:]


@_content_errors
def on_template_context(context, template_name, config):
    # Static templates such as 404.html get no page context, but still need the words.
    context["site_strings"] = _strings(config)
    return context


@_content_errors
def on_post_page(output, page, config):
    site = SiteConfig.from_mkdocs(config)
    _check_whole_page(output, f"docs/{page.file.src_uri}", page.url)
    output = absolute_alternates(output, page.canonical_url, site.source_language)
    output = safe_external_links(output, site.site_url)
    if page.file.locale != _language(config):
        output = mark_as_source_language(output, site.source_language)
    output = strip_indentation(output)
    return point_search_at_language(output, page.url, _language(config), site.source_language)


def _check_whole_page(output: str, source: str, url: str) -> None:
    for problem in allowlist.theme_violations(output):
        log.warning(f"{source} (built as /{url}): the page contains {problem}. Content cannot add this, "
                    "so it comes from overrides/ or from the theme: if you changed overrides/ or upgraded "
                    "Material, read the new markup and update scripts/allowlist.py only if it is safe.")
    for duplicate in allowlist.duplicate_ids(output):
        log.warning(f"{source}: the id '{duplicate}' is used more than once on the page, so links to "
                    f"#{duplicate} go to the wrong place. Give each heading its own {{ #id }} (and do not "
                    "use the ids of the site's own parts, such as disclaimer-title).")


@_content_errors
def on_post_template(output_content, template_name, config):
    # 404.html and other static templates: same checks, same rule for links to other sites.
    _check_whole_page(output_content, f"overrides/{template_name}", template_name)
    return safe_external_links(output_content, SiteConfig.from_mkdocs(config).site_url)


def _is_last_language_build(config) -> bool:
    # mkdocs-static-i18n builds the other languages from inside the first build's
    # on_post_build and sets `building` while it does, so this is true in the outermost
    # build only: at its start (on_pre_build) and, with our priority, at its very end.
    return not config.plugins["i18n"].building


@_content_errors
def on_pre_build(config):
    global _handouts
    if _is_last_language_build(config) and _pdfs_wanted(config):  # the outermost build has just started
        _handouts = HandoutBuild(SiteConfig.from_mkdocs(config))


def _pdfs_wanted(config) -> bool:
    # extra.handout.pdfs in mkdocs.yml (HANDOUT_PDFS=false there for quick previews and tests).
    return SiteConfig.from_mkdocs(config).options.handout.pdfs


@_content_errors
def on_build_error(error):
    if _handouts is not None:
        _handouts.cancel()


@_content_errors
@event_priority(-200)
def on_post_build(config):
    global _handouts
    if not _is_last_language_build(config):
        return
    site = SiteConfig.from_mkdocs(config)
    split_search_index(Path(config.site_dir), site.codes, site.source_language, untranslated_page_urls(site))
    minify_site_css(Path(config.site_dir), [str(css) for css in config.extra_css])
    try:
        stop_alternate_sitemap_requests(Path(config.site_dir))
    except WorkaroundError as error:
        raise PluginError(str(error)) from None
    if _handouts is None:
        log.info("Handout PDFs not made (extra.handout.pdfs is off)")
        return
    started = time.perf_counter()
    errors = _handouts.write(Path(config.site_dir))
    _handouts = None
    log.info(f"Handout PDFs written; waited {time.perf_counter() - started:.2f} s for them after the pages")
    if errors:
        raise PluginError("Handout PDFs could not be made:\n" + "\n".join(errors))
