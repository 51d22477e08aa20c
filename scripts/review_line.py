"""The NHS-style review line ("Page last reviewed: … Next review due: …") for a page."""

from __future__ import annotations

from babel.dates import format_date

from scripts.page_meta import as_date


def review_context(meta: dict, strings: dict[str, str], language: str) -> dict[str, str] | None:
    """Localised review line and reviewer, or None when the dates are unusable (already reported)."""
    last, due = as_date(meta.get("last_reviewed")), as_date(meta.get("review_due"))
    if last is None or due is None:
        return None
    return {
        "line": strings["review_line"].format(
            last_reviewed=format_date(last, format="long", locale=language),
            review_due=format_date(due, format="long", locale=language),
        ),
        "reviewed_by": strings["reviewed_by"].format(reviewed_by=meta.get("reviewed_by", "")),
        "last_reviewed_iso": last.isoformat(),
        "review_due_iso": due.isoformat(),
    }
