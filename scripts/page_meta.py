"""Front matter every page must carry, and its validation.

Used by the build hook (a mistake fails the strict build) and by the checks command.
Errors are written for the volunteer who made them: file, line, what is wrong, how to fix it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

REQUIRED_FIELDS = ("title", "description", "last_reviewed", "review_due", "written_by")
DATE_FIELDS = ("last_reviewed", "review_due")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def key_line(source: str, key: str) -> int:
    """Line number (1-based) of `key:` in the front matter, or 1 when it is absent."""
    for number, line in enumerate(source.splitlines(), start=1):
        if number > 1 and line.strip() == "---":
            break
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return 1


def read_front_matter(source: str, path: str) -> tuple[dict, Problem | None]:
    """The front matter as plain strings, or the reason it cannot be read (with its line).

    MkDocs quietly treats broken front matter (bad YAML, or an impossible date such as
    2026-13-45) as no front matter and publishes it as text; we read it ourselves to say why.
    BaseLoader keeps every value a string, so dates are checked here, not by PyYAML.
    """
    match = re.match(r"^---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", source, re.DOTALL)
    if not match:
        return {}, Problem(path, 1, "the page has no front matter. Start the file with a '---' line, "
                                    f"the fields {', '.join(REQUIRED_FIELDS)}, and another '---' line.")
    try:
        data = yaml.load(match.group(1), Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for 1-based, +1 for the opening '---'
        reason = getattr(error, "problem", None) or str(error)
        return {}, Problem(path, line, f"the front matter is not valid YAML ({reason}). "
                                       "Check this line: 'key: value', and put a value that contains "
                                       "': ' or starts with a quote inside double quotes.")
    if not isinstance(data, dict):
        return {}, Problem(path, 2, "the front matter must be 'key: value' lines.")
    return data, None


def as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def validate(source: str, path: str) -> list[Problem]:
    """Check one page's front matter, given the page's raw Markdown."""
    meta, broken = read_front_matter(source, path)
    if broken:
        return [broken]
    problems: list[Problem] = []
    for field in REQUIRED_FIELDS:
        value = meta.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(Problem(path, 1,
                                    f"front matter has no '{field}'. Add a line '{field}: …' "
                                    f"between the '---' lines at the top of the page "
                                    f"(required: {', '.join(REQUIRED_FIELDS)})."))
    dates = {}
    for field in DATE_FIELDS:
        if field not in meta or meta[field] in (None, ""):
            continue
        date = as_date(meta[field])
        if date is None:
            problems.append(Problem(path, key_line(source, field),
                                    f"'{field}: {meta[field]}' is not a valid date. "
                                    f"Write it as YYYY-MM-DD, for example {field}: 2026-11-24."))
        else:
            dates[field] = date
    if len(dates) == 2 and dates["review_due"] <= dates["last_reviewed"]:
        problems.append(Problem(path, key_line(source, "review_due"),
                                f"review_due ({dates['review_due']}) must be after last_reviewed "
                                f"({dates['last_reviewed']}). Set the next review date, usually a year later."))
    return problems
