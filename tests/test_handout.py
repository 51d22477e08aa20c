"""The printable handout: 12 PDFs built with the site, and the clinic command."""

import subprocess
import sys
from pathlib import Path

import pypdfium2
from PIL import ImageChops
import pytest
import zxingcpp
from pypdf import PdfReader

from scripts.handout.render import PAPERS, pdf_site_path
from scripts.config.site import SiteConfig
from tests.conftest import ROOT
from tests.support.pdf_fonts import text_with_embedded_fonts
from tests.support.pdf_text import page_texts, pdf_reader, text_sizes
from tests.support.clinic_command import run_clinic_command

CONFIG = SiteConfig(ROOT / "mkdocs.yml")
CASES = [(lang, paper) for lang in CONFIG.codes for paper in PAPERS]
PAGE_POINTS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
MM = 72 / 25.4


def pdf_path(site: Path, language: str, paper: str) -> Path:
    return site / pdf_site_path(CONFIG, language, paper)


def image_count(page) -> int:
    """Raster images drawn on a page, looking inside form XObjects too."""
    def count(resources) -> int:
        total = 0
        for xobject in (resources or {}).get("/XObject", {}).values():
            xobject = xobject.get_object()
            if xobject["/Subtype"] == "/Image":
                total += 1
            elif xobject["/Subtype"] == "/Form":
                total += count(xobject.get("/Resources"))
        return total
    return count(page["/Resources"])


def appearance_text(reader: PdfReader, field_name: str) -> str:
    """The text a field's normal appearance draws (what a viewer shows and prints)."""
    from pypdf import PageObject
    from pypdf.generic import NameObject
    widget = next(a.get_object() for page in reader.pages for a in page.get("/Annots", [])
                  if a.get_object().get("/T") == field_name)
    look = widget["/AP"]["/N"].get_object()
    page = PageObject.create_blank_page(width=1000, height=1000)
    page[NameObject("/Resources")] = look["/Resources"]
    page.replace_contents(look)
    return page.extract_text()


def handout_title(language: str) -> str:
    text = (CONFIG.docs_dir / language / "handout.md").read_text(encoding="utf-8")
    return next(line[2:].strip() for line in text.splitlines() if line.startswith("# "))


@pytest.mark.parametrize("language,paper", CASES)
def test_pdf_is_two_pages_of_the_exact_paper_size_with_metadata(built_site, language, paper):
    reader = pdf_reader(pdf_path(built_site, language, paper))
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 1), round(height, 1)) == tuple(round(v, 1) for v in PAGE_POINTS[paper])
    assert reader.metadata.title == handout_title(language)
    assert reader.metadata.author
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root   # tagged (PDF/UA-1)
    # The QR code is vector (SVG), not a picture: the page holds no raster image.
    assert image_count(reader.pages[0]) == 0


@pytest.mark.parametrize("language,paper", CASES)
def test_fonts_are_embedded_and_cover_every_character(built_site, language, paper):
    text = text_with_embedded_fonts(pdf_path(built_site, language, paper), language in CONFIG.rtl_languages)
    assert handout_title(language).split(":")[0].split("：")[0] in text.replace("\n", " ")


@pytest.mark.parametrize("language,paper", CASES)
def test_qr_code_opens_the_site_in_that_language(built_site, language, paper):
    document = pypdfium2.PdfDocument(pdf_path(built_site, language, paper))
    image = document[0].render(scale=3).to_pil()
    codes = zxingcpp.read_barcodes(image)
    assert [code.text for code in codes] == [CONFIG.language_url(language)]


@pytest.mark.parametrize("language,paper", CASES)
def test_nothing_is_drawn_within_12mm_of_the_edge_and_no_colour_is_used(built_site, language, paper):
    document = pypdfium2.PdfDocument(pdf_path(built_site, language, paper))
    for page in document:
        scale = 2
        image = page.render(scale=scale).to_pil().convert("RGB")
        width, height = image.size
        margin = int(12 * MM * scale)
        inner = image.crop((margin, margin, width - margin, height - margin))
        ink = image.convert("L").point(lambda v: 255 if v < 250 else 0).getbbox()
        assert ink is not None
        assert ink[0] >= margin and ink[1] >= margin and ink[2] <= width - margin and ink[3] <= height - margin, \
            f"ink at {ink}, page {width}x{height}, 12mm = {margin}px"
        # Black and white: every pixel is grey, so nothing depends on colour.
        r, g, b = inner.split()
        assert ImageChops.difference(r, g).getextrema()[1] <= 8 and ImageChops.difference(g, b).getextrema()[1] <= 8


@pytest.mark.parametrize("language,paper", CASES)
def test_links_are_clickable_and_the_qr_sits_on_the_reading_start_side(built_site, language, paper):
    reader = pdf_reader(pdf_path(built_site, language, paper))
    first = reader.pages[0]
    links = [a.get_object() for a in first.get("/Annots", [])]
    uris = [(a["/A"]["/URI"], [float(v) for v in a["/Rect"]]) for a in links if "/A" in a and "/URI" in a["/A"]]
    site = [rect for uri, rect in uris if uri == CONFIG.language_url(language)]
    assert site, f"no clickable link to {CONFIG.language_url(language)}"
    middle = float(first.mediabox.width) / 2
    # Left to right: title left, QR right; Arabic is mirrored.
    if language in CONFIG.rtl_languages:
        assert site[0][2] < middle
    else:
        assert site[0][0] > middle


def test_body_text_is_at_least_11_point(built_site):
    for language, paper in CASES:
        sizes = text_sizes(pdf_path(built_site, language, paper))
        body = max(sizes, key=sizes.get)
        assert body >= 11, f"{language}/{paper}: most text is {body} pt"


def test_handout_pages_and_home_page_link_both_pdfs(built_site):
    for language in CONFIG.codes:
        prefix = "" if language == "en" else f"{language}/"
        for page in ("handout/index.html", "index.html"):
            html = (built_site / prefix / page).read_text()
            for paper in PAPERS:
                name = f"runners-dystonia-{language}-{paper}.pdf"
                assert name in html, f"{prefix}{page} does not link {name}"


# ---- The clinic command ----

def handout_command(*args):
    """The command as a person runs it: a process of its own (the one end-to-end run)."""
    return subprocess.run([sys.executable, "-m", "scripts.handout", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def logo(tmp_path_factory) -> Path:
    from PIL import Image
    path = tmp_path_factory.mktemp("logo") / "logo.png"
    Image.new("RGB", (200, 80), "black").save(path)
    return path


def test_clinic_handout_has_the_clinic_details(tmp_path, logo):
    out = tmp_path / "clinic.pdf"
    result = handout_command("--lang", "fr", "--paper", "letter", "--clinic", "Clinique du Parc",
                             "--phone", "01 23 45 67 89", "--address", "2 rue des Lilas, Lyon",
                             "--logo", str(logo), "-o", str(out))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert len(reader.pages) <= 2
    # The details are the clinic field's value, and its look (appearance) draws them on the page.
    value, text = reader.get_fields()["clinic"]["/V"], appearance_text(reader, "clinic")
    assert value == "Clinique du Parc\nTéléphone: 01 23 45 67 89\n2 rue des Lilas, Lyon"
    assert "Clinique du Parc" in text and "01 23 45 67 89" in text and "2 rue des Lilas, Lyon" in text
    assert image_count(reader.pages[0]) == 1  # the logo


@pytest.mark.parametrize("args,message", [
    (["--lang", "pt"], "Unknown language 'pt'. Choose one of: en, es, fr, de, ar, zh"),
    (["--lang", "es", "--paper", "a5"], "Unknown paper size 'a5'. Choose one of: a4, letter."),
    (["--lang", "es", "--logo", "no-such-logo.png"], f"Logo file not found: {ROOT / 'no-such-logo.png'}"),
    (["--lang", "es", "--logo", "README.md"], f"Logo {ROOT / 'README.md'} is not an image"),
    (["--lang", "es", "--clinic", "Clínica " * 40], "do not fit in the clinic box"),
    (["--lang", "zh", "--address", "北京市东城区" * 30], "do not fit in the clinic box"),
])
def test_bad_clinic_input_gives_a_clear_message_and_no_pdf(tmp_path, args, message):
    out = tmp_path / "out.pdf"
    result = run_clinic_command(*args, "-o", out)   # in the test process: nothing here needs a PDF
    assert result.returncode == 2
    assert message in result.stderr and "No PDF was written." in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_clinic_handout_with_english_keeps_markup_in_the_details_as_plain_text(tmp_path):
    out = tmp_path / "clinic-with-english.pdf"
    hostile = '<b>Clinique</b> & "Parc" <img src=file:///etc/passwd>'
    result = run_clinic_command("--lang", "fr", "--paper", "a4", "--with-english", "--clinic", hostile,
                                "--phone", "01 23 45 67 89", "-o", str(out))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    assert 2 <= len(reader.pages) <= 4
    text = "".join(page_texts(out))
    assert "Questions to ask at my appointment" in text          # the English beside the French
    value = reader.get_fields()["clinic"]["/V"]
    assert value.startswith(hostile + "\n")                      # the details as typed, not as HTML
    assert "<b>Clinique</b>" in appearance_text(reader, "clinic")
    assert image_count(reader.pages[0]) == 0                     # the <img> fetched nothing


def test_with_english_for_the_source_language_is_refused(tmp_path):
    result = run_clinic_command("--lang", "en", "--with-english", "-o", tmp_path / "out.pdf")
    assert result.returncode == 2
    assert not (tmp_path / "out.pdf").exists()
    assert "The handout is already in English (en); --with-english is for the other languages. " \
           "Leave it out, or choose another --lang." in result.stderr
