"""Two builds of one commit on different days give the same bytes, PDFs included, also when
the second is built with ProperDocs; the dates in the output come from the content's history
(scripts/build/page_dates.py)."""

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


# The only bytes allowed to differ between a MkDocs and a ProperDocs build of one commit:
# <meta name="generator" content="mkdocs-1.6.1, …"> (ProperDocs names itself there).
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')
# A language whose PDFs the build 400 days later renders itself instead of taking them from the
# cache: translated, right to left, and the one whose PDFs carry the most dates (review dates,
# the changed-on line of its notices).
RENDERED_LATER = "ar"


def _cache_without(cache, site_dir, language: str, copy_to):
    """A copy of the PDF cache `cache` without the entries of `language`'s PDFs in `site_dir`
    (an entry is a header line and the PDF); returns how many entries were left out."""
    theirs = {pdf.read_bytes() for pdf in (site_dir / language).rglob("*.pdf")}
    copy_to.mkdir()
    left_out = 0
    for entry in sorted(cache.glob("*.pdf")):
        data = entry.read_bytes()
        if data.partition(b"\n")[2] in theirs:
            left_out += 1
        else:
            (copy_to / entry.name).write_bytes(data)
    return left_out


def test_properdocs_400_days_later_builds_the_same_bytes_pdfs_included(built_site, tmp_path):
    """One build of this commit 400 days later, with ProperDocs (the maintained fork of MkDocs
    1.x) instead of MkDocs, gives every file of the shared build (tests/conftest.py) byte for byte
    but for the generator tag: so the output depends neither on the day of the build nor on which
    of the two provides the `mkdocs` API (#13). Its PDF cache is the shared build's without the
    Arabic entries: the Arabic PDFs of every kind and paper are rendered 400 days later, the others
    come from the cache. (One build for both properties: a full build takes a tenth of the suite's
    time. When it fails, build again with only one of the two changes to see which broke.)"""
    cache = built_site.parent / "pdf-cache"
    pdfs = sorted(built_site.rglob("*.pdf"))
    # The shared build itself rendered every one.
    assert pdfs and f"{len(pdfs)} PDFs: {len(pdfs)} rendered, 0 from the cache" in (
        built_site / ".build-log").read_text(encoding="utf-8")
    rendered = _cache_without(cache, built_site, RENDERED_LATER, tmp_path / "pdf-cache")
    assert rendered == 3 * len(SiteConfig().options.handout.papers)   # booklet, handout, with English
    later = tmp_path / "site"
    result = _later(sys.executable, "-m", "properdocs", "build", "--strict", "--site-dir", str(later),
                    env={"PDF_CACHE_DIR": str(tmp_path / "pdf-cache")})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    assert f"{len(pdfs)} PDFs: {rendered} rendered, {len(pdfs) - rendered} from the cache" in result.stderr, \
        result.stderr[-3000:]
    first, second = site_files(built_site), site_files(later)
    # It was ProperDocs ("mkdocs-ProperDocs 1.6.7, …"), and the shared build MkDocs ("mkdocs-1.6.1, …").
    generators = [GENERATOR.search(files["index.html"]).group(1) for files in (first, second)]
    assert b"ProperDocs" not in generators[0] and b"ProperDocs" in generators[1], generators
    first, second = ({name: GENERATOR.sub(b"", data) for name, data in files.items()} for files in (first, second))
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert differ == [], (f"these files differ from the shared build's: {differ[:10]} (they depend on "
                          "the day of the build, or on ProperDocs; the PDFs of "
                          f"'{RENDERED_LATER}/' were rendered 400 days later)")
    assert all(pdf.stat().st_mode & 0o044 == 0o044 for pdf in later.rglob("*.pdf"))   # readable by the web server


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
