"""`./scripts/run serve`: an edit of a translated page's text is shown in about a second.

MkDocs rebuilds the whole site after every save: six languages (mkdocs-static-i18n builds each
in turn), 10-30 s on a 2-core machine. Most edits while previewing are a translator's or an
editor's change to the text of one page. Such a change can only alter that page: its front
matter (title, dates, translation state) is unchanged, so the navigation, the translation
notices and the Languages page of every language stay as they are. For that case only, the
preview rebuilds that one language, reads every page of it again (so the navigation, the
links and their anchors are checked as in a full build) and writes again only the edited
pages, and their entries in that language's search index. Anything else (a new or deleted
file, front matter, strings.yml, English pages, mkdocs.yml, several languages at once) gets
the full rebuild, as before. The log says which one ran and why.

How: the language's build is the one mkdocs-static-i18n itself runs for that language (its
`current_language`, with `building` set so it does not start the others), run with MkDocs'
`build()` while four of MkDocs' steps are narrowed for it (FastRebuild.patched): the site
folder is not emptied (as mkdocs-static-i18n does for its languages), theme templates (404,
sitemap) and static files are left as the full build wrote and patched them, and only the
edited pages are written. A name that is no longer there after an upgrade stops the fast path
with a message, and the full rebuild runs instead.
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

from scripts.build.search_index import compact

log = logging.getLogger("mkdocs.plugins.site")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
FAST = "preview_fast_rebuild"     # attribute on the i18n plugin of a fast build: the edited files


def snapshot(docs_dir: Path, config_file: Path) -> dict[str, tuple]:
    """Every file the preview watches: (size, mtime, hash of the front matter for pages)."""
    state = {}
    for path in [config_file, *sorted(p for p in docs_dir.rglob("*") if p.is_file())]:
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


def fast_language(before: dict, after: dict, docs_dir: Path, translations: list[str]) -> tuple[str | None, str]:
    """(the language to rebuild alone, why) or (None, why the full rebuild is needed)."""
    changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    if not changed:
        return None, "no page changed (a theme or other watched file did)"
    languages = set()
    for path in changed:
        relative = Path(path).relative_to(docs_dir) if Path(path).is_relative_to(docs_dir) else None
        if relative is None or len(relative.parts) != 2 or relative.suffix != ".md":
            return None, f"{path} changed"
        if path not in before or path not in after:
            return None, f"{relative} was {'added' if path not in before else 'deleted'}"
        if relative.parts[0] not in translations:
            return None, f"{relative} is not a translation"
        if before[path][2] != after[path][2]:
            return None, f"the front matter of {relative} changed"
        languages.add(relative.parts[0])
    if len(languages) > 1:
        return None, f"pages of {len(languages)} languages changed"
    return languages.pop(), ", ".join(str(Path(p).relative_to(docs_dir)) for p in changed)


class FastRebuildUnavailable(RuntimeError):
    """MkDocs or mkdocs-static-i18n changed: the fast path cannot run (the full rebuild does)."""


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
    state: dict = field(default_factory=dict)

    def __call__(self, config=None) -> None:
        after = snapshot(self.docs_dir, self.config_file)
        language, why = fast_language(self.state, after, self.docs_dir, self.translations)
        started = time.perf_counter()
        if language is not None:
            try:
                self._build_language(language, [Path(p) for p in after if self.state.get(p) != after[p]])
                self.state = after
                log.info(f"Preview: rebuilt {why} only ({language}), in {time.perf_counter() - started:.2f} s")
                return
            except FastRebuildUnavailable as error:
                log.warning(f"Preview: the quick rebuild cannot run ({error}); rebuilding everything")
        else:
            log.info(f"Preview: full rebuild: {why}")
        self.full_builder(config)
        self.state = after

    def _build_language(self, language: str, edited: list[Path]) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir), strict=self.strict)
        config.site_url = self.site_url
        i18n = config.plugins["i18n"]
        i18n.current_language = language
        i18n.building = True                      # it then builds this language and no other
        setattr(i18n, FAST, [str(path) for path in edited])
        with self.patched(edited), self.kept_search_index(language, edited):
            build(config, serve_url=self.site_url)

    @contextlib.contextmanager
    def patched(self, edited: list[Path]):
        import mkdocs.commands.build as mkdocs_build
        from mkdocs import utils
        from mkdocs.structure.files import Files

        wanted = {str(path) for path in edited}
        names = [(utils, "clean_directory"), (mkdocs_build, "_build_theme_template"),
                 (mkdocs_build, "_build_page"), (Files, "copy_static_files")]
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

        replacements = {"clean_directory": lambda directory: None, "_build_theme_template": lambda *a, **k: None,
                        "_build_page": build_page, "copy_static_files": copy_static_files}
        try:
            for owner, name in names:
                setattr(owner, name, replacements[name])
            yield
        finally:
            for owner, name in names:
                setattr(owner, name, originals[name])

    @contextlib.contextmanager
    def kept_search_index(self, language: str, edited: list[Path]):
        """Material writes the search index of the pages it built (here: the edited ones) over
        site/search/search_index.json: keep the full one, and put the new entries into the
        language's own index (as scripts/build/search_index.py writes it)."""
        merged = self.site_dir / "search" / "search_index.json"
        own = self.site_dir / language / "search" / "search_index.json"
        kept = merged.read_bytes()
        try:
            yield
            built = json.loads(merged.read_text(encoding="utf-8"))["docs"]
        finally:
            merged.write_bytes(kept)
        index = json.loads(own.read_text(encoding="utf-8"))
        prefix = f"{language}/"
        pages = {doc["location"].split("#", 1)[0] for doc in built}
        new = [{**doc, "location": doc["location"].removeprefix(prefix), "text": compact(doc.get("text", ""))}
               for doc in built if doc["location"].startswith(prefix)]
        old = [doc for doc in index["docs"] if prefix + doc["location"].split("#", 1)[0] not in pages]
        index["docs"] = old + new
        own.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def fast_rebuilds(server, config, builder, site) -> object:
    """on_serve: put FastRebuild in front of MkDocs' builder (the first build is done)."""
    fast = FastRebuild(builder, Path(config.config_file_path), Path(config.docs_dir), Path(config.site_dir),
                       config.site_url, bool(config.strict), list(site.translations), site.source_language)
    fast.state = snapshot(fast.docs_dir, fast.config_file)
    server.builder = fast
    return server


def fast_rebuild_of(config) -> list[str] | None:
    """The edited files when this build is a fast rebuild (see FastRebuild), else None."""
    return getattr(config.plugins["i18n"], FAST, None)


def edits_pdf_input(edited: list[str] | None, handout_page: str) -> bool:
    """A fast rebuild of the handout page itself: its PDFs are made again (in the background)."""
    return any(Path(path).name == handout_page for path in edited or [])
