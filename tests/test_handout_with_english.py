"""The handout with English: each part of a translation with the English under it, for every
translated language and paper size, and a clear refusal when the two cannot be paired."""

from __future__ import annotations

import pypdfium2
import pytest
import zxingcpp

from scripts.config.site import SiteConfig
from scripts.handout.fonts import undrawable
from scripts.handout.render import PAPERS, HandoutError, pdf_site_path, render_pdf
from tests.conftest import ROOT
from tests.support.pdf_fonts import text_with_embedded_fonts
from tests.support.pdf_text import pdf_reader, reading_order_texts

CONFIG = SiteConfig(ROOT / "mkdocs.yml")
PAGE = CONFIG.options.handout.page
CASES = [(lang, paper) for lang in CONFIG.codes if lang != CONFIG.source_language
         and CONFIG.is_translated(lang, PAGE) for paper in CONFIG.options.handout.papers]
PAGE_POINTS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}


def path(site, language, paper):
    return site / pdf_site_path(CONFIG, language, paper, with_english=True)


@pytest.mark.parametrize("language,paper", CASES)
def test_with_english_pdf_fits_four_pages_is_tagged_and_has_both_languages(built_site, language, paper):
    reader = pdf_reader(path(built_site, language, paper))
    assert 1 <= len(reader.pages) <= 4
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == \
            tuple(round(v, 1) for v in PAGE_POINTS[paper])
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language and bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    right_to_left = language in CONFIG.rtl_languages
    text = " ".join(reading_order_texts(path(built_site, language, paper), right_to_left)).replace("\r", " ").replace("\n", " ")
    assert undrawable(text) == []
    for english in ("My symptoms", "Questions to ask at my appointment", "My foot points down"):
        assert english in text
    translated = (CONFIG.docs_dir / language / PAGE).read_text(encoding="utf-8")
    symptom = next(line[6:] for line in translated.splitlines() if line.startswith("- [ ] "))
    assert "".join(symptom.split())[:8] in "".join(text.split())
    text_with_embedded_fonts(path(built_site, language, paper), right_to_left)      # every font embedded, every character drawn
    # Fillable like the others, one tick box per pair.
    fields = reader.get_fields()
    assert sum(1 for f in fields.values() if f.get("/FT") == "/Btn") == 18 and {"clinic", "notes"} <= set(fields)
    document = pypdfium2.PdfDocument(path(built_site, language, paper))
    codes = zxingcpp.read_barcodes(document[0].render(scale=3).to_pil())
    assert [code.text for code in codes] == [CONFIG.language_url(language)]


@pytest.mark.parametrize("paper", PAPERS)
def test_arabic_runs_right_to_left_and_its_english_left_to_right(built_site, paper):
    """On the page, Arabic lines end at the right margin; their English starts at the left one."""
    document = pypdfium2.PdfDocument(path(built_site, "ar", paper))
    page = document[0]
    width = page.get_width()
    text = page.get_textpage()
    english = text.search("My symptoms").get_next()
    assert english is not None
    start, count = english
    left = min(text.get_charbox(i)[0] for i in range(start, start + count))
    arabic = text.search("أعراضي").get_next()
    a_start, a_count = arabic
    right = max(text.get_charbox(i)[2] for i in range(a_start, a_start + a_count))
    assert right > width * 0.8, "the Arabic heading should sit at the right"
    # Read left to right: the characters of the English come in order from left to right.
    xs = [text.get_charbox(i)[0] for i in range(start, start + count)]
    assert xs == sorted(xs) and left < width * 0.9


def test_english_links_on_each_translated_handout_page(built_site):
    for language, paper in CASES:
        html = (built_site / language / "handout/index.html").read_text()
        assert f"runners-dystonia-{language}-{paper}-with-english.pdf" in html
        assert path(built_site, language, paper).is_file()
    assert "with-english" not in (built_site / "handout/index.html").read_text()


def test_a_translation_whose_structure_differs_is_refused_with_both_files_and_the_section(project_copy):
    project_copy.replace("docs/es/handout.md", "- [ ] Mi pie apunta hacia abajo\n", "")
    config = SiteConfig(project_copy.file("mkdocs.yml"))
    with pytest.raises(HandoutError) as error:
        render_pdf(config, "es", "a4", with_english=True)
    message = str(error.value)
    assert "Section #my-symptoms differs between docs/en/handout.md and docs/es/handout.md" in message
    assert "Bring docs/es/handout.md up to date with docs/en/handout.md" in message


def test_a_translation_with_a_missing_section_is_refused(project_copy):
    project_copy.replace("docs/es/handout.md", "## Consejos para el día a día { #everyday-tips }",
                         "## Consejos para el día a día { #tips }")
    config = SiteConfig(project_copy.file("mkdocs.yml"))
    with pytest.raises(HandoutError) as error:
        render_pdf(config, "es", "a4", with_english=True)
    assert "section #everyday-tips of docs/en/handout.md is not in docs/es/handout.md" in str(error.value)
