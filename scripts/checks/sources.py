"""Fast checks on Markdown and strings files, without building the site (for pre-commit).

    python -m scripts.checks.sources docs/es/symptoms.md docs/es/strings.yml

Checks front matter, raw HTML and http:// links in pages, and that a strings.yml file
parses and has every key English has. Exit code 1 on any error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from functools import lru_cache

from scripts.sources import allowlist, page_meta, strings as site_strings
from scripts.problems import Problem, error
from scripts.config.site import ROOT, SiteConfig


def check_file(path: Path, root: Path = ROOT) -> list[Problem]:
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
                          file=relative, language=language)]
        return []
    if path.suffix != ".md":
        return []
    try:
        text = page_meta.read_source(path)
    except page_meta.SourceError as problem:
        return [error("source", str(problem).split(": ", 2)[-1], "Save the file as UTF-8.", file=relative,
                      language=language)]
    findings = [error("front-matter", p.message, "See the README: Edit a page.", file=relative, line=p.line,
                      language=language) for p in page_meta.validate(text, relative)]
    return findings + [error("safety", f"the page contains {v.found}, which pages may not contain.", v.fix,
                             file=relative, line=line, language=language)
                       for line, v in allowlist.markdown_violations(_mkdocs_config(root), text)]


@lru_cache(maxsize=4)
def _mkdocs_config(root: Path):
    # The project's own Markdown extensions, from mkdocs.yml (the copy being checked, else ours).
    config_file = root / "mkdocs.yml"
    return SiteConfig(config_file if config_file.is_file() else ROOT / "mkdocs.yml").mkdocs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.checks.sources", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    findings = [finding for file in args.files if file.is_file() for finding in check_file(file)]
    for finding in findings:
        print(finding)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
