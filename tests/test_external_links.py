"""The external link checker, against a real HTTP server on 127.0.0.1 started by each test."""

from __future__ import annotations

import json
import socket
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scripts.config.site import SiteConfig
from scripts.problems import Problem
from scripts.tools.external_links.__main__ import main
from scripts.tools.external_links.ask import Settings, parse_retry_after, user_agent
from scripts.tools.external_links.cache import Cache
from scripts.tools.external_links.checker import check_links, configured_max_age
from scripts.tools.external_links.markdown_links import Location, collect_links
from scripts.tools.external_links.report import checked_links

FAST = Settings(timeout=0.5, delay=0, backoff=0, workers=4, user_agent="test-agent/1.0 (+tests)")


# ---------------------------------------------------------------------------
# A small web server with one route per kind of answer
# ---------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.route()

    def do_GET(self):
        self.route()

    def log_message(self, *args):
        pass

    def answer(self, status: int, **headers) -> None:
        # A request stops counting as in flight when its answer starts: once the client has read
        # the answer it may send the next one before this thread gets to its `finally`.
        self.leave()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(b"ok")

    def route(self):
        server: Server = self.server
        path = self.path
        with server.lock:
            server.requests.append((self.command, path, self.headers.get("User-Agent"), time.monotonic()))
            server.in_flight += 1
            self.counted = True
            server.max_in_flight = max(server.max_in_flight, server.in_flight)
            seen = sum(1 for r in server.requests if r[1] == path)
        try:
            if path in ("/ok", "/chain/end", "/caf%C3%A9"):
                self.answer(200)
            elif path == "/chain/1":
                self.answer(301, Location="/chain/2")
            elif path == "/chain/2":
                self.answer(301, Location=f"{server.base}/chain/end")
            elif path == "/missing":
                self.answer(404)
            elif path == "/gone":
                self.answer(410)
            elif path == "/forbidden":
                self.answer(403)
            elif path == "/busy":
                self.answer(429, Retry_After="0")
            elif path == "/busy-once":
                self.answer(429, Retry_After="1") if seen == 1 else self.answer(200)
            elif path == "/busy-for-an-hour":
                self.answer(429, Retry_After="3600")
            elif path == "/broken":
                self.answer(500)
            elif path == "/flaky":
                self.answer(503 if seen == 1 else 200)
            elif path == "/no-head":
                self.answer(405 if self.command == "HEAD" else 200)
            elif path == "/loop":
                self.answer(302, Location="/loop")
            elif path == "/slow":
                server.stop.wait(3)         # longer than the client's timeout; ends at teardown
                self.answer(200)
            elif path.startswith("/pause/"):
                time.sleep(0.1)
                self.answer(200)
            else:
                self.answer(404)
        except (BrokenPipeError, ConnectionResetError):
            pass                            # the client gave up (timeout)
        finally:
            self.leave()

    def leave(self):
        server: Server = self.server
        with server.lock:
            if getattr(self, "counted", False):
                server.in_flight -= 1
                self.counted = False


class Server(ThreadingHTTPServer):
    daemon_threads = True               # a sleeping handler never keeps the test run alive

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.requests: list[tuple[str, str, str, float]] = []
        self.in_flight = self.max_in_flight = 0

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[str]:
        """Methods of the requests the server received for one path."""
        return [method for method, p, *_ in self.requests if p == path]


@pytest.fixture
def server():
    server = Server()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.stop.set()
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake_dns(monkeypatch):
    """Names under .invalid do not resolve (RFC 6761), answered here without asking a DNS server."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if str(host).endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def check(urls, tmp_path, settings=FAST, max_age_days=7.0, locations=None):
    """Check URLs with a cache in tmp_path; returns ({url: CheckedLink}, cache)."""
    cache = Cache.load(tmp_path / "cache.json")
    answers, asked = check_links(urls, cache, settings, max_age_days)
    links = {url: (locations or {}).get(url, [Location("docs/en/index.md", 1, "en")]) for url in urls}
    return {link.url: link for link in checked_links(links, answers, asked)}, cache


# ---------------------------------------------------------------------------
# A tiny project: mkdocs.yml with two languages, and pages
# ---------------------------------------------------------------------------

def make_project(root: Path, pages: dict[str, str], extra: str = "") -> SiteConfig:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(
        "site_name: Tiny\nrepo_url: https://github.com/example/tiny-site\n"
        "plugins:\n  - i18n:\n      docs_structure: folder\n      languages:\n"
        "        - {locale: es, name: Español}\n"
        "        - {locale: en, name: English, default: true}\n" + extra, encoding="utf-8")
    for relative, text in pages.items():
        path = root / "docs" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return SiteConfig(root / "mkdocs.yml")


EN_PAGE = """---
title: Test
---
# Test

Read [the study](https://doi.org/10.1/abc) and <https://example.org/bare>.
A [wiki page](https://en.wikipedia.org/wiki/Dystonia_(disorder) "with a title") and
[a section](https://example.org/page#part), ![an image](https://example.org/i.png).

```text
[in a code block](https://example.org/code-block)
```

Inline `[code](https://example.org/code-span)` is not a link, [a local page](symptoms.md) is
not external, nor is <mailto:someone@example.org>.

[a link whose text
runs over two lines](https://example.org/two-lines)

[ref]: https://example.org/reference
"""


# ---------------------------------------------------------------------------
# Collecting the links
# ---------------------------------------------------------------------------

def test_links_are_collected_from_every_language_with_file_and_line(tmp_path):
    config = make_project(tmp_path, {
        "en/index.md": EN_PAGE,
        "es/index.md": "# Prueba\n\nLea [el estudio](https://doi.org/10.1/abc).\n",
        "xx/index.md": "[not a language in mkdocs.yml](https://example.org/xx)\n",
    })
    links = collect_links(config)
    where = {url: [str(loc) for loc in locs] for url, locs in links.items()}
    assert where == {
        "https://doi.org/10.1/abc": ["docs/en/index.md:6", "docs/es/index.md:3"],
        "https://example.org/bare": ["docs/en/index.md:6"],
        "https://en.wikipedia.org/wiki/Dystonia_(disorder)": ["docs/en/index.md:7"],
        "https://example.org/page": ["docs/en/index.md:8"],
        "https://example.org/i.png": ["docs/en/index.md:8"],
        "https://example.org/two-lines": ["docs/en/index.md:18"],
        "https://example.org/reference": ["docs/en/index.md:20"],
    }


def test_every_link_of_the_real_site_is_on_the_line_reported():
    config = SiteConfig()
    links = collect_links(config)
    assert links
    for url, locations in links.items():
        for loc in locations:
            assert loc.path.split("/")[1] in config.codes
            line = (config.root / loc.path).read_text(encoding="utf-8").splitlines()[loc.line - 1]
            assert url in line, f"{url} is not on {loc}"


def test_max_age_comes_from_mkdocs_yml_else_seven_days(tmp_path):
    page = {"en/index.md": "# x\n"}
    assert configured_max_age(make_project(tmp_path / "a", page)) == 7
    configured = make_project(tmp_path / "b", page, "extra:\n  checks:\n    external_links:\n      max_age_days: 3\n")
    assert configured_max_age(configured) == 3
    broken = make_project(tmp_path / "c", page, "extra:\n  checks:\n    external_links:\n      max_age_days: soon\n")
    with pytest.raises(ValueError, match="max_age_days"):
        configured_max_age(broken)


# ---------------------------------------------------------------------------
# Each kind of answer
# ---------------------------------------------------------------------------

FIX = "Fix or remove the link in docs/es/about.md:30"
BY_HAND = "check the link in docs/es/about.md:30 by hand"


@pytest.mark.parametrize("path, severity, result, message, fix, requests", [
    ("/ok", "ok", "HTTP 200 OK", "", "", ["HEAD"]),
    ("/missing", "error", "HTTP 404 Not Found", "The page does not exist.", FIX, ["HEAD"]),
    ("/gone", "error", "HTTP 410 Gone", "The page is gone for good.", FIX, ["HEAD"]),
    ("/forbidden", "error", "HTTP 403 Forbidden", "The site refused the request.", FIX.lower(), ["HEAD", "GET"]),
    ("/busy", "warning", "HTTP 429 Too Many Requests", "The site asked us to slow down (3 tries).", BY_HAND,
     ["HEAD"] * 3),
    ("/broken", "warning", "HTTP 500 Internal Server Error", "The site has a problem on its side (3 tries).",
     BY_HAND, ["HEAD"] * 3),
    ("/flaky", "ok", "HTTP 200 OK", "", "", ["HEAD"] * 2),
    ("/no-head", "ok", "HTTP 200 OK", "", "", ["HEAD", "GET"]),
    ("/loop", "error", "too many redirects (HTTP 302)", "The address redirects in a loop.",
     "Replace the link in docs/es/about.md:30", ["HEAD"] * 11),
])
def test_each_answer_is_classified(server, tmp_path, path, severity, result, message, fix, requests):
    url = server.url(path)
    found, _ = check([url], tmp_path, locations={url: [Location("docs/es/about.md", 30, "es")]})
    link = found[url]
    assert (link.severity, link.result, link.message) == (severity, result, message)
    assert fix in link.fix and bool(link.fix) == bool(fix)
    assert server.hits(path) == requests
    problem = link.problem()                         # what the command reports; nothing when OK
    if severity == "ok":
        assert problem is None
    else:
        assert problem == Problem("external-links", f"The link {url} [{result}]: {message}", link.fix,
                                  file="docs/es/about.md", line=30, severity=severity, language="es")


def test_a_redirect_chain_is_ok_with_its_final_url(server, tmp_path):
    url = server.url("/chain/1")
    link = check([url], tmp_path)[0][url]
    assert (link.severity, link.answer.status, link.answer.final_url) == ("ok", 200, server.url("/chain/end"))
    assert [p for _, p, *_ in server.requests] == ["/chain/1", "/chain/2", "/chain/end"]
    assert link.ok_line() == f"OK {url} -> {server.url('/chain/end')} [HTTP 200 OK]"


def test_a_non_ascii_address_is_sent_percent_encoded(server, tmp_path):
    url = server.url("/café")
    link = check([url], tmp_path)[0][url]
    assert link.severity == "ok" and server.hits("/caf%C3%A9") == ["HEAD"]


def test_a_slow_site_is_a_warning_after_two_retries(server, tmp_path):
    url = server.url("/slow")
    start = time.monotonic()
    link = check([url], tmp_path)[0][url]
    assert time.monotonic() - start < 2.5           # 3 tries of 0.5 s, not the server's 3 s
    assert (link.severity, link.answer.error) == ("warning", "timeout")
    assert link.message == "The site did not answer (no answer within 0.5 s, 3 tries)."
    assert server.hits("/slow") == ["HEAD"] * 3


def test_connection_refused_is_an_error(tmp_path):
    url = f"http://127.0.0.1:{closed_port()}/page"
    link = check([url], tmp_path)[0][url]
    assert (link.severity, link.answer.error, link.result) == ("error", "refused", "connection refused")
    assert link.message == "Nothing answers at this address."
    assert link.fix == "Fix or remove the link in docs/en/index.md:1."


def test_a_name_that_does_not_resolve_is_an_error(tmp_path, fake_dns):
    url = "http://no-such-site.invalid/page"
    link = check([url], tmp_path)[0][url]
    assert (link.severity, link.answer.error) == ("error", "dns")
    assert link.message == "The site's name does not exist any more (or has a typo)."


def test_retry_after_is_waited_for(server, tmp_path):
    url = server.url("/busy-once")
    link = check([url], tmp_path)[0][url]          # FAST: no backoff of its own, no delay
    assert link.severity == "ok" and server.hits("/busy-once") == ["HEAD", "HEAD"]
    first, second = (t for *_, t in server.requests)
    assert second - first >= 0.95


def test_a_long_retry_after_is_not_waited_for(server, tmp_path):
    url = server.url("/busy-for-an-hour")
    start = time.monotonic()
    link = check([url], tmp_path)[0][url]
    assert time.monotonic() - start < 2
    assert server.hits("/busy-for-an-hour") == ["HEAD"]
    assert link.severity == "warning" and link.answer.status == 429
    assert link.message == "The site asked us to wait 3600 s before asking again (1 try)."
    assert parse_retry_after("7") == 7
    in_a_minute = datetime.now(timezone.utc) + timedelta(seconds=60)
    assert 55 < parse_retry_after(in_a_minute.strftime("%a, %d %b %Y %H:%M:%S GMT")) <= 60
    assert parse_retry_after("soon") is None


# ---------------------------------------------------------------------------
# Politeness
# ---------------------------------------------------------------------------

def test_one_request_at_a_time_per_host(server, tmp_path):
    urls = [server.url(f"/pause/{i}") for i in range(6)]
    settings = Settings(**{**FAST.__dict__, "workers": 6})
    found, _ = check(urls, tmp_path, settings)
    assert all(link.severity == "ok" for link in found.values())
    assert len(server.requests) == 6
    assert server.max_in_flight == 1


def test_requests_to_one_host_are_spaced_by_the_delay(server, tmp_path):
    urls = [server.url(f"/pause/{i}") for i in range(3)]
    check(urls, tmp_path, Settings(**{**FAST.__dict__, "delay": 0.2}))
    starts = [t for *_, t in server.requests]
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert len(gaps) == 2 and min(gaps) >= 0.2 + 0.1 - 0.02    # the 0.1 s answer, then the delay


def test_the_user_agent_names_the_project(server, tmp_path):
    config = make_project(tmp_path, {"en/index.md": "# x\n"})
    agent = user_agent(config)
    assert agent.startswith("tiny-site-link-checker/1.0 (+https://github.com/example/tiny-site")
    check([server.url("/ok")], tmp_path, Settings(**{**FAST.__dict__, "user_agent": agent}))
    assert [ua for *_, ua, _ in server.requests] == [agent]


# ---------------------------------------------------------------------------
# The cache
# ---------------------------------------------------------------------------

def test_the_cache_records_status_final_url_and_time(server, tmp_path):
    urls = [server.url("/chain/1"), server.url("/missing"), f"http://127.0.0.1:{closed_port()}/"]
    _, cache = check(urls, tmp_path)
    cache.save(keep=urls)
    entries = json.loads((tmp_path / "cache.json").read_text())["links"]
    assert [(entries[u]["status"], entries[u]["error"]) for u in urls] == [(200, None), (404, None), (None, "refused")]
    assert entries[urls[0]]["final_url"] == server.url("/chain/end")
    for url in urls:
        checked = entries[url]["checked"]
        assert checked.endswith("Z")
        assert timedelta(0) <= datetime.now(timezone.utc) - datetime.fromisoformat(checked) < timedelta(minutes=1)


def test_a_fresh_entry_is_not_asked_again_and_a_stale_one_is(server, tmp_path):
    ok, missing, busy = server.url("/ok"), server.url("/missing"), server.url("/busy")
    _, cache = check([ok, missing, busy], tmp_path)
    cache.save(keep=[ok, missing, busy])
    assert len(server.requests) == 1 + 1 + 3

    found, _ = check([ok, missing, busy], tmp_path)
    assert server.hits("/ok") == ["HEAD"] and server.hits("/missing") == ["HEAD"]   # fresh: reused
    assert found[missing].severity == "error" and found[missing].from_cache        # still reported
    assert "(result from " in str(found[missing].problem())
    assert server.hits("/busy") == ["HEAD"] * 6                # a warning is asked again every run

    path = tmp_path / "cache.json"
    data = json.loads(path.read_text())
    eight_days_ago = (datetime.now(timezone.utc) - timedelta(days=8)).strftime("%Y-%m-%dT%H:%M:%SZ")
    data["links"][ok]["checked"] = eight_days_ago
    path.write_text(json.dumps(data))
    found, _ = check([ok, missing], tmp_path)
    assert server.hits("/ok") == ["HEAD", "HEAD"] and not found[ok].from_cache   # stale: asked again
    assert server.hits("/missing") == ["HEAD"]
    check([missing], tmp_path, max_age_days=0)
    assert server.hits("/missing") == ["HEAD", "HEAD"]         # --max-age-days 0 asks for everything


# ---------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------

def cli_project(tmp_path, server) -> Path:
    make_project(tmp_path, {
        "en/index.md": f"# Test\n\nSee [ok]({server.url('/ok')}).\n\n<{server.url('/missing')}>\n",
        "es/index.md": f"# Prueba\n\n\n[x]({server.url('/missing')}) y [y]({server.url('/busy')})\n",
    })
    return tmp_path / "mkdocs.yml"


def run_cli(config_file: Path, cache: Path, *extra: str) -> int:
    return main(["--config-file", str(config_file), "--cache", str(cache), "--delay", "0",
                    "--backoff", "0", "--timeout", "0.5", *extra])


def test_the_report_names_every_use_and_exits_1_on_an_error(server, tmp_path, capsys):
    cache = tmp_path / "deep" / "folder" / "links.json"
    assert run_cli(cli_project(tmp_path, server), cache) == 1
    lines = capsys.readouterr().out.splitlines()
    missing, busy = server.url("/missing"), server.url("/busy")
    assert lines == [
        f"ERROR docs/en/index.md:5: The link {missing} [HTTP 404 Not Found]: The page does not exist. Fix: "
        "Fix or remove the link in docs/en/index.md:5, docs/es/index.md:4 (look for the page's new address, "
        "or an archived copy). [external-links]",
        f"WARNING docs/es/index.md:4: The link {busy} [HTTP 429 Too Many Requests]: The site asked us to slow "
        "down (3 tries). Fix: Nothing to do if it works next time (it is asked again on every run); if it "
        "keeps failing, check the link in docs/es/index.md:4 by hand. [external-links]",
        "1 errors, 1 warnings (3 links: 3 checked now, 0 from the cache " + str(cache) + ")",
    ]
    assert set(json.loads(cache.read_text())["links"]) == {server.url("/ok"), missing, busy}


def test_json_output_and_exit_0_without_errors(server, tmp_path, capsys):
    config_file = cli_project(tmp_path, server)
    page = tmp_path / "docs" / "en" / "index.md"
    page.write_text(page.read_text().replace(server.url("/missing"), server.url("/chain/1")))
    es = tmp_path / "docs" / "es" / "index.md"
    es.write_text(es.read_text().replace(server.url("/missing"), server.url("/gone")))
    assert run_cli(config_file, tmp_path / "c.json", "--json") == 1
    es.write_text(es.read_text().replace(server.url("/gone"), server.url("/ok")))
    capsys.readouterr()
    assert run_cli(config_file, tmp_path / "c.json", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["errors"], data["warnings"], data["links"]) == (0, 1, 3)
    assert (data["checked_now"], data["from_cache"]) == (1, 2)       # only the 429 is asked again
    [problem] = data["problems"]
    assert server.url("/busy") in problem["message"] and problem["severity"] == "warning"
    assert "[HTTP 429 Too Many Requests]" in problem["message"]
    assert (problem["file"], problem["line"]) == ("docs/es/index.md", 4)
    assert problem["fix"].endswith("check the link in docs/es/index.md:4 by hand.")   # every use
    assert set(problem) == {"check", "message", "fix", "file", "line", "severity", "language"}
    assert (problem["check"], problem["language"]) == ("external-links", "es")
    chain = next(r for r in data["ok"] if r["url"] == server.url("/chain/1"))
    assert chain["final_url"] == server.url("/chain/end") and chain["from_cache"] is True
    assert chain["locations"] == ["docs/en/index.md:5"]


def test_offline_nothing_is_recorded_and_exit_2(tmp_path, fake_dns, capsys):
    make_project(tmp_path, {"en/index.md": "[a](https://one.invalid/) [b](https://two.invalid/)\n"})
    cache = tmp_path / "c.json"
    assert run_cli(tmp_path / "mkdocs.yml", cache) == 2
    assert "seems to be offline" in capsys.readouterr().err
    assert json.loads(cache.read_text())["links"] == {}


# ---------------------------------------------------------------------------
# A cache file that is damaged, old or not a cache: a message, never a traceback
# ---------------------------------------------------------------------------

def write_cache(path: Path, links: dict, version=1) -> None:
    path.write_text(json.dumps({"version": version, "links": links}), encoding="utf-8")


def answer(url: str, **changes) -> dict:
    """One cache entry as the file keeps it: a 200 asked an hour ago."""
    an_hour_ago = (datetime.now(timezone.utc) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"status": 200, "error": None, "detail": "OK", "final_url": url, "redirects": 0, "method": "HEAD",
            "tries": 1, "requests": 1, "checked": an_hour_ago, "retry_after": None, **changes}


def test_a_cache_entry_is_read_back_as_it_was_written(tmp_path):
    entry = answer("https://example.org/", status=429, detail="Too Many Requests", tries=3, retry_after=3600.0)
    write_cache(tmp_path / "c.json", {"https://example.org/": entry})
    cache = Cache.load(tmp_path / "c.json")
    assert cache.problems == []
    [read] = cache.entries.values()
    assert (read.status, read.tries, read.retry_after, read.checked.tzinfo) == (429, 3, 3600.0, timezone.utc)
    cache.save(keep=["https://example.org/"])
    assert json.loads((tmp_path / "c.json").read_text())["links"]["https://example.org/"] == entry


def test_a_cache_written_by_the_previous_checker_is_still_used(tmp_path):
    """Version 1 as the single-file checker wrote it: no "retry_after" unless the site sent one."""
    old = answer("https://example.org/")
    del old["retry_after"]
    write_cache(tmp_path / "c.json", {"https://example.org/": old})
    cache = Cache.load(tmp_path / "c.json")
    assert cache.problems == [] and cache.entries["https://example.org/"].retry_after is None


def test_a_cache_that_is_not_json_stops_the_command_and_is_left_as_it_is(server, tmp_path, capsys):
    cache = tmp_path / "c.json"
    cache.write_text('<<<<<<< HEAD\n{"version": 1, "links": {}}\n', encoding="utf-8")
    assert run_cli(cli_project(tmp_path, server), cache) == 2
    assert capsys.readouterr().out.splitlines() == [
        f"ERROR {cache}:1: The link cache is not valid JSON (Expecting value, column 1). Fix: If it is a "
        f"damaged link cache, delete {cache} and run again (every link is then asked again); if it is "
        "another file, pass --cache with the cache's file. The file was left as it is. [external-links]",
        "1 errors, 0 warnings",
    ]
    assert cache.read_text() == '<<<<<<< HEAD\n{"version": 1, "links": {}}\n'
    assert server.requests == []


def test_a_file_that_is_not_a_cache_stops_the_command_and_is_left_as_it_is(server, tmp_path, capsys):
    cache = tmp_path / "package.json"
    cache.write_text('{"name": "tiny-site"}\n', encoding="utf-8")
    assert run_cli(cli_project(tmp_path, server), cache) == 2
    assert capsys.readouterr().out.splitlines()[0] == (
        f'ERROR {cache}: The file is not a link cache: an object without "version" instead of '
        '{"version": 1, "links": {…}}. Fix: If it is a damaged link cache, delete '
        f"{cache} and run again (every link is then asked again); if it is another file, pass --cache with "
        "the cache's file. The file was left as it is. [external-links]")
    assert cache.read_text() == '{"name": "tiny-site"}\n' and server.requests == []


def test_a_cache_in_another_format_is_ignored_with_a_warning_and_rewritten(server, tmp_path, capsys):
    cache = tmp_path / "c.json"
    ok = server.url("/ok")
    write_cache(cache, {ok: answer(ok)}, version=0)
    loaded = Cache.load(cache)
    assert loaded.entries == {}
    assert [str(problem) for problem in loaded.problems] == [
        f"{cache}: The link cache is in format 0, and this checker reads format 1: its results are not "
        "used. Every link is asked again and the cache is rewritten. [external-links]"]
    assert loaded.problems[0].severity == "warning"

    assert run_cli(cli_project(tmp_path, server), cache) == 1
    assert server.hits("/ok") == ["HEAD"]                     # asked again
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == f"WARNING {loaded.problems[0]}"         # after the error, before the links' warnings
    assert lines[0].startswith("ERROR docs/en/index.md:5: ") and lines[2].startswith("WARNING docs/es/index.md:4: ")
    data = json.loads(cache.read_text())
    assert data["version"] == 1 and data["links"][ok]["status"] == 200


def test_unreadable_results_are_ignored_with_a_warning_and_asked_again(server, tmp_path):
    cache = tmp_path / "c.json"
    ok, missing, busy = server.url("/ok"), server.url("/missing"), server.url("/busy")
    write_cache(cache, {ok: answer(ok), missing: answer(missing, status="404"),
                        busy: answer(busy, checked="yesterday"), "https://example.org/": [200]})
    loaded = Cache.load(cache)
    assert set(loaded.entries) == {ok}
    assert [str(problem) for problem in loaded.problems] == [
        f'{cache}: 3 of the 4 results in the link cache cannot be read and are not used: {missing} ("status" '
        f'is "404", not a whole number or null); {busy} ("checked" is "yesterday", not a time like '
        '2026-05-04T05:23:00Z); https://example.org/ (a list instead of an object). Those links are asked '
        "again and the cache is rewritten. [external-links]"]

    run_cli(cli_project(tmp_path, server), cache)
    assert server.hits("/ok") == [] and server.hits("/missing") == ["HEAD"]   # the readable one is reused
    assert set(json.loads(cache.read_text())["links"]) == {ok, missing, busy}


def test_a_cache_that_cannot_be_written_is_an_error_after_the_links(server, tmp_path, capsys):
    cache = tmp_path / "c.json"
    (tmp_path / "c.json.tmp").mkdir()                       # where the new cache is written first
    assert run_cli(cli_project(tmp_path, server), cache, "--json") == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["errors"], data["warnings"]) == (2, 1)
    assert data["problems"][1]["message"].endswith("The page does not exist.")   # still reported
    assert str(Problem(**data["problems"][0])) == (
        f"{cache}: The link cache cannot be written: Is a directory. Fix: Pass --cache with a file in "
        "a folder that can be written to. [external-links]")
    assert not cache.exists()
