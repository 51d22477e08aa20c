"""The quick rebuild of `serve` (scripts/build/preview.py): it runs only for an edit of a page's
text, and then writes what a full build writes; every other edit gets the full rebuild."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.build import preview
from tests.support.small_project import SMALL_PAGES, cut_down

# In the project it runs in: a serve-mode build, an edit of the text of the page in argv[1], the
# quick rebuild (a full rebuild would fail: its builder raises), then a fresh full build of the
# edited sources into another folder; prints the files that differ and the log.
QUICK_THEN_FULL = """
import json, logging, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from scripts.build.preview import FastRebuild, snapshot
from scripts.config.site import SiteConfig

url = "http://127.0.0.1:8000/runners-dystonia/"
records = []
logging.getLogger("mkdocs").addHandler(type("H", (logging.Handler,), {"emit": lambda s, r: records.append(r.getMessage())})())
logging.getLogger("mkdocs").setLevel(logging.INFO)

def full(site):
    config = load_config(config_file="mkdocs.yml", site_dir=site)
    config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = url
    build(config, serve_url=url)

def refuse(config=None):
    raise AssertionError("the full rebuild ran")

full("quick")
site = SiteConfig()
quick = FastRebuild(refuse, Path("mkdocs.yml").resolve(), Path("docs").resolve(), Path("quick").resolve(), url,
                    True, list(site.translations), site.source_language)
quick.state = snapshot(quick.docs_dir, quick.config_file)
page = Path("docs") / sys.argv[1]
page.write_text(page.read_text(encoding="utf-8").replace("\\n## ", "\\nUne phrase ajoutée pour le test.\\n\\n## ", 1), encoding="utf-8")
quick()
full("full")

def content(path):
    if path.name == "search_index.json":
        index = json.loads(path.read_text(encoding="utf-8"))
        return index["config"], sorted(json.dumps(doc, sort_keys=True) for doc in index["docs"])
    return path.read_bytes()

files = {site: {p.relative_to(site).as_posix(): content(p) for p in Path(site).rglob("*") if p.is_file()}
         for site in ("quick", "full")}
differ = sorted(name for name in files["quick"].keys() | files["full"].keys()
                if files["quick"].get(name) != files["full"].get(name))
pages = {language: (Path("quick") / prefix / "symptoms/index.html").read_text(encoding="utf-8")
         for language, prefix in (("en", ""), ("fr", "fr"), ("de", "de"))}
print(json.dumps({"differ": differ, "log": records, "pages": pages}))
"""


@pytest.mark.parametrize("edited, rebuilt, shown_in", [
    ("fr/symptoms.md", "(fr)", ["fr"]),
    # English: the French translation now says it is out of date, German shows the English text,
    # and every Languages page shows the French page as out of date.
    ("en/symptoms.md", "(en, fr, de)", ["en", "de"]),
])
def test_a_quick_rebuild_writes_what_a_full_build_writes(project_copy, edited, rebuilt, shown_in):
    cut_down(project_copy.path, pages=(*SMALL_PAGES, "languages.md"), languages=("en", "fr", "de"))
    project_copy.file("docs/de/symptoms.md").unlink()
    result = subprocess.run([sys.executable, "-c", QUICK_THEN_FULL, edited], cwd=project_copy.path,
                            capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDOUT_PDFS": "false"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert [language for language, html in out["pages"].items() if "Une phrase ajoutée pour le test." in html] == shown_in
    assert any(line.startswith(f"Preview: rebuilt {edited} only {rebuilt}") for line in out["log"]), out["log"]
    assert out["differ"] == []


def _state(**files) -> dict:
    return {f"/p/docs/{name}": value for name, value in files.items()}


BEFORE = _state(**{"fr/symptoms.md": (10, 1, "fm"), "en/symptoms.md": (10, 1, "fm"), "fr/strings.yml": (5, 1, ""),
                   "de/symptoms.md": (10, 1, "fm")})
TRANSLATIONS = ["fr", "de"]


def quick(after: dict) -> tuple[dict | None, str]:
    return preview.fast_plan(BEFORE, after, Path("/p/docs"), "en", TRANSLATIONS)


def test_an_edit_of_a_translated_pages_text_rebuilds_that_page_in_its_language():
    assert quick({**BEFORE, "/p/docs/fr/symptoms.md": (11, 2, "fm")}) == (
        {"fr": [Path("/p/docs/fr/symptoms.md")]}, "fr/symptoms.md")


def test_edits_in_two_translations_rebuild_each_page_in_its_own_language():
    plan, why = quick({**BEFORE, "/p/docs/fr/symptoms.md": (11, 2, "fm"), "/p/docs/de/symptoms.md": (11, 2, "fm")})
    assert plan == {"fr": [Path("/p/docs/fr/symptoms.md")], "de": [Path("/p/docs/de/symptoms.md")]}
    assert why == "de/symptoms.md, fr/symptoms.md"


def test_an_edit_of_an_english_page_rebuilds_it_and_the_status_table_in_every_language(tmp_path):
    docs = tmp_path / "docs"
    for language in ("en", "fr", "de"):
        (docs / language).mkdir(parents=True)
        (docs / language / "symptoms.md").write_text("---\ntitle: S\n---\n\nText.\n", encoding="utf-8")
    (docs / "en" / "languages.md").write_text("---\ntitle: L\n---\n\n<!-- translation-status -->\n", encoding="utf-8")
    (docs / "fr" / "languages.md").write_text("---\ntitle: L\n---\n\n<!-- translation-status -->\n", encoding="utf-8")
    (docs / "de" / "symptoms.md").unlink()          # German shows the English page
    before = preview.snapshot(docs, tmp_path / "mkdocs.yml")
    (docs / "en" / "symptoms.md").write_text("---\ntitle: S\n---\n\nNew text.\n", encoding="utf-8")
    plan, why = preview.fast_plan(before, preview.snapshot(docs, tmp_path / "mkdocs.yml"), docs, "en", ["fr", "de"])
    assert why == "en/symptoms.md"
    assert plan == {
        "en": [docs / "en/languages.md", docs / "en/symptoms.md"],
        "fr": sorted([docs / "fr/languages.md", docs / "fr/symptoms.md", docs / "en/languages.md", docs / "en/symptoms.md"]),
        "de": sorted([docs / "de/languages.md", docs / "de/symptoms.md", docs / "en/languages.md", docs / "en/symptoms.md"]),
    }


@pytest.mark.parametrize("after, why", [
    ({**BEFORE}, "no page changed"),
    ({**BEFORE, "/p/docs/fr/symptoms.md": (11, 2, "other")}, "the front matter of fr/symptoms.md changed"),
    ({**BEFORE, "/p/docs/en/symptoms.md": (11, 2, "other")}, "the front matter of en/symptoms.md changed"),
    ({**BEFORE, "/p/docs/xx/symptoms.md": (1, 1, "fm")}, "xx/symptoms.md was added"),
    ({**BEFORE, "/p/docs/fr/strings.yml": (6, 2, "")}, "/p/docs/fr/strings.yml changed"),
    ({**BEFORE, "/p/docs/fr/new.md": (1, 2, "fm")}, "fr/new.md was added"),
    ({k: v for k, v in BEFORE.items() if not k.endswith("de/symptoms.md")}, "de/symptoms.md was deleted"),
    ({**BEFORE, "/p/mkdocs.yml": (1, 2, "")}, "/p/mkdocs.yml changed"),
    ({**BEFORE, "/p/overrides/main.html": (1, 2, "")}, "/p/overrides/main.html changed"),
])
def test_every_other_edit_gets_the_full_rebuild_with_the_reason(after, why):
    plan, reason = quick(after)
    assert plan is None and reason.startswith(why)


def test_a_file_outside_the_language_folders_gets_the_full_rebuild():
    before = {**BEFORE, "/p/docs/xx/symptoms.md": (1, 1, "fm")}
    plan, reason = preview.fast_plan(before, {**before, "/p/docs/xx/symptoms.md": (2, 2, "fm")},
                                     Path("/p/docs"), "en", TRANSLATIONS)
    assert plan is None and reason == "xx/symptoms.md is not in a language folder of mkdocs.yml"


def test_the_theme_overrides_are_part_of_the_snapshot(tmp_path):
    docs, overrides = tmp_path / "docs", tmp_path / "overrides"
    (docs / "fr").mkdir(parents=True)
    overrides.mkdir()
    (overrides / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    before = preview.snapshot(docs, tmp_path / "mkdocs.yml", overrides)
    (overrides / "main.html").write_text("{% extends 'base.html' %}\n{# edited #}\n", encoding="utf-8")
    after = preview.snapshot(docs, tmp_path / "mkdocs.yml", overrides)
    assert preview.fast_plan(before, after, docs, "en", ["fr"]) == (None, f"{overrides / 'main.html'} changed")


def test_front_matter_is_part_of_the_snapshot(tmp_path):
    docs = tmp_path / "docs"
    (docs / "fr").mkdir(parents=True)
    page = docs / "fr" / "a.md"
    page.write_text("---\ntitle: A\n---\n\nText.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    before = preview.snapshot(docs, tmp_path / "mkdocs.yml")
    page.write_text("---\ntitle: A\n---\n\nOther text.\n", encoding="utf-8")
    body_only = preview.snapshot(docs, tmp_path / "mkdocs.yml")
    page.write_text("---\ntitle: B\n---\n\nOther text.\n", encoding="utf-8")
    front = preview.snapshot(docs, tmp_path / "mkdocs.yml")
    assert list(preview.fast_plan(before, body_only, docs, "en", ["fr"])[0]) == ["fr"]
    assert preview.fast_plan(body_only, front, docs, "en", ["fr"]) == (None, "the front matter of fr/a.md changed")


def test_when_mkdocs_no_longer_has_a_step_the_quick_path_says_so_and_the_full_rebuild_runs(tmp_path, monkeypatch, caplog):
    import mkdocs.commands.build as mkdocs_build

    monkeypatch.delattr(mkdocs_build, "_build_page")
    docs = tmp_path / "docs"
    (docs / "fr").mkdir(parents=True)
    (docs / "fr" / "a.md").write_text("---\ntitle: A\n---\n\nText.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    full = []
    rebuild = preview.FastRebuild(lambda config=None: full.append(True), tmp_path / "mkdocs.yml", docs,
                                  tmp_path / "site", "http://127.0.0.1:8000/", True, ["fr"], "en")
    rebuild.state = preview.snapshot(docs, tmp_path / "mkdocs.yml")
    (docs / "fr" / "a.md").write_text("---\ntitle: A\n---\n\nNew text.\n", encoding="utf-8")
    monkeypatch.setattr(preview.FastRebuild, "_load_config", lambda self: None)
    monkeypatch.setattr(preview.FastRebuild, "_build_language",
                        lambda self, config, language, written, last: self.patched(written).__enter__())
    with caplog.at_level("WARNING"):
        rebuild()
    assert full == [True]
    assert "_build_page any more" in caplog.text and "rebuilding everything" in caplog.text


def _slow_pdf(config, language, papers, _html) -> dict[str, bytes]:
    import time
    time.sleep(2)
    return {paper: f"%PDF-1.7 {language} {paper}".encode() for paper in papers}


def test_serve_writes_each_pdf_when_it_is_ready_and_a_newer_build_stops_the_older_ones(tmp_path, monkeypatch):
    import logging
    import time

    from scripts.config.site import SiteConfig
    from scripts.handout import build as pdf_build
    from scripts.handout.pdf_cache import PdfInputs

    slow = pdf_build.PdfKind("slow", lambda config: [("en", "a4")], _slow_pdf, lambda c, l: PdfInputs((), ""),
                             lambda c, l, p: f"slow-{l}-{p}.pdf")
    monkeypatch.setattr(pdf_build, "KINDS", (slow,))
    monkeypatch.setitem(pdf_build._KINDS_BY_NAME, "slow", slow)
    monkeypatch.setenv("PDF_CACHE", "false")
    config, log = SiteConfig(), logging.getLogger("test")
    older, newer = tmp_path / "older", tmp_path / "newer"
    started = time.monotonic()
    assert pdf_build.HandoutBuild(config).write_when_ready(older, log) == 1
    assert pdf_build.HandoutBuild(config).write_when_ready(newer, log) == 1    # (the next rebuild)
    assert time.monotonic() - started < 1.5, "write_when_ready waited for the PDFs"
    while not (newer / "slow-en-a4.pdf").exists():
        assert time.monotonic() - started < 60, "the PDF was never written"
        time.sleep(0.1)
    assert (newer / "slow-en-a4.pdf").read_bytes() == b"%PDF-1.7 en a4"
    time.sleep(1)
    assert not older.exists()      # the older build's PDF, ready too, was not written over the newer site
