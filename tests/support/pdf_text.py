"""The text of a PDF, read once per test process (a file is keyed by its path, size and time):
the tests read each booklet and handout several times. So is pypdf's reader of a PDF
(`pdf_reader`), which keeps the objects it has parsed: parsing a booklet is the slow part.

- page_texts and text_sizes: as PDFium (pypdfium2, the engine Chromium uses) reads it. PDFium
  is C: a 30-page booklet in a few hundredths of a second, where pypdf takes about a second.
- reading_order_texts: the text in reading order, to find a sentence in. Left-to-right text is
  PDFium's; right-to-left text is pypdf's, read from the fonts' ToUnicode maps, because PDFium
  gives the letters of an Arabic ligature in the order they are drawn and reads one Arabic glyph
  as a Hebrew letter (on the PDFs of this site, both give the same characters otherwise).
"""

from __future__ import annotations

import ctypes
import functools
import io
from collections import Counter
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium
from pypdf import PdfReader


def _document(pdf: Path | bytes) -> pypdfium2.PdfDocument:
    return pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))


def _key(pdf: Path | bytes):
    if isinstance(pdf, bytes):
        return pdf
    stat = Path(pdf).stat()
    return str(pdf), stat.st_size, stat.st_mtime_ns


@functools.lru_cache(maxsize=256)
def _page_texts(key) -> tuple[str, ...]:
    document = _document(key if isinstance(key, bytes) else Path(key[0]))
    try:
        # (PDFium marks a hyphen that ends a line as U+FFFE: it is a drawn hyphen, as pypdf says)
        return tuple(page.get_textpage().get_text_range().replace("\ufffe", "-") for page in document)
    finally:
        document.close()


def page_texts(pdf: Path | bytes) -> tuple[str, ...]:
    """The text of each page, in order."""
    return _page_texts(_key(pdf))


def _object_text(text_object, text_page) -> str:
    length = pdfium.FPDFTextObj_GetText(text_object, text_page, None, 0)      # (bytes, UTF-16)
    buffer = ctypes.create_string_buffer(length)
    pdfium.FPDFTextObj_GetText(text_object, text_page, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), length)
    return buffer.raw.decode("utf-16-le").rstrip("\0")


def _then(inner: tuple, outer: tuple) -> tuple:
    """The matrix (a, b, c, d, e, f) `inner`, applied inside `outer` (as PDF's `cm` composes)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _count_text_sizes(objects, text_page, outer: tuple, sizes: Counter) -> None:
    """Adds the (non-space) characters of each text object among `objects` to sizes, by size on
    paper; the objects of a form (a group WeasyPrint draws for opacity, say) in the form's place."""
    matrix, font_size = pdfium.FS_MATRIX(), ctypes.c_float()
    for page_object in objects:
        pdfium.FPDFPageObj_GetMatrix(page_object, ctypes.byref(matrix))
        placed = _then((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        kind = pdfium.FPDFPageObj_GetType(page_object)
        if kind == pdfium.FPDF_PAGEOBJ_TEXT:
            characters = sum(not character.isspace() for character in _object_text(page_object, text_page))
            if characters:
                # The size set in the content stream, scaled by the object's whole transformation
                # to the page (text matrix, page and forms): the size on paper, in points.
                pdfium.FPDFTextObj_GetFontSize(page_object, ctypes.byref(font_size))
                sizes[round(font_size.value * (placed[0] ** 2 + placed[1] ** 2) ** 0.5, 1)] += characters
        elif kind == pdfium.FPDF_PAGEOBJ_FORM:
            inside = (pdfium.FPDFFormObj_GetObject(page_object, index)
                      for index in range(pdfium.FPDFFormObj_CountObjects(page_object)))
            _count_text_sizes(inside, text_page, placed, sizes)


@functools.lru_cache(maxsize=256)
def _text_sizes(key, first_page: int) -> Counter:
    # Read by text object (a run of text in one font and size), not character by character:
    # the same counts, in a few calls per run instead of three per character.
    document = _document(key if isinstance(key, bytes) else Path(key[0]))
    sizes: Counter = Counter()
    try:
        for page in list(document)[first_page:]:
            text_page = page.get_textpage()       # (kept: pypdfium2 closes it when it is dropped)
            objects = (pdfium.FPDFPage_GetObject(page.raw, index) for index in range(pdfium.FPDFPage_CountObjects(page.raw)))
            _count_text_sizes(objects, text_page.raw, (1, 0, 0, 1, 0, 0), sizes)
    finally:
        document.close()
    return sizes


def text_sizes(pdf: Path | bytes, first_page: int = 0) -> Counter:
    """{size on paper in points: how many (non-space) characters have it}, from `first_page` on."""
    return _text_sizes(_key(pdf), first_page)


@functools.lru_cache(maxsize=64)
def _pdf_reader(key) -> PdfReader:
    return PdfReader(io.BytesIO(key) if isinstance(key, bytes) else key[0])


def pdf_reader(pdf: Path | bytes) -> PdfReader:
    """pypdf's reader of the PDF, shared by every test of this process: only read it (to change
    a PDF, clone it with PdfWriter(clone_from=PdfReader(...)) of its own)."""
    return _pdf_reader(_key(pdf))


@functools.lru_cache(maxsize=256)
def _pypdf_texts(key) -> tuple[str, ...]:
    return tuple(page.extract_text() for page in _pdf_reader(key).pages)


def reading_order_texts(pdf: Path | bytes, right_to_left: bool) -> tuple[str, ...]:
    """The text of each page in reading order (see above: `right_to_left` picks the reader)."""
    return _pypdf_texts(_key(pdf)) if right_to_left else page_texts(pdf)
