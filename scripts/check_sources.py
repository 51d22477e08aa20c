"""Fast checks on Markdown and strings files, without building the site (for pre-commit).

    python -m scripts.check_sources docs/es/symptoms.md docs/es/strings.yml

Checks front matter, raw HTML and http:// links in pages, and that a strings.yml file
parses and has every key English has. Exit code 1 on any error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts import page_meta, site_strings
from scripts.checks.findings import Finding, error
from scripts.checks.safety import markdown_findings
from scripts.site_config import ROOT


def check_file(path: Path, root: Path = ROOT) -> list[Finding]:
    try:
        relative = path.resolve().relative_to(root).as_posix()
    except ValueError:
        relative = str(path)
    language = relative.split("/")[1] if relative.startswith("docs/") and relative.count("/") >= 2 else ""
    if path.name == "strings.yml" and language:
        try:
            site_strings.load(language, path.parent.parent)
        except site_strings.StringsError as problem:
            return [error("strings", str(problem).split(": ", 1)[-1], "See docs/en/strings.yml for every key.",
                          path=relative, language=language)]
        return []
    if path.suffix != ".md":
        return []
    text = path.read_text(encoding="utf-8")
    findings = [error("front-matter", p.message, "See the README: Edit a page.", path=relative, line=p.line,
                      language=language) for p in page_meta.validate(text, relative)]
    return findings + markdown_findings(text, relative, language)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.check_sources", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    findings = [finding for file in args.files if file.is_file() for finding in check_file(file)]
    for finding in findings:
        print(finding)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
