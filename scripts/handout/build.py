"""Build every handout PDF (each language × paper size) for the site.

The PDFs depend only on the sources, not on the built pages, so they are rendered in two
worker processes *while* MkDocs builds the pages (it uses one core), and written into the
site folder at the end of the build.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from scripts.handout.render import HandoutError, pdf_site_path, render_pdf
from scripts.config.site import SiteConfig

# Each worker process gets the running build's configuration once, when it starts (by fork,
# so nothing is pickled and no worker loads mkdocs.yml and its plugins again).
_worker_config: SiteConfig | None = None


def _start_worker(config: SiteConfig) -> None:
    global _worker_config
    _worker_config = config


HANDOUT, WITH_ENGLISH = "handout", "with-english"   # the kinds of PDF, each (kind, language, paper)


def _render(kind: str, language: str, paper: str) -> bytes:
    return render_pdf(_worker_config, language, paper, with_english=kind == WITH_ENGLISH)


class HandoutBuild:
    """PDFs being rendered in the background: start it, build the pages, then write()."""

    def __init__(self, config: SiteConfig, workers: int = 2):
        self.config = config
        papers = config.options.handout.papers
        page = config.options.handout.page
        # A language without its own handout yet gets none (its pages link to the English one).
        languages = [lang for lang in config.codes if config.is_translated(lang, page)]
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                        initializer=_start_worker, initargs=(config,))
        # The same, with the English beside each part, for every translated language.
        kinds = [(HANDOUT, lang) for lang in languages] + [
            (WITH_ENGLISH, lang) for lang in languages if lang != config.source_language]
        self.jobs: dict[tuple[str, str, str], Future] = {
            (kind, lang, paper): self.pool.submit(_render, kind, lang, paper) for kind, lang in kinds for paper in papers}

    def write(self, site_dir: Path) -> list[str]:
        """Wait for the PDFs and write them; return the errors (empty when all were made)."""
        errors = []
        try:
            for (kind, language, paper), job in self.jobs.items():
                try:
                    pdf = job.result()
                except HandoutError as error:
                    errors.append(str(error))
                    continue
                target = site_dir / pdf_site_path(self.config, language, paper, kind == WITH_ENGLISH)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(pdf)
        finally:
            self.cancel()
        return errors

    def cancel(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)

