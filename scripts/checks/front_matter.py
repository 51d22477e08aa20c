"""Every page's front matter: required fields present, dates valid and in order, and on
translated pages a valid translation state (machine or reviewed) and source hash."""

from __future__ import annotations

from scripts.sources import page_meta
from scripts.checks.built_site import BuiltSite
from scripts.problems import Problem, error
from scripts.translations.state import all_states


def run(site: BuiltSite) -> list[Problem]:
    findings = []
    for language in site.languages:
        for path in sorted((site.docs_dir / language).rglob("*.md")):
            rel = path.relative_to(site.docs_dir.parent).as_posix()
            for problem in page_meta.validate(path.read_text(encoding="utf-8"), rel):
                message, _, fix = problem.message.partition(". ")
                findings.append(error("front-matter", message + ".", fix or "See README: page metadata.",
                                      file=rel, line=problem.line, language=language))
    for state in all_states(site.root, site.docs_dir, site.languages, site.pages):
        for line, message in state.problems:
            findings.append(error("front-matter", message, "See the README: Translating.",
                                  file=state.path.relative_to(site.root).as_posix(), line=line,
                                  language=state.language))
    return findings
