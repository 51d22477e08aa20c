"""MkDocs hooks for this site. Thin: each event hands over to a module in scripts/.

Listed under `hooks:` in mkdocs.yml. MkDocs loads this file by path, so the project
root is put on sys.path here, whatever folder mkdocs was started from.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority, get_plugin_logger  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from scripts import page_meta, site_strings  # noqa: E402
from scripts.alternates import absolute_alternates, mark_as_source_language  # noqa: E402
from scripts.external_link_attributes import safe_external_links  # noqa: E402
from scripts.html_whitespace import strip_indentation  # noqa: E402
from scripts.handout.build import HandoutBuild  # noqa: E402
from scripts.handout.render import pdf_site_path  # noqa: E402
from scripts.review_line import review_context  # noqa: E402
from scripts.search_index import point_search_at_language, split_search_index  # noqa: E402
from scripts.site_config import SiteConfig  # noqa: E402
from scripts.templates import render_partial  # noqa: E402
from scripts.translations.notices import notice_context, status_table  # noqa: E402
from scripts.translations.state import all_states, page_state  # noqa: E402

log = get_plugin_logger("site")
# The handout PDFs of the build in progress (rendered in the background; see on_pre_build).
_handouts: HandoutBuild | None = None


def on_startup(command, dirty):
    # Material's search splits Chinese into words with jieba, which chats on stderr.
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)
STATUS_MARKER = "<!-- translation-status -->"


def _language(config) -> str:
    # mkdocs-static-i18n sets theme.language for each language it builds.
    return config.theme["language"]


def _strings(config) -> dict[str, str]:
    try:
        return site_strings.load(_language(config))
    except site_strings.StringsError as error:
        raise PluginError(str(error)) from None


def on_page_markdown(markdown, page, config, files):
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    for problem in page_meta.validate(source, f"docs/{page.file.src_uri}"):
        log.warning(str(problem))  # --strict turns these into a failed build
    if STATUS_MARKER in markdown:
        markdown = markdown.replace(STATUS_MARKER, _status_table(config))
    return markdown


def _status_table(config) -> str:
    site = SiteConfig.from_mkdocs(config)
    language = _language(config)
    states = all_states(site.root, site.docs_dir, site.codes, site.pages)
    titles = {}
    for page in site.pages:
        path = site.docs_dir / language / page
        meta, _ = page_meta.read_front_matter(path.read_text(encoding="utf-8"), str(path)) if path.is_file() else ({}, None)
        titles[page] = meta.get("title", page)
    return status_table(states, site.pages, [(lang.code, lang.name) for lang in site.languages],
                        titles, _strings(config))


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


def on_page_content(html, page, config, files):
    """'Download PDF: A4 · US Letter' under the title of the home page and the handout page."""
    handout = config.extra["handout"]
    if page.file.norm_src_uri not in ("index.md", handout["page"]):
        return html
    strings = _strings(config)
    label = strings["handout_download"]
    if page.file.norm_src_uri == "index.md":
        label = f"{_handout_title(config)} (PDF):"
    links = render_partial(config, "partials/handout-links.html", label=label,
                           links=_handout_links(page, config, strings))
    heading_end = html.find("</h1>")
    at = heading_end + len("</h1>") if heading_end >= 0 else 0
    return html[:at] + links + html[at:]


def _handout_title(config) -> str:
    site = SiteConfig.from_mkdocs(config)
    path = site.docs_dir / _language(config) / config.extra["handout"]["page"]
    if not path.is_file():
        path = site.docs_dir / site.source_language / config.extra["handout"]["page"]
    meta, _ = page_meta.read_front_matter(path.read_text(encoding="utf-8"), str(path))
    return meta.get("title", "PDF")


def _handout_links(page, config, strings) -> list[dict]:
    handout = config.extra["handout"]
    site = SiteConfig.from_mkdocs(config)
    language = _language(config)
    if not (site.docs_dir / language / handout["page"]).is_file():
        language = site.source_language  # not translated yet: offer the English handout
    return [{"label": strings[f"paper_{paper}"],
             "url": get_relative_url(pdf_site_path(site, language, paper), page.url)}
            for paper in handout["papers"]]


def on_template_context(context, template_name, config):
    # Static templates such as 404.html get no page context, but still need the words.
    context["site_strings"] = _strings(config)
    return context


def on_post_page(output, page, config):
    site = SiteConfig.from_mkdocs(config)
    output = absolute_alternates(output, page.canonical_url, site.source_language)
    output = safe_external_links(output, site.site_url)
    if page.file.locale != _language(config):
        output = mark_as_source_language(output, site.source_language)
    output = strip_indentation(output)
    return point_search_at_language(output, page.url, _language(config), site.source_language)


def on_post_template(output_content, template_name, config):
    # 404.html and other static templates: same rule for links to other sites.
    return safe_external_links(output_content, SiteConfig.from_mkdocs(config).site_url)


def _is_last_language_build(config) -> bool:
    # mkdocs-static-i18n builds the other languages from inside the first build's
    # on_post_build and sets `building` while it does, so this is true in the outermost
    # build only: at its start (on_pre_build) and, with our priority, at its very end.
    return not config.plugins["i18n"].building


def _untranslated_urls(site: SiteConfig) -> dict[str, set[str]]:
    def url(page: str) -> str:
        stem = page.removesuffix(".md")
        return "" if stem == "index" else f"{stem}/"

    return {code: {url(page) for page in site.pages if not (site.docs_dir / code / page).is_file()}
            for code in site.translations}


def on_pre_build(config):
    global _handouts
    if _is_last_language_build(config):  # i.e. the first, outermost build has just started
        _handouts = HandoutBuild(SiteConfig.from_mkdocs(config))


def on_build_error(error):
    if _handouts is not None:
        _handouts.cancel()


@event_priority(-200)
def on_post_build(config):
    global _handouts
    if not _is_last_language_build(config):
        return
    site = SiteConfig.from_mkdocs(config)
    split_search_index(Path(config.site_dir), site.codes, site.source_language, _untranslated_urls(site))
    started = time.perf_counter()
    errors = _handouts.write(Path(config.site_dir))
    _handouts = None
    log.info(f"Handout PDFs written; waited {time.perf_counter() - started:.2f} s for them after the pages")
    if errors:
        raise PluginError("Handout PDFs could not be made:\n" + "\n".join(errors))
