"""A copy of the project cut down to a few pages (and, if asked, a few languages), for negative
cases: the same mkdocs.yml, hooks, theme and strings, so a build of it is as strict and as
real as one of the whole site, in about half the time. tests/test_small_project.py proves that
the clean cut-down copy builds without a single warning, so a failure of a test that breaks
it comes from that test's own mutation.

What is cut: every page not in `pages` (in every language) and its nav entry. A link to a
removed page keeps its text and loses its target. A translation whose `source_hash` matched
its English page is given the hash of the cut-down English page, so it keeps its state
(machine translation, reviewed, or out of date) exactly as in the real site.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from scripts.translations.state import source_hash

# The home page, a content page and the handout page (mkdocs.yml extra.handout.page): what the
# hooks treat differently, and what the negative cases edit.
SMALL_PAGES = ("index.md", "symptoms.md", "handout.md")

_NAV = re.compile(r"^nav:\n(?:  - .*\n)+", re.MULTILINE)
_LANGUAGE_ENTRY = re.compile(r"^        - locale: (\w[\w-]*)\n(?:          .*\n)*", re.MULTILINE)
_HASH_LINE = re.compile(r"^source_hash: (\S+)$", re.MULTILINE)


def cut_down(project: Path, pages: tuple[str, ...] = SMALL_PAGES, languages: tuple[str, ...] | None = None) -> None:
    """Cut the project copy at `project` down in place (see the module docstring)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if languages is not None:
        text = _LANGUAGE_ENTRY.sub(lambda entry: entry.group(0) if entry.group(1) in languages else "", text)
    nav, count = _NAV.subn("nav:\n" + "".join(f"  - {page}\n" for page in pages), text)
    assert count == 1, "mkdocs.yml has no nav: list as tests/support/small_project.py expects"
    config.write_text(nav, encoding="utf-8")

    docs = project / "docs"
    folders = [folder for folder in docs.iterdir() if (folder / "strings.yml").is_file()]
    kept_codes = set(_LANGUAGE_ENTRY.findall(nav))
    for folder in folders:
        if folder.name not in kept_codes:
            shutil.rmtree(folder)
    source = docs / "en"
    removed = sorted(p.name for p in source.glob("*.md") if p.name not in pages)
    link = re.compile(r"\[([^\]]*)\]\((?:%s)(?:#[^)]*)?\)" % "|".join(map(re.escape, removed))) if removed else None
    old_hashes = {page: source_hash((source / page).read_text(encoding="utf-8")) for page in pages}
    for folder in (f for f in folders if f.name in kept_codes):
        for page in folder.glob("*.md"):
            if page.name not in pages:
                page.unlink()
            elif link:
                page.write_text(link.sub(r"\1", page.read_text(encoding="utf-8")), encoding="utf-8")
    for page in pages:
        new_hash = source_hash((source / page).read_text(encoding="utf-8"))
        for folder in (f for f in folders if f.name in kept_codes and f.name != "en"):
            translated = folder / page
            if translated.is_file():
                text = translated.read_text(encoding="utf-8")
                in_sync = _HASH_LINE.search(text) and _HASH_LINE.search(text).group(1) == old_hashes[page]
                if in_sync:
                    translated.write_text(_HASH_LINE.sub(f"source_hash: {new_hash}", text, count=1),
                                          encoding="utf-8")


def copies_of_page(project: Path, page: str, count: int, languages: tuple[str, ...] = ("en", "fr"),
                   name: str = "case-{:02d}.md") -> list[str]:
    """`count` copies of `page` in each of `languages` (docs/<language>/case-00.md, …), added to
    the nav: pages of their own for cases that share one build. Each copy of a translation keeps
    its state, since its English original is a copy too. Returns the pages' names."""
    names = [name.format(number) for number in range(count)]
    for language in languages:
        text = (project / "docs" / language / page).read_text(encoding="utf-8")
        for copy in names:
            (project / "docs" / language / copy).write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    nav = _NAV.search(text)
    config.write_text(text[:nav.end()] + "".join(f"  - {copy}\n" for copy in names) + text[nav.end():],
                      encoding="utf-8")
    return names
