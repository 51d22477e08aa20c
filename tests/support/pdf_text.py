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


@functools.lru_cache(maxsize=256)
def _text_sizes(key, first_page: int) -> Counter:
    document = _document(key if isinstance(key, bytes) else Path(key[0]))
    sizes: Counter = Counter()
    matrix = pdfium.FS_MATRIX()
    try:
        for page in list(document)[first_page:]:
            text_page = page.get_textpage()
            for index in range(text_page.count_chars()):
                if chr(pdfium.FPDFText_GetUnicode(text_page.raw, index)).isspace():
                    continue
                # The size set in the content stream, scaled by the character's whole transformation
                # to the page (text matrix and page matrix): the size on paper, in points.
                pdfium.FPDFText_GetMatrix(text_page.raw, index, ctypes.byref(matrix))
                scale = (matrix.a ** 2 + matrix.b ** 2) ** 0.5
                sizes[round(pdfium.FPDFText_GetFontSize(text_page.raw, index) * scale, 1)] += 1
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
