"""Every built page shows the disclaimer and the NHS-style review line."""

from scripts.checks import page_chrome
from scripts.check import load_site
from tests.conftest import ROOT
from tests.helpers import fake_site


def test_every_built_page_shows_disclaimer_and_review_line(built_site):
    site = load_site(built_site, ROOT / "mkdocs.yml")
    pages = [p for p in site.html_files if site.is_content_page(p)]
    assert len(pages) >= 8
    assert page_chrome.run(site) == []


def test_review_line_reads_like_the_nhs(built_site):
    html = (built_site / "symptoms" / "index.html").read_text()
    assert "Page last reviewed: " in html and "Next review due: " in html
    assert "does not replace advice from a doctor" in html


def test_page_without_disclaimer_or_review_line_is_reported(tmp_path):
    site = fake_site(tmp_path, {
        "index.html": '<p>text</p><aside class="review-line"><p>Page last reviewed</p></aside>',
        "es/index.html": '<aside class="disclaimer"><p>Aviso</p></aside>',
    }, languages=("en", "es"))
    findings = page_chrome.run(site)
    assert [(f.path, f.language, f.message.split(" is")[0]) for f in findings] == [
        ("site/es/index.html", "es", "the review line (Page last reviewed … Next review due …)"),
        ("site/index.html", "en", "the medical disclaimer"),
    ]
