"""Benchmark of the build, the checks and the pages a first-time visitor downloads.

    python -m scripts.tools.bench              # 5 runs of each measurement, median reported
    python -m scripts.tools.bench --runs 3     # fewer runs
    python -m scripts.tools.bench --quick      # 1 run of everything (a smoke test, not a measurement)

Writes bench.json (every number, the machine, the budgets) and languages.png into --out
(default bench-output/, git-ignored) and prints a table. Not part of the tests: nothing here
asserts a time. What is measured:

- bare:     `mkdocs build` of docs/ in every language with Material and mkdocs-static-i18n
            only (no custom_dir, no hooks, no PDFs, no --strict), from a generated mkdocs.yml.
- full:     `mkdocs build --strict` with the real mkdocs.yml, as the README builds.
- where the time goes: full and bare builds run in-process with every plugin/hook event timed,
            and the handout PDFs and search-index split timed inside the hooks' on_post_build.
- checks:   `python -m scripts.checks --site-dir <the full build>`.
- languages: the full build with 1, 2, 4 languages (a temporary copy of the project with
            English plus the first translations), 6 (the real site: the full build above),
            12 and 24 (extra languages are copies of the existing translations under other
            real language codes; fewer runs, as each build takes 2-4 times longer).
- first visit: bytes a fresh headless Chromium fetches for a page, grouped by type, raw,
            gzip -9 and brotli -q 11 (each response compressed on its own, as a server would).
- memory:   peak memory of one full build: the largest single process (wait4 max RSS) and
            the whole process tree at once (RSS and PSS summed, polled from /proc).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from scripts.tools.project_copy import copy_project

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
# Pages whose first visit is weighed: (label, URL path in the built site).
VISIT_PAGES = [("home en", "/"), ("symptoms en", "/symptoms/"),
               ("home ar", "/ar/"), ("symptoms ar", "/ar/symptoms/")]
LANGUAGE_COUNTS = (1, 2, 4, 6, 12, 24)
# Extra languages for the synthetic 12/24-language sites: real codes that Material has
# translations for, each a copy of an existing translation in a similar script, taken in
# turn from each source so that the mix of work per language stays the same as the real site's.
SYNTHETIC_CODES = {
    "es": ["it", "pt", "ro", "ca", "gl", "eo"],
    "fr": ["nl", "da", "nb", "hu", "af", "nn"],
    "de": ["sv", "fi", "pl", "cs", "sk", "sl"],
    "ar": ["fa", "ur", "he", "ku"],
    "zh": ["ja", "ko", "th", "vi"],
}
GROUPS = ("HTML", "CSS", "JS", "fonts", "images", "search index", "other")
# Budgets (see evaluate_budgets).
MAX_FULL_OVER_BARE = 2.0
MAX_GROWTH = 1.25
MAX_FIRST_VISIT_BROTLI = 80_000   # bytes (80 KB, 1 KB = 1000 bytes)


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Timing a command
# ---------------------------------------------------------------------------

def run_timed(cmd: list[str], cwd: Path = ROOT) -> dict:
    """Run cmd once: wall seconds, max RSS (MB) of the process and its waited-for children
    (os.wait4 returns the rusage of that one child tree, unlike RUSAGE_CHILDREN, which keeps
    the maximum over every child this process ever had), exit code and output."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=_env(), stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    return {"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "max_rss_mb": usage.ru_maxrss / 1024, "returncode": proc.returncode, "output": text}


def summarize(samples: list[dict]) -> dict:
    times = [s["seconds"] for s in samples]
    return {"median_s": statistics.median(times), "runs_s": [round(t, 3) for t in times],
            "min_s": min(times), "max_s": max(times),
            "median_cpu_s": statistics.median(s["cpu_seconds"] for s in samples),
            "max_rss_mb": statistics.median(s["max_rss_mb"] for s in samples),
            "warnings": max(s["output"].count("WARNING") for s in samples)}


def measure_build(cmd_for_run, runs: int, cwd: Path = ROOT, label: str = "",
                  keep_last: bool = False) -> dict:
    """Run `cmd_for_run(site_dir)` `runs` times, each into a fresh empty site folder.
    Fails loudly if a run fails: a broken build timed is not a measurement."""
    samples = []
    for run in range(runs):
        site_dir = Path(tempfile.mkdtemp(prefix="bench-site-")) / "site"
        sample = run_timed(cmd_for_run(site_dir), cwd)
        if sample["returncode"] != 0:
            shutil.rmtree(site_dir.parent, ignore_errors=True)
            raise RuntimeError(f"{label} run {run + 1} failed (exit {sample['returncode']}):\n"
                               f"{sample['output'][-4000:]}")
        log(f"  {label} run {run + 1}/{runs}: {sample['seconds']:.2f} s")
        samples.append(sample)
        if keep_last and run == runs - 1:
            summary = summarize(samples)
            summary["site_dir"] = str(site_dir)
            return summary
        shutil.rmtree(site_dir.parent, ignore_errors=True)
    return summarize(samples)


def mkdocs_cmd(config_file: Path, strict: bool):
    def cmd(site_dir: Path) -> list[str]:
        return [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
                "--config-file", str(config_file), "--site-dir", str(site_dir)]
    return cmd


# ---------------------------------------------------------------------------
# The bare build's configuration
# ---------------------------------------------------------------------------

def _plain(value):
    """A config value as plain YAML data, without unset (None) or empty options."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items() if v is not None and v != {} and v != []}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def i18n_options(mkdocs_config) -> dict:
    """The i18n plugin's options and languages as mkdocs.yml gives them (defaults left out)."""
    return _plain(mkdocs_config.plugins["i18n"].config)


def bare_config(mkdocs_config, docs_dir: Path, site_dir: Path) -> dict:
    """mkdocs.yml for the bare build: the same pages, languages, theme name, features, palette,
    Markdown extensions and excluded files; no custom_dir, hooks or other plugins."""
    theme = mkdocs_config["theme"]
    extensions = [name if name not in mkdocs_config["mdx_configs"] else {name: mkdocs_config["mdx_configs"][name]}
                  for name in mkdocs_config["markdown_extensions"]]
    exclude = mkdocs_config["exclude_docs"]
    return {
        "site_name": mkdocs_config["site_name"],
        "site_url": mkdocs_config["site_url"],
        "use_directory_urls": mkdocs_config["use_directory_urls"],
        "docs_dir": str(Path(docs_dir).resolve()),
        "site_dir": str(site_dir),
        "exclude_docs": "\n".join(p.pattern for p in exclude.patterns) + "\n" if exclude else None,
        "theme": {"name": theme.name, "features": list(theme["features"]), "palette": _plain(theme["palette"])},
        "plugins": ["search", {"i18n": i18n_options(mkdocs_config)}],
        "markdown_extensions": extensions,
        "nav": mkdocs_config["nav"],
    }


def write_bare_config(folder: Path, site_dir: Path) -> Path:
    from scripts.config.site import SiteConfig

    site = SiteConfig()
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(bare_config(site.mkdocs, site.docs_dir, site_dir),
                                   allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# Projects with fewer or more languages
# ---------------------------------------------------------------------------

def plan_languages(languages: list[dict], count: int) -> list[dict]:
    """`count` language entries for mkdocs.yml, the default (en) last. Up to the real number:
    the default plus the first count-1 translations. Beyond: synthetic languages, each with
    a `source` key naming the real folder it copies, taken from each real translation in turn."""
    default = next(lang for lang in languages if lang.get("default"))
    translations = [lang for lang in languages if not lang.get("default")]
    if count < 1:
        raise ValueError("at least one language")
    if count <= len(languages):
        return translations[:count - 1] + [default]
    used = {lang["locale"] for lang in languages}
    pools = {lang["locale"]: [c for c in SYNTHETIC_CODES.get(lang["locale"], []) if c not in used]
             for lang in translations}
    extra: list[dict] = []
    while len(translations) + len(extra) < count - 1:
        before = len(extra)
        for lang in translations:
            if pools[lang["locale"]] and len(translations) + len(extra) < count - 1:
                code = pools[lang["locale"]].pop(0)
                extra.append({**lang, "locale": code, "name": f"{lang['name']} ({code})", "source": lang["locale"]})
        if len(extra) == before:
            raise ValueError(f"not enough synthetic language codes for {count} languages")
    return translations + extra + [default]


LANGUAGES_BLOCK = re.compile(r"^(?P<indent>[ \t]*)languages:[ \t]*\n(?P<body>(?:(?P=indent)[ \t]+.*\n|[ \t]*\n)*)",
                             re.MULTILINE)


def read_languages_block(mkdocs_text: str) -> list[dict]:
    match = LANGUAGES_BLOCK.search(mkdocs_text)
    if not match:
        raise ValueError("no 'languages:' list in mkdocs.yml")
    return yaml.safe_load(textwrap.dedent(match.group("body")))


def set_languages_block(mkdocs_text: str, languages: list[dict]) -> str:
    """mkdocs.yml's text with the i18n `languages:` list replaced (the rest left as written,
    so !ENV tags and comments survive)."""
    match = LANGUAGES_BLOCK.search(mkdocs_text)
    if not match:
        raise ValueError("no 'languages:' list in mkdocs.yml")
    entries = [{k: v for k, v in lang.items() if k != "source"} for lang in languages]
    body = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=1000)
    indent = match.group("indent") + "  "
    body = textwrap.indent(body, indent)
    return mkdocs_text[:match.start("body")] + body + mkdocs_text[match.end("body"):]


def make_language_project(dest: Path, count: int, root: Path = ROOT) -> list[str]:
    """A copy of the project in `dest` with `count` languages; returns their codes (en last)."""
    copy_project(dest, root)
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    real = read_languages_block(text)
    plan = plan_languages(real, count)
    codes = [lang["locale"] for lang in plan]
    docs = dest / "docs"
    for lang in real:   # drop folders of languages left out (else they build as pages)
        if lang["locale"] not in codes:
            shutil.rmtree(docs / lang["locale"])
    for lang in plan:   # folders of synthetic languages: pages and strings.yml
        if "source" in lang:
            shutil.copytree(docs / lang["source"], docs / lang["locale"])
    config.write_text(set_languages_block(text, plan), encoding="utf-8")
    return codes


def measure_languages(runs: int, counts=LANGUAGE_COUNTS, known: dict[int, dict] | None = None) -> dict:
    """Full build time of project copies with each number of languages. `known` gives results
    already measured (the real site's full build is the 6-language point: same config, same
    pages). Builds of 12 and 24 languages take 2-4 times longer: they get fewer runs (runs_for)."""
    results = {}
    for count in counts:
        if known and count in known:
            results[str(count)] = {**known[count], "per_language_s": known[count]["median_s"] / count}
            continue
        n_runs = runs_for(count, runs)
        with tempfile.TemporaryDirectory(prefix=f"bench-{count}lang-") as folder:
            project = Path(folder) / "project"
            codes = make_language_project(project, count)
            log(f"{count} languages ({', '.join(codes)}), {n_runs} run(s)")
            try:
                summary = measure_build(mkdocs_cmd(project / "mkdocs.yml", strict=True), n_runs, cwd=project,
                                        label=f"{count} languages")
            except RuntimeError as error:   # one failing size should not lose the other measurements
                log(str(error))
                results[str(count)] = {"languages": codes, "runs": n_runs, "error": str(error)[-2000:]}
                continue
        results[str(count)] = {**summary, "languages": codes, "runs": n_runs,
                               "per_language_s": summary["median_s"] / count}
    return results


def runs_for(count: int, runs: int) -> int:
    """Runs for a language count: all of them up to the real 6; the synthetic 12 and 24 one
    each (together about 80 s a run on 2 cores: more would take --runs 5 past ~6 minutes)."""
    return runs if count <= 6 else 1


def linear_fit(points: dict[int, float]) -> tuple[float, float]:
    """Least-squares line t = a + b·n through the points; returns (a, b)."""
    xs, ys = list(points), list(points.values())
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    b = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    return mean_y - b * mean_x, b


# ---------------------------------------------------------------------------
# Where the time goes inside one build
# ---------------------------------------------------------------------------

# Runs `mkdocs build` in-process with MkDocs' event dispatch timed: for every plugin/hook event,
# the time spent in it minus the time of events nested inside it (mkdocs-static-i18n builds the
# other languages from inside its on_post_build). With "inner", also times the two steps of the
# hooks' on_post_build (patched before MkDocs loads hooks.py, which imports them by name).
PROFILE_DRIVER = r"""
import json, sys, time
from collections import defaultdict
import mkdocs.plugins
out, inner_steps, args = sys.argv[1], sys.argv[2] == "inner", sys.argv[3:]
exclusive, calls, inner, stack = defaultdict(float), defaultdict(int), defaultdict(float), [0.0]

def run_event(self, name, item=None, **kwargs):
    pass_item = item is not None
    for method in self.events[name]:
        origin = self._event_origins.get(method, "<unknown>")
        self._current_plugin = origin
        stack.append(0.0)
        start = time.perf_counter()
        result = method(item, **kwargs) if pass_item else method(**kwargs)
        elapsed = time.perf_counter() - start
        nested = stack.pop()
        stack[-1] += elapsed
        exclusive[f"{origin} on_{name}"] += elapsed - nested
        calls[f"{origin} on_{name}"] += 1
        if result is not None:
            item = result
    self._current_plugin = None
    return item

mkdocs.plugins.PluginCollection.run_event = run_event

def timed(module, name, label):
    original = getattr(module, name)
    def wrapper(*a, **k):
        start = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            inner[label] += time.perf_counter() - start
    setattr(module, name, wrapper)

if inner_steps:
    import scripts.handout.build, scripts.build.search_index
    timed(scripts.handout.build.HandoutBuild, "write", "handout PDFs (wait after the pages)")
    timed(scripts.build.search_index, "split_search_index", "search index split")
from mkdocs.__main__ import cli
start = time.perf_counter()
cli.main(args=["build", *args], standalone_mode=False)
total = time.perf_counter() - start
json.dump({"total": total, "exclusive": exclusive, "calls": calls, "inner": inner}, open(out, "w"))
"""


def profile_build(config_file: Path, strict: bool, inner_steps: bool, cwd: Path = ROOT) -> dict:
    """One in-process build with its events timed (see PROFILE_DRIVER); seconds by phase."""
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as folder:
        out = Path(folder) / "profile.json"
        cmd = [sys.executable, "-c", PROFILE_DRIVER, str(out), "inner" if inner_steps else "-",
               *(["--strict"] if strict else []), "--config-file", str(config_file),
               "--site-dir", str(Path(folder) / "site")]
        result = run_timed(cmd, cwd)
        if result["returncode"] != 0 or not out.is_file():
            raise RuntimeError(f"profiled build failed (exit {result['returncode']}):\n{result['output'][-4000:]}")
        return {**json.loads(out.read_text(encoding="utf-8")), "wall": result["seconds"]}


def phases(profile: dict, hooks_origin: str = "scripts/build/hooks.py") -> dict[str, float]:
    """A profile as named phases that add up to the in-process total: each hooks.py event
    (on_post_build split into its steps), the search plugin, and everything else."""
    result: dict[str, float] = {}
    for key, seconds in profile["exclusive"].items():
        origin, event = key.rsplit(" ", 1)
        if origin == hooks_origin:
            result[f"hooks {event}"] = result.get(f"hooks {event}", 0.0) + seconds
        elif origin.endswith("search"):
            result["search plugin (all events)"] = result.get("search plugin (all events)", 0.0) + seconds
    post_build = result.pop("hooks on_post_build", None)
    if post_build is not None:
        inner = profile.get("inner", {})
        for label, seconds in inner.items():
            result[f"hooks on_post_build: {label}"] = seconds
        result["hooks on_post_build: rest"] = max(0.0, post_build - sum(inner.values()))
    result["MkDocs, theme templates, i18n (rest)"] = profile["total"] - sum(result.values())
    result["total in-process"] = profile["total"]
    result["Python start and imports"] = profile["wall"] - profile["total"]
    small = [name for name, seconds in result.items() if name.startswith("hooks") and seconds < 0.01]
    if len(small) > 1:
        result["hooks, other events (each < 0.01 s)"] = sum(result.pop(name) for name in small)
    return result


def phase_breakdown(runs: int) -> dict:
    """Median seconds per phase of the full build and of the bare build, over `runs` profiled runs."""
    def median_phases(profiles: list[dict]) -> dict[str, float]:
        names = {name for p in profiles for name in p}
        return {name: statistics.median(p.get(name, 0.0) for p in profiles) for name in names}

    full = [phases(profile_build(ROOT / "mkdocs.yml", strict=True, inner_steps=True)) for _ in range(runs)]
    with tempfile.TemporaryDirectory(prefix="bench-bare-") as folder:
        config = write_bare_config(Path(folder), Path(folder) / "site")
        bare = [phases(profile_build(config, strict=False, inner_steps=False)) for _ in range(runs)]
    return {"runs": runs, "full": median_phases(full), "bare": median_phases(bare)}


# ---------------------------------------------------------------------------
# First-visit weight
# ---------------------------------------------------------------------------

def classify(url: str, content_type: str = "") -> str:
    path = urlsplit(url).path.lower()
    content_type = content_type.lower()
    if path.endswith("search_index.json"):
        return "search index"
    if "text/html" in content_type or path.endswith((".html", "/")):
        return "HTML"
    if "css" in content_type or path.endswith(".css"):
        return "CSS"
    if "javascript" in content_type or path.endswith((".js", ".mjs")):
        return "JS"
    if content_type.startswith("font/") or "font" in content_type or path.endswith((".woff2", ".woff", ".ttf", ".otf")):
        return "fonts"
    if content_type.startswith("image/") or path.endswith((".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico")):
        return "images"
    return "other"


def compressed_sizes(body: bytes) -> tuple[int, int]:
    import brotli

    return len(gzip.compress(body, compresslevel=9, mtime=0)), len(brotli.compress(body, quality=11))


def weight_summary(responses: list[dict]) -> dict:
    """Bytes by type, raw / gzip / brotli, from responses {url, content_type, body}."""
    groups = {group: {"count": 0, "raw": 0, "gzip": 0, "brotli": 0} for group in GROUPS}
    for response in responses:
        group = groups[classify(response["url"], response.get("content_type", ""))]
        gz, br = compressed_sizes(response["body"])
        group["count"] += 1
        group["raw"] += len(response["body"])
        group["gzip"] += gz
        group["brotli"] += br
    total = {key: sum(g[key] for g in groups.values()) for key in ("count", "raw", "gzip", "brotli")}
    return {"groups": groups, "total": total}


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_request(self, code="-", size="-"):
        self.server.requests.append((urlsplit(self.path).path, int(code) if str(code).isdigit() else 0))

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def static_server(site_dir: Path):
    """The built site on http://127.0.0.1:<free port>/; the server logs every request path."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Handler, directory=str(site_dir)))
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _served_file(site_dir: Path, path: str) -> Path:
    target = site_dir / path.lstrip("/")
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def first_visit_weight(site_dir: Path, pages=VISIT_PAGES, settle_s: float = 1.0) -> dict:
    """Load each page in a fresh Chromium context (empty cache), wait for network idle and
    then until nothing new arrives for `settle_s`; weigh every response it fetched. Requests
    the server saw but Playwright did not report (e.g. from a worker) are added from disk."""
    from playwright.sync_api import sync_playwright

    results = {}
    with static_server(site_dir) as (server, base), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for label, path in pages:
                context = browser.new_context()
                seen: list = []
                context.on("response", lambda response: seen.append(response))
                server.requests.clear()
                page = context.new_page()
                page.goto(base + path, wait_until="networkidle")
                count = -1
                while count != len(seen) + len(server.requests):   # quiet for settle_s
                    count = len(seen) + len(server.requests)
                    page.wait_for_timeout(settle_s * 1000)
                responses, urls = [], set()
                for response in seen:
                    try:
                        body = response.body()
                    except Exception:   # redirects and aborted requests have no body
                        continue
                    urls.add(urlsplit(response.url).path)
                    responses.append({"url": response.url, "status": response.status,
                                      "content_type": response.headers.get("content-type", ""), "body": body})
                server_only = [(path_, code) for path_, code in server.requests if path_ not in urls and code == 200]
                for path_, _ in server_only:
                    responses.append({"url": base + path_, "status": 200, "content_type": "",
                                      "body": _served_file(site_dir, path_).read_bytes()})
                context.close()
                summary = weight_summary(responses)
                summary["url"] = path
                summary["files"] = sorted({urlsplit(r["url"]).path: len(r["body"]) for r in responses}.items())
                summary["server_only"] = [path_ for path_, _ in server_only]
                summary["not_ok"] = sorted({(urlsplit(r["url"]).path, r["status"]) for r in responses
                                            if r["status"] >= 400})
                results[label] = summary
                log(f"  {label}: {summary['total']['count']} responses, {summary['total']['raw'] / 1000:.1f} KB raw, "
                    f"{summary['total']['brotli'] / 1000:.1f} KB brotli")
        finally:
            browser.close()
    return results


# ---------------------------------------------------------------------------
# Peak memory of a process tree
# ---------------------------------------------------------------------------

def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def _tree(pid: int) -> list[int]:
    children, tree, todo = _children_map(), [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; PSS shares pages between forked workers fairly."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return rss, pss


def peak_memory(cmd: list[str], cwd: Path = ROOT, interval_s: float = 0.05) -> dict:
    """Run cmd once, polling its whole process tree: peak of the summed RSS and PSS, the most
    processes at once, and wait4's max RSS of the largest single process. MB = 2**20 bytes."""
    peak = {"rss": 0, "pss": 0, "processes": 0}
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=_env(), stdout=output, stderr=subprocess.STDOUT)
        done = threading.Event()

        def poll():
            while not done.is_set():
                pids = _tree(proc.pid)
                sizes = [_memory_kb(pid) for pid in pids]
                peak["rss"] = max(peak["rss"], sum(s[0] for s in sizes))
                peak["pss"] = max(peak["pss"], sum(s[1] for s in sizes))
                peak["processes"] = max(peak["processes"], sum(1 for s in sizes if s[0]))
                done.wait(interval_s)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        _, status, usage = os.wait4(proc.pid, 0)
        done.set()
        poller.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"memory run failed (exit {proc.returncode}):\n{text[-4000:]}")
    return {"largest_process_max_rss_mb": usage.ru_maxrss / 1024, "tree_peak_rss_mb": peak["rss"] / 1024,
            "tree_peak_pss_mb": peak["pss"] / 1024, "max_processes": peak["processes"],
            "seconds": time.perf_counter() - start, "poll_interval_s": interval_s}


# ---------------------------------------------------------------------------
# Budgets
# ---------------------------------------------------------------------------

def evaluate_budgets(results: dict) -> list[dict]:
    """Each budget: name, rule, value, limit, passed. Missing measurements are skipped.

    - full vs bare: full median / bare median <= 2 (same 6 languages).
    - growth per language: time per language at 24 <= 1.25 x time per language at 6
      (t24/24 <= 1.25 * t6/6); lenient, since fixed start-up cost is spread over more languages.
    - growth vs linear fit: t24 <= 1.25 x the line fitted to 1, 2, 4, 6 languages extended to 24;
      strict: it catches any cost that grows faster than the number of languages.
    - first visit: brotli total of each weighed page <= 80 KB (80,000 bytes).
    """
    budgets = []
    if "bare" in results and "full" in results:
        ratio = results["full"]["median_s"] / results["bare"]["median_s"]
        budgets.append({"name": "full vs bare", "rule": f"full / bare <= {MAX_FULL_OVER_BARE:g}",
                        "value": round(ratio, 2), "limit": MAX_FULL_OVER_BARE, "passed": ratio <= MAX_FULL_OVER_BARE})
    langs = {int(k): v["median_s"] for k, v in results.get("languages", {}).items() if "median_s" in v}
    if 6 in langs and 24 in langs:
        per6, per24 = langs[6] / 6, langs[24] / 24
        budgets.append({"name": "growth per language",
                        "rule": f"(t24 / 24) / (t6 / 6) <= {MAX_GROWTH:g}",
                        "value": round(per24 / per6, 2), "limit": MAX_GROWTH, "passed": per24 <= MAX_GROWTH * per6})
        small = {n: t for n, t in langs.items() if n <= 6}
        if len(small) >= 2:
            a, b = linear_fit(small)
            predicted = a + b * 24
            budgets.append({"name": "growth vs linear fit",
                            "rule": f"t24 / (line fitted on 1-6 languages, at 24) <= {MAX_GROWTH:g}",
                            "value": round(langs[24] / predicted, 2), "limit": MAX_GROWTH,
                            "passed": langs[24] <= MAX_GROWTH * predicted})
    elif results.get("languages"):   # a language count failed to build: growth is unknown
        budgets.append({"name": "growth per language", "rule": "builds at 6 and 24 languages succeed",
                        "value": None, "limit": MAX_GROWTH, "passed": False})
    for label, weight in results.get("first_visit", {}).items():
        brotli_bytes = weight["total"]["brotli"]
        budgets.append({"name": f"first visit {label}", "rule": f"brotli total <= {MAX_FIRST_VISIT_BROTLI / 1000:g} KB",
                        "value": round(brotli_bytes / 1000, 2), "limit": MAX_FIRST_VISIT_BROTLI / 1000,
                        "passed": brotli_bytes <= MAX_FIRST_VISIT_BROTLI})
    return budgets


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------

def plot_languages(languages: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    points = {int(k): v["median_s"] for k, v in languages.items() if "median_s" in v}
    xs = sorted(points)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.plot(xs, [points[x] for x in xs], "o-", label="full build (median)")
    small = {n: t for n, t in points.items() if n <= 6}
    if len(small) >= 2:
        a, b = linear_fit(small)
        ax.plot([0, max(xs)], [a, a + b * max(xs)], "--", color="grey",
                label=f"linear reference: {a:.1f} s + {b:.2f} s x languages (fit on 1-6)")
    ax.set_xlabel("languages")
    ax.set_ylabel("build time (s)")
    ax.set_title("Full build time vs number of languages")
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def format_report(results: dict, budgets: list[dict]) -> str:
    lines = []
    timings = [("bare build (all languages)", "bare"), ("full build --strict", "full"), ("checks", "checks")]
    lines.append(f"{'measurement':<30} {'median s':>9} {'min s':>7} {'max s':>7} {'CPU s':>7}  runs")
    for title, key in timings:
        if key in results:
            r = results[key]
            lines.append(f"{title:<30} {r['median_s']:>9.2f} {r['min_s']:>7.2f} {r['max_s']:>7.2f} "
                         f"{r['median_cpu_s']:>7.2f}  {len(r['runs_s'])}")
    if "bare" in results and "full" in results:
        bare, full = results["bare"], results["full"]
        lines.append(f"{'ratio full / bare':<30} {full['median_s'] / bare['median_s']:>9.2f} {'':>7} {'':>7} "
                     f"{full['median_cpu_s'] / bare['median_cpu_s']:>7.2f}")
    lines.append("(CPU s: user + system time of the process and its children, less sensitive than wall time "
                 "to other work on the machine)")
    if "bare" in results:
        lines.append(f"bare build warnings (not --strict): {results['bare']['warnings']}")
    if "checks" in results:
        lines.append(f"checks exit code {results['checks']['returncode']}: {' '.join(results['checks']['summary'])}")
    if results.get("breakdown"):
        breakdown = results["breakdown"]
        lines.append("")
        lines.append(f"where the time goes (median of {breakdown['runs']} profiled build(s), s)   full    bare")
        full, bare = breakdown["full"], breakdown["bare"]
        order = sorted((n for n in full if n.startswith("hooks")), key=lambda n: -full[n])
        order += ["search plugin (all events)", "MkDocs, theme templates, i18n (rest)", "total in-process",
                  "Python start and imports"]
        for name in order:
            lines.append(f"  {name:<52} {full.get(name, 0.0):>6.2f}  {bare[name]:>6.2f}" if name in bare
                         else f"  {name:<52} {full.get(name, 0.0):>6.2f}       -")
        lines.append("  (full's 'Python start and imports' includes WeasyPrint, which the real build imports "
                     "when MkDocs loads hooks.py)")
    if results.get("languages"):
        lines.append("")
        lines.append(f"{'languages':<10} {'median s':>9} {'s / language':>13} {'CPU s':>7}  runs")
        for count, r in results["languages"].items():
            if "error" in r:
                lines.append(f"{count:<10} build FAILED: {r['error'].strip().splitlines()[-1][:100]}")
                continue
            lines.append(f"{count:<10} {r['median_s']:>9.2f} {r['per_language_s']:>13.2f} {r['median_cpu_s']:>7.2f}"
                         f"  {r['runs']}")
        lines.append("(6 = the full build above; 12 and 24 are synthetic copies, one run each to keep the "
                     "benchmark near 6 minutes: read them as rough.)")
    if results.get("first_visit"):
        lines.append("")
        lines.append("first visit, KB (1000 bytes): raw / gzip -9 / brotli -q 11")
        header = f"{'type':<13}" + "".join(f"{label:>22}" for label in results["first_visit"])
        lines.append(header)
        for group in (*GROUPS, "total"):
            row = f"{group:<13}"
            for weight in results["first_visit"].values():
                g = weight["total"] if group == "total" else weight["groups"][group]
                row += f"{_kb(g['raw']) + ' / ' + _kb(g['gzip']) + ' / ' + _kb(g['brotli']):>22}"
            lines.append(row)
        lines.append(f"{'files':<13}" + "".join(f"{w['total']['count']:>22}" for w in results["first_visit"].values()))
    if "memory" in results:
        m = results["memory"]
        lines.append("")
        lines.append(f"peak memory of the full build: largest process {m['largest_process_max_rss_mb']:.0f} MB (max RSS); "
                     f"whole tree at once {m['tree_peak_rss_mb']:.0f} MB RSS / {m['tree_peak_pss_mb']:.0f} MB PSS "
                     f"({m['max_processes']} processes)")
    if budgets:
        lines.append("")
        lines.append("budgets")
        for b in budgets:
            lines.append(f"  {'PASS' if b['passed'] else 'FAIL'}  {b['name']:<24} {b['value']:>7} (rule: {b['rule']})")
    return "\n".join(lines)


def machine_info() -> dict:
    return {"cpu_count": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "machine": platform.machine(), "load_average_at_start": os.getloadavg()}


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.bench", description=__doc__.split("\n")[0],
                                     epilog="Details: see the module docstring (scripts/tools/bench.py).")
    parser.add_argument("--runs", type=int, default=5, help="runs of each measurement, median reported (default 5)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-output", help="output folder (default bench-output/)")
    parser.add_argument("--quick", action="store_true", help="one run of everything")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    if runs < 1:
        parser.error("--runs must be at least 1")
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict = {"runs": runs, "machine": machine_info()}

    with tempfile.TemporaryDirectory(prefix="bench-bare-") as folder:
        config = write_bare_config(Path(folder), Path(folder) / "site")
        log(f"bare build, {runs} run(s)")
        results["bare"] = measure_build(mkdocs_cmd(config, strict=False), runs, label="bare")
        results["bare_config"] = yaml.safe_load(config.read_text(encoding="utf-8"))

    log(f"full build, {runs} run(s)")
    full = measure_build(mkdocs_cmd(ROOT / "mkdocs.yml", strict=True), runs, label="full", keep_last=True)
    site_dir = Path(full.pop("site_dir"))
    results["full"] = full
    try:
        log(f"checks, {min(runs, 3)} run(s)")
        checks = [run_timed([sys.executable, "-m", "scripts.checks", "--site-dir", str(site_dir)])
                  for _ in range(min(runs, 3))]
        results["checks"] = {**summarize(checks), "returncode": checks[-1]["returncode"],
                             "summary": checks[-1]["output"].strip().splitlines()[-1:]}
        log("first visit weight")
        results["first_visit"] = first_visit_weight(site_dir)
    finally:
        shutil.rmtree(site_dir.parent, ignore_errors=True)

    log(f"where the time goes: {min(runs, 3)} profiled full and bare build(s)")
    results["breakdown"] = phase_breakdown(min(runs, 3))

    log("peak memory of one full build")
    with tempfile.TemporaryDirectory(prefix="bench-mem-") as folder:
        results["memory"] = peak_memory(mkdocs_cmd(ROOT / "mkdocs.yml", strict=True)(Path(folder) / "site"))

    log("build time vs languages")
    from scripts.config.site import SiteConfig

    real = SiteConfig()
    six = {**results["full"], "languages": real.translations + [real.source_language], "runs": runs,
           "note": "the full build of the real project"}
    results["languages"] = measure_languages(runs, known={len(real.codes): six})

    budgets = evaluate_budgets(results)
    results["budgets"] = budgets
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    results["machine"]["load_average_at_end"] = os.getloadavg()
    plot_languages(results["languages"], args.out / "languages.png")
    (args.out / "bench.json").write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n",
                                         encoding="utf-8")
    print(format_report(results, budgets))
    machine = results["machine"]
    print(f"\n{machine['cpu_count']} CPUs, Python {machine['python']}; load average (1 min) "
          f"{machine['load_average_at_start'][0]:.1f} at start, {machine['load_average_at_end'][0]:.1f} at end"
          + (f" (above {machine['cpu_count']}: other work competed with the benchmark; compare CPU s)"
             if max(machine["load_average_at_start"][0], machine["load_average_at_end"][0]) > machine["cpu_count"]
             else ""))
    print(f"\n{results['total_seconds']:.0f} s in all; wrote {args.out / 'bench.json'} and {args.out / 'languages.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
