"""The clinic command's details in the handout's clinic field: its value (the plain text), and its
look (appearance stream), so the PDF prints the details without a viewer having to draw them.

The look is laid out by WeasyPrint, like the rest of the handout: a page exactly the size of the
field, with the same fonts (Arabic shaped and right to left, Chinese from Noto), then turned into
the field's appearance (a form XObject). A viewer only redraws it if someone edits the field.
"""

from __future__ import annotations

import io
from html import escape

from scripts.handout.fields import CLINIC_FIELD


def clinic_text_html(lines: list[str], language: str, direction: str, size_px: tuple[float, float]) -> str:
    """The clinic's details as the field shows them: the name (first line) in bold."""
    width, height = size_px
    paragraphs = "".join(f'<p class="{"clinic-name" if index == 0 else ""}">{escape(line)}</p>'
                         for index, line in enumerate(lines))
    return (f'<html lang="{language}" dir="{direction}"><head><style>@page {{ size: {width}px {height}px; '
            f'margin: 0 }}</style></head><body><div class="clinic-text">{paragraphs}</div></body></html>')


def field_size(document) -> tuple[float, float] | None:
    """The clinic field's size on the laid-out first page, in CSS pixels."""
    for box in _boxes(document.pages[0]._page_box):
        element = getattr(box, "element", None)
        if element is not None and element.tag == "textarea" and element.get("name") == CLINIC_FIELD:
            return box.width, box.height
    return None


def layout_problem(document) -> str | None:
    """'tall' if the details need a second page, 'wide:<word>' if a word sticks out sideways."""
    if len(document.pages) > 1:
        return "tall"
    page = document.pages[0]._page_box
    left, right = page.content_box_x(), page.content_box_x() + page.width
    for text in _boxes(page):
        if type(text).__name__ == "TextBox" and (text.position_x < left - 0.5 or
                                                   text.position_x + text.width > right + 0.5):
            return f"wide:{text.text.strip()}"
    return None


def fill_clinic_field(pdf: bytes, value: str, appearance_pdf: bytes) -> bytes:
    """The handout with `value` in its clinic field, drawn by the first page of `appearance_pdf`."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, StreamObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    look = PdfReader(io.BytesIO(appearance_pdf)).pages[0]
    field = next(annotation.get_object() for annotation in writer.pages[0]["/Annots"]
                 if annotation.get_object().get("/T") == CLINIC_FIELD)
    appearance = StreamObject()
    appearance.set_data(look.get_contents().get_data())
    appearance.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(v) for v in look.mediabox),
        NameObject("/Resources"): look["/Resources"].clone(writer),
    })
    field[NameObject("/V")] = TextStringObject(value)
    field[NameObject("/AP")] = DictionaryObject({NameObject("/N"): writer._add_object(appearance)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _boxes(box):
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child)
