"""Translator commands. Run `python -m scripts.translations --help`."""

from __future__ import annotations

import argparse
import difflib
import json
import sys

from scripts.sources.page_meta import read_source
from scripts.config.site import ROOT, SiteConfig
from scripts.translations.state import all_states, body_of
from scripts.translations.sync import SyncError, sync_page

LABELS = {"missing": "MISSING", "outdated": "out of date", "machine": "machine", "reviewed": "reviewed"}


def cmd_status(config: SiteConfig, args) -> int:
    languages = [config.source_language] + (args.lang or config.translations)
    unknown = sorted(set(languages) - set(config.codes))
    if unknown:
        print(f"Unknown language {', '.join(unknown)}. Languages in mkdocs.yml: {', '.join(config.codes)}",
              file=sys.stderr)
        return 2
    states = all_states(config.root, config.docs_dir, languages, config.pages)
    if args.json:
        print(json.dumps([{
            "language": s.language, "page": s.page, "status": s.status, "kind": s.kind,
            "outdated": s.outdated, "recorded_hash": s.recorded_hash, "english_hash": s.current_hash,
            "english_changed_on": s.english_changed_on.isoformat() if s.english_changed_on else None,
            "reviewer": s.reviewer, "reviewed_on": s.reviewed_on.isoformat() if s.reviewed_on else None,
            "problems": [problem.as_dict() for problem in s.problems],
        } for s in states], indent=2, ensure_ascii=False))
        return 1 if any(s.problems for s in states) else 0

    columns = languages[1:]
    width = max(len(p) for p in config.pages) + 2
    print("page".ljust(width) + "".join(code.ljust(13) for code in columns))
    for page in config.pages:
        cells = {s.language: LABELS[s.status] for s in states if s.page == page}
        print(page.ljust(width) + "".join(cells[code].ljust(13) for code in columns))
    counts = {label: sum(s.status == label for s in states) for label in LABELS}
    print("\n" + ", ".join(f"{n} {LABELS[k]}" for k, n in counts.items()))
    for s in states:
        for problem in s.problems:
            print(f"{problem.severity.upper()} {problem}")
        if s.outdated:
            since = f" since {s.english_changed_on}" if s.english_changed_on else ""
            print(f"{s.language}/{s.page}: English changed{since}.")
            if args.diff:
                print(english_diff(config, s) or "  (the English text it was made from is not in git history)")
    return 1 if any(s.problems for s in states) else 0


def english_diff(config: SiteConfig, state) -> str:
    if state.translated_from is None:
        return ""
    english = config.docs_dir / config.source_language / state.page
    old = body_of(state.translated_from.text).splitlines(keepends=True)
    new = body_of(read_source(english)).splitlines(keepends=True)
    relative = english.relative_to(config.root).as_posix()
    return "".join(difflib.unified_diff(old, new, f"{relative} @ {state.translated_from.commit[:10]}",
                                        f"{relative} (now)"))


def cmd_sync(config: SiteConfig, args) -> int:
    if args.language not in config.translations:
        print(f"'{args.language}' is not a translation in mkdocs.yml ({', '.join(config.translations)}).",
              file=sys.stderr)
        return 2
    pages = config.pages if args.all else args.pages
    if not pages:
        print("Name the pages to sync (e.g. symptoms.md), or use --all.", file=sys.stderr)
        return 2
    unknown = [page for page in pages if page not in config.pages]
    if unknown:
        # Also what keeps a path such as ../en/symptoms.md from writing outside docs/<language>/.
        print(f"ERROR {', '.join(unknown)}: not a page of the site. Name pages as they are listed in "
              f"mkdocs.yml's nav, without a folder: {', '.join(config.pages)}.", file=sys.stderr)
        return 2
    status = 0
    for page in pages:
        try:
            new = sync_page(config.docs_dir / config.source_language / page, config.docs_dir / args.language / page)
            print(f"{args.language}/{page}: source_hash {new}")
        except SyncError as error:
            print(f"ERROR {error}", file=sys.stderr)
            status = 1
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.translations",
                                     description="What is missing or out of date in each language.")
    parser.add_argument("--config-file", default=str(ROOT / "mkdocs.yml"))
    sub = parser.add_subparsers(dest="command", required=True)
    status = sub.add_parser("status", help="table of language × page: missing, out of date, machine, reviewed")
    status.add_argument("--lang", action="append", help="only this language (repeatable)")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.add_argument("--diff", action="store_true", help="show what changed in English for out-of-date pages")
    sync = sub.add_parser("sync", help="record that translated pages match the current English pages")
    sync.add_argument("language")
    sync.add_argument("pages", nargs="*", help="page files, e.g. symptoms.md")
    sync.add_argument("--all", action="store_true", help="every page of the language")
    args = parser.parse_args(argv)
    config = SiteConfig(args.config_file)
    return cmd_status(config, args) if args.command == "status" else cmd_sync(config, args)


if __name__ == "__main__":
    sys.exit(main())
