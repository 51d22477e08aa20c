"""The quick rebuild of `serve` (scripts/build/preview.py): it runs only for an edit of a translated
page's text, and then writes what a full build writes; every other edit gets the full rebuild."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.build import preview
from tests.support.small_project import cut_down

# In the project it runs in: a serve-mode build, an edit of docs/fr/symptoms.md's text, the quick
# rebuild (a full rebuild would fail: its builder raises), then a fresh full build of the edited
# sources into another folder; prints the files that differ and the log.
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
page = Path("docs/fr/symptoms.md")
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
print(json.dumps({"differ": differ, "log": records, "page": (Path("quick") / "fr/symptoms/index.html").read_text(encoding="utf-8")}))
"""


def test_a_quick_rebuild_writes_what_a_full_build_writes(small_project):
    cut_down(small_project.path, languages=("en", "fr", "de"))
    result = subprocess.run([sys.executable, "-c", QUICK_THEN_FULL], cwd=small_project.path, capture_output=True,
                            text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDOUT_PDFS": "false"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert "Une phrase ajoutée pour le test." in out["page"]
    assert any(line.startswith("Preview: rebuilt fr/symptoms.md only (fr)") for line in out["log"]), out["log"]
    assert out["differ"] == []


def _state(**files) -> dict:
    return {f"/p/docs/{name}": value for name, value in files.items()}


BEFORE = _state(**{"fr/symptoms.md": (10, 1, "fm"), "en/symptoms.md": (10, 1, "fm"), "fr/strings.yml": (5, 1, ""),
                   "de/symptoms.md": (10, 1, "fm")})
TRANSLATIONS = ["fr", "de"]


def quick(after: dict) -> tuple[str | None, str]:
    return preview.fast_language(BEFORE, after, Path("/p/docs"), TRANSLATIONS)


def test_an_edit_of_a_translated_pages_text_is_rebuilt_quickly():
    assert quick({**BEFORE, "/p/docs/fr/symptoms.md": (11, 2, "fm")}) == ("fr", "fr/symptoms.md")


@pytest.mark.parametrize("after, why", [
    ({**BEFORE}, "no page changed"),
    ({**BEFORE, "/p/docs/fr/symptoms.md": (11, 2, "other")}, "the front matter of fr/symptoms.md changed"),
    ({**BEFORE, "/p/docs/en/symptoms.md": (11, 2, "fm")}, "en/symptoms.md is not a translation"),
    ({**BEFORE, "/p/docs/fr/strings.yml": (6, 2, "")}, "/p/docs/fr/strings.yml changed"),
    ({**BEFORE, "/p/docs/fr/new.md": (1, 2, "fm")}, "fr/new.md was added"),
    ({k: v for k, v in BEFORE.items() if not k.endswith("de/symptoms.md")}, "de/symptoms.md was deleted"),
    ({**BEFORE, "/p/docs/fr/symptoms.md": (11, 2, "fm"), "/p/docs/de/symptoms.md": (11, 2, "fm")},
     "pages of 2 languages changed"),
    ({**BEFORE, "/p/mkdocs.yml": (1, 2, "")}, "/p/mkdocs.yml changed"),
])
def test_every_other_edit_gets_the_full_rebuild_with_the_reason(after, why):
    language, reason = quick(after)
    assert language is None and reason.startswith(why)


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
    assert preview.fast_language(before, body_only, docs, ["fr"])[0] == "fr"
    assert preview.fast_language(body_only, front, docs, ["fr"]) == (None, "the front matter of fr/a.md changed")


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
    monkeypatch.setattr(preview.FastRebuild, "_build_language",
                        lambda self, language, edited: self.patched(edited).__enter__())
    with caplog.at_level("WARNING"):
        rebuild()
    assert full == [True]
    assert "_build_page any more" in caplog.text and "rebuilding everything" in caplog.text


def _slow_pdf(config, language, papers) -> dict[str, bytes]:
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
