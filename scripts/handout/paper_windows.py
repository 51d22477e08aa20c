"""One drawing, several papers: a document laid out once is painted once and written as one PDF
per paper size, each paper a window (its MediaBox) on that one drawing.

WeasyPrint paints every page into PDF user space, the top-left corner of the laid-out page at
(0, page height). A paper that shows the same text block is the same drawing seen through a
different MediaBox: the text, links, form fields, bookmarks and tags all live in that one user
space, so nothing else has to move. Painting and font subsetting, most of the time write_pdf takes,
are then done once instead of once per paper (see README, "Printable handout").

This writes pydyf's PDF object more than once (WeasyPrint's `finisher` hands it over): it relies on
pydyf 0.13's `objects`, `current_position` and `write`, pinned in uv.lock; a pydyf that changes
them stops the build here (PaperWindowError) instead of writing a wrong PDF.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Callable

from scripts.config.options import PAPER_SIZES

POINTS_PER_MM = 72 / 25.4
PAPER_MM = {code: (paper.width_mm, paper.height_mm) for code, paper in PAPER_SIZES.items()}   # width, height
LAYOUT_PAPER = "a4"                                          # the page everything is laid out on


class PaperWindowError(RuntimeError):
    """pydyf is not what this module was written for (a programming error, not a content one)."""


@dataclass(frozen=True)
class Window:
    """A paper, placed on the laid-out page: its top-left corner `left_mm`, `top_mm` from the
    layout's top-left corner (negative: beyond it), and its size."""
    left_mm: float
    top_mm: float
    width_mm: float
    height_mm: float

    def media_box(self, layout_box: list[float]) -> list[float] | None:
        """This paper's MediaBox on a page whose own MediaBox is `layout_box` (0 0 width height);
        None when it is that page itself."""
        left = self.left_mm * POINTS_PER_MM
        top = layout_box[3] - self.top_mm * POINTS_PER_MM        # (PDF space grows upwards)
        box = [left, top - self.height_mm * POINTS_PER_MM, left + self.width_mm * POINTS_PER_MM, top]
        return None if all(abs(a - b) < 0.01 for a, b in zip(box, layout_box)) else box


@dataclass(frozen=True)
class SharedLayout:
    """One text block for every paper, laid out on A4: `text_top_mm(paper height)` is how far
    below a paper's top edge the block starts; across, it is centred on every paper."""
    text_block_mm: tuple[float, float]                  # width, height
    text_top_mm: Callable[[float], float]

    def _text_at(self, paper: str) -> tuple[float, float]:
        """(top, left) of the text block on a paper."""
        width, height = PAPER_MM[paper]
        return self.text_top_mm(height), (width - self.text_block_mm[0]) / 2

    @property
    def page_css(self) -> str:
        """The @page rule of the A4 layout."""
        width, height = PAPER_MM[LAYOUT_PAPER]
        top, left = self._text_at(LAYOUT_PAPER)
        bottom = height - top - self.text_block_mm[1]
        return f"@page {{ size: {width}mm {height}mm; margin: {top:g}mm {left:g}mm {bottom:g}mm {left:g}mm; }}"

    def window(self, paper: str) -> Window:
        """Where a paper lies on the A4 layout, so that its text block is the layout's."""
        (layout_top, layout_left), (top, left) = self._text_at(LAYOUT_PAPER), self._text_at(paper)
        return Window(layout_left - left, layout_top - top, *PAPER_MM[paper])


def _page_dictionaries(pdf) -> list:
    return [item for item in pdf.objects if hasattr(item, "get") and item.get("Type") == "/Page"]


def write_papers(document, windows: dict[str, Window], finisher=None, **options) -> dict[str, bytes]:
    """{paper: PDF} for a laid-out WeasyPrint document: painted once, written once per window.
    `finisher` and `options` go to write_pdf (pdf_variant …). The layout must have no bleed."""
    written: dict[str, bytes] = {}

    def write_through_windows(document, pdf) -> None:
        if finisher is not None:
            finisher(document, pdf)
        if not all(hasattr(pdf, name) for name in ("objects", "current_position", "write")):
            raise PaperWindowError("pydyf.PDF has no objects/current_position/write: see scripts/handout/paper_windows.py")
        pages = _page_dictionaries(pdf)
        if len(pages) != len(document.pages):
            raise PaperWindowError(f"found {len(pages)} page objects in pydyf's PDF for {len(document.pages)} pages")
        originals = [{name: page[name] for name in ("MediaBox", "TrimBox", "BleedBox")} for page in pages]
        layout = [list(map(float, page["MediaBox"])) for page in pages]
        for page, box in zip(pages, layout):
            if box[:2] != [0, 0] or any(list(map(float, page[name])) != box for name in ("TrimBox", "BleedBox")):
                raise PaperWindowError(f"a page has bleed or a moved MediaBox ({box}); windows need neither")
        write_once = pdf.write
        object_count = len(pdf.objects)

        def write_each_paper(output, version, identifier, compress) -> None:
            # Writing adds objects (the info dictionary, object and xref streams) and moves the
            # write position: both are put back before the next paper.
            for paper, window in windows.items():
                del pdf.objects[object_count:]
                pdf.current_position = 0
                for page, box, original in zip(pages, layout, originals):
                    media_box = window.media_box(box)
                    for name, value in original.items():
                        # (the layout's own paper keeps WeasyPrint's numbers, to the last digit)
                        page[name] = value if media_box is None else type(value)(media_box)
                target = io.BytesIO()
                write_once(target, version, identifier, compress)
                written[paper] = target.getvalue()
            output.write(next(iter(written.values())))

        pdf.write = write_each_paper

    document.write_pdf(finisher=write_through_windows, **options)
    if set(written) != set(windows):
        raise PaperWindowError("WeasyPrint did not write through the finisher: see scripts/handout/paper_windows.py")
    return written
