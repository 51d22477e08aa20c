"""Real MkDocs builds inside the test process, on a copy of the project cut down to a few
languages, without PDFs and without trimming the style sheets (extra.handout.pdfs and
extra.trim_css off, unless a test asks for them): the same hooks, plugins and strict mode, in a
second or less."""

from __future__ import annotations

import logging
import os
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException


@dataclass
class BuildResult:
    ok: bool
    messages: list[str]       # every WARNING and ERROR the build logged, and the abort reason

    @property
    def text(self) -> str:
        return "\n".join(self.messages)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class _CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's own bytecode cache, kept in memory for the test process. Without it every build
    (and every language inside it) parses and compiles Material's ~150 templates again, a third
    of an in-process build. Jinja keys each entry by template name and a checksum of its source,
    so a template a test edits (overrides/main.html) is compiled afresh."""

    def __init__(self):
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _CompiledTemplates()


# The installed themes' static files, as MkDocs lists them (Files.add_files_from_theme: every
# file of the theme's folders, less templates, dot files and the like): Material's folder holds
# some 14,000 files, most of them icons, and listing and sifting them took a third of an
# in-process build (every build lists them once, and once more per language). Listed once per
# test process for a folder of the installed packages; the project's own overrides/ afresh at
# every build, since tests edit it.
_INSTALLED = tuple(str(Path(sysconfig.get_paths()[key]).resolve()) for key in ("purelib", "platlib"))
_THEME_FILES: dict[tuple, list[str]] = {}


def _theme_files(folder: str, static_templates: tuple, keep) -> list[str]:
    def listing():
        return [name for name in jinja2.FileSystemLoader(folder).list_templates() if keep(name)]
    if not str(Path(folder).resolve()).startswith(_INSTALLED):
        return listing()
    key = (folder, static_templates)     # (`keep` depends on the theme's static_templates only)
    if key not in _THEME_FILES:
        _THEME_FILES[key] = listing()
    return _THEME_FILES[key]


def _share_compiled_templates(config) -> None:
    theme = config.theme
    new_env = theme.get_env

    def get_env():
        env = new_env()
        env.bytecode_cache = _TEMPLATES
        folders, static_templates = list(env.loader.searchpath), tuple(theme.static_templates)

        def list_templates(extensions=None, filter_func=None):
            assert extensions is None and filter_func is not None, "only MkDocs' call is cached"
            return sorted({name for folder in folders
                           for name in _theme_files(folder, static_templates, filter_func)})

        env.list_templates = list_templates
        return env

    theme.get_env = get_env


def build_in_process(project: Path, languages: tuple[str, ...] = ("en", "fr"), pdfs: bool = False,
                     env: dict[str, str] | None = None, strict: bool = True,
                     trim_css: bool = False) -> BuildResult:
    """`mkdocs build --strict` of `project` with only `languages` (the default language always).
    strict=False is a build as `mkdocs serve` makes it: warnings do not stop it."""
    saved = dict(os.environ)
    os.environ.update({"NO_MKDOCS_2_WARNING": "1", "HANDOUT_PDFS": "true" if pdfs else "false", **(env or {})})
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(str(project / "mkdocs.yml"), strict=strict, site_dir=str(project / "site"))
        i18n = config.plugins["i18n"].config
        i18n.languages[:] = [lang for lang in i18n.languages if lang.locale in languages or lang.default]
        config.extra.setdefault("trim_css", trim_css)     # (a value in the project's mkdocs.yml wins)
        _share_compiled_templates(config)
        build(config)
        return BuildResult(True, collect.messages)
    except (Abort, MkDocsException, SystemExit) as error:
        return BuildResult(False, collect.messages + [str(error)])
    finally:
        logger.removeHandler(collect)
        os.environ.clear()
        os.environ.update(saved)
