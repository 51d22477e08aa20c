"""One layout written onto several paper sizes (scripts/handout/paper_windows.py)."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from pypdf import PdfReader

from scripts.handout.paper_windows import PaperWindowError, SharedLayout, Window, write_papers

MM = 72 / 25.4
A4 = Window(0, 0, 210, 297)
LETTER = Window(-2.95, 8.8, 215.9, 279.4)     # a paper wider and shorter than the A4 layout


def _layout(css: str = "@page { size: A4; margin: 20mm }"):
    from weasyprint import HTML
    return HTML(string=f"<style>{css}</style><p id=a>Text</p><p style='break-before: page'>"
                       "<a href='#a'>back</a></p>").render()


def _ink_box_mm(pdf: bytes, page: int = 0) -> tuple[float, ...]:
    image = pypdfium2.PdfDocument(pdf)[page].render(scale=4).to_pil().convert("L")
    box = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    return tuple(round(v / 4 / MM, 1) for v in box)


def test_the_layouts_own_paper_is_written_exactly_as_weasyprint_writes_it():
    layout = _layout()
    assert write_papers(layout, {"a4": A4})["a4"] == layout.write_pdf()


def test_each_paper_has_its_size_and_shows_the_same_drawing_moved_by_its_window():
    layout = _layout()
    pdfs = write_papers(layout, {"a4": A4, "letter": LETTER})
    for paper, window in (("a4", A4), ("letter", LETTER)):
        for page in PdfReader(io.BytesIO(pdfs[paper])).pages:
            assert (round(float(page.mediabox.width) / MM, 1), round(float(page.mediabox.height) / MM, 1)) == \
                (window.width_mm, window.height_mm)
            assert page.trimbox == page.mediabox and page.bleedbox == page.mediabox
    left, top, right, bottom = _ink_box_mm(pdfs["a4"])
    assert _ink_box_mm(pdfs["letter"]) == pytest.approx((left + 2.95, top - 8.8, right + 2.95, bottom - 8.8), abs=0.3)
    # The link on page 2 still leads to page 1, and the text is still text.
    letter = PdfReader(io.BytesIO(pdfs["letter"]))
    assert "Text" in letter.pages[0].extract_text()
    assert letter.pages[1]["/Annots"][0].get_object()["/Dest"] == "a"
    target = letter.named_destinations["a"]
    assert letter.get_destination_page_number(target) == 0
    box = letter.pages[0].mediabox
    assert box.bottom < target.top < box.top             # it opens where the text is on that paper


def test_the_window_of_a_paper_centres_the_text_block_across_it():
    layout = SharedLayout((176, 241), lambda height: 20 if height > 290 else 16.4)
    assert layout.window("a4") == Window(0, 0, 210, 297)
    assert layout.window("letter") == Window(17 - (215.9 - 176) / 2, 20 - 16.4, 215.9, 279.4)
    assert layout.page_css == "@page { size: 210mm 297mm; margin: 20mm 17mm 36mm 17mm; }"


def test_a_layout_with_bleed_is_refused():
    with pytest.raises(PaperWindowError, match="bleed"):
        write_papers(_layout("@page { size: A4; margin: 20mm; bleed: 3mm }"), {"a4": A4})


def test_a_weasyprint_that_skips_the_finisher_is_an_error_not_an_empty_result(monkeypatch):
    from weasyprint.document import Document
    layout = _layout()
    monkeypatch.setattr(Document, "write_pdf", lambda self, finisher=None, **options: b"%PDF-")
    with pytest.raises(PaperWindowError, match="did not write through the finisher"):
        write_papers(layout, {"a4": A4})


def test_a_pydyf_without_the_parts_it_relies_on_is_an_error(monkeypatch):
    import pydyf
    monkeypatch.delattr(pydyf.PDF, "write")
    with pytest.raises(PaperWindowError, match="objects/current_position/write"):
        write_papers(_layout(), {"a4": A4})
