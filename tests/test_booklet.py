"""The booklet: the whole site as one PDF per language and paper size, built with the site."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from markupsafe import escape
import zxingcpp
import pypdfium2
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

from scripts.booklet.chapters import BookletError, nav_pages
from scripts.booklet.render import booklet_html, booklet_site_path, render_booklet, text_top_mm
from scripts.booklet.site_links import fill_pdf_sizes, linked_pages, size_text
from scripts.build.review import review_context
from scripts.config.site import SiteConfig
from scripts.sources import strings as site_strings
from scripts.sources.page_meta import read_front_matter, read_source
from tests.conftest import ROOT
from tests.support.pdf_fonts import text_with_embedded_fonts
from tests.support.pdf_text import page_texts, pdf_reader, reading_order_texts, text_sizes
from tests.support.booklet_pdf import (chapter_pages, ink_near_edges, reading_side, shown_sizes, squeeze,
                                       toc_problems, unresolved_links)

CONFIG = SiteConfig(ROOT / "mkdocs.yml")
PAPERS = CONFIG.options.handout.papers
CASES = [(language, paper) for language in CONFIG.codes for paper in PAPERS]
PAGE_POINTS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}


def booklet(site: Path, language: str, paper: str) -> Path:
    return site / booklet_site_path(CONFIG, language, paper)


def nav_titles(language: str, config: SiteConfig = CONFIG) -> list[str]:
    """The navigation as a reader of `language` sees it: each page's front-matter title."""
    titles = []
    for page in nav_pages(config):
        path = config.docs_dir / config.language_shown(language, page) / page
        meta, _ = read_front_matter(read_source(path), str(path))
        titles.append(meta["title"])
    return titles


def text_of(pdf: Path | bytes, pages, language: str) -> str:
    """The text of those pages, in reading order, without white space (tests/support/pdf_text.py)."""
    texts = reading_order_texts(pdf, language in CONFIG.rtl_languages)
    return squeeze("".join(texts[index] for index in pages))


@pytest.mark.parametrize("language,paper", CASES)
def test_every_page_has_the_paper_size_and_the_pdf_is_tagged_in_its_language(built_site, language, paper):
    reader = pdf_reader(booklet(built_site, language, paper))
    assert len(reader.pages) > len(nav_pages(CONFIG))          # a cover, the contents, a page per chapter at least
    for page in reader.pages:
        size = (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1))
        assert size == tuple(round(v, 1) for v in PAGE_POINTS[paper])
        assert page.trimbox == page.mediabox                     # no bleed: the paper is the page
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root   # tagged (PDF/UA-1)
    assert reader.metadata.title and reader.metadata.author


@pytest.mark.parametrize("language,paper", CASES)
def test_fonts_are_embedded_and_draw_every_character(built_site, language, paper):
    text_with_embedded_fonts(booklet(built_site, language, paper), language in CONFIG.rtl_languages)


@pytest.mark.parametrize("language", CONFIG.codes)
def test_the_cover_gives_the_day_the_content_last_changed_from_its_history(built_site, language):
    from babel.dates import format_date
    from scripts.build.page_dates import commit_dates, page_date
    from scripts.sources.page_meta import as_date
    dates = commit_dates(ROOT)
    newest = max(as_date(page_date(dates, f"docs/{CONFIG.language_shown(language, page)}/{page}", read_front_matter(
        read_source(CONFIG.docs_dir / CONFIG.language_shown(language, page) / page), page)[0]))
        for page in nav_pages(CONFIG))
    line = site_strings.load(language)["booklet_changed"].format(date=format_date(newest, format="long", locale=language))
    cover = text_of(booklet(built_site, language, PAPERS[0]), [0], language)
    if language in CONFIG.rtl_languages:     # (digits come out of a right-to-left line in visual order)
        assert all(word in cover for word in re.findall(r"\w+", line)), line
    else:
        assert squeeze(line) in cover


@pytest.mark.parametrize("language,paper", CASES)
def test_the_cover_qr_code_opens_the_site_in_that_language(built_site, language, paper):
    image = pypdfium2.PdfDocument(booklet(built_site, language, paper))[0].render(scale=3).to_pil()
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [CONFIG.language_url(language)]


@pytest.mark.parametrize("language,paper", CASES)
def test_no_ink_within_12mm_of_the_edge_and_no_colour(built_site, language, paper):
    assert ink_near_edges(booklet(built_site, language, paper)) == []


def test_the_edge_check_sees_ink_at_the_edge(tmp_path):
    from weasyprint import HTML
    pdf = tmp_path / "edge.pdf"
    HTML(string="<style>@page { size: A5; margin: 3mm }</style><p>Too close</p>").write_pdf(pdf)
    assert ink_near_edges(pdf) and "page 1: ink at" in ink_near_edges(pdf)[0]
    HTML(string="<style>@page { size: A5; margin: 20mm }</style><p style='color: red'>Red</p>").write_pdf(pdf)
    assert ink_near_edges(pdf) == ["page 1: something is drawn in colour"]


@pytest.mark.parametrize("language,paper", CASES)
def test_text_reads_from_the_languages_own_side(built_site, language, paper):
    # The last chapter's title (a short word: "Languages") starts at the right in Arabic.
    pdf = booklet(built_site, language, paper)
    _, pages = chapter_pages(pdf_reader(pdf))[-1]
    top = text_top_mm(paper)
    expected = "right" if language in CONFIG.rtl_languages else "left"
    assert reading_side(pdf, pages[0], (top, top + 8)) == expected


@pytest.mark.parametrize("language,paper", CASES)
def test_contents_and_outline_follow_the_navigation_with_right_page_numbers(built_site, language, paper):
    assert toc_problems(booklet(built_site, language, paper), nav_titles(language), language in CONFIG.rtl_languages) == []


def test_the_contents_check_sees_a_missing_page_and_a_wrong_number(built_site, tmp_path):
    pdf = booklet(built_site, "en", "a4")
    titles = nav_titles("en")
    problems = toc_problems(pdf, titles[:3] + ["A page in the nav that is missing"] + titles[3:])
    assert any("the outline lists" in p for p in problems)
    assert any("does not list 'A page in the nav that is missing'" in p for p in problems)
    assert any("has 10 links, the navigation 11 pages" in p for p in problems)
    # A contents line whose number is not the page it leads to.
    from weasyprint import HTML
    wrong = tmp_path / "wrong.pdf"
    HTML(string='<p style="break-after: page">Cover</p><p style="break-after: page"><a href="#one">One ... 7</a></p>'
                '<h1 id="one">One</h1>').write_pdf(wrong)
    assert toc_problems(wrong, ["One"]) == ["contents line for 'one' shows page ['7'], but leads to page 3"]


@pytest.mark.parametrize("language,paper", CASES)
def test_every_internal_link_has_its_destination(built_site, language, paper):
    reader = pdf_reader(booklet(built_site, language, paper))
    assert unresolved_links(reader) == []
    glossary_links = [page for page in reader.pages for a in page.get("/Annots", [])
                      if str(a.get_object().get("/Dest", "")).startswith("glossary--")]
    assert len(glossary_links) > 20          # the words linked to the glossary stay links, inside the PDF


def test_the_link_check_sees_a_link_to_nowhere(built_site, tmp_path):
    writer = PdfWriter(clone_from=booklet(built_site, "en", "a4"))
    link = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
                             NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (100, 100, 200, 120)]),
                             NameObject("/Dest"): TextStringObject("symptoms--no-such-heading")})
    writer.add_annotation(2, link)
    broken = tmp_path / "broken.pdf"
    writer.write(broken)
    assert unresolved_links(PdfReader(broken)) == ["page 3: link to 'symptoms--no-such-heading', which is not in the document"]


def figure_alt_texts(reader: PdfReader) -> list[str]:
    """The alternative text of every figure in the PDF's structure tree, in reading order."""
    found = []

    def walk(node):
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.mark.parametrize("language,paper", CASES)
def test_every_picture_of_the_pages_is_in_the_booklet_with_its_alt_text(built_site, language, paper):
    pictures = []
    for page in nav_pages(CONFIG):
        source = read_source(CONFIG.docs_dir / CONFIG.language_shown(language, page) / page)
        pictures += re.findall(r"!\[([^\]]+)\]\(", source)
    assert len(pictures) >= 4                                      # the four drawings of Symptoms
    reader = pdf_reader(booklet(built_site, language, paper))
    qr_alt = f"{site_strings.load(language)['handout_qr_alt']} {CONFIG.language_url(language)}"
    assert figure_alt_texts(reader) == [qr_alt] + pictures


def test_the_picture_check_sees_a_missing_picture(tmp_path):
    from weasyprint import HTML
    svg = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/%3E"
    pdf = tmp_path / "figures.pdf"
    HTML(string=f'<html lang="en"><p><img src="{svg}" alt="A drawing"></p></html>').write_pdf(pdf, pdf_variant="pdf/ua-1")
    assert figure_alt_texts(PdfReader(pdf)) == ["A drawing"]
    HTML(string='<html lang="en"><p>No picture</p></html>').write_pdf(pdf, pdf_variant="pdf/ua-1")
    assert figure_alt_texts(PdfReader(pdf)) == []


def test_links_become_jumps_inside_the_booklet_and_other_pages_stay_web_addresses():
    from scripts.booklet.chapters import _booklet_links
    site = CONFIG.language_url("es")
    html = (f'<a href="{site}glossary/#gait">a</a> <a href="#key-points">b</a> <a href="{site}symptoms/">c</a> '
            f'<a href="https://doi.org/10.1/x">d</a> <a href="{CONFIG.language_url("fr")}glossary/">e</a>')
    rewritten, links = _booklet_links(CONFIG, html, "index.md", "index", "es", ["index.md", "glossary.md"])
    assert rewritten == (f'<a href="#glossary--gait">a</a> <a href="#index--key-points">b</a> '
                         f'<a href="{site}symptoms/">c</a> <a href="https://doi.org/10.1/x">d</a> '
                         f'<a href="{CONFIG.language_url("fr")}glossary/">e</a>')
    assert links == [("glossary--gait", "glossary.md#gait"), ("index--key-points", "#key-points")]


@pytest.mark.parametrize("language,paper", CASES)
def test_each_chapter_has_its_review_line_translation_notice_and_the_disclaimer(built_site, language, paper):
    pdf = booklet(built_site, language, paper)
    strings = site_strings.load(language)
    assert squeeze(strings["disclaimer"]) in text_of(pdf, [0], language)          # on the cover too
    for page, (title, pages) in zip(nav_pages(CONFIG), chapter_pages(pdf_reader(pdf))):
        text = text_of(pdf, pages, language)
        shown = CONFIG.language_shown(language, page)
        meta, _ = read_front_matter(read_source(CONFIG.docs_dir / shown / page), page)
        review = review_context(meta, strings, language)
        for words in (review["written_by"], review["medical"], strings["disclaimer"]):
            assert squeeze(words) in text, f"{title}: '{words}' is missing"
        if language in CONFIG.rtl_languages:     # (dates and digits come out of a line in visual order)
            assert all(word in text for word in re.findall(r"\w+", review["line"])), title
        else:
            assert squeeze(review["line"]) in text, title
        if language != CONFIG.source_language:   # every translation is a machine translation so far
            assert squeeze(strings["notice_machine"]) in text, f"{title}: no machine-translation notice"


def test_an_untranslated_page_falls_back_to_english_and_says_so(small_project):
    small_project.file("docs/fr/symptoms.md").unlink()
    config = SiteConfig(small_project.file("mkdocs.yml"))
    strings = site_strings.load("fr", config.docs_dir)
    html = booklet_html(config, "fr")
    chapter = html[html.index('id="page-symptoms"'):html.index('id="page-handout"')]
    assert str(escape(strings["notice_missing"].format(language="Français"))) in chapter
    assert '<div class="content" lang="en" dir="ltr">' in chapter
    assert "Symptoms of runner&#39;s dystonia" in chapter or "Symptoms of runner's dystonia" in chapter
    assert str(escape(strings["notice_machine"])) not in chapter
    pdf = render_booklet(config, "fr", "a4")
    assert squeeze(strings["notice_missing"].format(language="Français")) in text_of(pdf, range(len(page_texts(pdf))), "fr")


def test_a_link_to_a_heading_that_does_not_exist_names_the_file_and_line(small_project):
    small_project.replace("docs/en/symptoms.md", "(handout.md)", "(index.md#no-such-heading)")
    config = SiteConfig(small_project.file("mkdocs.yml"))
    with pytest.raises(BookletError) as error:
        booklet_html(config, "en")
    line = next(number for number, text in enumerate(
        small_project.file("docs/en/symptoms.md").read_text().splitlines(), 1) if "no-such-heading" in text)
    assert f"docs/en/symptoms.md:{line}: the link to 'index.md#no-such-heading' goes nowhere in the booklet" \
        in str(error.value)


def test_a_booklet_error_comes_back_from_a_worker_process_unchanged():
    import pickle
    from scripts.problems import Problem
    error = BookletError(Problem("booklet", "the link goes nowhere.", "Fix it.", file="docs/en/x.md", line=3))
    assert str(pickle.loads(pickle.dumps(error))) == "docs/en/x.md:3: the link goes nowhere. Fix: Fix it. [booklet]"


def test_a_nav_page_that_does_not_exist_is_a_clear_error(small_project):
    small_project.replace("mkdocs.yml", "  - symptoms.md\n", "  - symptoms.md\n  - no-such-page.md\n")
    with pytest.raises(BookletError) as error:
        nav_pages(SiteConfig(small_project.file("mkdocs.yml")))
    assert "mkdocs.yml: the nav: lists no-such-page.md, but docs/en/no-such-page.md does not exist" in str(error.value)


def test_body_text_is_at_least_11_point(built_site):
    for language, paper in CASES:
        sizes = text_sizes(booklet(built_site, language, paper), first_page=2)   # (after the cover and contents)
        assert max(sizes, key=sizes.get) >= 11, f"{language}/{paper}: most text is {max(sizes, key=sizes.get)} pt"


def test_the_size_check_reads_the_size_on_paper(tmp_path):
    from weasyprint import HTML
    # (the half-transparent box is drawn as a group of its own, a form, scaled twice in its place)
    pdf = HTML(string="<p style='font-size: 9pt'>Small text, but a lot of it.</p><p style='font-size: 14pt'>Big</p>"
                      "<div style='opacity: 0.5'><p style='font-size: 10pt; transform: scale(2); "
                      "transform-origin: 0 0'>Scaled twice</p></div>").write_pdf()
    sizes = text_sizes(pdf)
    assert sizes == {9.0: 22, 14.0: 3, 20.0: 11}                     # characters, spaces left out
    assert max(sizes, key=sizes.get) == 9.0


# ---- The links on the site, with the file's size ----

def test_home_and_handout_pages_link_both_booklets_with_their_real_size(built_site):
    for language in CONFIG.codes:
        strings = site_strings.load(language)
        for page in linked_pages(CONFIG):
            built = CONFIG.built_file(built_site, language, page)
            sizes = shown_sizes(built.read_text(encoding="utf-8"))
            folder = posixpath.dirname(built.relative_to(built_site).as_posix())
            booklets = {posixpath.normpath(posixpath.join(folder, href)): shown for href, shown in sizes.items()
                        if "booklet" in href}
            assert sorted(booklets) == sorted(booklet_site_path(CONFIG, language, paper) for paper in PAPERS), built
            for path, shown in booklets.items():
                assert shown == size_text((built_site / path).stat().st_size, language, strings), path


def test_sizes_are_filled_in_from_the_files_and_left_out_when_there_is_none(tmp_path):
    site = tmp_path / "site"
    a4, letter = (booklet_site_path(CONFIG, "en", paper) for paper in ("a4", "letter"))
    (site / "booklet").mkdir(parents=True)
    (site / a4).write_bytes(b"%PDF" + b"x" * 300_000)          # no Letter booklet
    page = (f'<span class="pdf-choice"><a href="{a4}" download>A4</a><span class="pdf-size" data-pdf="{a4}"></span></span>'
            f'<span class="pdf-choice"><a href="{letter}" download>US Letter</a><span class="pdf-size" data-pdf="{letter}"></span></span>')
    (site / "index.html").write_text(page, encoding="utf-8")
    fill_pdf_sizes(site, CONFIG)
    filled = (site / "index.html").read_text(encoding="utf-8")
    assert shown_sizes(filled) == {a4: "293\u00a0KB"}
    assert "data-pdf" not in filled and filled.endswith(f'<a href="{letter}" download>US Letter</a></span>')
    # The size test above compares with the file itself: a file that changed afterwards shows up.
    (site / a4).write_bytes(b"%PDF" + b"x" * 3_000_000)
    assert shown_sizes(filled)[a4] != size_text((site / a4).stat().st_size, "en", site_strings.load("en"))


def test_sizes_read_in_each_languages_own_numbers_and_units():
    nbsp = "\u00a0"     # (the number never ends a line without its unit)
    assert size_text(190_000, "en", site_strings.load("en")) == f"186{nbsp}KB"
    assert size_text(1_300_000, "en", site_strings.load("en")) == f"1.2{nbsp}MB"
    assert size_text(1_300_000, "de", site_strings.load("de")) == f"1,2{nbsp}MB"
    assert size_text(1_300_000, "fr", site_strings.load("fr")) == f"1,2{nbsp}Mo"
    assert size_text(300, "en", site_strings.load("en")) == f"1{nbsp}KB"


# ---- The cover: each language's own site name and credit line ----

@pytest.mark.parametrize("language", CONFIG.codes)
def test_the_cover_has_the_languages_own_site_name_and_credit_line(built_site, language):
    settings = CONFIG.language_settings(language)
    cover = text_of(booklet(built_site, language, PAPERS[0]), [0], language)
    assert cover.startswith(squeeze(settings.site_name)), cover[:80]
    if language in CONFIG.rtl_languages:     # (a line that mixes directions comes out in visual order)
        assert all(word in cover for word in re.findall(r"\w+", settings.copyright)), settings.copyright
    else:
        assert squeeze(settings.copyright) in cover


def test_the_booklet_does_not_take_the_site_name_of_the_language_being_built():
    # While mkdocs-static-i18n builds Chinese, the build's configuration carries the Chinese
    # site name and credit line; a booklet made then (serve makes PDFs after any language's
    # quick rebuild) must still have its own language's.
    from mkdocs.config import load_config
    building = load_config(str(ROOT / "mkdocs.yml"))
    chinese = CONFIG.language_settings("zh")
    building.site_name, building.copyright = chinese.site_name, chinese.copyright
    html = booklet_html(SiteConfig.from_mkdocs(building), "en")
    assert "<h1 class=\"cover-title\">Runner&#39;s dystonia</h1>" in html
    assert chinese.site_name not in html and str(escape(CONFIG.language_settings("en").copyright)) in html


def test_an_unknown_paper_size_is_refused_with_the_sizes_there_are():
    from scripts.booklet.render import render_booklets
    with pytest.raises(BookletError, match=r"Unknown paper size 'b5'\. Choose one of: a4, letter\."):
        render_booklets(CONFIG, "en", ["a4", "b5"])
