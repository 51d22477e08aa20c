"""Every page shows the medical disclaimer, the review line and whether a health professional checked it."""

from __future__ import annotations

from scripts.checks.built_site import BuiltSite
from scripts.problems import Problem, error

REQUIRED = {
    "aside.disclaimer": ("the medical disclaimer is missing",
                         "Keep `{% include \"partials/disclaimer.html\" %}` in overrides/main.html."),
    "aside.review-line": ("the review line (Page last updated … Next update due …) is missing",
                          "Give the page valid last_reviewed and review_due dates in its front matter, "
                          "and keep partials/review-line.html in overrides/main.html."),
    "aside.review-line .medical-review": ("the line saying whether a health professional checked the page is "
                                          "missing", "Keep partials/review-line.html as it is: every page must "
                                          "say 'Not yet checked by a health professional' or who checked it."),
}


def run(site: BuiltSite) -> list[Problem]:
    findings = []
    for path in site.html_files:
        if not site.is_content_page(path):
            continue
        tree = site.tree(path)
        for selector, (message, fix) in REQUIRED.items():
            node = tree.css_first(selector)
            if node is None or not node.text(strip=True):
                findings.append(error("page-chrome", message + ".", fix,
                                      file=f"site/{site.relative(path)}", language=site.language_of(path)))
    return findings
