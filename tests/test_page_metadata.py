"""Every page carries title, description, last_reviewed, review_due and written_by."""

import pytest

from scripts.sources import page_meta
from scripts.checks.sources import check_file
from tests.conftest import ROOT

GOOD = """---
title: Symptoms
description: What happens.
last_reviewed: 2026-11-24
review_due: 2027-11-24
written_by: the site's editors
---
# Symptoms
"""


def check(source: str):
    return page_meta.validate(source, "docs/en/x.md")


def test_good_front_matter_passes():
    assert check(GOOD) == []


@pytest.mark.parametrize("field", page_meta.REQUIRED_FIELDS)
def test_missing_field_is_reported_with_the_fix(field):
    source = "\n".join(line for line in GOOD.splitlines() if not line.startswith(field + ":"))
    problems = check(source)
    assert [p.message for p in problems if f"no '{field}'" in p.message], problems
    assert "between the '---' lines" in str(problems[0])


def test_invalid_date_names_the_line_and_the_format():
    problems = check(GOOD.replace("last_reviewed: 2026-11-24", "last_reviewed: 2026-13-45"))
    assert len(problems) == 1
    assert str(problems[0]).startswith("docs/en/x.md:4: 'last_reviewed: 2026-13-45' is not a valid date")
    assert "YYYY-MM-DD" in problems[0].fix


def test_review_due_must_come_after_last_reviewed():
    problems = check(GOOD.replace("review_due: 2027-11-24", "review_due: 2025-01-01"))
    assert len(problems) == 1 and problems[0].line == 5
    assert "must be after last_reviewed" in problems[0].message


def test_broken_yaml_is_reported_with_its_line():
    problems = check(GOOD.replace("description: What happens.", 'description: "What: happens.'))
    assert len(problems) == 1
    assert problems[0].line >= 3
    assert "not valid YAML" in problems[0].message


def test_every_source_page_has_valid_metadata():
    problems = [problem for page in sorted((ROOT / "docs").glob("*/*.md")) for problem in check_file(page)]
    assert problems == []


@pytest.mark.parametrize("bad_date", ["31-02-2026", "2026-13-45"])
def test_invalid_date_fails_the_build_with_file_and_line(small_project, bad_date):
    project_copy = small_project
    # 2026-13-45 looks like a YAML date; MkDocs alone would silently drop the whole front matter.
    source = project_copy.file("docs/en/symptoms.md").read_text()
    line = next(n for n, text in enumerate(source.splitlines(), 1) if text.startswith("last_reviewed:"))
    old = source.splitlines()[line - 1]
    project_copy.replace("docs/en/symptoms.md", old, f"last_reviewed: {bad_date}")
    result = project_copy.build_in_process()   # an English page: English alone is enough
    output = result.text
    assert not result.ok
    assert f"docs/en/symptoms.md:{line}: 'last_reviewed: {bad_date}' is not a valid date" in output
    assert "Traceback" not in output
