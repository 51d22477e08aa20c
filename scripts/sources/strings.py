"""The site's own words (disclaimer, review line, notices) in each language.

They live in docs/<lang>/strings.yml beside that language's pages, with the same keys as
English, so that translators find everything for their language in one folder. The build
reads them; mkdocs.yml's exclude_docs keeps them out of the published site.

Every value is plain text: a value that looks like markup (a tag or an entity) is refused,
with its line, and the templates that show the words escape them (`{% autoescape true %}` in
overrides/partials/ and the handout template), so nothing in a strings file can add markup
to a page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from scripts.problems import Problem, ProblemError
from scripts.sources.page_meta import fingerprint, language_of
from scripts.sources.yaml_text import load_with_lines

DOCS_DIR = Path(__file__).resolve().parents[2] / "docs"
SOURCE_LANGUAGE = "en"
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&[a-zA-Z#][a-zA-Z0-9]*;")


class StringsError(ProblemError):
    """A strings file is missing, broken, or differs from English in its keys or placeholders."""


def _problem(path: str, line: int | None, message: str, fix: str) -> StringsError:
    language = language_of(path)
    return StringsError(Problem("strings", message, fix, file=path, line=line, language=language))


def load(language: str, docs_dir: Path = DOCS_DIR) -> dict[str, str]:
    """The checked strings of one language (re-read whenever a strings file changes)."""
    paths = [docs_dir / language / "strings.yml", docs_dir / SOURCE_LANGUAGE / "strings.yml"]
    return _load(language, docs_dir, tuple(fingerprint(path) for path in paths))


@lru_cache(maxsize=64)
def _load(language: str, docs_dir: Path, _fingerprints) -> dict[str, str]:
    data, lines = read(docs_dir / language / "strings.yml", language)
    path = _shown(docs_dir / language / "strings.yml")
    if language != SOURCE_LANGUAGE:
        english, _ = read(docs_dir / SOURCE_LANGUAGE / "strings.yml", SOURCE_LANGUAGE)
        missing = sorted(set(english) - set(data))
        if missing:
            raise _problem(path, None, f"no text for {', '.join(missing)}.",
                           f"Copy those keys from docs/{SOURCE_LANGUAGE}/strings.yml and translate them.")
        for key, value in data.items():
            if key not in english:
                raise _problem(path, lines[key], f"'{key}' is not a key of docs/{SOURCE_LANGUAGE}/strings.yml, so "
                               "the site never shows it.",
                               "Check its spelling against the English file, or remove the line.")
            want, got = _placeholders(english[key]), _placeholders(value)
            if want != got:
                raise _problem(
                    path, lines[key],
                    f"'{key}' must contain "
                    + (", ".join("{" + name + "}" for name in sorted(want)) or "no {placeholder}")
                    + " exactly as in English"
                    + (f", but has {', '.join('{' + name + '}' for name in sorted(got))}" if got else ", but has none")
                    + ".", "Keep the words in braces untranslated: the build fills them in.")
    return data


def _shown(path: Path) -> str:
    """docs/fr/strings.yml, as a person finds it in the project (absolute outside a project)."""
    parts = path.resolve().parts
    return "/".join(parts[-3:]) if len(parts) >= 3 and parts[-3] == "docs" else str(path)


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def read(file: Path, language: str) -> tuple[dict[str, str], dict[str, int]]:
    """The strings of one file and the line of each key, or a StringsError that says what to fix."""
    path = _shown(file)
    if not file.is_file():
        raise _problem(path, None, "the file is missing.",
                       f"Copy docs/{SOURCE_LANGUAGE}/strings.yml there and translate the text after each key.")
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        line = file.read_bytes()[:error.start].count(b"\n") + 1
        raise _problem(path, line, "not UTF-8 text.", "Save the file as UTF-8 in your editor.") from None
    try:
        data, root = load_with_lines(text)
        data = data or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise _problem(path, mark.line + 1 if mark else None, f"not valid YAML ({getattr(error, 'problem', error)}).",
                       "Each line is 'key: text'; put text containing ': ' in double quotes.") from None
    if not isinstance(data, dict):
        raise _problem(path, 1, "the file is not a list of 'key: text' lines.",
                       f"Write one 'key: text' per line, like docs/{SOURCE_LANGUAGE}/strings.yml.")
    lines = {str(key.value): key.start_mark.line + 1 for key, _ in (root.value if root is not None else [])}
    strings = {}
    for key, value in data.items():
        line = lines.get(str(key), 1)
        if not isinstance(value, str) or not value.strip():
            raise _problem(path, line, f"'{key}' has no text.",
                           f"Write the words after '{key}: ' (in double quotes if they contain ': ').")
        if MARKUP.search(value):
            raise _problem(path, line, f"'{key}' contains HTML ({MARKUP.search(value).group(0)}…).",
                           "These words are shown as plain text: write them without tags or entities.")
        strings[str(key)] = value.strip()
    return strings, lines
