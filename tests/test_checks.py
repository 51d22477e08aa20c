"""The offline checks (python -m scripts.checks): the clean site passes, and each kind of
mistake a volunteer can make is caught with the file, the line where known, and the fix."""

import datetime as dt
import json
import re
import shutil
import subprocess
import sys

import pytest

from scripts.checks import CHECKS, load_site, run_checks
from scripts.tools.project_copy import copy_project
from tests.conftest import ROOT
from tests.helpers import git


class BrokenCopy:
    """A copy of the built site and of the sources, to break on purpose."""

    def __init__(self, built_site, tmp_path):
        self.root = tmp_path / "project"
        copy_project(self.root, ROOT)
        shutil.copytree(built_site, self.root / "site")

    def edit(self, relative, old, new, count=1):
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}: the test's mutation is out of date"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    def edit_article(self, relative, old, new):
        """Change the first match inside the page's article (not the navigation)."""
        path = self.root / relative
        html = path.read_text(encoding="utf-8")
        start = html.index("<article")
        at = html.index(old, start)
        path.write_text(html[:at] + new + html[at + len(old):], encoding="utf-8")

    def findings(self, only=None, today=None):
        site = load_site(self.root / "site", self.root / "mkdocs.yml", today)
        return run_checks(site, only)


@pytest.fixture
def broken(built_site, tmp_path):
    return BrokenCopy(built_site, tmp_path)


def one(findings, check):
    matching = [f for f in findings if f.check == check and f.severity == "error"]
    assert len(matching) == 1, "\n".join(map(str, findings))
    return matching[0]


def test_clean_site_passes_every_check(built_site):
    findings = run_checks(load_site(built_site, ROOT / "mkdocs.yml"))
    assert [str(f) for f in findings if f.severity == "error"] == []
    assert set(CHECKS) == {"completeness", "facts", "freshness", "links", "page-chrome",
                           "privacy", "readability", "safety"}


def test_command_exits_1_with_json_findings_on_a_broken_site(broken):
    broken.edit_article("site/es/symptoms/index.html", 'href="../handout/"', 'href="../hand-out/"')
    # (--only: the command line is what is tested here; every check runs on the clean site above)
    result = subprocess.run([sys.executable, "-m", "scripts.checks", "--site-dir", str(broken.root / "site"),
                             "--config-file", str(broken.root / "mkdocs.yml"), "--json", "--only", "links",
                             "--only", "completeness"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["errors"] >= 1
    finding = next(f for f in report["problems"] if f["check"] == "links")
    assert set(finding) == {"check", "severity", "message", "fix", "file", "line", "language"}
    assert finding["language"] == "es" and finding["file"] == "docs/es/symptoms.md"


def test_broken_link_in_a_spanish_page_names_the_markdown_file_and_line(broken):
    # As if a volunteer mistyped the link in Markdown (the built page is what the checker reads).
    broken.edit("docs/es/symptoms.md", "(handout.md)", "(hand-out.md)")
    broken.edit_article("site/es/symptoms/index.html", 'href="../handout/"', 'href="../hand-out/"')
    finding = one(broken.findings(["links"]), "links")
    source = (broken.root / "docs/es/symptoms.md").read_text().splitlines()
    assert finding.file == "docs/es/symptoms.md" and "(hand-out.md)" in source[finding.line - 1]
    assert "does not exist" in finding.message and "../hand-out/" in finding.message


def test_broken_anchor_is_caught(broken):
    broken.edit("site/es/index.html", 'href="diagnosis/#who-to-see"', 'href="diagnosis/#who-to-sea"')
    finding = one(broken.findings(["links"]), "links")
    assert "#who-to-sea, which is not on es/diagnosis/index.html" in finding.message
    assert finding.file == "docs/es/index.md" and finding.line


def test_broken_language_switcher_link_is_caught_and_blamed_on_the_theme(broken):
    broken.edit("site/es/symptoms/index.html", 'href="../../fr/symptoms/" hreflang="fr"',
                'href="../../fr/symtoms/" hreflang="fr"')
    finding = one(broken.findings(["links"]), "links")
    assert finding.file == "site/es/symptoms/index.html"
    assert "language switcher" in finding.fix


def test_broken_hreflang_alternate_and_sitemap_entry_are_caught(broken):
    html = (broken.root / "site/de/causes/index.html").read_text()
    alternate = re.search(r'<link rel="alternate" href="([^"]+/zh/causes/)" hreflang="zh">', html).group(1)
    broken.edit("site/de/causes/index.html", alternate, alternate.replace("causes", "cause"))
    shutil.rmtree(broken.root / "site/fr/about")
    findings = broken.findings(["links"])
    assert any("/zh/cause/" in f.message and f.file == "site/de/causes/index.html" for f in findings)
    assert any(f.file == "site/sitemap.xml" and "fr/about/" in f.message and f.line for f in findings)


def test_root_absolute_link_outside_the_sub_path_is_caught(broken):
    broken.edit_article("site/symptoms/index.html", 'href="../handout/"', 'href="/handout/"')
    assert "sub-folder" in one(broken.findings(["links"]), "links").message


def test_missing_french_page_is_reported(broken):
    (broken.root / "docs/fr/causes.md").unlink()
    findings = broken.findings(["completeness"])
    finding = one(findings, "completeness")
    assert finding.file == "docs/fr/causes.md" and finding.language == "fr"
    assert "missing in 'fr'" in finding.message and "Translate docs/en/causes.md" in finding.fix


def test_reordered_german_headings_are_reported(broken):
    page = broken.root / "site/de/symptoms/index.html"
    html = page.read_text()
    headings = re.findall(r"<h2 id=\"[^\"]+\">.*?</h2>", html)
    html = html.replace(headings[0], "@@FIRST@@").replace(headings[1], headings[0]).replace("@@FIRST@@", headings[1])
    page.write_text(html)
    finding = one(broken.findings(["completeness"]), "completeness")
    assert finding.file == "docs/de/symptoms.md" and "headings differ" in finding.message
    assert "heading 2" in finding.message and finding.line


def test_list_with_a_dropped_item_is_reported(broken):
    page = broken.root / "site/fr/symptoms/index.html"
    html = page.read_text()
    start = html.index("<article")
    item = re.compile(r"<li\b.*?</li>\s*", re.S).search(html, start)
    page.write_text(html[:item.start()] + html[item.end():])
    finding = one(broken.findings(["completeness"]), "completeness")
    assert "lists differ" in finding.message and "items here but" in finding.message


def test_missing_fact_marker_in_arabic_names_fact_language_and_page(broken):
    broken.edit("site/ar/symptoms/index.html", ' data-fact="symptom-toes-curl"', "")
    finding = one(broken.findings(["facts"]), "facts")
    assert finding.language == "ar" and finding.file == "docs/ar/symptoms.md"
    assert "'symptom-toes-curl'" in finding.message and "symptoms.md" in finding.message


def test_unknown_fact_marker_in_english_is_reported(broken):
    broken.edit("docs/en/causes.md", 'data-fact="rare-condition"', 'data-fact="rare-condtion"')
    findings = broken.findings(["facts"])
    assert any("'rare-condtion' is not listed in docs/facts.yml" in f.message and f.line for f in findings)


def test_missing_alt_text_is_reported(broken):
    broken.edit("site/es/treatment/index.html", "<h2 ", '<p><img src="../../assets/images/favicon.svg" alt=""></p><h2 ')
    finding = one(broken.findings(["completeness"]), "completeness")
    assert "has no alt text" in finding.message and finding.language == "es"


def test_external_link_without_noopener_is_reported(broken):
    broken.edit("site/about/index.html", ' rel="noopener noreferrer"', "")
    finding = one(broken.findings(["safety"]), "safety")
    assert "has no rel=\"noopener\"" in finding.message and finding.file == "site/about/index.html"


def test_overdue_review_is_an_error(broken):
    text = (broken.root / "docs/en/treatment.md").read_text()
    old = re.search(r"^review_due: .*$", text, re.M).group(0)
    last = re.search(r"^last_reviewed: (.*)$", text, re.M).group(1)
    broken.edit("docs/en/treatment.md", old, "review_due: 2026-11-01")
    broken.edit("docs/en/treatment.md", f"last_reviewed: {last}", "last_reviewed: 2025-11-01")
    finding = one(broken.findings(["freshness"], today=dt.date(2026, 11, 24)), "freshness")
    assert finding.file == "docs/en/treatment.md" and "review was due on 2026-11-01" in finding.message


def test_stale_chinese_translation_is_a_warning_then_an_error_after_the_grace_period(broken):
    git(broken.root, "init", "-q", "-b", "main", date="2026-09-01T10:00:00")
    git(broken.root, "add", "docs", "mkdocs.yml", date="2026-09-01T10:00:00")
    git(broken.root, "commit", "-qm", "translated", date="2026-09-01T10:00:00")
    broken.edit("docs/en/living-well.md", "\n## ", "\nA new sentence in English.\n\n## ")
    git(broken.root, "commit", "-qam", "English changed", date="2026-10-01T10:00:00")
    within = [f for f in broken.findings(["freshness"], today=dt.date(2026, 10, 20))
              if f.file == "docs/zh/living-well.md"]
    assert [f.severity for f in within] == ["warning"]
    late = [f for f in broken.findings(["freshness"], today=dt.date(2026, 11, 24))
            if f.file == "docs/zh/living-well.md"]
    assert [f.severity for f in late] == ["error"]
    assert "changed on 2026-10-01" in late[0].message and "more than 30 days ago" in late[0].message
    assert "python -m scripts.translations sync zh living-well.md" in late[0].fix


def test_hard_english_fails_the_reading_level(broken):
    hard = ("Notwithstanding multidisciplinary neurophysiological considerations, pharmacological "
            "interventions necessitate individualised electrophysiological characterisation and "
            "comprehensive interdisciplinary rehabilitation methodologies. ") * 6
    broken.edit("site/causes/index.html", "<h2 ", f"<p>{hard}</p><h2 ")
    finding = one(broken.findings(["readability"]), "readability")
    assert finding.file == "docs/en/causes.md" and "flesch_kincaid_grade is" in finding.message
    assert "must be at most 8" in finding.message


def test_a_fact_naming_a_page_the_site_does_not_have_is_reported_with_its_line(broken):
    broken.edit("docs/facts.yml", "  - id: symptom-toes-curl\n    page: symptoms.md",
                "  - id: symptom-toes-curl\n    page: symptom.md")
    finding = one(broken.findings(["facts"]), "facts")
    line = next(n for n, text in enumerate((broken.root / "docs/facts.yml").read_text().splitlines(), 1)
                if "page: symptom.md" in text)
    assert finding.file == "docs/facts.yml" and finding.line == line
    assert "names the page 'symptom.md', which the site does not have" in finding.message
