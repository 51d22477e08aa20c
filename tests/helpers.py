"""Small helpers for tests that feed a check a hand-made broken site."""

from __future__ import annotations

from pathlib import Path

from scripts.checks.built_site import BuiltSite

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
