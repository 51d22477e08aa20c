"""Two builds of one commit on different days give the same bytes, PDFs included; the dates in
the output come from the content's history (scripts/build/page_dates.py)."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import shutil
import subprocess
import sys

from scripts.build.page_dates import commit_dates, page_date, write_reproducible_gzip
from scripts.config.pages import page_of_built
from scripts.config.site import SiteConfig
from scripts.sources.page_meta import read_front_matter
from tests.conftest import ROOT
from tests.helpers import git

FAKETIME = shutil.which("faketime")


def site_files(site_dir):
    return {path.relative_to(site_dir).as_posix(): path.read_bytes()
            for path in sorted(site_dir.rglob("*")) if path.is_file() and path.name != ".build-log"}


def _later(*command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`command` run as if 400 days from now (monotonic clocks stay real: Python's thread pools
    wait on them)."""
    assert FAKETIME, "faketime is missing: scripts/run installs it (scripts/apt-packages.txt)"
    return subprocess.run([FAKETIME, "-f", "+400d", *command], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "FAKETIME_DONT_FAKE_MONOTONIC": "1",
                               **(env or {})})


def test_a_build_400_days_later_is_byte_identical(built_site, tmp_path):
    """Built again 400 days later, from the PDF cache the shared build (tests/conftest.py) filled:
    every page and file is the same, and no PDF is rendered again. (The PDFs themselves, rendered
    400 days later, are the next test's.)"""
    cache = built_site.parent / "pdf-cache"
    assert sorted(cache.glob("*.pdf")), "the shared build wrote nothing into its PDF cache"
    later = tmp_path / "site"
    result = _later(sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(later),
                    env={"PDF_CACHE_DIR": str(cache)})
    assert result.returncode == 0, result.stdout + result.stderr
    pdfs = sorted(built_site.rglob("*.pdf"))
    assert pdfs and f"{len(pdfs)} PDFs: 0 rendered, {len(pdfs)} from the cache" in result.stderr, result.stderr[-3000:]
    # The shared build itself rendered every one.
    assert f"{len(pdfs)} PDFs: {len(pdfs)} rendered, 0 from the cache" in (built_site / ".build-log").read_text(encoding="utf-8")
    first, second = site_files(built_site), site_files(later)
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert differ == [], f"these files depend on the day of the build: {differ[:10]}"
    assert all(pdf.stat().st_mode & 0o044 == 0o044 for pdf in later.rglob("*.pdf"))   # readable by the web server


# Renders every kind of PDF of one language on every paper, as the build does, into argv[1].
RENDER_EVERY_KIND = """
import sys
from pathlib import Path
from scripts.config.site import SiteConfig
from scripts.handout.build import KINDS
config, out, language = SiteConfig(), Path(sys.argv[1]), sys.argv[2]
for kind in KINDS:
    papers = [paper for other, paper in kind.jobs(config) if other == language]
    for paper, pdf in kind.render(config, language, papers, kind.inputs(config, language).text).items():
        target = out / kind.site_path(config, language, paper)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf)
"""


def test_pdfs_rendered_400_days_later_are_byte_identical(built_site, tmp_path):
    # Every kind (booklet, handout, handout with English) of a translated, right-to-left language,
    # whose PDFs carry the most dates (review dates, the changed-on line of its notices).
    result = _later(sys.executable, "-c", RENDER_EVERY_KIND, str(tmp_path), "ar")
    assert result.returncode == 0, result.stdout + result.stderr
    rendered = {path.relative_to(tmp_path).as_posix(): path.read_bytes() for path in tmp_path.rglob("*.pdf")}
    assert len(rendered) == 3 * len(SiteConfig().options.handout.papers)
    differ = [name for name, pdf in rendered.items() if (built_site / name).read_bytes() != pdf]
    assert differ == [], f"these PDFs depend on the day they are rendered: {differ}"


def test_the_faked_clock_really_moves():
    # Guards the test above: if faketime did nothing, identical builds would prove nothing.
    assert FAKETIME
    now = int(subprocess.run(["date", "+%s"], capture_output=True, text=True).stdout)
    later = int(subprocess.run([FAKETIME, "-f", "+400d", "date", "+%s"], capture_output=True, text=True).stdout)
    assert later - now >= 399 * 86400


def test_sitemap_lastmod_is_when_each_page_last_changed(built_site):
    config = SiteConfig()
    dates = commit_dates(ROOT)
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<loc>([^<]*)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap)
    assert len(entries) == len(config.pages) * len(config.codes)
    for url, lastmod in entries:
        language, page = page_of_built(url.removeprefix(config.site_url) + "index.html", config.codes,
                                       config.source_language)
        source = f"docs/{config.language_shown(language, page)}/{page}"
        meta, _ = read_front_matter((ROOT / source).read_text(encoding="utf-8"), source)
        assert lastmod == page_date(dates, source, meta), url


def test_commit_dates_are_the_newest_commit_of_each_file(tmp_path):
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs" / "en" / "a.md").write_text("one")
    (tmp_path / "docs" / "en" / "b.md").write_text("one")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "docs", date="2026-03-01T10:00:00")
    git(tmp_path, "commit", "-qm", "first", date="2026-03-01T10:00:00")
    (tmp_path / "docs" / "en" / "a.md").write_text("two")
    git(tmp_path, "commit", "-qam", "second", date="2026-05-02T10:00:00")
    assert commit_dates(tmp_path) == {"docs/en/a.md": "2026-05-02", "docs/en/b.md": "2026-03-01"}


def test_a_file_git_does_not_know_takes_its_last_reviewed_date(tmp_path):
    assert commit_dates(tmp_path) == {}          # not a git checkout: no dates, no error
    assert page_date({}, "docs/en/new.md", {"last_reviewed": "2026-11-24"}) == "2026-11-24"
    assert page_date({"docs/en/new.md": "2026-11-30"}, "docs/en/new.md", {"last_reviewed": "2026-11-24"}) == "2026-11-30"
    assert page_date({}, "docs/en/new.md", {}) is None
    assert page_date({}, "docs/en/new.md", {"last_reviewed": "31-02-2026"}) is None   # reported elsewhere
    assert page_date({}, "docs/en/new.md", {"last_reviewed": dt.date(2026, 11, 2)}) == "2026-11-02"


def test_the_sitemap_gzip_has_no_timestamp(tmp_path):
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text("<urlset/>")
    write_reproducible_gzip(sitemap)
    data = (tmp_path / "sitemap.xml.gz").read_bytes()
    assert data[4:8] == b"\0\0\0\0"                          # MTIME field of the gzip header
    assert gzip.decompress(data) == b"<urlset/>"
