"""Reading a booklet PDF back, for tests/test_booklet.py: its outline, contents page, links,
ink near the edges and the size shown beside its links. Each check returns what is wrong (an
empty list when nothing is), so that a test can feed it a broken PDF and see it complain."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
from pypdf import PdfReader

from tests.support.pdf_text import pdf_reader, reading_order_texts

MM = 72 / 25.4


def squeeze(text: str) -> str:
    """Text without any white space: lines break in different places on each paper size."""
    return re.sub(r"\s+", "", text)


def chapters(reader: PdfReader) -> list[tuple[str, int]]:
    """The outline's top level: (title, page index) of each chapter."""
    return [(item.title, reader.get_destination_page_number(item))
            for item in reader.outline if not isinstance(item, list)]


def chapter_pages(reader: PdfReader) -> list[tuple[str, range]]:
    """Each chapter's title and the pages it fills."""
    found = chapters(reader)
    ends = [page for _, page in found[1:]] + [len(reader.pages)]
    return [(title, range(start, end)) for (title, start), end in zip(found, ends)]


def internal_links(reader: PdfReader, page_index: int) -> list[tuple[str, list[float]]]:
    """(destination name, rectangle) of each link to a place in the document on one page."""
    links = []
    for annotation in reader.pages[page_index].get("/Annots", []):
        annotation = annotation.get_object()
        if annotation.get("/Subtype") != "/Link":
            continue
        target = annotation.get("/Dest")
        if target is None and "/A" in annotation and annotation["/A"].get("/S") == "/GoTo":
            target = annotation["/A"]["/D"]
        if target is not None:
            links.append((str(target), [float(v) for v in annotation["/Rect"]]))
    return links


def unresolved_links(reader: PdfReader) -> list[str]:
    """Links that point at a destination the document does not have."""
    names = set(reader.named_destinations)
    return [f"page {index + 1}: link to '{target}', which is not in the document"
            for index in range(len(reader.pages)) for target, _ in internal_links(reader, index)
            if target not in names]


def toc_problems(pdf: Path, titles: list[str], right_to_left: bool = False) -> list[str]:
    """The outline and the contents page list `titles` in that order, and each page number on the
    contents page is the page its line leads to."""
    reader = pdf_reader(pdf)
    found = chapters(reader)
    problems = []
    if [title for title, _ in found] != titles:
        problems.append(f"the outline lists {[title for title, _ in found]}, the navigation {titles}")
    first_chapter = min((page for _, page in found), default=len(reader.pages))
    texts = reading_order_texts(pdf, right_to_left)
    toc_text = squeeze("".join(texts[index] for index in range(1, first_chapter)))
    at = 0
    for title in titles:
        where = toc_text.find(squeeze(title), at)
        if where < 0:
            problems.append(f"the contents page does not list '{title}' (in navigation order)")
            continue
        at = where + len(squeeze(title))
    document = pypdfium2.PdfDocument(pdf)
    destinations = {name: reader.get_destination_page_number(dest) for name, dest in reader.named_destinations.items()}
    entries = 0
    for index in range(1, first_chapter):
        text_page = document[index].get_textpage()
        lines: dict[str, list[float]] = {}
        for target, (left, bottom, right, top) in internal_links(reader, index):
            box = lines.setdefault(target, [left, bottom, right, top])
            box[:] = [min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
        for target, (left, bottom, right, top) in lines.items():
            entries += 1
            numbers = re.findall(r"\d+", text_page.get_text_bounded(left, bottom + 1, right, top - 1))
            page = destinations.get(target)
            if len(numbers) != 1 or page is None or int(numbers[0]) != page + 1:
                problems.append(f"contents line for '{target}' shows page {numbers}, but leads to page "
                                f"{None if page is None else page + 1}")
    if entries != len(titles):
        problems.append(f"the contents page has {entries} links, the navigation {len(titles)} pages")
    return problems


def ink_near_edges(pdf: Path, limit_mm: float = 12, scale: float = 1) -> list[str]:
    """Pages with anything drawn closer than limit_mm to an edge, or drawn in colour."""
    from PIL import ImageChops

    problems = []
    for number, page in enumerate(pypdfium2.PdfDocument(pdf), start=1):
        image = page.render(scale=scale).to_pil().convert("RGB")
        width, height = image.size
        margin = int(limit_mm * MM * scale)
        ink = image.convert("L").point(lambda v: 255 if v < 250 else 0).getbbox()
        if ink and (ink[0] < margin or ink[1] < margin or ink[2] > width - margin or ink[3] > height - margin):
            problems.append(f"page {number}: ink at {ink} on a {width}x{height} page, {limit_mm} mm = {margin}px")
        r, g, b = image.split()
        if max(ImageChops.difference(r, g).getextrema()[1], ImageChops.difference(g, b).getextrema()[1]) > 8:
            problems.append(f"page {number}: something is drawn in colour")
    return problems


def reading_side(pdf: Path, page_index: int, band_mm: tuple[float, float]) -> str:
    """'left' or 'right': the side the first line in a band of the page (mm from the top) starts
    at. A short title ends well before the other edge, so it shows the text's direction."""
    image = pypdfium2.PdfDocument(pdf)[page_index].render(scale=2).to_pil().convert("L")
    width, _ = image.size
    top, bottom = (int(mm * MM * 2) for mm in band_mm)
    ink = image.crop((0, top, width, bottom)).point(lambda v: 255 if v < 128 else 0).getbbox()
    assert ink, f"nothing drawn between {band_mm[0]} and {band_mm[1]} mm from the top"
    left_gap, right_gap = ink[0], width - ink[2]
    return "left" if left_gap < right_gap else "right"


SIZE_LINK = re.compile(r'<a href="([^"]+\.pdf)"[^>]*>[^<]*</a>\s*<span class="pdf-size">\s*\(([^)<]+)\)</span>')


def shown_sizes(html: str) -> dict[str, str]:
    """{link target: size shown beside it} for the PDF links with a size on a built page."""
    return dict(SIZE_LINK.findall(html))
