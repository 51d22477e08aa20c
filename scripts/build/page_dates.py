"""When each page last changed, from the content's history, never from the clock: the sitemap's
<lastmod> is the same on every build of one commit, whatever day it is built.

A page's date is the day of the last commit that changed its Markdown file (git), or, for a file
git does not know (a new page, a copy of the project without .git), its front matter's
last_reviewed: a date the content gives, too.
"""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

from scripts.sources.page_meta import as_date


def commit_dates(root: Path, folder: str = "docs") -> dict[str, str]:
    """{'docs/en/symptoms.md': '2026-11-30', …}: the day of the newest commit that touched each file.
    One `git log` for the whole folder; empty outside a git checkout."""
    try:
        log = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--relative", "--", folder], cwd=root,
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, str] = {}
    for entry in log.split("\0")[1:]:
        date, *files = entry.strip().splitlines()
        for file in filter(None, files):
            dates.setdefault(file, date)      # newest first: keep the first date seen
    return dates


def page_date(dates: dict[str, str], relative_path: str, meta: dict) -> str | None:
    """The date for one page (relative_path: docs/en/symptoms.md), or None when nothing says."""
    if relative_path in dates:
        return dates[relative_path]
    reviewed = as_date(meta.get("last_reviewed"))    # (a broken date is reported by the front matter rules)
    return reviewed.isoformat() if reviewed else None


def write_reproducible_gzip(path: Path) -> None:
    """Write path + '.gz' again with no timestamp in its header (MkDocs puts the build date there)."""
    target = path.with_name(path.name + ".gz")
    with open(target, "wb") as raw, gzip.GzipFile(filename=path.name, mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(path.read_bytes())
