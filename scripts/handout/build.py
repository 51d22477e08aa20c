"""Build every handout PDF (each language × paper size) into the built site, two at a time."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from scripts.handout.render import HandoutError, pdf_site_path, render_pdf
from scripts.site_config import SiteConfig

# The running build's configuration, handed to the worker processes by fork (they start
# as copies of this process), so that no worker loads mkdocs.yml and its plugins again.
_config_for_workers: SiteConfig | None = None


def _render_one(job: tuple[str, str, str]) -> tuple[str, str | None]:
    site_dir, language, paper = job
    config = _config_for_workers
    target = Path(site_dir) / pdf_site_path(config, language, paper)
    try:
        pdf = render_pdf(config, language, paper)
    except HandoutError as error:
        return str(target), str(error)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    return str(target), None


def build_all(config: SiteConfig, site_dir: Path, workers: int = 2) -> list[str]:
    """Write all PDFs; return the errors (empty when every PDF was made)."""
    global _config_for_workers
    papers = config.extra["handout"]["papers"]
    page = config.extra["handout"]["page"]
    # A language without its own handout yet gets none (its pages link to the English one).
    languages = [lang for lang in config.codes if (config.docs_dir / lang / page).is_file()]
    jobs = [(str(site_dir), lang, paper) for lang in languages for paper in papers]
    _config_for_workers = config
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
            results = list(pool.map(_render_one, jobs))
    finally:
        _config_for_workers = None
    return [error for _, error in results if error]
