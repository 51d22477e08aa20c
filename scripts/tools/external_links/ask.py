"""Ask a site about one link, politely: HEAD (GET when HEAD is refused), redirects followed one
request at a time, transient failures retried with a backoff or the site's Retry-After."""

from __future__ import annotations

import email.utils
import http.client
import re
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import quote, urldefrag, urljoin, urlsplit, urlunsplit

from scripts.config.site import SiteConfig
from scripts.tools.external_links.cache import LinkCheck
from scripts.tools.external_links.host_gate import HostGate


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


def check_url(url: str, settings: Settings, gate: HostGate, opener=None) -> LinkCheck:
    """Ask for one URL (HEAD, then GET if HEAD is refused), following redirects and retrying
    transient failures. Returns the answer as the cache keeps it."""
    opener = opener or make_opener()
    method, current, redirects, retries, requests = "HEAD", url, 0, 0, 0

    def entry(status=None, error=None, detail="", retry_after=None) -> LinkCheck:
        return LinkCheck(status, error, detail or "", current, datetime.now(timezone.utc).replace(microsecond=0),
                         redirects, method, retries + 1, requests, retry_after)

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
            return entry(status, detail=reason, retry_after=wait)
        return entry(status, detail=reason)


def make_opener() -> urllib.request.OpenerDirector:
    """An opener that leaves redirects to check_url (shared by the workers)."""
    return urllib.request.build_opener(_DontFollow)

