"""Front matter every page must carry, and its validation.

Used by the build hook (a mistake fails the strict build) and by the checks command.
Errors are written for the volunteer who made them: file, line, what is wrong, how to fix it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from scripts.config.pages import language_of_source as language_of
from scripts.problems import Problem, ProblemError
from scripts.sources.yaml_text import BaseLoader

REQUIRED_FIELDS = ("title", "description", "last_reviewed", "review_due", "written_by")
DATE_FIELDS = ("last_reviewed", "review_due")
TEXT_FIELDS = ("title", "description", "written_by")       # shown as plain text by the theme
MEDICAL_REVIEW_FIELDS = ("name", "role", "date")
KINDS = ("machine", "reviewed")     # translation: machine | reviewed
HASH_LENGTH = 12                    # source_hash: first hex digits of the English body's sha256
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&[a-zA-Z#][a-zA-Z0-9]*;")
# Words people put where a name should go before they know it.
PLACEHOLDER = re.compile(r"^\s*(|[-?.x_*]+|todo\b.*|tbd|tba|fixme\b.*|n/?a|none|unknown|name|reviewer|"
                         r"(dr\.?|doctor|prof\.?)\s*(x+|\?+|tbd)?|(jane|john) doe|lorem ipsum.*|"
                         r"<.*>|\{.*\}|\[.*\])\s*$", re.IGNORECASE)


def is_placeholder(value) -> bool:
    return not isinstance(value, str) or bool(PLACEHOLDER.match(value))


class SourceError(ProblemError):
    """A page cannot be read as text: the problem names the file and line and says how to fix it."""


def read_source(path) -> str:
    """A Markdown page as text. UTF-8 with or without a byte-order mark; anything else is refused
    with the line where the first bad byte is, instead of a UnicodeDecodeError traceback."""
    data = open(path, "rb").read()
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise SourceError(Problem("source", f"this file is not UTF-8 text (byte {data[error.start]:#x} cannot "
                                            "be read).", "Open it in your editor and save it with the encoding "
                                  "'UTF-8'.", file=_shown(path), line=line)) from None


def _shown(path) -> str:
    """docs/fr/x.md, as a person finds it in the project (absolute outside a project)."""
    parts = Path(path).resolve().parts
    if "docs" not in parts[:-1]:
        return str(path)
    return "/".join(parts[len(parts) - 1 - parts[::-1].index("docs"):])


def fingerprint(path) -> tuple[int, int] | None:
    """(modification time, size) of a file, or None if it is missing: a cache key that changes
    whenever the file does, so nothing cached outlives an edit (`mkdocs serve`)."""
    try:
        stat = Path(path).stat()
    except FileNotFoundError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _problem(path: str, line: int, message: str, fix: str) -> Problem:
    return Problem("front-matter", message, fix, file=path, line=line, language=language_of(path))





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
        return {}, _problem(path, 1, "the page has no front matter.",
                            f"Start the file with a '---' line, the fields {', '.join(REQUIRED_FIELDS)}, "
                            "and another '---' line.")
    try:
        data = yaml.load(match.group(1), Loader=BaseLoader)  # noqa: S506 - a safe loader (yaml_text.py)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for 1-based, +1 for the opening '---'
        reason = getattr(error, "problem", None) or str(error)
        return {}, _problem(path, line, f"the front matter is not valid YAML ({reason}).",
                            "Check this line: 'key: value', and put a value that contains "
                            "': ' or starts with a quote inside double quotes.")
    if not isinstance(data, dict):
        return {}, _problem(path, 2, "the front matter is not a list of 'key: value' lines.",
                            "Write one 'key: value' per line between the '---' lines.")
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


def validate(source: str, path: str, today: dt.date | None = None) -> list[Problem]:
    """Check one page's front matter, given the page's raw Markdown."""
    today = today or dt.date.today()
    meta, broken = read_front_matter(source, path)
    if broken:
        return [broken]
    problems: list[Problem] = []
    for field in TEXT_FIELDS:
        value = meta.get(field)
        if isinstance(value, str) and MARKUP.search(value):
            problems.append(_problem(path, key_line(source, field),
                                     f"'{field}' contains HTML ({MARKUP.search(value).group(0)}…).",
                                     "It is shown as plain text: write it without tags or entities."))
        elif value is not None and not isinstance(value, str):
            problems.append(_problem(path, key_line(source, field), f"'{field}' is a list or a block.",
                                     f"Write '{field}' as one line of text."))
    for field in REQUIRED_FIELDS:
        value = meta.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(_problem(path, 1, f"front matter has no '{field}'.",
                                     f"Add a line '{field}: …' between the '---' lines at the top of the page "
                                     f"(required: {', '.join(REQUIRED_FIELDS)})."))
    dates = {}
    for field in DATE_FIELDS:
        if field not in meta or meta[field] in (None, ""):
            continue
        date = as_date(meta[field])
        if date is None:
            problems.append(_problem(path, key_line(source, field), f"'{field}: {meta[field]}' is not a valid date.",
                                     f"Write it as YYYY-MM-DD, for example {field}: 2026-11-24."))
        else:
            dates[field] = date
    if "last_reviewed" in dates and dates["last_reviewed"] > today:
        problems.append(_problem(path, key_line(source, "last_reviewed"),
                                 f"last_reviewed ({dates['last_reviewed']}) is in the future.",
                                 "Write the date the page was last checked, not a date to come."))
    problems += _medical_review_problems(meta, source, path, today)
    if len(dates) == 2 and dates["review_due"] <= dates["last_reviewed"]:
        problems.append(_problem(path, key_line(source, "review_due"),
                                 f"review_due ({dates['review_due']}) must be after last_reviewed "
                                 f"({dates['last_reviewed']}).", "Set the next review date, usually a year later."))
    return problems


def _medical_review_problems(meta: dict, source: str, path: str, today: dt.date) -> list[Problem]:
    """A health professional's review names a real person, their role and a date that has come."""
    if "medical_review" not in meta:
        return []
    review = meta["medical_review"]
    line = key_line(source, "medical_review")
    example = ("medical_review:\n  name: Dr Ana Ruiz\n  role: Consultant neurologist\n  date: 2026-12-01")
    if not isinstance(review, dict):
        return [_problem(path, line, "'medical_review' must give the reviewer's name, role and date.",
                         f"Write them on three indented lines:\n{example}\nLeave it out until a health "
                         "professional has checked the page.")]
    problems = []
    unknown = sorted(set(review) - set(MEDICAL_REVIEW_FIELDS))
    if unknown:
        problems.append(_problem(path, line, f"'medical_review' has unknown field(s) {', '.join(unknown)}.",
                                 f"It takes only {', '.join(MEDICAL_REVIEW_FIELDS)}."))
    for field in ("name", "role"):
        value = review.get(field)
        if is_placeholder(value) or (isinstance(value, str) and MARKUP.search(value)):
            problems.append(_problem(path, key_line(source, f"  {field}") if field in review else line,
                                     f"'medical_review' needs the {field} of the health professional who checked "
                                     f"the page, not '{value or ''}'.",
                                     "A page shows 'Checked by a health professional' only with a real name and "
                                     "role; leave medical_review out until then."))
    date = as_date(review.get("date"))
    if date is None:
        problems.append(_problem(path, line, f"'medical_review' needs 'date: YYYY-MM-DD' (found '{review.get('date', '')}').",
                                 "Write the day the health professional checked the page."))
    elif date > today:
        problems.append(_problem(path, line, f"the medical review date {date} is in the future.",
                                 "Write the day the health professional checked the page."))
    return problems


def translation_problems(meta: dict, source: str, path: str, today: dt.date | None = None) -> list[Problem]:
    """The translation fields of a translated page, checked without git history (the build and the
    pre-commit hook share these rules; scripts/translations/state.py adds the history check)."""
    language = language_of(path)
    kind = str(meta.get("translation", "")).strip()
    problems = []
    if kind not in KINDS:
        problems.append(Problem("translation", f"'translation: {kind}' is not a known value.",
                                "Write 'translation: machine' for a machine translation, or 'translation: "
                                "reviewed' once a person has checked it.",
                                file=path, line=key_line(source, "translation"), language=language))
    if kind == "reviewed":
        problems += reviewer_problems(meta, source, path, today)
    recorded = str(meta.get("source_hash", "")).strip()
    if not re.fullmatch(rf"[0-9a-f]{{{HASH_LENGTH}}}", recorded):
        page = path.split("/", 2)[2] if path.count("/") >= 2 else path
        problems.append(Problem("translation", f"'source_hash: {recorded}' is not a hash of the English page.",
                                f"Run: python -m scripts.translations sync {language} {page}",
                                file=path, line=key_line(source, "source_hash"), language=language))
    return problems


def reviewer_problems(meta: dict, source: str, path: str, today: dt.date | None = None) -> list[Problem]:
    """A reviewed translation names the person who checked it and a day that has come."""
    language = language_of(path)
    reviewer = str(meta.get("translation_reviewer", "")).strip()
    reviewed_on = as_date(meta.get("translation_reviewed_on"))
    if is_placeholder(reviewer) or reviewed_on is None:
        field = "translation_reviewer" if "translation_reviewer" in meta else "translation"
        return [Problem("translation", "a reviewed translation needs the name of the person who checked it, "
                                       f"'translation_reviewer: <their name>' (not '{reviewer}'), and "
                                       "'translation_reviewed_on: YYYY-MM-DD'.",
                        "Add both, or until then write 'translation: machine'.",
                        file=path, line=key_line(source, field), language=language)]
    if reviewed_on > (today or dt.date.today()):
        return [Problem("translation", f"translation_reviewed_on ({reviewed_on}) is in the future.",
                        "Write the day the translation was checked.",
                        file=path, line=key_line(source, "translation_reviewed_on"), language=language)]
    return []
