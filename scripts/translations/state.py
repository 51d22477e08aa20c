"""Is a translated page missing, machine-translated, checked by a person, or out of date?

A translated page records in its front matter the hash of the English text it was made from:

    translation: machine            # or: reviewed
    source_hash: 3f2a9c1b7d4e       # sha256 of the English page body, first 12 hex digits
    translation_reviewer: Ana Ruiz  # reviewed pages only
    translation_reviewed_on: 2026-12-01

When the English body changes, its hash no longer matches: the translation is out of date.
The English text a hash refers to is found again in git history (for --diff and the date).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from scripts.config.pages import is_translated
from scripts.problems import Problem
from scripts.sources.page_meta import (HASH_LENGTH, KINDS, as_date, fingerprint, key_line, read_front_matter,
                                          read_source, reviewer_problems, translation_problems)

FRONT_MATTER = re.compile(r"^---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


def body_of(text: str) -> str:
    """The page without its front matter, with line endings normalised."""
    text = text.replace("\r\n", "\n")
    return FRONT_MATTER.sub("", text, count=1).strip() + "\n"


def source_hash(text: str) -> str:
    return hashlib.sha256(body_of(text).encode("utf-8")).hexdigest()[:HASH_LENGTH]


@dataclass(frozen=True)
class EnglishVersion:
    commit: str
    date: dt.date
    text: str


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout


def english_history(root: Path, relative: str) -> tuple[EnglishVersion, ...]:
    """Committed versions of an English page, newest first (empty outside a git checkout).
    Cached per commit: a commit made while `serve` runs is seen at the next rebuild."""
    return _english_history(root, relative, (_git(root, "rev-parse", "HEAD") or "").strip())


@lru_cache(maxsize=256)
def _english_history(root: Path, relative: str, _head: str) -> tuple[EnglishVersion, ...]:
    log = _git(root, "log", "--format=%H %cs", "--", relative)
    versions = []
    for line in (log or "").splitlines():
        commit, date = line.split()
        text = _git(root, "show", f"{commit}:{relative}")
        if text is not None:
            versions.append(EnglishVersion(commit, dt.date.fromisoformat(date), text))
    return tuple(versions)


@dataclass
class PageState:
    language: str
    page: str                       # e.g. "symptoms.md"
    path: Path                      # docs/<language>/<page>
    exists: bool
    kind: str = ""                  # machine | reviewed (as recorded)
    recorded_hash: str = ""
    current_hash: str = ""          # hash of the English page now
    reviewer: str = ""
    reviewed_on: dt.date | None = None
    english_changed_on: dt.date | None = None   # when English moved away from the recorded text
    translated_from: EnglishVersion | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def outdated(self) -> bool:
        return self.exists and bool(self.recorded_hash) and self.recorded_hash != self.current_hash

    @property
    def status(self) -> str:
        """One word for reports: missing, outdated, machine or reviewed."""
        if not self.exists:
            return "missing"
        if self.outdated:
            return "outdated"
        # An unknown value is reported as a problem; until fixed, treat it as unchecked.
        return self.kind if self.kind in KINDS else "machine"


def page_state(root: Path, docs_dir: Path, source_language: str, language: str, page: str,
               today: dt.date | None = None) -> PageState:
    """The state of one translated page. Cached while neither file changes: every language's
    Languages page asks for every page's state, which would read L × L × pages files."""
    return _page_state(root, docs_dir, source_language, language, page, today,
                       fingerprint(docs_dir / source_language / page), fingerprint(docs_dir / language / page))


@lru_cache(maxsize=4096)
def _page_state(root: Path, docs_dir: Path, source_language: str, language: str, page: str,
                today: dt.date | None, english_fingerprint, translation_fingerprint) -> PageState:
    english_path = docs_dir / source_language / page
    english_text = read_source(english_path)
    path = docs_dir / language / page
    state = PageState(language, page, path, is_translated(docs_dir, language, page),
                      current_hash=source_hash(english_text))
    if not state.exists:
        return state
    text = read_source(path)
    meta, broken = read_front_matter(text, str(path))
    if broken:
        return state  # the build and the pre-commit hook report it (page_meta.validate)
    state.kind = str(meta.get("translation", "")).strip()
    state.recorded_hash = str(meta.get("source_hash", "")).strip()
    relative = path.relative_to(root).as_posix()
    state.problems += translation_problems(meta, text, relative, today)
    if state.kind == "reviewed":
        state.reviewer = str(meta.get("translation_reviewer", "")).strip()
        state.reviewed_on = as_date(meta.get("translation_reviewed_on"))
        if reviewer_problems(meta, text, relative, today):
            state.kind, state.reviewer = "machine", ""   # never show "checked by TODO"
    if not re.fullmatch(rf"[0-9a-f]{{{HASH_LENGTH}}}", state.recorded_hash):
        state.recorded_hash = ""
        return state
    if state.outdated:
        _find_english_change(root, english_path, state, today or dt.date.today())
    return state


def _find_english_change(root: Path, english_path: Path, state: PageState, today: dt.date) -> None:
    """Which English version the translation was made from, and when English moved on from it."""
    relative = english_path.relative_to(root).as_posix()
    history = english_history(root, relative)  # newest first
    hashes = [source_hash(version.text) for version in history]
    if state.recorded_hash in hashes:
        index = hashes.index(state.recorded_hash)
        state.translated_from = history[index]
        # The next newer commit changed it; if none, the change is not committed yet.
        state.english_changed_on = history[index - 1].date if index > 0 else today
        return
    if history:
        text = read_source(state.path)
        state.problems.append(Problem(
            "translation", f"'source_hash: {state.recorded_hash}' matches no version of {relative} in git history.",
            "Check the translation against the English page, then run: "
            f"python -m scripts.translations sync {state.language} {state.page}",
            file=state.path.relative_to(root).as_posix(), line=key_line(text, "source_hash"),
            language=state.language))
    state.english_changed_on = history[0].date if history and hashes[0] == state.current_hash else today


def all_states(root: Path, docs_dir: Path, languages: list[str], pages: list[str],
               today: dt.date | None = None) -> list[PageState]:
    source, *translations = languages
    return [page_state(root, docs_dir, source, language, page, today)
            for language in translations for page in pages]
