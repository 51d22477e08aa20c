"""A review status that cannot mislead: who wrote a page, whether a health professional checked it,
and how far to trust a translation, said the same way on the web page and on every PDF."""

from __future__ import annotations

import re
from functools import cache

import pypdfium2
import pytest

from scripts.sources import strings as site_strings
from scripts.handout.render import PAPERS, pdf_site_path, render_pdf
from scripts.config.site import SiteConfig
from tests.conftest import ROOT
from tests.support.inprocess import build_in_process

CONFIG = SiteConfig(ROOT / "mkdocs.yml")
REVIEW = "medical_review:\n  name: Dr Ana Ruiz\n  role: Consultant neurologist\n  date: 2026-11-30\n"


def first_page_text(pdf) -> str:
    document = pypdfium2.PdfDocument(pdf)
    return squeeze(document[0].get_textpage().get_text_bounded())


def squeeze(text: str) -> str:
    # PDF text comes out with line breaks and, for Arabic and Chinese, spaces where the
    # lines wrapped: compare without any white space.
    # Arabic marks (shadda, short vowels) come back from the PDF detached from their letters.
    return re.sub(r"[\s\u064B-\u0652\u0670]+", "", text)


@cache   # the same strings are printed on the A4 and the Letter PDF
def as_printed(text: str, language: str, bold: bool = False) -> str:
    """`text` set alone in the handout's fonts and read back the same way as the handout: text
    extraction does not give Arabic back exactly as it was written (ligatures, letter forms), so
    both sides of a comparison must go through the same font and extractor."""
    from weasyprint import CSS, HTML
    from scripts.handout.render import HERE, _font_face_css
    direction = "rtl" if language in CONFIG.rtl_languages else "ltr"
    text = f"<strong>{text}</strong>" if bold else text
    html = f'<html lang="{language}" dir="{direction}"><body><p>{text}</p></body></html>'
    pdf = HTML(string=html).write_pdf(stylesheets=[
        CSS(filename=str(HERE / "handout.css")),
        CSS(string=_font_face_css() + "@page { size: 2000mm 100mm; @bottom-right { content: none } }")])
    return first_page_text(pdf)


def add_review(project, page="docs/en/symptoms.md", review=REVIEW):
    project.replace(page, "written_by: the site's editors\n", f"written_by: the site's editors\n{review}")


@pytest.mark.parametrize("language,paper", [(lang, paper) for lang in CONFIG.codes for paper in PAPERS])
def test_every_pdf_says_on_its_first_page_what_the_web_page_says(built_site, language, paper):
    strings = site_strings.load(language, CONFIG.docs_dir)
    text = first_page_text(built_site / pdf_site_path(CONFIG, language, paper))
    assert as_printed(strings["medical_review_none"], language, bold=True) in text
    if language != CONFIG.source_language:
        assert as_printed(strings["notice_machine_title"], language, bold=True) in text
        # the notice's first sentence (the whole text may wrap differently)
        first_sentence = re.split(r"(?<=[.。])", strings["notice_machine"])[0]
        assert as_printed(first_sentence, language) in text
    else:
        assert squeeze(site_strings.load("fr", CONFIG.docs_dir)["notice_machine_title"]) not in text


def test_every_web_page_says_whether_a_health_professional_checked_it(built_site):
    for language in CONFIG.codes:
        none = site_strings.load(language, CONFIG.docs_dir)["medical_review_none"]
        prefix = "" if language == CONFIG.source_language else f"{language}/"
        for page in CONFIG.pages:
            stem = "" if page == "index.md" else page.removesuffix(".md") + "/"
            html = (built_site / prefix / stem / "index.html").read_text(encoding="utf-8")
            assert f'<strong class="medical-review">{none}</strong>' in html.replace("&#39;", "'"), (language, page)


def test_a_named_medical_review_is_shown_on_the_page_and_in_the_pdf(small_project):
    project_copy = small_project
    add_review(project_copy)
    add_review(project_copy, "docs/en/handout.md")
    result = build_in_process(project_copy.path, languages=("en",))
    assert result.ok, result.text
    html = (project_copy.path / "site/symptoms/index.html").read_text(encoding="utf-8")
    assert "Checked by a health professional: Dr Ana Ruiz, Consultant neurologist, on November 30, 2026." in html
    assert "Not yet checked by a health professional" not in html
    pdf = render_pdf(SiteConfig(project_copy.file("mkdocs.yml")), "en", "a4")
    assert squeeze("Checked by a health professional: Dr Ana Ruiz, Consultant neurologist, on November 30, 2026.") \
        in first_page_text(pdf)


REVIEW_CASES = [
    (REVIEW.replace("Dr Ana Ruiz", "TODO"), "'medical_review' needs the name of the health professional who "
                                            "checked the page, not 'TODO'"),
    (REVIEW.replace("Dr Ana Ruiz", "xxx"), "not 'xxx'"),
    (REVIEW.replace("Dr Ana Ruiz", '""'), "'medical_review' needs the name"),
    (REVIEW.replace("Dr Ana Ruiz", "Dr X"), "not 'Dr X'"),
    (REVIEW.replace("  role: Consultant neurologist\n", ""), "'medical_review' needs the role"),
    (REVIEW.replace("2026-11-30", "2099-01-01"), "the medical review date 2099-01-01 is in the future"),
    (REVIEW.replace("2026-11-30", "soon"), "'medical_review' needs 'date: YYYY-MM-DD'"),
    ("medical_review: Dr Ana Ruiz\n", "'medical_review' must give the reviewer's name, role and date"),
    (REVIEW + "  hospital: St Elsewhere\n", "'medical_review' has unknown field(s) hospital"),
]


@pytest.fixture(scope="module")
def review_cases_built(tmp_path_factory, small_project_source):
    """The cut-down project in English with each of REVIEW_CASES in a page of its own
    (docs/en/case-NN.md), built once: {case: the build's messages about its page}."""
    from tests.conftest import ProjectCopy
    from tests.support.small_project import copies_of_page
    project = ProjectCopy(tmp_path_factory.mktemp("review-cases") / "project", small_project_source)
    pages = copies_of_page(project.path, "symptoms.md", len(REVIEW_CASES), languages=("en",))
    for page, (review, _) in zip(pages, REVIEW_CASES):
        add_review(project, f"docs/en/{page}", review)
    result = build_in_process(project.path, languages=("en",))
    assert not result.ok, result.text
    messages = result.messages
    # Nothing but the case pages is wrong in it (the last message is the strict build's abort).
    others = [message for message in messages[:-1] if not any(f"docs/en/{page}:" in message for page in pages)]
    assert others == [] and "Aborted with" in messages[-1], result.text
    return {case: [message for message in messages if f"docs/en/{page}:" in message]
            for case, page in zip(REVIEW_CASES, pages)}


def test_the_review_cases_build_reports_every_case_page(review_cases_built):
    assert all(review_cases_built.values()), {case[1]: lines for case, lines in review_cases_built.items()}


@pytest.mark.parametrize("review,message", REVIEW_CASES)
def test_a_medical_review_needs_a_real_name_role_and_past_date(review_cases_built, review, message):
    # Each case is an English page of its own in one shared build, named with its file and line.
    found = review_cases_built[(review, message)]
    assert any(message in text for text in found), found


def test_an_out_of_date_translation_says_so_in_its_pdf(small_project):
    project_copy = small_project
    project_copy.replace("docs/en/handout.md", "## My symptoms", "A new English sentence.\n\n## My symptoms")
    strings = site_strings.load("fr", project_copy.file("docs"))
    text = first_page_text(render_pdf(SiteConfig(project_copy.file("mkdocs.yml")), "fr", "letter"))
    assert squeeze(strings["notice_outdated_title"]) in text


def test_a_reviewed_translation_names_its_reviewer_in_its_pdf(small_project):
    project_copy = small_project
    project_copy.replace("docs/de/handout.md", "translation: machine",
                         "translation: reviewed\ntranslation_reviewer: Jana Vogel\ntranslation_reviewed_on: 2026-11-30")
    text = first_page_text(render_pdf(SiteConfig(project_copy.file("mkdocs.yml")), "de", "a4"))
    assert squeeze("Übersetzung geprüft von Jana Vogel am 30. November 2026.") in text
    assert squeeze(site_strings.load("de", CONFIG.docs_dir)["notice_machine_title"]) not in text
