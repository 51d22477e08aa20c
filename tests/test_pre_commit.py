"""The pre-commit hook: fast checks on changed Markdown and strings files."""

import re
import subprocess
import sys

import yaml

from scripts.checks.sources import check_file
from tests.conftest import ROOT


def run_check_sources(*files):
    return subprocess.run([sys.executable, "-m", "scripts.checks.sources", *map(str, files)],
                          cwd=ROOT, capture_output=True, text=True)


def test_pre_commit_config_is_valid_and_runs_check_sources_on_docs():
    result = subprocess.run(["pre-commit", "validate-config", ".pre-commit-config.yaml"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    hook = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    assert hook["entry"] == "./scripts/run python -m scripts.checks.sources"
    assert hook["files"] == r"^docs/.*(\.md|/strings\.yml)$"


def test_broken_pre_commit_config_is_rejected(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("repos:\n  - repo: local\n    hooks:\n      - id: x\n")
    result = subprocess.run(["pre-commit", "validate-config", str(bad)], capture_output=True, text=True)
    assert result.returncode != 0


def test_real_pages_and_strings_pass():
    files = sorted((ROOT / "docs").glob("*/*.md")) + sorted((ROOT / "docs").glob("*/strings.yml"))
    result = run_check_sources(*files)
    assert result.returncode == 0, result.stdout


def test_changed_page_with_script_and_bad_date_fails_with_lines(tmp_path):
    docs = tmp_path / "docs" / "es"
    docs.mkdir(parents=True)
    page = docs / "x.md"
    page.write_text("---\ntitle: X\ndescription: Y\nlast_reviewed: 2026-02-30\nreview_due: 2027-01-01\n"
                    "written_by: Z\n---\n# X\n\n<script>alert(1)</script>\n")  # (and no translation fields)
    findings = check_file(page, root=tmp_path)
    assert [(f.check, f.line) for f in findings] == [("front-matter", 4), ("translation", 1), ("translation", 1),
                                                     ("content", 10)]
    assert findings[3].message == "the page contains a <script> element, which pages may not contain."
    assert all(f.file == "docs/es/x.md" and f.language == "es" for f in findings)
    result = run_check_sources(page)
    assert result.returncode == 1 and "not a valid date" in result.stdout


def french_strings_findings(tmp_path, english: str, french: str):
    """check_file on docs/fr/strings.yml in a tiny tree with the given English and French files."""
    for language, text in (("en", english), ("fr", french)):
        (tmp_path / "docs" / language).mkdir(parents=True)
        (tmp_path / "docs" / language / "strings.yml").write_text(text)
    return check_file(tmp_path / "docs" / "fr" / "strings.yml", root=tmp_path)


def test_strings_file_missing_a_key_fails(tmp_path):
    findings = french_strings_findings(tmp_path, "disclaimer: Text\nreview_line: Text\n", "disclaimer: Texte\n")
    assert len(findings) == 1 and "no text for review_line" in findings[0].message


def test_frames_event_handlers_and_http_links_are_caught_before_commit_with_their_lines(tmp_path):
    # (moved here from the checks: the build itself now refuses them, see tests/test_safety.py)
    docs = tmp_path / "docs" / "es"
    docs.mkdir(parents=True)
    page = docs / "index.md"
    page.write_text("---\ntitle: X\ndescription: Y\nlast_reviewed: 2026-11-02\nreview_due: 2027-01-01\n"
                    "written_by: Z\ntranslation: machine\nsource_hash: 0123456789ab\n---\n# X\n\n<script>alert(1)</script>\n\n<iframe src=\"https://x.example\"></iframe>\n\n"
                    "<span onclick=\"x()\">a</span> [b](http://example.org)\n")
    findings = check_file(page, root=tmp_path)
    assert [(f.line, f.message) for f in findings] == [
        (12, "the page contains a <script> element, which pages may not contain."),
        (14, "the page contains a <iframe> element, which pages may not contain."),
        (16, 'the page contains the attribute onclick="x()" on <span>, which pages may not contain.'),
        (16, "the page contains an http:// link (http://example.org), which pages may not contain."),
    ]


def test_hostile_strings_file_is_caught_before_commit(tmp_path):
    findings = french_strings_findings(tmp_path, "disclaimer: Text\n",
                                       'disclaimer: "Texte<img src=x onerror=alert(1)>"\n')
    assert len(findings) == 1 and "'disclaimer' contains HTML (<i…)" in findings[0].message


# The front-matter rules the build applies, caught before a commit (moved here from the checks
# command, which no longer repeats the build's own errors).
def copied_page(project_copy, relative: str, old_pattern: str, new: str) -> tuple[list, int]:
    """check_file on one page of a copy of the project, after replacing the line matching old_pattern;
    also returns that line's number."""
    text = project_copy.file(relative).read_text()
    match = re.search(old_pattern, text, re.M)
    project_copy.replace(relative, match.group(0), new)
    return check_file(project_copy.file(relative), root=project_copy.path), text[:match.start()].count("\n") + 1


def test_bad_yaml_front_matter_is_reported_with_its_line(project_copy):
    problems, line = copied_page(project_copy, "docs/de/causes.md", r"^description: ", 'description: "unclosed ')
    assert [(p.check, p.file, p.language) for p in problems] == [("front-matter", "docs/de/causes.md", "de")]
    assert problems[0].line >= line and "not valid YAML" in problems[0].message


def test_invalid_date_is_reported_with_its_line(project_copy):
    problems, line = copied_page(project_copy, "docs/zh/living-well.md", r"^review_due: .*$", "review_due: 2027-02-30")
    assert len(problems) == 1 and problems[0].line == line
    assert "'review_due: 2027-02-30' is not a valid date" in problems[0].message


def test_unknown_translation_state_is_reported(project_copy):
    problems, line = copied_page(project_copy, "docs/ar/causes.md", r"^translation: machine$", "translation: done")
    assert [(p.check, p.file, p.line) for p in problems] == [("translation", "docs/ar/causes.md", line)]
    assert "'translation: done' is not a known value" in problems[0].message
