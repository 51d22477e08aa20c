"""One search index per language, so a Spanish reader searches Spanish pages only.

mkdocs-static-i18n merges every language into site/search/search_index.json. After the
build we split it into site/<lang>/search/search_index.json, with each language's own
word rules (from Material's language files), and point each page's search at its language.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import material
from mkdocs.utils import get_relative_url

from scripts.config.pages import language_prefix, page_url
from scripts.config.site import SiteConfig

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


@lru_cache(maxsize=None)
def material_search_settings(language: str) -> dict:
    """lang, separator and pipeline that Material uses for a language (English where it says nothing)."""
    def read(code: str) -> dict:
        path = MATERIAL_LANGUAGES / f"{code}.html"
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        return {key: json.loads(f'"{value}"') for key, value in
                re.findall(r'"search\.config\.(\w+)": "((?:[^"\\]|\\.)*)"', text)}

    settings = {**read("en"), **read(language)}
    return {
        "lang": [settings["lang"]],
        "separator": settings["separator"],
        "pipeline": [step for step in settings["pipeline"].split(",") if step.strip()],
    }


def compact(text: str) -> str:
    """Index text without markup or runs of spaces: smaller to download, same words to find."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


def untranslated_page_urls(site: SiteConfig) -> dict[str, set[str]]:
    """For each translation, the URLs of pages built from English because they are missing."""
    return {code: {page_url(page) for page in site.pages if not site.is_translated(code, page)}
            for code in site.translations}


def language_docs(docs: list[dict], language: str, source_language: str, translations: list[str],
                  untranslated: set[str] = frozenset()) -> list[dict]:
    """The entries of Material's merged index that belong in `language`'s own index: its pages'
    (without the URLs in `untranslated`, the pages it shows in English), with locations relative
    to the language's folder, their text compact, and each location once (mkdocs-static-i18n
    builds the default language twice)."""
    prefix = language_prefix(language, source_language)
    if prefix:
        own = [{**doc, "location": doc["location"][len(prefix):]}
               for doc in docs if doc["location"].startswith(prefix)]
        own = [doc for doc in own if doc["location"].split("#", 1)[0] not in untranslated]
    else:
        own = [doc for doc in docs if doc["location"].split("/", 1)[0] not in translations]
    unique = {}
    for doc in own:
        unique.setdefault(doc["location"], {**doc, "text": compact(doc.get("text", ""))})
    return list(unique.values())


def split_search_index(site_dir: Path, languages: list[str], source_language: str,
                       untranslated: dict[str, set[str]] | None = None) -> None:
    """Write one index per language. `untranslated` maps a language to the URLs of pages
    built from English (fallback), which its readers should not find in their search."""
    merged_path = site_dir / "search" / "search_index.json"
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    translations = [code for code in languages if code != source_language]
    for language in languages:
        docs = language_docs(merged["docs"], language, source_language, translations,
                             (untranslated or {}).get(language, set()))
        index = {"config": {**merged["config"], **material_search_settings(language)}, "docs": docs}
        target = site_dir / language_prefix(language, source_language) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def point_search_at_language(html: str, page_url: str, language: str, source_language: str) -> str:
    """Make the page's search (Material's `base`) use its own language's folder and index."""
    prefix = language_prefix(language, source_language)
    if not prefix:
        return html

    def rewrite(match: re.Match) -> str:
        config = json.loads(match.group(2))
        config["base"] = get_relative_url(prefix, page_url)
        return match.group(1) + json.dumps(config, ensure_ascii=False) + match.group(3)

    return CONFIG_SCRIPT.sub(rewrite, html, count=1)
