"""The site's own words (disclaimer, review line, notices) in each language.

They live in docs/<lang>/strings.yml beside that language's pages, with the same keys as
English, so that translators find everything for their language in one folder. The build
reads them; mkdocs.yml's exclude_docs keeps them out of the published site.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

DOCS_DIR = Path(__file__).resolve().parent.parent / "docs"
SOURCE_LANGUAGE = "en"


class StringsError(Exception):
    """A strings file is missing, broken, or lacks a key that English has."""


@lru_cache(maxsize=None)
def load(language: str, docs_dir: Path = DOCS_DIR) -> dict[str, str]:
    path = docs_dir / language / "strings.yml"
    if not path.is_file():
        raise StringsError(f"{path}: missing. Copy docs/{SOURCE_LANGUAGE}/strings.yml there "
                           "and translate the text after each key.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise StringsError(f"{path}{line}: not valid YAML ({getattr(error, 'problem', error)}). "
                           "Each line is 'key: text'; put text containing ': ' in double quotes.") from None
    if language != SOURCE_LANGUAGE:
        missing = sorted(set(load(SOURCE_LANGUAGE, docs_dir)) - set(data))
        if missing:
            raise StringsError(f"{path}: no text for {', '.join(missing)}. Copy those keys from "
                               f"docs/{SOURCE_LANGUAGE}/strings.yml and translate them.")
    return {key: str(value) for key, value in data.items()}
