"""Build every handout and booklet PDF (each language × paper size) for the site.

The PDFs depend only on the sources, not on the built pages, so they are rendered in two
worker processes *while* MkDocs builds the pages (it uses one core), and written into the
site folder at the end of the build.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from scripts.booklet.render import booklet_site_path, render_booklets
from scripts.handout.render import pdf_site_path, render_pdf
from scripts.config.site import SiteConfig
from scripts.problems import ProblemError


def _handouts(config: SiteConfig, language: str, papers: list[str]) -> dict[str, bytes]:
    return {paper: render_pdf(config, language, paper) for paper in papers}


# Each kind of PDF: how to render a language's PDFs ({paper: bytes}), and where each goes in site/.
# A handout is one job per paper; a booklet one job per language (one layout serves every paper).
KINDS = {"handout": (_handouts, pdf_site_path), "booklet": (render_booklets, booklet_site_path)}

# Each worker process gets the running build's configuration once, when it starts (by fork,
# so nothing is pickled and no worker loads mkdocs.yml and its plugins again).
_worker_config: SiteConfig | None = None


def _start_worker(config: SiteConfig) -> None:
    global _worker_config
    _worker_config = config


def _render(kind: str, language: str, papers: list[str]) -> dict[str, bytes]:
    return KINDS[kind][0](_worker_config, language, papers)


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
        # The booklets first: they take longest, so the handouts fill the gaps at the end.
        self.jobs: dict[tuple[str, str, str], Future] = {}
        for lang in config.codes:
            booklets = self.pool.submit(_render, "booklet", lang, papers)
            self.jobs.update({("booklet", lang, paper): booklets for paper in papers})
        self.jobs.update({("handout", lang, paper): self.pool.submit(_render, "handout", lang, [paper])
                          for lang in languages for paper in papers})

    def write(self, site_dir: Path) -> list[str]:
        """Wait for the PDFs and write them; return the errors (empty when all were made)."""
        errors = []
        try:
            for (kind, language, paper), job in self.jobs.items():
                try:
                    pdf = job.result()[paper]
                except ProblemError as error:
                    if str(error) not in errors:    # (a booklet's error comes once, not once a paper)
                        errors.append(str(error))
                    continue
                target = site_dir / KINDS[kind][1](self.config, language, paper)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(pdf)
        finally:
            self.cancel()
        return errors

    def cancel(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)

