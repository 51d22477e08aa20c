"""The fonts check every PDF test uses (tests/support/pdf_fonts.py) fails on a font that is not
embedded and on a character no font of the handout's set draws."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from tests.support.pdf_fonts import text_with_embedded_fonts

def pdf_of(html: str) -> bytes:
    from weasyprint import HTML
    return HTML(string=html).write_pdf()


@pytest.mark.parametrize("right_to_left", [False, True])
def test_a_pdf_whose_characters_the_fonts_have_passes(right_to_left):
    assert "Plain words." in text_with_embedded_fonts(pdf_of("<p>Plain words.</p>"), right_to_left)


@pytest.mark.parametrize("right_to_left", [False, True])
def test_a_character_no_font_of_the_set_draws_fails(right_to_left):
    pdf = pdf_of("<p>Plain words and \u05e9\u05dc\u05d5\u05dd.</p>")     # (Hebrew: not in the handout's fonts)
    with pytest.raises(AssertionError, match="no font has these characters"):
        text_with_embedded_fonts(pdf, right_to_left)


def test_a_font_that_is_not_embedded_fails():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_of("<p>Plain words.</p>"))))
    for font in writer.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        for descendant in font.get("/DescendantFonts", []):
            descriptor = descendant.get_object()["/FontDescriptor"].get_object()
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                descriptor.pop(NameObject(key), None)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(AssertionError, match="is not embedded"):
        text_with_embedded_fonts(out.getvalue(), False)


def test_the_fonts_are_asked_in_turn_so_latin_text_never_loads_the_cjk_fonts(monkeypatch):
    from scripts.handout import fonts
    asked, real = [], fonts._characters_of
    monkeypatch.setattr(fonts, "_characters_of", lambda file, number: asked.append(file) or real(file, number))
    assert fonts.undrawable("Plain words, é, عربي.") == []
    assert asked and not any(file.endswith(".ttc") for file in asked)
    asked.clear()
    assert fonts.undrawable("中文 and \u05e9") == ["\u05e9"]        # Chinese from Noto Sans CJK; Hebrew from none
    assert asked == [file for file, _ in fonts._fonts()]            # so every font was asked for the Hebrew
