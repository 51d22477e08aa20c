"""Every built page shows the disclaimer and the NHS-style review line."""

from scripts.checks import page_chrome
from scripts.checks import load_site
from tests.conftest import ROOT
from tests.helpers import fake_site


def test_every_built_page_shows_disclaimer_and_review_line(built_site):
    site = load_site(built_site, ROOT / "mkdocs.yml")
    pages = [p for p in site.html_files if site.is_content_page(p)]
    assert len(pages) >= 8
    assert page_chrome.run(site) == []


def test_review_line_says_who_wrote_the_page_and_that_no_health_professional_checked_it(built_site):
    html = (built_site / "symptoms" / "index.html").read_text()
    assert "Page last updated by the editors: " in html and "Next update due: " in html
    assert "Written by the site&#39;s editors from the sources listed on the Sources page." in html
    assert '<strong class="medical-review">Not yet checked by a health professional.</strong>' in html
    assert "does not replace advice from a doctor" in html


def test_no_page_says_reviewed_by_in_any_language(built_site):
    # The old line "Reviewed by: Site editors" read as a clinical review. The review line now says
    # who wrote the page and whether a health professional checked it. (The Sources page may still
    # say that the DMRF article it cites was reviewed by a doctor, and explain how a review works.)
    from selectolax.lexbor import LexborHTMLParser
    words = ("Reviewed by", "Revisado por:", "Relecture :", "Geprüft von:", "المراجعة:", "审阅人")
    pages = [p for p in built_site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Reviewed by:" not in html, page
        line = LexborHTMLParser(html).css_first("aside.review-line")
        if line is not None:
            assert not [word for word in words if word in line.text()], page


def test_page_without_disclaimer_or_review_line_is_reported(tmp_path):
    site = fake_site(tmp_path, {
        "index.html": '<p>text</p><aside class="review-line"><p>Page last updated</p></aside>',
        "es/index.html": '<aside class="disclaimer"><p>Aviso</p></aside>',
    }, languages=("en", "es"))
    findings = page_chrome.run(site)
    assert [(f.file, f.language, f.message.split(" is")[0]) for f in findings] == [
        ("site/es/index.html", "es", "the review line (Page last updated … Next update due …)"),
        ("site/es/index.html", "es", "the line saying whether a health professional checked the page"),
        ("site/index.html", "en", "the medical disclaimer"),
        ("site/index.html", "en", "the line saying whether a health professional checked the page"),
    ]


def test_every_page_offers_the_feedback_address_once(built_site):
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if 'class="md-content"' in html:
            assert html.count('<p class="feedback">') == 1, page
            assert 'href="mailto:feedback@example.org"' in html
