"""Real MkDocs builds inside the test process, on a copy of the project cut down to a few
languages, without PDFs and without trimming the style sheets (extra.handout.pdfs and
extra.trim_css off, unless a test asks for them): the same hooks, plugins and strict mode, in a
second or less."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

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
        build(config)
        return BuildResult(True, collect.messages)
    except (Abort, MkDocsException, SystemExit) as error:
        return BuildResult(False, collect.messages + [str(error)])
    finally:
        logger.removeHandler(collect)
        os.environ.clear()
        os.environ.update(saved)
