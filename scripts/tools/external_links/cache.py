"""The answers of earlier runs, kept in .cache/external-links.json."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

CACHE_FILE = Path(".cache") / "external-links.json"   # relative to the project (mkdocs.yml's folder)
CACHE_VERSION = 1


class Cache:
    """{url: entry} in a JSON file; an entry younger than max_age may be reused instead of asking again."""

    def __init__(self, path: Path, entries: dict[str, dict] | None = None):
        self.path = path
        self.entries = entries or {}

    @classmethod
    def load(cls, path: Path) -> "Cache":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data["links"] if data.get("version") == CACHE_VERSION else {}
            if not isinstance(entries, dict):
                raise ValueError("links is not an object")
        except FileNotFoundError:
            entries = {}
        except (OSError, ValueError, KeyError, AttributeError) as exc:
            print(f"Ignoring the unreadable cache {path} ({exc}); every link is checked again.",
                  file=sys.stderr)
            entries = {}
        return cls(path, entries)

    def fresh(self, url: str, max_age: timedelta, now: datetime) -> dict | None:
        entry = self.entries.get(url)
        try:
            checked = datetime.fromisoformat(entry["checked"])
        except (TypeError, KeyError, ValueError):
            return None
        if checked.tzinfo is None:
            checked = checked.replace(tzinfo=timezone.utc)
        if not timedelta(0) <= now - checked < max_age:
            return None
        return entry

    def save(self, keep) -> None:
        """Write the entries of the URLs still in use (a removed link leaves the cache)."""
        keep = set(keep)
        data = {"version": CACHE_VERSION,
                "links": {url: e for url, e in sorted(self.entries.items()) if url in keep}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        temporary.replace(self.path)
