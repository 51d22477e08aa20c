"""What a translated page tells its reader about the translation, in the reader's language."""

from __future__ import annotations

from babel.dates import format_date

from scripts.sources.page_meta import read_front_matter, read_source
from scripts.config.site import SiteConfig
from scripts.translations.state import PageState, all_states

STATUS_MARKER = "<!-- translation-status -->"   # where the Languages page gets its table (site and booklet)


def notice_context(state: PageState, strings: dict[str, str], english_url: str) -> dict | None:
    """Context for partials/translation-notice.html, or None on a source-language page."""
    if not state.exists:
        return None
    language = state.language
    context = {
        "machine": state.kind != "reviewed",
        "outdated": state.outdated,
        "english_url": english_url,
        "changed_on": format_date(state.english_changed_on, format="long", locale=language)
        if state.english_changed_on else "",
        "reviewed_line": "",
    }
    if state.kind == "reviewed" and state.reviewed_on:
        context["reviewed_line"] = strings["translation_reviewed"].format(
            reviewer=state.reviewer, date=format_date(state.reviewed_on, format="long", locale=language))
    return context


def languages_page_table(site: SiteConfig, language: str, strings: dict[str, str]) -> str:
    """The status table for the Languages page as it is built in `language`."""
    titles = {}
    for page in site.pages:
        if site.is_translated(language, page):
            path = site.docs_dir / language / page
            meta, _ = read_front_matter(read_source(path), str(path))
            titles[page] = meta.get("title", page)
    states = all_states(site.root, site.docs_dir, site.codes, site.pages)
    return status_table(states, site.pages, [(lang.code, lang.name) for lang in site.languages], titles, strings)


def status_table(states: list[PageState], pages: list[str], languages: list[tuple[str, str]],
                 titles: dict[str, str], strings: dict[str, str]) -> str:
    """The Languages page table (Markdown): one row a page, one column a language."""
    labels = {"missing": strings["status_missing"], "outdated": strings["status_outdated"],
              "machine": strings["status_machine"], "reviewed": strings["status_reviewed"]}
    by_key = {(s.language, s.page): s for s in states}
    source_code = languages[0][0]
    header = [strings["status_page"]] + [name for _, name in languages]
    rows = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for page in pages:
        cells = [f"[{titles.get(page, page)}]({page})"]
        for code, _ in languages:
            cells.append(strings["status_source"] if code == source_code else labels[by_key[(code, page)].status])
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"
