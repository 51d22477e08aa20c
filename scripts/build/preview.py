"""`./scripts/run serve`: an edit of a page's text is shown in about a second.

MkDocs rebuilds the whole site after every save: six languages (mkdocs-static-i18n builds each
in turn), several seconds on a 2-core machine. Most edits while previewing are a change to the
text of one page. Such a change leaves its front matter (title, dates, translation state) as it
was, so the navigation of every language stays as it is. For that case only, the preview
rebuilds the languages the edit can show in and writes again only the pages it can change:

- the text of a translated page: that page, in its own language;
- the text of an English page: that page in every language (a translation of it now says it is
  out of date; a language without one shows the English text), and each language's Languages
  page (its status table).

Each of those languages is built again (every page of it is read, so the navigation, the links
and their anchors are checked as in a full build), but only those pages, and their entries in
that language's search index, are written. Anything else (a new or deleted file, front matter,
strings.yml, mkdocs.yml, the theme's overrides) gets the full rebuild, as before. The log says
which one ran and why. The PDFs are then made again in the background, from the cache where
their inputs did not change (scripts/handout/build.py).

How: a language's build is the one mkdocs-static-i18n itself runs for that language (its
`current_language`, with `building` set so it does not start the others), run with MkDocs'
`build()` while five of MkDocs' steps are narrowed for it (FastRebuild.patched): the site
folder is not emptied (as mkdocs-static-i18n does for its languages), theme templates (404,
sitemap) and static files are left as the full build wrote and patched them, the theme's files
are listed once, and only the wanted pages are written. A name that is no longer there after an
upgrade stops the fast path with a message, and the full rebuild runs instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from scripts.build.search_index import language_docs
from scripts.config.pages import is_translated, language_prefix, page_url
from scripts.translations.notices import STATUS_MARKER

log = logging.getLogger("mkdocs.plugins.site")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
FAST = "preview_fast_rebuild"     # attribute on the i18n plugin of a fast build: a QuickBuild


def snapshot(docs_dir: Path, config_file: Path, theme_dir: Path | None = None) -> dict[str, tuple]:
    """Every file the preview watches: (size, mtime, hash of the front matter for pages)."""
    state = {}
    folders = [docs_dir, *([theme_dir] if theme_dir else [])]
    for path in [config_file, *sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())]:
        try:
            stat = path.stat()
            front = ""
            if path.suffix == ".md":
                match = FRONT_MATTER.match(path.read_text(encoding="utf-8", errors="replace"))
                front = hashlib.sha256(match.group(0).encode()).hexdigest() if match else "none"
        except OSError:
            continue
        state[str(path)] = (stat.st_size, stat.st_mtime_ns, front)
    return state


def status_pages(docs_dir: Path, languages: list[str]) -> set[str]:
    """The pages that show the translation status table (the Languages page), in any language."""
    return {path.name for language in languages for path in (docs_dir / language).glob("*.md")
            if STATUS_MARKER in path.read_text(encoding="utf-8", errors="replace")}


def fast_plan(before: dict, after: dict, docs_dir: Path, source_language: str,
              translations: list[str]) -> tuple[dict[str, list[Path]] | None, str]:
    """({language: the source files of the pages to write again in it}, what changed), or (None,
    why the full rebuild is needed)."""
    changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    if not changed:
        return None, "no page changed (a theme or other watched file did)"
    languages = [source_language, *translations]
    edited: dict[str, list[str]] = {}
    for path in changed:
        relative = Path(path).relative_to(docs_dir) if Path(path).is_relative_to(docs_dir) else None
        if relative is None or len(relative.parts) != 2 or relative.suffix != ".md":
            return None, f"{path} changed"
        if path not in before or path not in after:
            return None, f"{relative} was {'added' if path not in before else 'deleted'}"
        if relative.parts[0] not in languages:
            return None, f"{relative} is not in a language folder of mkdocs.yml"
        if before[path][2] != after[path][2]:
            return None, f"the front matter of {relative} changed"
        edited.setdefault(relative.parts[0], []).append(relative.parts[1])
    plan = {language: {docs_dir / language / page for page in pages} for language, pages in edited.items()}
    english = edited.get(source_language, [])
    if english:
        # Every language shows these pages: translated (with a notice that now says the English
        # page changed) or, where there is no translation, in English; and the status table.
        shown = [*english, *sorted(status_pages(docs_dir, languages))]
        for language in languages:
            plan.setdefault(language, set()).update(
                docs_dir / folder / page for page in shown for folder in dict.fromkeys((language, source_language)))
    what = ", ".join(f"{language}/{page}" for language, pages in edited.items() for page in pages)
    return {language: sorted(plan[language]) for language in languages if language in plan}, what


class FastRebuildUnavailable(RuntimeError):
    """MkDocs or mkdocs-static-i18n changed: the fast path cannot run (the full rebuild does)."""


@dataclass(frozen=True)
class QuickBuild:
    """What the hooks see of a fast rebuild of one language (fast_rebuild_of)."""
    written: list[str]      # the source files of the pages it writes
    last: bool              # the last language of this rebuild: the PDFs may start after it

    def skips(self, page) -> bool:
        """A page this build reads but does not write: its source is as the full build checked it."""
        return page.file.abs_src_path not in self.written


@dataclass
class FastRebuild:
    """The serve builder: the fast path when it applies, else MkDocs' own full rebuild."""
    full_builder: object
    config_file: Path
    docs_dir: Path
    site_dir: Path
    site_url: str
    strict: bool
    translations: list[str]
    source_language: str
    theme_dir: Path | None = None
    state: dict = field(default_factory=dict)
    # The theme's own files, listed once: the theme cannot change without a full rebuild.
    theme_files: dict = field(default_factory=dict)

    def snapshot(self) -> dict[str, tuple]:
        return snapshot(self.docs_dir, self.config_file, self.theme_dir)

    def __call__(self, config=None) -> None:
        after = self.snapshot()
        plan, why = fast_plan(self.state, after, self.docs_dir, self.source_language, self.translations)
        started = time.perf_counter()
        if plan is not None:
            try:
                config = self._load_config()     # (one for every language, as mkdocs-static-i18n does)
                for number, (language, files) in enumerate(plan.items(), start=1):
                    self._build_language(config, language, files, last=number == len(plan))
                self.state = after
                log.info(f"Preview: rebuilt {why} only ({', '.join(plan)}), in {time.perf_counter() - started:.2f} s")
                return
            except FastRebuildUnavailable as error:
                log.warning(f"Preview: the quick rebuild cannot run ({error}); rebuilding everything")
        else:
            log.info(f"Preview: full rebuild: {why}")
        self.theme_files.clear()
        self.full_builder(config)
        self.state = after

    def _load_config(self):
        from mkdocs.config import load_config

        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir), strict=self.strict)
        config.site_url = self.site_url
        return config

    def _build_language(self, config, language: str, written: list[Path], last: bool = True) -> None:
        from mkdocs.commands.build import build

        i18n = config.plugins["i18n"]
        i18n.current_language = language
        i18n.building = True                      # it then builds this language and no other
        setattr(i18n, FAST, QuickBuild([str(path) for path in written], last))
        with self.patched(written), self.kept_search_index(language):
            build(config, serve_url=self.site_url)

    @contextlib.contextmanager
    def patched(self, written: list[Path]):
        import mkdocs.commands.build as mkdocs_build
        from mkdocs import utils
        from mkdocs.structure.files import File, Files

        wanted = {str(path) for path in written}
        names = [(utils, "clean_directory"), (mkdocs_build, "_build_theme_template"),
                 (mkdocs_build, "_build_page"), (Files, "copy_static_files"), (Files, "add_files_from_theme")]
        missing = [f"{owner.__name__}.{name}" for owner, name in names if not hasattr(owner, name)]
        if missing:
            raise FastRebuildUnavailable(f"MkDocs has no {', '.join(missing)} any more")
        originals = {name: getattr(owner, name) for owner, name in names}

        def build_page(page, *args, **kwargs):
            if page.file.abs_src_path in wanted:
                return originals["_build_page"](page, *args, **kwargs)

        def copy_static_files(files, *args, **kwargs):
            # (only files newer than the site's copy: the full build's patched Material files stay)
            kwargs["dirty"] = True
            return originals["copy_static_files"](files, *args, **kwargs)

        def add_files_from_theme(files, env, config):
            # Listing the theme walks Material's 14,000 icons: a twentieth of a second a language.
            key = (tuple(config.theme.dirs), tuple(config.theme.static_templates), config.use_directory_urls)
            if key not in self.theme_files:
                found = Files([])
                originals["add_files_from_theme"](found, env, config)
                self.theme_files[key] = [(file.src_uri, file.src_dir) for file in found]
            for path, folder in self.theme_files[key]:
                if files.get_file_from_path(path) is None:      # (a docs file wins, as in MkDocs)
                    files.append(File(path, folder, config.site_dir, config.use_directory_urls))

        replacements = {"clean_directory": lambda directory: None, "_build_theme_template": lambda *a, **k: None,
                        "_build_page": build_page, "copy_static_files": copy_static_files,
                        "add_files_from_theme": add_files_from_theme}
        try:
            for owner, name in names:
                setattr(owner, name, replacements[name])
            yield
        finally:
            for owner, name in names:
                setattr(owner, name, originals[name])

    @contextlib.contextmanager
    def kept_search_index(self, language: str):
        """Material writes the search index of the pages it built (here: the rewritten ones) over
        site/search/search_index.json, which the full build made the source language's own index:
        keep that one, and put the new entries into the language's own index, as
        scripts/build/search_index.py writes it (without the pages shown in English)."""
        merged = self.site_dir / "search" / "search_index.json"
        own = self.site_dir / language_prefix(language, self.source_language) / "search" / "search_index.json"
        kept, index = merged.read_bytes(), json.loads(own.read_text(encoding="utf-8"))
        try:
            yield
            built = json.loads(merged.read_text(encoding="utf-8"))["docs"]
        finally:
            merged.write_bytes(kept)
        untranslated = {page_url(path.name) for path in (self.docs_dir / self.source_language).glob("*.md")
                        if not is_translated(self.docs_dir, language, path.name)}
        new = language_docs(built, language, self.source_language, self.translations, untranslated)
        pages = {doc["location"].split("#", 1)[0] for doc in
                 language_docs(built, language, self.source_language, self.translations)}
        old = [doc for doc in index["docs"] if doc["location"].split("#", 1)[0] not in pages]
        index["docs"] = old + new
        own.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def fast_rebuilds(server, config, builder, site) -> object:
    """on_serve: put FastRebuild in front of MkDocs' builder (the first build is done)."""
    custom_dir = config.theme.custom_dir
    fast = FastRebuild(builder, Path(config.config_file_path), Path(config.docs_dir), Path(config.site_dir),
                       config.site_url, bool(config.strict), list(site.translations), site.source_language,
                       Path(custom_dir) if custom_dir else None)
    fast.state = fast.snapshot()
    server.builder = fast
    return server


def fast_rebuild_of(config) -> QuickBuild | None:
    """What this build writes when it is a fast rebuild of one language (see FastRebuild), else None."""
    return getattr(config.plugins["i18n"], FAST, None)
