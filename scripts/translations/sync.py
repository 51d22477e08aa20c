"""Record that a translated page now matches the English page: rewrite its source_hash line only."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.sources.page_meta import read_source
from scripts.translations.state import FRONT_MATTER, source_hash


class SyncError(Exception):
    pass


def sync_page(english: Path, translated: Path) -> str:
    """Set `source_hash:` in the translation's front matter to the English page's hash.

    Only that one line changes (or is added at the end of the front matter); every other
    byte of the file stays as it was. Returns the new hash.
    """
    if not translated.is_file():
        raise SyncError(f"{translated} does not exist. Translate {english} into it first.")
    data = translated.read_bytes()
    text = data.decode("utf-8")
    match = FRONT_MATTER.match(text.replace("\r\n", "\n")) if "\r\n" not in text else None
    if match is None:
        raise SyncError(f"{translated}: no front matter found (or Windows line endings). "
                        "The file must start with '---' lines; see the README.")
    new_hash = source_hash(read_source(english))
    front = match.group(0)
    line = re.compile(r"^source_hash:[^\n]*$", re.MULTILINE)
    if line.search(front):
        new_front = line.sub(f"source_hash: {new_hash}", front, count=1)
    else:  # add it just before the closing '---'
        closing = front.rstrip("\n").rfind("\n")
        new_front = front[:closing + 1] + f"source_hash: {new_hash}\n" + front[closing + 1:]
    translated.write_bytes((new_front + text[len(front):]).encode("utf-8"))
    return new_hash
