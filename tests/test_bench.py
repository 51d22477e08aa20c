"""The benchmark's parts (python -m scripts.tools.bench): no timing and no builds. The budgets
are fed made-up measurements; one small smoke test weighs a hand-made page in Chromium."""

from __future__ import annotations

import contextlib
import gzip
import importlib.util
import json
import os
import subprocess
import sys
import types

import brotli
import pytest
import yaml
from mkdocs.plugins import PluginCollection, event_priority

from scripts.config.site import ROOT, SiteConfig
from scripts.tools.bench import bare, budgets, languages, mkdocs_yaml, page_weight, phases, report, timing
from scripts.tools.bench.__main__ import main
from scripts.tools.browser import missing_browser_message


@pytest.fixture(scope="module")
def real_config():
    return SiteConfig().mkdocs


# --- the bare build's configuration ---

def test_bare_config_keeps_languages_theme_and_extensions_and_drops_hooks(real_config, tmp_path):
    config = bare.bare_config(real_config, ROOT / "docs", tmp_path / "site")
    assert "hooks" not in config
    assert "custom_dir" not in config["theme"]
    assert config["theme"]["name"] == "material"
    assert config["theme"]["features"] == list(real_config["theme"]["features"])
    assert [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]] == ["search", "i18n"]
    i18n = config["plugins"][1]["i18n"]
    assert [lang["locale"] for lang in i18n["languages"]] == \
        [lang.locale for lang in real_config.plugins["i18n"].config.languages]
    assert i18n["languages"][-1]["default"] is True
    assert i18n["docs_structure"] == "folder" and i18n["fallback_to_default"] is True
    assert config["docs_dir"] == str((ROOT / "docs").resolve())
    assert "/*/strings.yml" in config["exclude_docs"] and "/facts.yml" in config["exclude_docs"]
    assert {"pymdownx.tasklist": {"custom_checkbox": True, "clickable_checkbox": False}} in config["markdown_extensions"]
    # It is written as plain YAML that MkDocs can read back.
    assert yaml.safe_load(yaml.safe_dump(config, allow_unicode=True)) == config


# --- projects with other numbers of languages ---

REAL = [{"locale": code, "name": code.upper()} for code in ("es", "fr", "de", "ar", "zh")] + \
       [{"locale": "en", "name": "English", "default": True}]


@pytest.mark.parametrize("count", [1, 2, 4, 6, 12, 24])
def test_language_plan_has_count_languages_with_english_last(count):
    plan = languages.plan_languages(REAL, count)
    codes = [lang["locale"] for lang in plan]
    assert len(codes) == count and len(set(codes)) == count
    assert codes[-1] == "en" and plan[-1]["default"] is True
    assert all(len(code) == 2 for code in codes)
    assert codes[:min(count, 6) - 1] == ["es", "fr", "de", "ar", "zh"][:min(count, 6) - 1]
    for lang in plan:
        assert ("source" in lang) == (lang["locale"] not in {"es", "fr", "de", "ar", "zh", "en"})


def test_synthetic_languages_copy_each_translation_in_turn():
    sources = [lang["source"] for lang in languages.plan_languages(REAL, 12) if "source" in lang]
    assert sources == ["es", "fr", "de", "ar", "zh", "es"]


def test_mkdocs_yml_gets_a_new_language_list_and_keeps_the_rest_and_its_env_tags():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    original = mkdocs_yaml.load(text)
    data = mkdocs_yaml.load(text)
    plan = languages.plan_languages(mkdocs_yaml.languages(data), 8)
    mkdocs_yaml.set_languages(data, plan)
    edited = mkdocs_yaml.dump(data)
    again = mkdocs_yaml.load(edited)
    assert [lang["locale"] for lang in mkdocs_yaml.languages(again)] == [lang["locale"] for lang in plan]
    assert "source" not in edited.split("languages:", 1)[1].split("hooks:", 1)[0]
    assert "site_url: !ENV [SITE_URL" in edited and "hooks:\n- scripts/build/hooks.py" in edited
    assert again["site_url"] == original["site_url"] == mkdocs_yaml.Tagged("!ENV", ["SITE_URL", original["site_url"].value[1]])
    mkdocs_yaml.set_languages(original, plan)
    assert again == original   # nothing else changed


def test_language_project_has_one_folder_per_language_with_strings_and_mkdocs_reads_it(tmp_path):
    codes = languages.make_language_project(tmp_path / "project", 12)
    assert len(codes) == 12 and codes[-1] == "en"
    docs = tmp_path / "project" / "docs"
    folders = sorted(p.name for p in docs.iterdir() if p.is_dir() and p.name != "assets")
    assert folders == sorted(codes)
    assert all((docs / code / "strings.yml").is_file() for code in codes)
    assert (docs / "it" / "index.md").read_text(encoding="utf-8") == (docs / "es" / "index.md").read_text(encoding="utf-8")

    small = languages.make_language_project(tmp_path / "small", 2)
    assert small == ["es", "en"]
    assert sorted(p.name for p in (tmp_path / "small" / "docs").iterdir() if p.is_dir()) == ["assets", "en", "es"]
    copy = SiteConfig(tmp_path / "small" / "mkdocs.yml")   # MkDocs itself loads the written file
    assert copy.codes == ["en", "es"]
    assert copy.site_url == SiteConfig().site_url and copy.mkdocs["hooks"]


def test_linear_fit_recovers_a_line():
    a, b = languages.linear_fit({1: 5.0, 2: 7.0, 4: 11.0, 6: 15.0})
    assert a == pytest.approx(3.0) and b == pytest.approx(2.0)


# --- first-visit weight ---

@pytest.mark.parametrize("url, content_type, group", [
    ("http://h/", "text/html", "HTML"),
    ("http://h/ar/symptoms/", "", "HTML"),
    ("http://h/assets/stylesheets/main.css", "text/css", "CSS"),
    ("http://h/assets/javascripts/bundle.js", "application/javascript", "JS"),
    ("http://h/assets/javascripts/workers/search.js", "text/javascript", "JS"),
    ("http://h/assets/fonts/a.woff2", "font/woff2", "fonts"),
    ("http://h/assets/images/favicon.svg", "image/svg+xml", "images"),
    ("http://h/ar/search/search_index.json", "application/json", "search index"),
    ("http://h/sitemap.xml", "application/xml", "other"),
])
def test_responses_are_grouped_by_type(url, content_type, group):
    assert page_weight.classify(url, content_type) == group


def test_weight_sums_raw_gzip_and_brotli_per_group_and_in_total():
    html, css = b"<p>hello hello hello</p>" * 50, b"body{color:red}" * 40
    responses = [
        {"url": "http://h/", "content_type": "text/html", "body": html},
        {"url": "http://h/a.css", "content_type": "text/css", "body": css},
        {"url": "http://h/b.css", "content_type": "text/css", "body": css},
    ]
    weight = page_weight.weight_summary(responses)
    css_group = weight["groups"]["CSS"]
    assert css_group["count"] == 2 and css_group["raw"] == 2 * len(css)
    assert css_group["gzip"] == 2 * len(gzip.compress(css, compresslevel=9, mtime=0))
    assert css_group["brotli"] == 2 * len(brotli.compress(css, quality=11))
    assert weight["groups"]["HTML"]["raw"] == len(html) and weight["groups"]["JS"]["count"] == 0
    assert weight["total"]["raw"] == len(html) + 2 * len(css)
    assert weight["total"]["brotli"] == weight["groups"]["HTML"]["brotli"] + css_group["brotli"]
    assert weight["total"]["gzip"] == weight["groups"]["HTML"]["gzip"] + css_group["gzip"]
    assert weight["total"]["brotli"] < weight["total"]["raw"]


def test_pages_weighed_are_home_and_symptoms_in_every_language_of_mkdocs_yml():
    site = SiteConfig()
    pages = dict(page_weight.visit_pages(site))
    assert len(pages) == 2 * len(site.codes)
    assert {"en", "ar", "zh"} <= set(site.codes)
    for code in site.codes:
        prefix = "" if code == site.source_language else f"{code}/"
        assert pages[f"home {code}"] == prefix and pages[f"symptoms {code}"] == f"{prefix}symptoms/"
    with pytest.raises(ValueError, match="no-such.md"):
        page_weight.visit_pages(site, {"home": "index.md", "gone": "no-such.md"})


WEIGH_A_HAND_MADE_SITE = """
import json, sys, types
from pathlib import Path
from scripts.tools.bench import page_weight
site = types.SimpleNamespace(site_url="https://example.org/sub/path/", codes=["en"], pages=["index.md"])
site.language_url = lambda code, url="": f"{site.site_url}{url}"
home = page_weight.first_visit_weight(Path(sys.argv[1]), site, pages={"home": "index.md"}, settle_s=0.2)["home en"]
print(json.dumps(home))
"""


def test_first_visit_weighs_every_same_origin_response_once_under_the_sub_path(tmp_path):
    """Smoke test (a hand-made page, a few seconds): what Chromium fetches through the project's
    static server is weighed as gzip -9 of each file; another host is aborted and listed."""
    if not page_weight.CHROMIUM.is_file():
        pytest.fail(missing_browser_message())
    css = b"body { color: #123456; margin: 0 auto; }\n" * 200
    html = (b"<!doctype html><html><head><link rel=icon href='data:,'><link rel=stylesheet href=style.css>"
            b"<link rel=stylesheet href=style.css><link rel=stylesheet href=http://192.0.2.1/other.css></head><body>"
            + b"<p>plain words for every reader</p>" * 100 + b"<img src=missing.svg alt=''></body></html>")
    not_found = b"<!doctype html><title>404</title>"
    (tmp_path / "index.html").write_bytes(html)
    (tmp_path / "style.css").write_bytes(css)
    (tmp_path / "404.html").write_bytes(not_found)
    # In a process of its own, as the benchmark runs it: Playwright's synchronous API cannot start
    # in a test process whose browser tests have one running already.
    result = subprocess.run([sys.executable, "-c", WEIGH_A_HAND_MADE_SITE, str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    home = json.loads(result.stdout.strip().splitlines()[-1])
    assert home["url"] == "/sub/path/"
    # each URL once; the missing image gets the site's 404 page, which the browser downloads too
    assert [path for path, *_ in home["files"]] == ["/sub/path/", "/sub/path/missing.svg", "/sub/path/style.css"]
    assert home["total"]["gzip"] == sum(len(gzip.compress(body, 9, mtime=0)) for body in (html, css, not_found))
    assert home["not_ok"] == [["/sub/path/missing.svg", 404]]
    assert home["other_hosts"] == ["http://192.0.2.1/other.css"]


# --- where the time goes ---

def test_phases_split_post_build_into_its_steps_and_add_up_to_the_total():
    profile = {"total": 10.0, "wall": 11.0,
               "exclusive": {"scripts/build/hooks.py on_post_build": 4.0, "scripts/build/hooks.py on_page_markdown": 1.0,
                             "scripts/build/hooks.py on_startup": 0.001, "scripts/build/hooks.py on_post_template": 0.002,
                             "material/search on_page_context": 0.5, "i18n on_post_build": 3.0},
               "inner": {"handout PDFs": 3.5, "search index split": 0.25}}
    result = phases.phases(profile)
    assert result["hooks on_post_build: handout PDFs"] == 3.5
    assert result["hooks on_post_build: rest"] == pytest.approx(0.25)
    assert result["hooks, other events (each < 0.01 s)"] == pytest.approx(0.003)
    assert result["search plugin (all events)"] == 0.5
    assert result["MkDocs, theme templates, i18n (rest)"] == pytest.approx(10.0 - 4.0 - 1.0 - 0.003 - 0.5)
    parts = [v for k, v in result.items() if k not in ("total in-process", "Python start and imports")]
    assert sum(parts) == pytest.approx(10.0)
    assert result["Python start and imports"] == pytest.approx(1.0)


def test_phases_show_loading_the_config_and_always_the_post_build_steps():
    profile = {"total": 10.0, "wall": 11.0, "load_config": 0.5,
               "exclusive": {"scripts/build/hooks.py on_post_build": 0.02, "scripts/build/hooks.py on_config": 0.001,
                             "scripts/build/hooks.py on_startup": 0.001},
               "inner": {"handout PDFs": 0.005, "search index split": 0.01}}
    result = phases.phases(profile)
    assert result["load mkdocs.yml (imports plugins, hooks.py)"] == 0.5
    assert result["hooks on_post_build: handout PDFs"] == 0.005   # small, but never folded into "other"
    assert result["hooks, other events (each < 0.01 s)"] == pytest.approx(0.002)
    assert result["MkDocs, theme templates, i18n (rest)"] == pytest.approx(10.0 - 0.5 - 0.02 - 0.002)


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_event_time_excludes_the_events_nested_inside_it(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(phases.time, "perf_counter", clock)
    timer = phases.EventTimer()

    def inner_event():
        clock.now += 3.0

    inner = timer.event("i18n on_page_markdown", inner_event)
    step = timer.step("search index split", lambda: setattr(clock, "now", clock.now + 0.5))

    def outer_event():
        clock.now += 1.0
        inner()
        inner()
        step()
        clock.now += 1.0

    timer.event("i18n on_post_build", outer_event)()
    assert timer.exclusive == {"i18n on_page_markdown": 6.0, "i18n on_post_build": 2.5}
    assert timer.calls == {"i18n on_page_markdown": 2, "i18n on_post_build": 1}
    assert timer.inner == {"search index split": 0.5}   # a step stays inside its event's time


class Plugin:
    def __init__(self):
        self.seen = []

    def on_page_markdown(self, markdown, **kwargs):
        self.seen.append("plugin")
        return markdown + " plugin"

    @event_priority(-100)
    def on_post_build(self, config):
        self.seen.append("post_build")


def _hooks_module(**names):
    module = types.ModuleType("fake_hooks")

    def on_page_markdown(markdown, **kwargs):
        return markdown + " hooks"

    module.on_page_markdown = on_page_markdown
    module.__dict__.update(names)
    return module


def test_timed_plugins_run_every_event_in_mkdocs_order_and_are_removed_afterwards():
    plugin, hooks = Plugin(), _hooks_module()
    original = PluginCollection()
    original["first"] = plugin
    original["hooks.py"] = hooks
    timer = phases.EventTimer()
    with contextlib.ExitStack() as stack:
        timed = phases.timed_plugins(original, timer, stack)
        assert list(timed) == ["first", "hooks.py"]
        for event, methods in original.events.items():
            assert [m.__wrapped__ for m in timed.events[event]] == methods
        assert timed.events["post_build"][0].mkdocs_priority == -100
        assert timed.run_event("page_markdown", "text", page=None) == "text plugin hooks"
        assert timer.calls == {"first on_page_markdown": 1, "hooks.py on_page_markdown": 1}
    assert "on_page_markdown" not in vars(plugin) and hooks.on_page_markdown.__name__ == "on_page_markdown"
    assert not hasattr(hooks.on_page_markdown, "__wrapped__")


def test_timed_plugins_of_the_real_site_register_as_many_handlers_as_mkdocs(real_config):
    with contextlib.ExitStack() as stack:
        timed = phases.timed_plugins(real_config.plugins, phases.EventTimer(), stack)
        assert {name: len(m) for name, m in timed.events.items()} == \
            {name: len(m) for name, m in real_config.plugins.events.items()}


class FakeHandouts:
    def write(self, site_dir):
        return ["written"]


def test_inner_steps_are_timed_where_the_hooks_find_them_and_put_back():
    split = lambda *args: "split"   # noqa: E731
    hooks = _hooks_module(HandoutBuild=FakeHandouts, split_search_index=split)
    timer = phases.EventTimer()
    with contextlib.ExitStack() as stack:
        phases.wrap_inner_steps(hooks, timer, stack)
        assert FakeHandouts().write("site") == ["written"] and hooks.split_search_index() == "split"
    assert set(timer.inner) == {"handout PDFs (wait after the pages)", "search index split"}
    assert hooks.split_search_index is split and "write" in vars(FakeHandouts)
    assert FakeHandouts.write.__name__ == "write" and not hasattr(FakeHandouts.write, "__wrapped__")


def test_a_timed_step_that_disappeared_stops_the_profile_with_its_name():
    hooks = _hooks_module(HandoutBuild=FakeHandouts)   # no split_search_index any more
    with contextlib.ExitStack() as stack, pytest.raises(phases.StepMissing, match="split_search_index"):
        phases.wrap_inner_steps(hooks, phases.EventTimer(), stack)
    assert "write" in vars(FakeHandouts) and not hasattr(FakeHandouts.write, "__wrapped__")


def test_the_real_hooks_still_have_the_steps_the_profile_times():
    spec = importlib.util.spec_from_file_location("bench_hooks_check", ROOT / phases.HOOKS_ORIGIN)
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    with contextlib.ExitStack() as stack:
        phases.wrap_inner_steps(hooks, phases.EventTimer(), stack)


# --- budgets, the report and the exit code ---

def _point(seconds: float, runs: int = 3) -> dict:
    return {"median_s": seconds, "min_s": seconds, "max_s": seconds, "runs_s": [seconds] * runs,
            "median_cpu_s": seconds, "per_language_s": seconds, "warnings": 0}


def _results(full=10.0, bare_s=5.0, langs=None, gzip_bytes=50_000, runs=3, serve=1.5, pdfs_from_cache=0) -> dict:
    """Measurements that pass every budget, unless told otherwise."""
    langs = langs or {n: 2.0 + 1.0 * n for n in (1, 2, 4, 6, 12, 24)}
    return {"runs": runs, "bare": _point(bare_s, runs), "full": {**_point(full, runs), "pdfs_from_cache": pdfs_from_cache},
            "serve": {"pages": {"docs/fr/symptoms.md": _point(serve, runs), "docs/en/symptoms.md": _point(1.0, runs)}},
            "languages": {str(n): {**_point(t, runs), "per_language_s": t / n} for n, t in langs.items()},
            "first_visit": {label: {"total": {"count": 1, "raw": 3 * gzip_bytes, "gzip": gzip_bytes,
                                              "brotli": gzip_bytes - 5_000},
                                    "groups": {g: {"count": 0, "raw": 0, "gzip": 0, "brotli": 0}
                                               for g in page_weight.GROUPS}}
                            for label in ("home en", "symptoms ar")}}


def _budget(results, name):
    return next(b for b in budgets.evaluate_budgets(results) if b.name == name)


def _run(results, tmp_path, capsys) -> tuple[int, str]:
    """What the command line does after measuring (without the plot, which takes a second):
    its exit code and output."""
    code = report.conclude(results, tmp_path / "out", plot=False)
    return code, capsys.readouterr().out


QUADRATIC = {n: 2.0 + 0.2 * n * n for n in (1, 2, 4, 6, 12, 24)}


def _heavy_home_page() -> dict:
    results = _results()
    results["first_visit"]["home en"]["total"]["gzip"] = 64_001
    return results


FAILING = {   # budget line -> measurements that fail it, and only it
    "full vs bare": lambda: _results(full=15.1, bare_s=5.0),
    "growth to 24 languages": lambda: _results(langs=QUADRATIC),
    "first visit home en": _heavy_home_page,
    "serve reaction fr": lambda: _results(serve=2.01),
}


def test_passing_measurements_pass_every_budget_and_exit_0(tmp_path, capsys):
    code, out = _run(_results(), tmp_path, capsys)
    assert code == 0
    for name in ("full vs bare", "growth to 24 languages", "serve reaction", "first visit home en",
                 "first visit symptoms ar"):
        assert f"PASS  {name}" in out
    assert "FAIL" not in out


@pytest.mark.parametrize("name", list(FAILING))
def test_a_failing_budget_prints_fail_with_its_value_and_rule_and_exits_1(name, tmp_path, capsys):
    code, out = _run(FAILING[name](), tmp_path, capsys)
    assert code == 1
    lines = [line.strip() for line in out.splitlines() if line.strip().startswith(("PASS", "FAIL"))]
    assert [line for line in lines if line.startswith("FAIL")] == [next(line for line in lines if f"  {name} " in line)]
    failed = next(line for line in lines if line.startswith("FAIL"))
    assert failed.startswith(f"FAIL  {name} ") and "rule: " in failed
    budget = _budget(FAILING[name](), name)
    assert budget.measured in failed and budget.rule in failed


def test_full_over_three_times_bare_fails_and_at_three_times_passes():
    assert _budget(_results(full=15.1, bare_s=5.0), "full vs bare").passed is False
    assert _budget(_results(full=15.0, bare_s=5.0), "full vs bare").passed is True
    assert _budget(_results(full=15.1, bare_s=5.0), "full vs bare").measured == "3.02 x"


def test_full_vs_bare_is_not_judged_when_the_full_build_took_pdfs_from_the_cache():
    budget = _budget(_results(pdfs_from_cache=3), "full vs bare")
    assert budget.passed is False and budget.value is None and "PDF_CACHE=false" in budget.note
    assert _budget(_results(pdfs_from_cache=0), "full vs bare").passed is True


def test_the_full_build_counts_the_pdfs_its_log_says_came_from_the_cache():
    log = "INFO - site: Handout PDFs written; waited 0.01 s; 12 PDFs: 2 rendered, 10 from the cache .cache/pdf\n"
    assert timing.pdfs_from_cache(log) == 10
    assert timing.pdfs_from_cache(log.replace("2 rendered, 10", "12 rendered, 0")) == 0
    assert timing.pdfs_from_cache("INFO - Handout PDFs not made") is None
    assert timing.build_env()["PDF_CACHE"] == "false"     # every build of the benchmark renders from cold


def test_serve_reaction_over_2_s_fails_and_at_2_s_passes():
    assert _budget(_results(serve=2.01), "serve reaction fr").passed is False
    assert _budget(_results(serve=2.0), "serve reaction fr").passed is True
    assert _budget(_results(serve=1.234), "serve reaction fr").measured == "1.23 s"


def test_each_edited_page_has_its_own_serve_budget():
    results = _results(serve=1.0)
    results["serve"]["pages"]["docs/en/symptoms.md"] = _point(2.5)
    budgets_ = {b.name: b for b in budgets.evaluate_budgets(results) if b.name.startswith("serve")}
    assert sorted(budgets_) == ["serve reaction en", "serve reaction fr"]
    assert budgets_["serve reaction fr"].passed and not budgets_["serve reaction en"].passed
    assert "docs/en/symptoms.md edited" in budgets_["serve reaction en"].note


def test_missing_measurements_fail_their_budgets_and_exit_1(tmp_path, capsys):
    code, out = _run({"errors": {"first_visit": "Error: Chromium not found"}}, tmp_path, capsys)
    assert code == 1
    for name in ("full vs bare", "growth to 24 languages", "serve reaction", "first visit"):
        assert f"FAIL  {name}" in out
    assert "Chromium not found" in out


def test_an_error_in_a_measurement_without_a_budget_still_exits_1(tmp_path, capsys):
    results = _results()
    results["errors"] = {"breakdown": "StepMissing: hooks.py has no split_search_index any more"}
    code, out = _run(results, tmp_path, capsys)
    assert code == 1 and "split_search_index" in out and "FAIL" not in out


def test_command_line_writes_the_table_the_date_the_cpu_count_and_the_plot(tmp_path, capsys):
    assert main(["--out", str(tmp_path / "out")], measure=lambda runs: _results(runs=runs)) == 0
    asked = []
    quick = main(["--quick", "--out", str(tmp_path / "quick")],
                 measure=lambda runs: asked.append(runs) or {k: v for k, v in _results(runs=runs).items()
                                                             if k != "languages"})
    assert asked == [1] and quick == 1 and "FAIL  growth to 24 languages" in capsys.readouterr().out
    written = json.loads((tmp_path / "out" / "bench.json").read_text(encoding="utf-8"))
    assert written["date"][:2] == "20" and written["machine"]["cpu_count"] == os.cpu_count()
    assert written["exit_code"] == 0 and {b["name"] for b in written["budgets"]} >= {"full vs bare"}
    table = (tmp_path / "out" / "report.txt").read_text(encoding="utf-8")
    assert "PASS  full vs bare" in table and "first visit" in table and "24" in table
    assert (tmp_path / "out" / "languages.png").stat().st_size > 0


def test_help_runs_without_building(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--runs" in out and "--out" in out and "--quick" in out


def test_the_serve_command_alone_exits_1_when_its_budget_fails(capsys):
    from scripts.tools.bench.serve import EDITED_PAGES, main

    asked = []

    def measured(seconds):
        def measure(runs, edited):
            asked.append(edited)
            return {"pages": {f"docs/{language}/{page}": {"median_s": seconds, "runs_s": [seconds] * runs}
                              for language, page in edited}, "log_tail": []}
        return measure

    assert main(["3", "en", "symptoms.md"], measure=measured(6.9)) == 1
    assert "FAIL  serve reaction en" in capsys.readouterr().out
    assert main([], measure=measured(1.04)) == 0
    out = capsys.readouterr().out
    assert "PASS  serve reaction fr" in out and "PASS  serve reaction en" in out
    assert asked == [(("en", "symptoms.md"),), EDITED_PAGES]


def test_the_suite_time_command_exits_1_over_its_budget_or_when_a_test_fails(capsys):
    from scripts.tools.bench.suite_time import main

    def ran(seconds, returncode=0):
        return lambda args: {"seconds": seconds, "returncode": returncode, "summary": "839 passed"}

    assert main([], run=ran(120.0)) == 0
    assert "PASS  test suite" in capsys.readouterr().out
    assert main([], run=ran(121.0)) == 1
    out = capsys.readouterr().out
    assert "FAIL  test suite" in out and " 121 s   rule: every test passes, within 120 s" in out
    assert main([], run=ran(60.0, returncode=1)) == 1
    assert "pytest exited 1" in capsys.readouterr().out
