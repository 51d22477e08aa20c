"""rel="noopener noreferrer" on every link to another site.

noopener: the other site gets no handle on our page; noreferrer: it is not told which of
our pages (which condition) the reader came from.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

ANCHOR = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
HREF = re.compile(r'\shref="([^"]*)"')
REL = re.compile(r'\srel="([^"]*)"')


def safe_external_links(html: str, site_url: str) -> str:
    own_host = urlsplit(site_url).netloc

    def rewrite(match: re.Match) -> str:
        tag = match.group(0)
        href = HREF.search(tag)
        if not href:
            return tag
        parts = urlsplit(href.group(1))
        if parts.scheme not in ("http", "https") or parts.netloc == own_host:
            return tag
        rel = REL.search(tag)
        if rel:
            values = rel.group(1).split()
            values += [v for v in ("noopener", "noreferrer") if v not in values]
            return tag[:rel.start()] + f' rel="{" ".join(values)}"' + tag[rel.end():]
        return tag[:-1] + ' rel="noopener noreferrer">'

    return ANCHOR.sub(rewrite, html)
