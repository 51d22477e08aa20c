"""Small helpers for tests that feed a check a hand-made broken site."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import material

from scripts.checks.built_site import BuiltSite

# Material's own style sheets, as installed: what a build trims (scripts/build/unused_css.py).
MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"

PAGE = """<!doctype html><html lang="{lang}"><head><title>t</title>{head}</head>
<body><article class="md-content__inner md-typeset">{body}</article></body></html>"""


def fake_site(tmp_path: Path, pages: dict[str, str], languages=("en",), head: str = "") -> BuiltSite:
    """A site folder with the given pages ({'es/index.html': '<p>…</p>'}), for check tests."""
    site_dir = tmp_path / "site"
    for relative, body in pages.items():
        path = site_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        lang = relative.split("/")[0] if relative.split("/")[0] in languages[1:] else languages[0]
        path.write_text(PAGE.format(lang=lang, head=head, body=body), encoding="utf-8")
    docs_dir = tmp_path / "docs"
    docs_dir.mkdir(exist_ok=True)
    return BuiltSite(site_dir=site_dir, docs_dir=docs_dir, languages=list(languages),
                     default_language=languages[0])


def git(root: Path, *args: str, date: str = "2026-11-20T10:00:00") -> None:
    """Run git in `root` with a fixed author, committer and date (for history-dependent tests)."""
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "PATH": os.environ["PATH"]}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)
