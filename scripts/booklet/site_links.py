"""The booklet's links on the home page and the handout page, with the size of each PDF.

The pages are written before the PDFs are finished (they render in the background), so a link
carries an empty marker, <span class="pdf-size" data-pdf="booklet/….pdf"></span>, and
fill_pdf_sizes() writes each file's real size into it at the end of the build. Without PDFs
(extra.handout.pdfs off) the markers are removed, so no page shows a size it does not know.
"""

from __future__ import annotations

import html as html_text
import re
from pathlib import Path

from babel.numbers import format_decimal
from mkdocs.utils import get_relative_url

from scripts.booklet.render import booklet_site_path
from scripts.build.templates import render_partial
from scripts.config.site import SiteConfig
from scripts.sources import strings as site_strings

SIZE_MARKER = re.compile(r'<span class="pdf-size" data-pdf="([^"]+)"></span>')


def linked_pages(site: SiteConfig) -> list[str]:
    """The pages that offer the booklet: the home page and the handout page."""
    return list(dict.fromkeys(["index.md", site.options.handout.page]))


def with_booklet_link(html: str, page: str, page_url: str, language: str, config, site: SiteConfig,
                      strings: dict[str, str]) -> str:
    """The page's HTML with the booklet's links under its title (on the pages that offer it)."""
    if page not in linked_pages(site):
        return html
    links = [{"label": strings[f"paper_{paper}"], "file": booklet_site_path(site, language, paper),
              "url": get_relative_url(booklet_site_path(site, language, paper), page_url)}
             for paper in site.options.handout.papers]
    block = render_partial(config, "partials/booklet-link.html", label=strings["booklet_download"], links=links)
    heading_end = html.find("</h1>")
    at = heading_end + len("</h1>") if heading_end >= 0 else 0
    return html[:at] + block + html[at:]


def size_text(size: int, language: str, strings: dict[str, str]) -> str:
    """'190 KB', '1.2 MB' (in the language's own number format and units; a no-break space
    keeps the number with its unit)."""
    if size < 1024 * 1024:
        text = strings["booklet_size_kb"].format(size=format_decimal(max(1, round(size / 1024)), locale=language))
    else:
        text = strings["booklet_size_mb"].format(
            size=format_decimal(round(size / (1024 * 1024), 1), format="#,##0.0", locale=language))
    return text.replace(" ", "\u00a0")


def fill_pdf_sizes(site_dir: Path, site: SiteConfig) -> None:
    """Write each linked PDF's size into its marker; remove markers whose PDF was not made."""
    for language in site.codes:
        strings = site_strings.load(language, site.docs_dir)
        for page in linked_pages(site):
            built = site.built_file(site_dir, language, page)
            if not built.is_file():
                continue
            text = built.read_text(encoding="utf-8")

            def size(match: re.Match) -> str:
                pdf = site_dir / html_text.unescape(match.group(1))
                if not pdf.is_file():
                    return ""
                return f'<span class="pdf-size"> ({html_text.escape(size_text(pdf.stat().st_size, language, strings))})</span>'

            filled = SIZE_MARKER.sub(size, text)
            if filled != text:
                built.write_text(filled, encoding="utf-8")
