"""Language markup of built pages.

<link rel="alternate" hreflang> with absolute URLs, plus x-default, for search engines.

Material writes the language alternates with relative URLs; Google wants absolute ones
and an x-default (our source language) for readers whose language we do not have.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]+)">')


def absolute_alternates(html: str, page_url: str | None, default_language: str) -> str:
    if not page_url:
        return html
    default_href = None

    def rewrite(match: re.Match) -> str:
        nonlocal default_href
        href, lang = urljoin(page_url, match.group(1)), match.group(2)
        if lang == default_language:
            default_href = href
        return f'<link rel="alternate" href="{href}" hreflang="{lang}">'

    html = ALTERNATE.sub(rewrite, html)
    if default_href and 'hreflang="x-default"' not in html:
        last = list(ALTERNATE.finditer(html))[-1]
        html = html[:last.end()] + f'\n    <link rel="alternate" href="{default_href}" hreflang="x-default">' + html[last.end():]
    return html


def mark_as_source_language(html: str, source_language: str) -> str:
    """An untranslated (fallback) page holds English text: say so to browsers and screen readers."""
    html = re.sub(r'<html lang="[^"]*"', f'<html lang="{source_language}"', html, count=1)
    return re.sub(r'<body dir="[^"]*"', '<body dir="ltr"', html, count=1)
