"""The PDF cache (scripts/handout/pdf_cache.py): an unchanged build renders no PDF and gives the
same bytes; an edit re-renders exactly the PDFs it affects; a damaged or foreign entry is
rendered again, never served."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile

import pytest

from scripts.handout.pdf_cache import FORMAT, PdfCache, PdfInputs
from tests.conftest import ROOT
from tests.support.small_project import cut_down

# For each line it reads, makes every PDF of the project it runs in (its own scripts/, mkdocs.yml
# and .cache/pdf), the way a build does (make_pdfs, the cache's only caller, with the site's
# configuration and cache made afresh, as each build makes them), and prints how each was got:
# "hit", "rendered" or "rendered: the cache entry was …", with its key. One process for all the
# builds of a test, as `mkdocs serve` is one process for all its rebuilds: so the edits a test makes
# between two builds must be seen through anything a process keeps. What is tested is which PDFs
# the cache hands out and which it has rendered again, so the rendering itself is a stand-in that
# answers with a digest of the HTML it was given: the real renderers are tested by every other PDF
# test, and by the second build from the shared build's cache below.
MAKE_PDFS = """
import dataclasses, hashlib, json, sys
from scripts.config.site import SiteConfig
from scripts.handout.build import KINDS, make_pdfs, pdf_cache_for

def render(config, language, papers, html):
    return {paper: b"%PDF-1.7 " + hashlib.sha256(f"{paper} {html}".encode()).hexdigest().encode() for paper in papers}

def make_all():
    config = SiteConfig()
    cache = pdf_cache_for(config)
    made = {}
    for kind in KINDS:
        pairs = kind.jobs(config)
        for language in dict.fromkeys(language for language, _ in pairs):
            papers = [paper for other, paper in pairs if other == language]
            inputs = kind.inputs(config, language)      # (made once: a booklet's HTML takes a while)
            stand_in = dataclasses.replace(kind, render=render, inputs=lambda config, language, inputs=inputs: inputs)
            for paper, (pdf, status) in make_pdfs(stand_in, config, cache, language, papers).items():
                assert pdf.startswith(b"%PDF-")
                made[f"{kind.name} {language} {paper}"] = [status, cache.key(kind.name, language, paper, inputs)]
    return made

for _request in sys.stdin:
    print(json.dumps(make_all()), flush=True)
"""


# A second build from the shared build's cache renders only the PDFs left out of it, and gives
# the same bytes: it is tests/test_reproducible.py's build 400 days later.


@pytest.fixture
def two_pdfs(small_project):
    """The cut-down project in English and French, A4 only: five PDFs (the two handouts, the
    French one with English and the two booklets), and a way to
    make them in that copy (with its own code) and see which were rendered."""
    cut_down(small_project.path, languages=("en", "fr"))
    small_project.replace("mkdocs.yml", "papers: [a4, letter]", "papers: [a4]")
    env = {key: value for key, value in os.environ.items() if not key.startswith("PDF_CACHE")}
    errors = tempfile.TemporaryFile("w+")
    maker = subprocess.Popen([sys.executable, "-c", MAKE_PDFS], cwd=small_project.path, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors,
                             env={**env, "PYTHONDONTWRITEBYTECODE": "1"})

    def said() -> str:
        errors.seek(0)
        return errors.read()

    def make() -> dict[str, list[str]]:
        maker.stdin.write("make\n")
        maker.stdin.flush()
        line = maker.stdout.readline()
        if not line:
            maker.kill()
            raise AssertionError(f"the PDF maker stopped: {said()}")
        return json.loads(line)

    try:
        yield small_project, make
    finally:
        maker.stdin.close()
        code = maker.wait(timeout=30)
        messages = said()
        errors.close()
    assert code == 0, messages


def statuses(made: dict[str, list[str]]) -> dict[str, str]:
    return {name: status for name, (status, _key) in made.items()}


EN, FR, FR_WITH_ENGLISH = "handout en a4", "handout fr a4", "with-english fr a4"
EN_BOOKLET, FR_BOOKLET = "booklet en a4", "booklet fr a4"
ALL = {EN, FR, FR_WITH_ENGLISH, EN_BOOKLET, FR_BOOKLET}
FRENCH = {FR, FR_WITH_ENGLISH, FR_BOOKLET}


def only(rendered: set[str]) -> dict[str, str]:
    """The statuses when exactly `rendered` were rendered and every other PDF came from the cache."""
    return {name: "rendered" if name in rendered else "hit" for name in ALL}


def test_each_edit_renders_again_exactly_the_pdfs_it_affects(two_pdfs):
    project, make = two_pdfs
    assert statuses(make()) == only(ALL)
    assert statuses(make()) == only(set())

    project.replace("docs/fr/handout.md", "{ #what-is-runners-dystonia }\n\n",
                    "{ #what-is-runners-dystonia }\n\nUne phrase de plus pour le test. ")
    assert statuses(make()) == only(FRENCH)

    project.replace("docs/fr/strings.yml", "handout_subtitle: Informations pour les patients et leurs proches",
                    "handout_subtitle: Informations pour les patients et pour leurs proches")
    assert statuses(make()) == only(FRENCH)

    # English changes the French PDFs too: their notice now says the translation is out of date.
    project.replace("docs/en/handout.md", "{ #what-is-runners-dystonia }\n\n",
                    "{ #what-is-runners-dystonia }\n\nOne more sentence for the test. ")
    assert statuses(make()) == only(ALL)

    # A page that is only in the booklet renders only the booklets again.
    project.replace("docs/fr/symptoms.md", "\n## ", "\nUne phrase de plus pour le test.\n\n## ")
    assert statuses(make()) == only({FR_BOOKLET})

    project.replace("scripts/handout/handout.css", "\n", "\n/* an edit of the print style */\n")
    assert statuses(make()) == only(ALL)

    project.replace("scripts/booklet/booklet.css", "\n", "\n/* an edit of the booklet's print style */\n")
    assert statuses(make()) == only(ALL)

    project.replace("scripts/handout/template.html", "</body>", "<!-- an edit of the template --></body>")
    assert statuses(make()) == only(ALL)
    assert statuses(make()) == only(set())


def test_a_damaged_or_foreign_cache_entry_is_rendered_again_and_replaced(two_pdfs):
    project, make = two_pdfs
    made = make()
    entry = {name: project.path / ".cache" / "pdf" / f"{key}.pdf" for name, (_status, key) in made.items()}
    damaged = bytearray(entry[FR].read_bytes())
    damaged[-100] ^= 0xFF                                   # one bit of the PDF flipped
    entry[FR].write_bytes(bytes(damaged))
    entry[EN].write_bytes(b"%PDF-1.7 a file that is not an entry of this cache")
    again = statuses(make())
    assert again[FR_WITH_ENGLISH] == again[FR_BOOKLET] == "hit"     # their entries were not touched
    assert again[FR] == "rendered: the cache entry was damaged (checksum does not match)"
    assert again[EN] == "rendered: the cache entry was not an entry of this cache"
    assert statuses(make()) == only(set())                  # replaced by sound entries


def cache_with_entry(tmp_path) -> tuple[PdfCache, str, bytes]:
    cache = PdfCache(tmp_path / "cache", ROOT, ROOT / "docs", ROOT / "mkdocs.yml")
    key = cache.key("handout", "en", "a4", PdfInputs((ROOT / "docs/en/handout.md",), "<html>the handout</html>"))
    pdf = b"%PDF-1.7\nthe bytes of a PDF\n%%EOF\n"
    cache.put(key, pdf)
    return cache, key, pdf


def test_a_sound_entry_is_served(tmp_path):
    cache, key, pdf = cache_with_entry(tmp_path)
    assert cache.get(key) == (pdf, "hit")
    assert [path.name for path in cache.folder.iterdir()] == [f"{key}.pdf"]   # no temporary file left


@pytest.mark.parametrize("damage, why", [
    (lambda data: data[:-5], "damaged (checksum does not match)"),                   # cut short
    (lambda data: data.replace(b"bytes", b"BYTES"), "damaged (checksum does not match)"),
    (lambda data: b"", "not an entry of this cache"),
    (lambda data: data.split(b"\n", 1)[1], "not an entry of this cache"),             # no header
    (lambda data: data.replace(FORMAT, b"another-cache 1"), "not an entry of this cache"),
])
def test_a_damaged_entry_is_refused(tmp_path, damage, why):
    cache, key, _pdf = cache_with_entry(tmp_path)
    cache.path(key).write_bytes(damage(cache.path(key).read_bytes()))
    assert cache.get(key) == (None, why)


def test_an_entry_made_for_another_key_is_refused(tmp_path):
    cache, key, pdf = cache_with_entry(tmp_path)
    other = hashlib.sha256(b"another PDF").hexdigest()
    cache.path(key).rename(cache.path(other))
    assert cache.get(other) == (None, "made for another key")
    assert cache.get(key) == (None, "miss")


def test_the_key_changes_with_each_input(tmp_path):
    cache = PdfCache(tmp_path / "cache", ROOT, ROOT / "docs", ROOT / "mkdocs.yml")
    page = tmp_path / "handout.md"
    page.write_text("one", encoding="utf-8")
    base = cache.key("handout", "fr", "a4", PdfInputs((page,), "<html>"))
    assert cache.key("handout", "fr", "a4", PdfInputs((page,), "<html>")) == base
    others = {cache.key("booklet", "fr", "a4", PdfInputs((page,), "<html>")),
              cache.key("handout", "de", "a4", PdfInputs((page,), "<html>")),
              cache.key("handout", "fr", "letter", PdfInputs((page,), "<html>")),
              cache.key("handout", "fr", "a4", PdfInputs((page,), "<html> ")),
              cache.key("handout", "fr", "a4", PdfInputs((), "<html>"))}
    page.write_text("two", encoding="utf-8")
    others.add(cache.key("handout", "fr", "a4", PdfInputs((page,), "<html>")))
    page.unlink()
    others.add(cache.key("handout", "fr", "a4", PdfInputs((page,), "<html>")))
    assert base not in others and len(others) == 7


def test_the_environment_part_of_the_key_covers_code_fonts_and_packages(tmp_path, monkeypatch):
    from scripts.handout import pdf_cache

    root = tmp_path / "root"
    (root / "scripts").mkdir(parents=True)
    (root / "scripts" / "render.py").write_text("A = 1\n")
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    first = pdf_cache.environment_fingerprint(root, docs)
    assert pdf_cache.environment_fingerprint(root, docs) == first
    (root / "scripts" / "render.py").write_text("A = 2\n")
    second = pdf_cache.environment_fingerprint(root, docs)
    (root / "scripts" / "booklet").mkdir()
    (root / "scripts" / "booklet" / "booklet.css").write_text("body { font-size: 11pt }")
    with_css = pdf_cache.environment_fingerprint(root, docs)
    (root / "scripts" / "booklet" / "template.html").write_text("<html></html>")
    with_template = pdf_cache.environment_fingerprint(root, docs)
    (docs / "assets" / "logo.svg").write_text("<svg/>")
    third = pdf_cache.environment_fingerprint(root, docs)
    monkeypatch.setattr(pdf_cache.importlib.metadata, "distributions", lambda: [])
    fourth = pdf_cache.environment_fingerprint(root, docs)
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    monkeypatch.setattr(pdf_cache, "FONT_FOLDERS", (str(fonts),))
    fifth = pdf_cache.environment_fingerprint(root, docs)
    (fonts / "NewFont.ttf").write_bytes(b"font")
    sixth = pdf_cache.environment_fingerprint(root, docs)
    assert len({first, second, with_css, with_template, third, fourth, fifth, sixth}) == 8


def test_the_cache_can_be_turned_off_and_moved(tmp_path, monkeypatch):
    from scripts.config.site import SiteConfig
    from scripts.handout.build import pdf_cache_for

    monkeypatch.setenv("PDF_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert pdf_cache_for(SiteConfig()).folder == tmp_path / "elsewhere"
    monkeypatch.delenv("PDF_CACHE_DIR")
    assert pdf_cache_for(SiteConfig()).folder == ROOT / ".cache" / "pdf"
    monkeypatch.setenv("PDF_CACHE", "false")
    assert pdf_cache_for(SiteConfig()) is None
    assert ".cache/" in (ROOT / ".gitignore").read_text().splitlines()   # never committed


@pytest.mark.parametrize("with_cache", [False, True])
def test_a_pdf_is_rendered_from_the_html_its_key_was_made_from(tmp_path, with_cache):
    # The HTML of a booklet takes a quarter of a second to make: made once, for the key and the PDF.
    from dataclasses import replace

    from scripts.config.site import SiteConfig
    from scripts.handout.build import HANDOUT, make_pdfs
    made, given = [], []
    kind = replace(HANDOUT, inputs=lambda config, language: made.append(language) or PdfInputs((), f"<p>{language}</p>"),
                   render=lambda config, language, papers, html: given.append(html) or {p: b"%PDF-1.7" for p in papers})
    cache = PdfCache(tmp_path / "cache", ROOT, ROOT / "docs", ROOT / "mkdocs.yml") if with_cache else None
    assert set(make_pdfs(kind, SiteConfig(), cache, "fr", ["a4", "letter"])) == {"a4", "letter"}
    assert made == ["fr"] and given == ["<p>fr</p>"]
