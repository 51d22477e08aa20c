"""Fast checks on Markdown and strings files, without building the site (for pre-commit).

    python -m scripts.checks.sources docs/es/symptoms.md docs/es/strings.yml

The same rules the build applies to what volunteers write, from the same modules: front matter
and translation fields (scripts/sources/page_meta.py), what a page may contain
(scripts/sources/allowlist.py) and strings files (scripts/sources/strings.py). Exit code 1 on
any error.
"""

from __future__ import annotations

import argparse
import sys
from functools import lru_cache
from pathlib import Path

from scripts.config.site import ROOT, SiteConfig
from scripts.problems import Problem, ProblemError, errors, report_text
from scripts.sources import allowlist, page_meta, strings as site_strings


def check_file(path: Path, root: Path = ROOT) -> list[Problem]:
    try:
        relative = path.resolve().relative_to(root).as_posix()
    except ValueError:
        relative = str(path)
    language = page_meta.language_of(relative)
    try:
        if path.name == "strings.yml" and language:
            site_strings.load(language, path.parent.parent)
            return []
        if path.suffix != ".md":
            return []
        text = page_meta.read_source(path)
    except ProblemError as error:
        return error.problems
    problems = page_meta.validate(text, relative)
    if language and language != _site(root).source_language:
        meta, broken = page_meta.read_front_matter(text, relative)
        if not broken:
            problems += page_meta.translation_problems(meta, text, relative)
    return problems + allowlist.markdown_problems(_site(root).mkdocs, text, relative)


@lru_cache(maxsize=4)
def _site(root: Path) -> SiteConfig:
    # The project's own languages and Markdown extensions, from mkdocs.yml (the copy being checked, else ours).
    config_file = root / "mkdocs.yml"
    return SiteConfig(config_file if config_file.is_file() else ROOT / "mkdocs.yml")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.checks.sources", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    problems = [problem for file in args.files if file.is_file() for problem in check_file(file)]
    if problems:
        print(report_text(problems))
    return 1 if errors(problems) else 0


if __name__ == "__main__":
    sys.exit(main())
