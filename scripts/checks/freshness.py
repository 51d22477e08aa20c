"""Pages are reviewed on time, and translations keep up with English.

- A page whose review_due date has passed is an error.
- A translation whose English page changed is a warning; once English changed more than
  extra.checks.translation_grace_days ago (mkdocs.yml, default 30) it is an error.
"""

from __future__ import annotations

import datetime as dt

from scripts.checks.built_site import BuiltSite
from scripts.problems import Problem, error, warning
from scripts.sources.page_meta import as_date, key_line, read_front_matter
from scripts.translations.state import all_states



def run(site: BuiltSite) -> list[Problem]:
    today = site.today or dt.date.today()
    grace = site.options.translation_grace_days
    findings = []
    for language in site.languages:
        for path in sorted((site.docs_dir / language).rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            meta, broken = read_front_matter(text, str(path))
            due = as_date(meta.get("review_due")) if not broken else None
            if due and due < today:
                findings.append(error(
                    "freshness", f"the review was due on {due}; medical information must be checked on time.",
                    "Check the page against the sources, then set last_reviewed to today and review_due "
                    "to the next review date (usually a year later).",
                    file=path.relative_to(site.root).as_posix(), line=key_line(text, "review_due"),
                    language=language))
    for state in all_states(site.root, site.docs_dir, site.languages, site.pages, today):
        if not state.outdated:
            continue
        changed = state.english_changed_on or today
        late = (today - changed).days > grace
        report = error if late else warning
        findings.append(report(
            "freshness",
            f"the English page changed on {changed}, after this translation was made"
            + (f", more than {grace} days ago." if late else f" (grace period {grace} days)."),
            f"Update the translation (see: python -m scripts.translations status --diff --lang {state.language}), "
            f"then run: python -m scripts.translations sync {state.language} {state.page}",
            file=state.path.relative_to(site.root).as_posix(), language=state.language))
    return findings
