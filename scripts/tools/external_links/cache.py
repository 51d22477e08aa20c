"""The answers of earlier runs: one `LinkCheck` per URL, kept in .cache/external-links.json.

    {"version": 1,
     "links": {"https://example.org/page": {"status": 200, "error": null, "detail": "OK",
                                            "final_url": "https://example.org/page", "redirects": 0,
                                            "method": "HEAD", "tries": 1, "requests": 1,
                                            "checked": "2026-05-04T05:23:00Z", "retry_after": null}}}

Reading it never ends in a traceback. A file that is not a link cache at all (not JSON, or no
"version") stops the command with a problem that says so, and is left as it is: it may be
another file given to --cache by mistake. A cache in another format, or with results that
cannot be read, is ours: those results are ignored with a warning, asked again and rewritten.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from scripts.problems import Problem, ProblemError, error, warning

CHECK = "external-links"
CACHE_FILE = Path(".cache") / "external-links.json"   # relative to the project (mkdocs.yml's folder)
CACHE_VERSION = 1
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"                    # UTC, to the second: 2026-05-04T05:23:00Z


@dataclass(frozen=True)
class LinkCheck:
    """The last answer about one URL."""
    status: int | None          # HTTP status of the last answer; None when there was no answer
    error: str | None           # why there was no usable answer: dns, refused, timeout… (ask.ERROR_NAMES)
    detail: str                 # the server's reason phrase ("Not Found") or what went wrong
    final_url: str              # after the redirects; the URL itself when there were none
    checked: datetime           # when it was asked, in UTC
    redirects: int = 0
    method: str = "HEAD"        # GET when the site refused HEAD
    tries: int = 1              # 1 + the retries after a timeout, 429 or 5xx
    requests: int = 1           # every request made for it, redirects and retries included
    retry_after: float | None = None   # seconds the site asked us to wait (429, 503), if it did

    def to_json(self) -> dict:
        return {"status": self.status, "error": self.error, "detail": self.detail,
                "final_url": self.final_url, "redirects": self.redirects, "method": self.method,
                "tries": self.tries, "requests": self.requests,
                "checked": self.checked.astimezone(timezone.utc).strftime(TIME_FORMAT),
                "retry_after": self.retry_after}

    @classmethod
    def from_json(cls, data: object) -> "LinkCheck":
        """Raises ValueError saying which field is wrong."""
        if not isinstance(data, dict):
            raise ValueError(f"{_json_kind(data)} instead of an object")
        missing = [name for name in ("status", "error", "detail", "final_url", "checked") if name not in data]
        if missing:
            raise ValueError("no " + ", ".join(f'"{name}"' for name in missing))
        values = {name: _typed(name, data[name], kinds) for name, kinds in _FIELDS.items() if name in data}
        return cls(checked=_time(data["checked"]), **values)


# The type each field may have in the file (None: null), "checked" apart.
_FIELDS = {"status": (int, None), "error": (str, None), "detail": (str,), "final_url": (str,),
           "redirects": (int,), "method": (str,), "tries": (int,), "requests": (int,),
           "retry_after": (float, None)}
_TYPE_NAMES = {int: "a whole number", str: "a string", float: "a number", None: "null"}


def _typed(name: str, value: object, kinds: tuple) -> object:
    for kind in kinds:
        if kind is None and value is None or kind is str and isinstance(value, str):
            return value
        if kind in (int, float) and isinstance(value, (int, float)) and not isinstance(value, bool) \
                and (kind is float or isinstance(value, int)):
            return kind(value)
    allowed = " or ".join(_TYPE_NAMES[kind] for kind in kinds)
    raise ValueError(f'"{name}" is {json.dumps(value, ensure_ascii=False)}, not {allowed}')


def _time(value: object) -> datetime:
    try:
        return datetime.strptime(value, TIME_FORMAT).replace(tzinfo=timezone.utc)
    except (TypeError, ValueError):
        raise ValueError(f'"checked" is {json.dumps(value, ensure_ascii=False)}, '
                         "not a time like 2026-05-04T05:23:00Z") from None


def _json_kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false", type(None): "null"}
    return names.get(type(value), "a number")


@dataclass
class Cache:
    """{url: LinkCheck}, read from and written to `path`; `name` is the path as messages show it,
    `problems` what loading it had to ignore (warnings)."""
    path: Path
    name: str = ""
    entries: dict[str, LinkCheck] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self):
        self.name = self.name or self.path.as_posix()

    @classmethod
    def load(cls, path: Path, name: str = "") -> "Cache":
        """The cache in `path` (empty if there is none). Raises ProblemError if the file is not a
        link cache at all; ignores, with a warning in `problems`, what it cannot use of one."""
        cache = cls(path, name)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cache
        except json.JSONDecodeError as exc:
            raise cache._not_a_cache(f"The link cache is not valid JSON ({exc.msg}, column {exc.colno}).",
                                     line=exc.lineno) from None
        except UnicodeDecodeError:
            raise cache._not_a_cache("The link cache is not text (not UTF-8): it cannot be a link cache.") from None
        except OSError as exc:
            raise ProblemError(error(CHECK, f"The link cache cannot be read: {exc.strerror or exc}.",
                                     "Pass --cache with a file that can be read and written.",
                                     file=cache.name)) from None
        if not isinstance(data, dict) or "version" not in data:
            what = "an object without \"version\"" if isinstance(data, dict) else _json_kind(data)
            raise cache._not_a_cache(f"The file is not a link cache: {what} instead of "
                                     f'{{"version": {CACHE_VERSION}, "links": {{…}}}}.')
        if data["version"] != CACHE_VERSION:
            cache._ignore(f"The link cache is in format {json.dumps(data['version'])}, and this checker "
                          f"reads format {CACHE_VERSION}: its results are not used.")
            return cache
        links = data.get("links")
        if not isinstance(links, dict):
            cache._ignore(f'The link cache has {_json_kind(links) if "links" in data else "nothing"} '
                          'under "links" instead of an object: its results are not used.')
            return cache
        unreadable = []
        for url, entry in links.items():
            try:
                cache.entries[url] = LinkCheck.from_json(entry)
            except ValueError as exc:
                unreadable.append(f"{url} ({exc})")
        if unreadable:
            cache._ignore(f"{len(unreadable)} of the {len(links)} results in the link cache cannot be read "
                          f"and are not used: {'; '.join(unreadable)}.", those=True)
        return cache

    def _not_a_cache(self, message: str, line: int | None = None) -> ProblemError:
        return ProblemError(error(
            CHECK, message, f"If it is a damaged link cache, delete {self.name} and run again (every link "
                            "is then asked again); if it is another file, pass --cache with the cache's file. "
                            "The file was left as it is.", file=self.name, line=line))

    def _ignore(self, message: str, those: bool = False) -> None:
        again = "Those links are" if those else "Every link is"
        self.problems.append(warning(CHECK, f"{message} {again} asked again and the cache is rewritten.",
                                     file=self.name))

    def fresh(self, url: str, max_age: timedelta, now: datetime) -> LinkCheck | None:
        """The cached answer about url, if it was asked less than max_age ago."""
        entry = self.entries.get(url)
        if entry is None or not timedelta(0) <= now - entry.checked < max_age:
            return None
        return entry

    def save(self, keep) -> None:
        """Write the entries of the URLs still in use (a removed link leaves the cache).
        Raises ProblemError if the file cannot be written."""
        keep = set(keep)
        data = {"version": CACHE_VERSION,
                "links": {url: entry.to_json() for url, entry in sorted(self.entries.items()) if url in keep}}
        temporary = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            temporary.replace(self.path)
        except OSError as exc:
            raise ProblemError(error(CHECK, f"The link cache cannot be written: {exc.strerror or exc}.",
                                     "Pass --cache with a file in a folder that can be written to.",
                                     file=self.name)) from None
