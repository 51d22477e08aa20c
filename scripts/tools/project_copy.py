"""Copy what a build needs (docs, theme overrides, scripts, mkdocs.yml) to another folder.

Used by the benchmark (synthetic language counts) and by the tests (copies to break on purpose).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts.config.site import ROOT

PROJECT_PARTS = ("docs", "overrides", "scripts", "mkdocs.yml")
# Installed tools the build runs (PurgeCSS, scripts/build/unused_css.py): linked, not copied.
LINKED_PARTS = ("tests/support/node/node_modules",)


def copy_project(dest: Path, root: Path = ROOT) -> None:
    for part in PROJECT_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / part)
    for part in LINKED_PARTS:
        if (root / part).is_dir() and not (dest / part).exists():
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            (dest / part).symlink_to((root / part).resolve(), target_is_directory=True)
