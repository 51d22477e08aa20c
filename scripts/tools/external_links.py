"""Check the external links (http and https) in the Markdown pages of every language.

    python -m scripts.tools.external_links                    # links not checked in the last few days
    python -m scripts.tools.external_links --max-age-days 0   # check every link now
    python -m scripts.tools.external_links --json             # results for tools

Not one of the offline checks (`./scripts/run check`): it needs the internet, and other sites
change without us, so it runs on its own (weekly on GitHub, .github/workflows/external-links.yml).
Results are kept in .cache/external-links.json; a link checked less than
`extra.checks.external_links.max_age_days` days ago (mkdocs.yml, default 7) is not asked again,
but its last result is still reported. Warnings (timeouts, 429, 5xx) are temporary by nature,
so those links are asked again on every run.

Exit code 1 when a link is broken (an error), 0 otherwise (warnings are printed only); 2 on bad
usage, or when no site answered at all (this machine is offline: nothing is recorded).
"""

from __future__ import annotations

import argparse
import email.utils
import http.client
import json
import re
import socket
import ssl
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote, urldefrag, urljoin, urlsplit, urlunsplit

from scripts.config.site import SiteConfig

DEFAULT_MAX_AGE_DAYS = 7.0
CACHE_FILE = Path(".cache") / "external-links.json"   # relative to the project (mkdocs.yml's folder)
CACHE_VERSION = 1

# ---------------------------------------------------------------------------
# 1. Collect the links from the Markdown sources
# ---------------------------------------------------------------------------

# A URL may contain balanced parentheses (…/Dystonia_(disorder)); it ends at whitespace, ) or >.
_URL = r"https?://(?:[^\s()<>]|\([^\s()<>]*\))+"
LINK = re.compile(
    rf"\]\(\s*<?(?P<inline>{_URL})>?"                          # [text](https://…) and ![alt](…)
    r"|<(?P<auto>https?://[^\s<>]+)>"                          # <https://…>
    r"|^[ ]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?(?P<ref>https?://[^\s<>]+)>?"  # [label]: https://…
    r"|\bhref=\"(?P<href>https?://[^\"\s]+)\"",                # <a href="https://…"> in HTML blocks
    re.MULTILINE | re.IGNORECASE,
)
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True, order=True)
class Location:
    path: str       # docs/es/about.md, relative to the project
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _without_code(text: str) -> str:
    """The text with code blocks, code spans and HTML comments blanked (same length, same lines):
    a URL there is not a link."""
    lines = text.split("\n")
    fence = ""
    for i, line in enumerate(lines):
        opening = FENCE.match(line)
        if not fence and opening:
            fence = opening.group(1)
        elif fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                    and not line.strip().lstrip(fence[0]):
                fence = ""
        else:
            continue
        lines[i] = " " * len(line)
    text = "\n".join(lines)
    text = HTML_COMMENT.sub(_blank, text)
    return CODE_SPAN.sub(_blank, text)


def find_links(text: str) -> list[tuple[str, int]]:
    """(url, line) of every external link in one Markdown text, in order; the #fragment is dropped
    (the server never sees it)."""
    found = []
    for match in LINK.finditer(_without_code(text)):
        url = next(value for value in match.groupdict().values() if value)
        found.append((urldefrag(url).url, text.count("\n", 0, match.start(match.lastgroup)) + 1))
    return found


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def collect_links(config: SiteConfig) -> dict[str, list[Location]]:
    """Every external URL in docs/<language>/**/*.md, for every language in mkdocs.yml, with
    where it is used (source language first, then the others in mkdocs.yml's order)."""
    links: dict[str, list[Location]] = {}
    for code in config.codes:
        for path in sorted((config.docs_dir / code).rglob("*.md")):
            where = _display(path, config.root)
            for url, line in find_links(path.read_text(encoding="utf-8")):
                links.setdefault(url, []).append(Location(where, line))
    return links


# ---------------------------------------------------------------------------
# 2. Ask the servers, politely
# ---------------------------------------------------------------------------

@dataclass
class Settings:
    timeout: float = 10.0          # seconds per request
    delay: float = 1.0             # seconds between two requests to the same host
    retries: int = 2               # after a timeout, a dropped connection, 429 or 5xx
    backoff: float = 1.0           # wait before the first retry; doubles for the next
    retry_after_cap: float = 30.0  # a longer Retry-After is not waited for (no retry)
    max_redirects: int = 10
    workers: int = 4               # hosts checked at the same time (one request per host at a time)
    user_agent: str = "link-checker/1.0"


def user_agent(config: SiteConfig) -> str:
    """A User-Agent that names the project and where to find it, so a site owner can reach us."""
    repo = (config.mkdocs.repo_url or "").rstrip("/")
    name = repo.rsplit("/", 1)[-1] if repo else config.mkdocs.site_name
    name = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "site"
    contact = f" (+{repo}; checks the links of a patient-information site)" if repo else ""
    return f"{name}-link-checker/1.0{contact}"


class HostGate:
    """At most one request at a time per host, and at least `delay` seconds between two."""

    def __init__(self, delay: float):
        self.delay = delay
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._next_at: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str):
        with self._lock:
            host_lock = self._host_locks.setdefault(host, threading.Lock())
        with host_lock:
            while (wait := self._next(host) - time.monotonic()) > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self.defer(host, self.delay)

    def defer(self, host: str, seconds: float) -> None:
        """No request to this host for `seconds` from now (politeness delay, backoff, Retry-After)."""
        with self._lock:
            self._next_at[host] = max(self._next_at.get(host, 0.0), time.monotonic() + seconds)

    def _next(self, host: str) -> float:
        with self._lock:
            return self._next_at.get(host, 0.0)


class _DontFollow(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by check_url itself, one polite request at a time."""

    def redirect_request(self, *args, **kwargs):
        return None


REDIRECTS = {301, 302, 303, 307, 308}
HEAD_REFUSED = {403, 405, 501}
RETRY_ERRORS = {"timeout", "reset", "dns-temporary"}
ERROR_NAMES = {
    "dns": "host name not resolved (DNS)",
    "dns-temporary": "DNS lookup failed for now",
    "refused": "connection refused",
    "timeout": "timeout",
    "reset": "connection dropped",
    "certificate": "invalid HTTPS certificate",
    "tls": "HTTPS handshake failed",
    "protocol": "not a valid HTTP answer",
    "too-many-redirects": "too many redirects",
    "bad-redirect": "redirect that cannot be followed",
    "network": "network error",
    "invalid-url": "invalid address",
}


def error_kind(exc: BaseException) -> str:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, socket.gaierror):
        not_found = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
        return "dns" if reason.errno in not_found else "dns-temporary"
    if isinstance(reason, TimeoutError):
        return "timeout"
    if isinstance(reason, ConnectionRefusedError):
        return "refused"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return "certificate"
    if isinstance(reason, ssl.SSLError):
        return "tls"
    if isinstance(reason, (ConnectionError, http.client.IncompleteRead)):
        return "reset"
    if isinstance(reason, http.client.HTTPException):
        return "protocol"
    return "network"


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def request_url(url: str) -> str:
    """The URL as sent: a non-ASCII path or query (…/wiki/Läuferdystonie) percent-encoded as UTF-8,
    as browsers do. The host name is left to http.client, which encodes it with IDNA."""
    if url.isascii():
        return url
    parts = urlsplit(url)
    safe = "/%:@!$&'()*+,;=~-._?"
    return urlunsplit((parts.scheme, parts.netloc, quote(parts.path, safe=safe),
                       quote(parts.query, safe=safe), ""))


def _location(value: str) -> str:
    """A Location header; http.client decodes headers as Latin-1, but servers send UTF-8."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_url(url: str, settings: Settings, gate: HostGate, opener=None) -> dict:
    """Ask for one URL (HEAD, then GET if HEAD is refused), following redirects and retrying
    transient failures. Returns the cache entry: status or error, final URL, time checked."""
    opener = opener or urllib.request.build_opener(_DontFollow)
    method, current, redirects, retries, requests = "HEAD", url, 0, 0, 0

    def entry(status=None, error=None, detail=""):
        return {"status": status, "error": error, "detail": detail, "final_url": current,
                "redirects": redirects, "method": method, "tries": retries + 1, "requests": requests,
                "checked": now_iso()}

    def retry(host: str, wait: float | None = None) -> bool:
        nonlocal retries
        if retries >= settings.retries:
            return False
        retries += 1
        gate.defer(host, settings.backoff * 2 ** (retries - 1) if wait is None else wait)
        return True

    while True:
        host = urlsplit(current).netloc.lower()
        requests += 1
        try:
            if not host:
                raise ValueError("no host name")
            request = urllib.request.Request(request_url(current), method=method, headers={
                "User-Agent": settings.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8",
            })
            with gate.slot(host):
                try:
                    with opener.open(request, timeout=settings.timeout) as response:
                        status, reason, headers = response.status, response.reason, response.headers
                except urllib.error.HTTPError as answer:
                    with answer:
                        status, reason, headers = answer.code, answer.reason, answer.headers
        except ValueError as exc:      # http.client.InvalidURL, a bad port, …
            return entry(error="invalid-url", detail=str(exc))
        except (OSError, http.client.HTTPException) as exc:
            kind = error_kind(exc)
            if kind in RETRY_ERRORS and retry(host):
                continue
            detail = (f"no answer within {settings.timeout:g} s, {retries + 1} tries" if kind == "timeout"
                      else str(getattr(exc, "reason", exc)))
            return entry(error=kind, detail=detail)

        if method == "HEAD" and status in HEAD_REFUSED:
            method = "GET"          # some servers refuse HEAD but answer GET
            continue
        if status in REDIRECTS:
            location = headers.get("Location")
            if not location:
                return entry(status, detail=f"{reason} without a Location header")
            if redirects >= settings.max_redirects:
                return entry(status, "too-many-redirects",
                             f"more than {settings.max_redirects} redirects (a redirect loop?)")
            target = urljoin(current, _location(location))
            if urlsplit(target).scheme not in ("http", "https"):
                return entry(status, "bad-redirect", f"redirects to {target}")
            current, redirects = urldefrag(target).url, redirects + 1
            continue
        if status == 429 or status >= 500:
            wait = parse_retry_after(headers.get("Retry-After"))
            if (wait is None or wait <= settings.retry_after_cap) and retry(host, wait):
                continue
            answer = entry(status, detail=reason)
            if wait is not None:
                answer["retry_after"] = wait
            return answer
        return entry(status, detail=reason)


# ---------------------------------------------------------------------------
# 3. The cache
# ---------------------------------------------------------------------------

class Cache:
    """{url: entry} in a JSON file; an entry younger than max_age is reused instead of asking again,
    unless it was a warning (a temporary failure: asked again on every run)."""

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
        if not timedelta(0) <= now - checked < max_age or classify(entry)[0] == "warning":
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


def _by_host_in_turn(urls: list[str]) -> list[str]:
    """One URL of each host in turn, so that the workers are not all waiting for the same host."""
    per_host: dict[str, list[str]] = {}
    for url in urls:
        per_host.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    queues = list(per_host.values())
    return [q[i] for i in range(max(map(len, queues), default=0)) for q in queues if i < len(q)]


def check_links(urls, cache: Cache, settings: Settings, max_age_days: float) -> tuple[dict[str, dict], set[str]]:
    """Entries for every URL, asking only for those without a fresh cache entry.
    Returns ({url: entry}, URLs asked now); the cache is updated (not saved)."""
    now = datetime.now(timezone.utc)
    max_age = timedelta(days=max_age_days)
    results = {url: entry for url in urls if (entry := cache.fresh(url, max_age, now))}
    to_ask = _by_host_in_turn([url for url in urls if url not in results])
    gate, opener = HostGate(settings.delay), urllib.request.build_opener(_DontFollow)
    executor = ThreadPoolExecutor(max_workers=max(1, settings.workers))

    def ask(url: str) -> dict:
        cache.entries[url] = entry = check_url(url, settings, gate, opener)   # kept even if interrupted
        return entry

    try:
        futures = {url: executor.submit(ask, url) for url in to_ask}
        for url, future in futures.items():
            results[url] = future.result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return results, set(to_ask)


# ---------------------------------------------------------------------------
# 4. What each result means, and what to do
# ---------------------------------------------------------------------------

@dataclass
class LinkResult:
    url: str
    severity: str               # "ok", "warning" or "error"
    status: int | None          # HTTP status of the last answer
    error: str | None           # error kind when there was no usable answer (dns, refused, timeout…)
    result: str                 # "HTTP 404 Not Found", "connection refused", …
    message: str
    fix: str
    final_url: str
    checked: str                # ISO 8601, UTC
    from_cache: bool
    locations: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        when = f" (result from {self.checked})" if self.from_cache else ""
        if self.severity == "ok":
            moved = f" -> {self.final_url}" if self.final_url != self.url else ""
            return f"OK {self.url}{moved} [{self.result}]{when}"
        return f"{self.severity.upper()} {self.url} [{self.result}]{when}: {self.message} {self.fix}"

    def as_dict(self) -> dict:
        return asdict(self)


def classify(entry: dict) -> tuple[str, str, str]:
    """(severity, message, fix) for one cache entry; the fix has a {where} for the file:line list."""
    status, error, detail = entry.get("status"), entry.get("error"), entry.get("detail") or ""
    fix_it = "Fix or remove the link in {where}."
    by_hand = "Open it in a browser; if it fails there too, fix or remove the link in {where}."
    later = ("Nothing to do if it works next time (it is asked again on every run); "
             "if it keeps failing, check the link in {where} by hand.")
    if error == "dns":
        return "error", "The site's name does not exist any more (or has a typo).", fix_it
    if error == "refused":
        return "error", "Nothing answers at this address.", fix_it
    if error == "too-many-redirects":
        return "error", "The address redirects in a loop.", "Replace the link in {where} with the page's current address."
    if error == "certificate":
        return "error", "The site's HTTPS certificate is not valid; browsers warn readers.", by_hand
    if error == "invalid-url":
        return "error", f"The address is not a valid URL ({detail}).", fix_it
    if error == "timeout":
        return "warning", f"The site did not answer ({detail}).", later
    if error:
        return "warning", f"The check could not finish: {ERROR_NAMES.get(error, error)} ({detail}).", later
    if not isinstance(status, int):
        return "warning", "No result recorded.", later
    if 200 <= status < 300:
        return "ok", "", ""
    if status in (404, 410):
        gone = "is gone for good" if status == 410 else "does not exist"
        return "error", f"The page {gone}.", \
            "Fix or remove the link in {where} (look for the page's new address, or an archived copy)."
    tries = f"{entry.get('tries', 1)} {'try' if entry.get('tries', 1) == 1 else 'tries'}"
    if status == 429:
        wait = entry.get("retry_after")
        if wait is not None and wait > Settings.retry_after_cap:
            return "warning", f"The site asked us to wait {wait:g} s before asking again ({tries}).", later
        return "warning", f"The site asked us to slow down ({tries}).", later
    if status >= 500:
        return "warning", f"The site has a problem on its side ({tries}).", later
    if 400 <= status < 500:
        return "error", "The site refused the request.", by_hand
    return "warning", "Unexpected answer.", by_hand


def describe(entry: dict) -> str:
    """The result in a few words: "HTTP 404 Not Found", "connection refused", …"""
    error, status = entry.get("error"), entry.get("status")
    if not error:
        return f"HTTP {status} {entry.get('detail') or ''}".strip()
    name = ERROR_NAMES.get(error, error)
    return f"{name} (HTTP {status})" if status else name


def report(links: dict[str, list[Location]], results: dict[str, dict], asked: set[str]) -> list[LinkResult]:
    """One LinkResult per URL: errors first, then warnings, then OK, each in order of first use."""
    out, order = [], {url: i for i, url in enumerate(links)}
    for url, locations in links.items():
        entry = results[url]
        severity, message, fix = classify(entry)
        where = ", ".join(map(str, locations))
        out.append(LinkResult(url, severity, entry.get("status"), entry.get("error"), describe(entry),
                              message, fix.format(where=where), entry.get("final_url") or url,
                              entry.get("checked", ""), url not in asked, [str(loc) for loc in locations]))
    rank = {"error": 0, "warning": 1, "ok": 2}
    return sorted(out, key=lambda r: (rank[r.severity], order[r.url]))


# ---------------------------------------------------------------------------
# 5. The command
# ---------------------------------------------------------------------------

def looks_offline(results: dict[str, dict], asked: set[str]) -> bool:
    """No HTTP answer at all from two or more hosts: the problem is here, not at the sites."""
    hosts = {urlsplit(url).netloc.lower() for url in asked}
    return len(hosts) >= 2 and all(results[url].get("status") is None for url in asked)


def configured_max_age(config: SiteConfig) -> float:
    """extra.checks.external_links.max_age_days in mkdocs.yml (typed in scripts/config/options.py)."""
    value = config.options.checks.external_links.max_age_days
    if value < 0:
        raise ValueError(f"extra.checks.external_links.max_age_days in {config.config_file.name} "
                         f"must be a number of days (0 or more), not {value!r}")
    return float(value)


def _non_negative(kind):
    def parse(text: str):
        value = kind(text)
        if value < 0:
            raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
        return value
    return parse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.tools.external_links", description=__doc__.split("\n")[0],
        epilog="Exit code: 1 if any link is broken (error), else 0; warnings (timeouts, 429, 5xx) "
               "never fail the run and are asked again on every run. 2: bad usage, or no site "
               "answered at all (offline; nothing recorded).")
    parser.add_argument("--config-file", type=Path, default=None,
                        help="mkdocs.yml to read languages and settings from (default: the project's)")
    parser.add_argument("--cache", type=Path, default=None,
                        help=f"cache file (default: {CACHE_FILE.as_posix()} next to mkdocs.yml)")
    parser.add_argument("--max-age-days", type=_non_negative(float), default=None,
                        help="re-check a link only when its cached result is at least this old; 0 checks "
                             "every link (default: extra.checks.external_links.max_age_days in mkdocs.yml, "
                             f"else {DEFAULT_MAX_AGE_DAYS:g})")
    parser.add_argument("--timeout", type=_non_negative(float), default=Settings.timeout,
                        help="seconds to wait for each answer (default: %(default)g)")
    parser.add_argument("--delay", type=_non_negative(float), default=Settings.delay,
                        help="seconds between two requests to the same host (default: %(default)g)")
    parser.add_argument("--backoff", type=_non_negative(float), default=Settings.backoff,
                        help="seconds before the first retry, doubled for the second (default: %(default)g)")
    parser.add_argument("--workers", type=_non_negative(int), default=Settings.workers,
                        help="different hosts asked at the same time; never more than one request "
                             "per host (default: %(default)d)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--all", action="store_true", help="also list the links that are OK")
    args = parser.parse_args(argv)

    config = SiteConfig(args.config_file) if args.config_file else SiteConfig()
    try:
        max_age = args.max_age_days if args.max_age_days is not None else configured_max_age(config)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    cache_path = args.cache or config.root / CACHE_FILE
    settings = Settings(timeout=args.timeout, delay=args.delay, backoff=args.backoff, workers=args.workers or 1,
                        user_agent=user_agent(config))

    links = collect_links(config)
    cache = Cache.load(cache_path)
    print(f"{len(links)} external links in {len(config.codes)} languages; asking the servers about "
          f"those not checked in the last {max_age:g} days …", file=sys.stderr)
    before = dict(cache.entries)
    try:
        results, asked = check_links(list(links), cache, settings, max_age)
    except BaseException:
        cache.save(keep=links)      # keep what was checked before the interruption
        raise
    if looks_offline(results, asked):
        cache.entries = before
        cache.save(keep=links)
        print(f"None of the {len({urlsplit(url).netloc for url in asked})} sites answered: this machine "
              "seems to be offline (or its DNS is down). Nothing was recorded; try again when online.",
              file=sys.stderr)
        return 2
    cache.save(keep=links)
    findings = report(links, results, asked)

    errors = sum(r.severity == "error" for r in findings)
    warnings = sum(r.severity == "warning" for r in findings)
    if args.json:
        print(json.dumps({
            "errors": errors, "warnings": warnings, "links": len(links),
            "checked_now": len(asked), "from_cache": len(links) - len(asked),
            "cache": str(cache_path), "max_age_days": max_age,
            "findings": [r.as_dict() for r in findings if r.severity != "ok"],
            "ok": [r.as_dict() for r in findings if r.severity == "ok"],
        }, indent=2, ensure_ascii=False))
    else:
        for result in findings:
            if result.severity != "ok" or args.all:
                print(result)
        print(f"{errors} errors, {warnings} warnings ({len(links)} links: {len(asked)} checked now, "
              f"{len(links) - len(asked)} from the cache {_display(cache_path, Path.cwd())})")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
