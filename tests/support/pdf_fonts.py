"""The fonts check shared by every kind of PDF (handout, handout with English, booklet)."""

from __future__ import annotations

from pathlib import Path

from scripts.handout.fonts import undrawable
from tests.support.pdf_text import pdf_reader, reading_order_texts


def text_with_embedded_fonts(pdf: Path | bytes, right_to_left: bool) -> str:
    """The PDF's text, after asserting that every font on every page is embedded and that some
    font of the handout's set draws every character of that text (none shows as an empty box)."""
    reader = pdf_reader(pdf)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptors = [font.get("/FontDescriptor")] + [
                d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
            assert any(d and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                       for d in descriptors), f"font {font.get('/BaseFont')} is not embedded"
    text = "".join(reading_order_texts(pdf, right_to_left))
    missing = undrawable(text)
    assert not missing, f"no font has these characters: {missing}"
    return text
