"""MkDocs hooks for this site. Thin: each event hands over to a module in scripts/.

Listed under `hooks:` in mkdocs.yml. MkDocs loads this file by path, so the project
root is put on sys.path here, whatever folder mkdocs was started from.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import get_plugin_logger  # noqa: E402

from scripts import page_meta, site_strings  # noqa: E402
from scripts.review_line import review_context  # noqa: E402

log = get_plugin_logger("site")


def _language(config) -> str:
    # mkdocs-static-i18n sets theme.language for each language it builds.
    return config.theme["language"]


def on_page_markdown(markdown, page, config, files):
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    for problem in page_meta.validate(page.meta, source, f"docs/{page.file.src_uri}"):
        log.warning(str(problem))  # --strict turns these into a failed build
    return markdown


def _strings(config) -> dict[str, str]:
    try:
        return site_strings.load(_language(config))
    except site_strings.StringsError as error:
        raise PluginError(str(error)) from None


def on_page_context(context, page, config, nav):
    strings = _strings(config)
    context["site_strings"] = strings
    context["review"] = review_context(page.meta, strings, _language(config))
    return context


def on_template_context(context, template_name, config):
    # Static templates such as 404.html get no page context, but still need the words.
    context["site_strings"] = _strings(config)
    return context
