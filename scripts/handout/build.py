"""Build every PDF of the site (each kind × language × paper size): handouts, handouts with
English and booklets.

The PDFs depend only on the sources, not on the built pages, so they are made in worker processes
*while* MkDocs builds the pages, and written into the site folder at the end of the build
(`write`), or, in `serve`, each as soon as it is ready (`write_when_ready`), so that the page
preview never waits for them. In a build, one worker renders while MkDocs uses the other core for
the pages, and both once the pages are done: three busy processes on two cores made everything
slower.

A PDF whose inputs did not change since it was last made is taken from the content-hash cache
(scripts/handout/pdf_cache.py) instead of being rendered again.

Each kind of PDF is one PdfKind in KINDS: how to list its jobs, render one, say what it is made
from (for the cache key) and where it goes in the site.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from scripts.booklet.render import booklet_html, booklet_site_path, render_booklets
from scripts.build.collection import tune_for_one_build
from scripts.config.site import SiteConfig
from scripts.handout.pdf_cache import PdfCache, PdfInputs
from scripts.handout.render import handout_html, pdf_site_path, render_pdfs
from scripts.problems import ProblemError


@dataclass(frozen=True)
class PdfKind:
    name: str
    jobs: Callable[[SiteConfig], list[tuple[str, str]]]         # the (language, paper) pairs to make
    # (config, language, papers, text) -> {paper: PDF}: every paper of one language from one layout
    # (scripts/handout/paper_windows.py), so they are made, and cached, together; `text` is
    # inputs().text, the HTML it is rendered from (made once: for a booklet, a quarter second).
    render: Callable[[SiteConfig, str, list[str], str], dict[str, bytes]]
    inputs: Callable[[SiteConfig, str], PdfInputs]               # what the PDFs are made from (cache key)
    site_path: Callable[[SiteConfig, str, str], str]             # where one goes, relative to site/


def _handout_jobs(config: SiteConfig) -> list[tuple[str, str]]:
    # A language without its own handout yet gets none (its pages link to the English one).
    page = config.options.handout.page
    return [(lang, paper) for lang in config.codes if config.is_translated(lang, page)
            for paper in config.options.handout.papers]


def _handout_inputs(config: SiteConfig, language: str) -> PdfInputs:
    page = config.options.handout.page
    # The page and its strings, and the English page a translation is compared with (its notice).
    files = [config.docs_dir / language / page, config.docs_dir / language / "strings.yml",
             config.docs_dir / config.source_language / page]
    return PdfInputs(tuple(dict.fromkeys(files)), handout_html(config, language))


def _with_english_jobs(config: SiteConfig) -> list[tuple[str, str]]:
    # Every translated handout also comes with the English beside it (scripts/handout/bilingual.py).
    return [(lang, paper) for lang, paper in _handout_jobs(config) if lang != config.source_language]


def _with_english_inputs(config: SiteConfig, language: str) -> PdfInputs:
    inputs = _handout_inputs(config, language)
    return PdfInputs(inputs.files, handout_html(config, language, with_english=True))


HANDOUT = PdfKind("handout", _handout_jobs,
                  lambda config, language, papers, html: render_pdfs(config, language, papers, html=html),
                  _handout_inputs, pdf_site_path)
WITH_ENGLISH = PdfKind(
    "with-english", _with_english_jobs,
    lambda config, language, papers, html: render_pdfs(config, language, papers, with_english=True, html=html),
    _with_english_inputs,
    lambda config, language, paper: pdf_site_path(config, language, paper, with_english=True))


def _booklet_jobs(config: SiteConfig) -> list[tuple[str, str]]:
    # Every language has one: an untranslated page is the English one, marked as such.
    return [(lang, paper) for lang in config.codes for paper in config.options.handout.papers]


def _booklet_inputs(config: SiteConfig, language: str) -> PdfInputs:
    pages = [folder / page for page in config.pages
             for folder in (config.docs_dir / language, config.docs_dir / config.source_language)]
    return PdfInputs(tuple(dict.fromkeys([*pages, config.docs_dir / language / "strings.yml"])),
                     booklet_html(config, language))


BOOKLET = PdfKind("booklet", _booklet_jobs,
                  lambda config, language, papers, html: render_booklets(config, language, papers, html=html),
                  _booklet_inputs, booklet_site_path)
# A new kind of PDF: one more entry here. The booklets first: they take longest, so the
# handouts fill the gaps at the end.
KINDS: tuple[PdfKind, ...] = (BOOKLET, HANDOUT, WITH_ENGLISH)
_KINDS_BY_NAME = {kind.name: kind for kind in KINDS}

# Each worker process gets the running build's configuration and cache once, when it starts (by
# fork, so nothing is pickled and no worker loads mkdocs.yml and its plugins again).
_worker_config: SiteConfig | None = None
_worker_cache: PdfCache | None = None
_worker_slots = None        # a semaphore shared by the workers: how many may render at once


def _exit_with(parent: int) -> None:
    # A worker whose build is gone (serve stopped by a signal that only reached it) ends too,
    # instead of rendering on, or waiting for ever to hand over a PDF nobody reads.
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def _start_worker(config: SiteConfig, cache: PdfCache | None, niceness: int, slots, parent: int) -> None:
    global _worker_config, _worker_cache, _worker_slots
    _worker_config, _worker_cache, _worker_slots = config, cache, slots
    # `parent` is the build's process id, taken before the fork: asked here, os.getppid() would
    # already be init's for a worker whose build was killed before this ran, and it would live on.
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    tune_for_one_build(collect_first=False)     # (a worker lives for one build)
    if niceness:
        os.nice(niceness)


def make_pdfs(kind: PdfKind, config: SiteConfig, cache: PdfCache | None, language: str,
              papers: list[str]) -> dict[str, tuple[bytes, str]]:
    """{paper: (the PDF, how it was got)}: "hit" (from the cache), "rendered", or "rendered: <why
    the cache entry was refused>". When any paper misses, all are rendered (one layout makes them
    all, so they stay the same)."""
    inputs = kind.inputs(config, language)          # (the same for every paper)
    if cache is None:
        return {paper: (pdf, "rendered") for paper, pdf in kind.render(config, language, papers, inputs.text).items()}
    keys = {paper: cache.key(kind.name, language, paper, inputs) for paper in papers}
    found = {paper: cache.get(key) for paper, key in keys.items()}
    if all(pdf is not None for pdf, _status in found.values()):
        return found
    made = {}
    for paper, pdf in kind.render(config, language, papers, inputs.text).items():
        status = found[paper][1]
        # Stored only if no input file changed while it rendered (the entry would not match its key).
        if cache.key(kind.name, language, paper, inputs) == keys[paper]:
            cache.put(keys[paper], pdf)
        made[paper] = (pdf, "rendered" if status in ("miss", "hit") else f"rendered: the cache entry was {status}")
    return made


def _make_in_worker(kind: str, language: str, papers: list[str]) -> dict[str, tuple[bytes, str]]:
    with _worker_slots:
        return make_pdfs(_KINDS_BY_NAME[kind], _worker_config, _worker_cache, language, papers)


def pdf_cache_for(config: SiteConfig) -> PdfCache | None:
    """The cache mkdocs.yml asks for (extra.handout.cache, cache_dir), or None when it is off."""
    options = config.options.handout
    if not options.cache:
        return None
    folder = Path(options.cache_dir).expanduser()
    return PdfCache(folder if folder.is_absolute() else config.root / folder,
                    config.root, config.docs_dir, config.config_file)


def _write_atomically(target: Path, pdf: bytes) -> None:
    # (a preview server never hands out half a file)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".pdf.tmp")
    with os.fdopen(handle, "wb") as file:
        file.write(pdf)
    os.chmod(temporary, 0o644)      # (mkstemp makes it private; the site is published)
    os.replace(temporary, target)


class HandoutBuild:
    """PDFs being made in the background: start it, build the pages, then write() (or, in serve,
    write_when_ready())."""

    _latest: "HandoutBuild | None" = None    # serve: a new build stops the PDFs of the one before

    def __init__(self, config: SiteConfig, workers: int = 2, background: bool = False):
        """`background` (serve): the workers yield the cores to the page rebuild (a lower priority)."""
        if HandoutBuild._latest is not None:
            HandoutBuild._latest.cancel()
        HandoutBuild._latest = self
        self.config = config
        self.cache = pdf_cache_for(config)
        self.cancelled = False
        context = multiprocessing.get_context("fork")
        # serve: every worker at once, at a lower priority; a build: one until the pages are done.
        self.workers, self.slots = workers, context.Semaphore(workers if background else 1)
        self.all_slots_open = background
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                                        initargs=(config, self.cache, 10 if background else 0, self.slots, os.getpid()))
        self.jobs: dict[tuple[str, str, str], Future] = {}     # (kind, language, paper) -> {paper: ...}
        for kind in KINDS:
            pairs = kind.jobs(config)
            for lang in dict.fromkeys(lang for lang, _ in pairs):
                papers = [paper for other, paper in pairs if other == lang]
                job = self.pool.submit(_make_in_worker, kind.name, lang, papers)
                self.jobs.update({(kind.name, lang, paper): job for paper in papers})
        self.statuses: Counter[str] = Counter()

    def _target(self, site_dir: Path, kind: str, language: str, paper: str) -> Path:
        return site_dir / _KINDS_BY_NAME[kind].site_path(self.config, language, paper)

    def pages_done(self) -> None:
        """The pages are built: every worker may render now."""
        if not self.all_slots_open:
            self.all_slots_open = True
            for _ in range(self.workers - 1):
                self.slots.release()

    def write(self, site_dir: Path) -> list[str]:
        """Wait for the PDFs and write them; return the errors (empty when all were made)."""
        errors = []
        self.pages_done()
        try:
            for (kind, language, paper), job in self.jobs.items():
                try:
                    pdf, status = job.result()[paper]
                except ProblemError as error:
                    if str(error) not in errors:    # (a booklet's error comes once, not once a paper)
                        errors.append(str(error))
                    continue
                self.statuses[status] += 1
                _write_atomically(self._target(site_dir, kind, language, paper), pdf)
        finally:
            self.cancel()
        if self.cache is not None:
            self.cache.prune()
        return errors

    def summary(self) -> str:
        """'12 PDFs: 2 rendered, 10 from the cache .cache/pdf' (and why an entry was refused)."""
        hits = self.statuses["hit"]
        rendered = sum(count for status, count in self.statuses.items() if status != "hit")
        folder = self.cache and (self.cache.folder.relative_to(self.config.root)
                                 if self.cache.folder.is_relative_to(self.config.root) else self.cache.folder)
        where = f"from the cache {folder}" if self.cache else "from the cache (off: extra.handout.cache)"
        notes = "".join(f"; {count} {status}" for status, count in self.statuses.items()
                        if status not in ("hit", "rendered"))
        return f"{hits + rendered} PDFs: {rendered} rendered, {hits} {where}{notes}"

    def write_when_ready(self, site_dir: Path, log: logging.Logger) -> int:
        """serve: write each PDF when it is ready, without waiting; problems go to the log.
        Returns how many are not ready yet."""
        self.pages_done()
        waiting = 0
        for (kind, language, paper), job in self.jobs.items():
            if not job.done():
                waiting += 1
            job.add_done_callback(lambda job, where=(kind, language, paper): self._write_one(site_dir, where, job, log))
        self.pool.shutdown(wait=False)      # the jobs run on; the workers end when they are done
        return waiting

    def _write_one(self, site_dir: Path, where: tuple[str, str, str], job: Future, log: logging.Logger) -> None:
        if self.cancelled or job.cancelled():
            return
        kind, language, paper = where
        try:
            pdf, status = job.result()[paper]
        except ProblemError as error:
            log.error(f"{kind} PDF {language} {paper} could not be made:\n{error}")
            return
        except Exception as error:   # a worker that died: say so instead of a silent missing PDF
            log.error(f"{kind} PDF {language} {paper} could not be made: {type(error).__name__}: {error}")
            return
        target = self._target(site_dir, kind, language, paper)
        _write_atomically(target, pdf)
        if status != "hit":
            log.info(f"{kind} PDF {language} {paper} {status} and written: {target.relative_to(site_dir)}")

    def cancel(self) -> None:
        self.cancelled = True
        self.pool.shutdown(wait=False, cancel_futures=True)
