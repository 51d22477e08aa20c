"""Who wrote a page and whether a health professional checked it, in the reader's language.

The same words appear on the web page (partials/review-line.html) and on the first page of
every PDF, so a printed sheet can never look more checked than the page it came from:

    Page last updated by the editors: 24 November 2026. Next update due: 24 November 2027.
    Written by the site's editors from the sources listed on the Sources page.
    Not yet checked by a health professional.

A medical review is only shown when the front matter names a person, a role and a date
(validated in page_meta):

    medical_review:
      name: Dr Jane Doe
      role: Consultant neurologist
      date: 2026-12-01
"""

from __future__ import annotations

import re

from babel.dates import format_date

from scripts.sources.page_meta import as_date


def review_context(meta: dict, strings: dict[str, str], language: str) -> dict[str, str] | None:
    """The localised review lines, or None when the dates are unusable (already reported)."""
    last, due = as_date(meta.get("last_reviewed")), as_date(meta.get("review_due"))
    if last is None or due is None:
        return None
    review = meta.get("medical_review")
    if isinstance(review, dict) and as_date(review.get("date")):
        medical = strings["medical_review_done"].format(
            name=str(review.get("name", "")).strip(), role=str(review.get("role", "")).strip(),
            date=format_date(as_date(review["date"]), format="long", locale=language))
    else:
        medical = strings["medical_review_none"]
    return {
        # The words before the first date, for a screen reader: "Page last updated by the editors"
        "label": re.split(r"\s*[:：]?\s*\{", strings["review_line"], maxsplit=1)[0],
        "line": strings["review_line"].format(
            last_reviewed=format_date(last, format="long", locale=language),
            review_due=format_date(due, format="long", locale=language),
        ),
        "written_by": strings["written_by"].format(written_by=str(meta.get("written_by", "")).strip()),
        "medical": medical,
        "medically_reviewed": isinstance(review, dict),
        "last_reviewed_iso": last.isoformat(),
        "review_due_iso": due.isoformat(),
    }
