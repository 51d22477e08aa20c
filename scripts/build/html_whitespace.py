"""Drop the indentation that the theme's templates leave in every page.

Browsers collapse white space anyway, so this changes nothing on screen; it only makes
each page smaller to download. Pages with preformatted text (<pre>, <textarea>) are left as they are.
"""

from __future__ import annotations

import re

INDENTATION = re.compile(r"\n[ \t]+")
BLANK_LINES = re.compile(r"\n{2,}")


def strip_indentation(html: str) -> str:
    if "<pre" in html or "<textarea" in html:
        return html
    return BLANK_LINES.sub("\n", INDENTATION.sub("\n", html))
