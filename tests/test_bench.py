"""The benchmark's pure parts (python -m scripts.tools.bench): no timing, no builds, no browser."""

from __future__ import annotations

import brotli
import gzip
import pytest
import yaml

from scripts.tools import bench
from scripts.config.site import ROOT, SiteConfig


@pytest.fixture(scope="module")
def real_config():
    return SiteConfig().mkdocs


def test_bare_config_keeps_languages_theme_and_extensions_and_drops_hooks(real_config, tmp_path):
    config = bench.bare_config(real_config, ROOT / "docs", tmp_path / "site")
    assert "hooks" not in config
    assert "custom_dir" not in config["theme"]
    assert config["theme"]["name"] == "material"
    assert config["theme"]["features"] == list(real_config["theme"]["features"])
    assert [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]] == ["search", "i18n"]
    i18n = config["plugins"][1]["i18n"]
    assert [lang["locale"] for lang in i18n["languages"]] == ["es", "fr", "de", "ar", "zh", "en"]
    assert i18n["languages"][-1]["default"] is True
    assert i18n["docs_structure"] == "folder" and i18n["fallback_to_default"] is True
    assert config["docs_dir"] == str((ROOT / "docs").resolve())
    assert "/*/strings.yml" in config["exclude_docs"] and "/facts.yml" in config["exclude_docs"]
    assert {"pymdownx.tasklist": {"custom_checkbox": True, "clickable_checkbox": False}} in config["markdown_extensions"]
    # It is written as plain YAML that MkDocs can read back.
    assert yaml.safe_load(yaml.safe_dump(config, allow_unicode=True)) == config


REAL = [{"locale": code, "name": code.upper()} for code in ("es", "fr", "de", "ar", "zh")] + \
       [{"locale": "en", "name": "English", "default": True}]


@pytest.mark.parametrize("count", [1, 2, 4, 6, 12, 24])
def test_language_plan_has_count_languages_with_english_last(count):
    plan = bench.plan_languages(REAL, count)
    codes = [lang["locale"] for lang in plan]
    assert len(codes) == count and len(set(codes)) == count
    assert codes[-1] == "en" and plan[-1]["default"] is True
    assert all(len(code) == 2 for code in codes)
    assert codes[:min(count, 6) - 1] == ["es", "fr", "de", "ar", "zh"][:min(count, 6) - 1]
    for lang in plan:
        assert ("source" in lang) == (lang["locale"] not in {"es", "fr", "de", "ar", "zh", "en"})


def test_synthetic_languages_copy_each_translation_in_turn():
    sources = [lang["source"] for lang in bench.plan_languages(REAL, 12) if "source" in lang]
    assert sources == ["es", "fr", "de", "ar", "zh", "es"]


def test_languages_block_is_replaced_and_the_rest_of_mkdocs_yml_kept():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plan = bench.plan_languages(bench.read_languages_block(text), 8)
    edited = bench.set_languages_block(text, plan)
    assert [lang["locale"] for lang in bench.read_languages_block(edited)] == [lang["locale"] for lang in plan]
    assert "source" not in edited.split("languages:", 1)[1].split("hooks:", 1)[0]
    assert "site_url: !ENV [SITE_URL" in edited and "hooks:\n  - scripts/build/hooks.py" in edited
    assert edited.split("languages:")[0] == text.split("languages:")[0]


def test_language_project_has_one_folder_per_language_with_strings(tmp_path):
    codes = bench.make_language_project(tmp_path / "project", 12)
    assert len(codes) == 12 and codes[-1] == "en"
    docs = tmp_path / "project" / "docs"
    folders = sorted(p.name for p in docs.iterdir() if p.is_dir() and p.name != "assets")
    assert folders == sorted(codes)
    assert all((docs / code / "strings.yml").is_file() for code in codes)
    assert (docs / "it" / "index.md").read_text(encoding="utf-8") == (docs / "es" / "index.md").read_text(encoding="utf-8")

    small = bench.make_language_project(tmp_path / "small", 2)
    assert small == ["es", "en"]
    assert sorted(p.name for p in (tmp_path / "small" / "docs").iterdir() if p.is_dir()) == ["assets", "en", "es"]


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
    assert bench.classify(url, content_type) == group


def test_weight_sums_raw_gzip_and_brotli_per_group_and_in_total():
    html, css = b"<p>hello hello hello</p>" * 50, b"body{color:red}" * 40
    responses = [
        {"url": "http://h/", "content_type": "text/html", "body": html},
        {"url": "http://h/a.css", "content_type": "text/css", "body": css},
        {"url": "http://h/b.css", "content_type": "text/css", "body": css},
    ]
    weight = bench.weight_summary(responses)
    css_group = weight["groups"]["CSS"]
    assert css_group["count"] == 2 and css_group["raw"] == 2 * len(css)
    assert css_group["gzip"] == 2 * len(gzip.compress(css, compresslevel=9, mtime=0))
    assert css_group["brotli"] == 2 * len(brotli.compress(css, quality=11))
    assert weight["groups"]["HTML"]["raw"] == len(html) and weight["groups"]["JS"]["count"] == 0
    assert weight["total"]["raw"] == len(html) + 2 * len(css)
    assert weight["total"]["brotli"] == weight["groups"]["HTML"]["brotli"] + css_group["brotli"]
    assert weight["total"]["brotli"] < weight["total"]["raw"]


def _results(full=10.0, bare=5.0, langs=None, brotli_bytes=50_000):
    return {"bare": {"median_s": bare}, "full": {"median_s": full},
            "languages": {str(n): {"median_s": t} for n, t in (langs or {}).items()},
            "first_visit": {"home en": {"total": {"brotli": brotli_bytes}}}}


def _budget(budgets, name):
    return next(b for b in budgets if b["name"] == name)


def test_full_over_twice_bare_fails_and_at_twice_passes():
    assert _budget(bench.evaluate_budgets(_results(full=10.1, bare=5.0)), "full vs bare")["passed"] is False
    assert _budget(bench.evaluate_budgets(_results(full=10.0, bare=5.0)), "full vs bare")["passed"] is True


def test_growth_budgets_pass_for_linear_and_fail_for_quadratic_growth():
    linear = {n: 2.0 + 1.0 * n for n in (1, 2, 4, 6, 12, 24)}
    quadratic = {n: 2.0 + 0.2 * n * n for n in (1, 2, 4, 6, 12, 24)}
    ok = bench.evaluate_budgets(_results(langs=linear))
    bad = bench.evaluate_budgets(_results(langs=quadratic))
    for name in ("growth per language", "growth vs linear fit"):
        assert _budget(ok, name)["passed"] is True
        assert _budget(bad, name)["passed"] is False


def test_first_visit_over_80_kb_brotli_fails():
    assert _budget(bench.evaluate_budgets(_results(brotli_bytes=80_001)), "first visit home en")["passed"] is False
    assert _budget(bench.evaluate_budgets(_results(brotli_bytes=80_000)), "first visit home en")["passed"] is True


def test_linear_fit_recovers_a_line():
    a, b = bench.linear_fit({1: 5.0, 2: 7.0, 4: 11.0, 6: 15.0})
    assert a == pytest.approx(3.0) and b == pytest.approx(2.0)


def test_help_runs_without_building(capsys):
    with pytest.raises(SystemExit) as exit_:
        bench.main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--runs" in out and "--out" in out and "--quick" in out


def test_phases_split_post_build_into_its_steps_and_add_up_to_the_total():
    profile = {"total": 10.0, "wall": 11.0,
               "exclusive": {"scripts/build/hooks.py on_post_build": 4.0, "scripts/build/hooks.py on_page_markdown": 1.0,
                             "scripts/build/hooks.py on_startup": 0.001, "scripts/build/hooks.py on_post_template": 0.002,
                             "material/search on_page_context": 0.5, "i18n on_post_build": 3.0},
               "inner": {"handout PDFs": 3.5, "search index split": 0.25}}
    result = bench.phases(profile)
    assert result["hooks on_post_build: handout PDFs"] == 3.5
    assert result["hooks on_post_build: rest"] == pytest.approx(0.25)
    assert result["hooks, other events (each < 0.01 s)"] == pytest.approx(0.003)
    assert result["search plugin (all events)"] == 0.5
    assert result["MkDocs, theme templates, i18n (rest)"] == pytest.approx(10.0 - 4.0 - 1.0 - 0.003 - 0.5)
    parts = [v for k, v in result.items() if k not in ("total in-process", "Python start and imports")]
    assert sum(parts) == pytest.approx(10.0)
    assert result["Python start and imports"] == pytest.approx(1.0)


def test_growth_fails_when_a_language_count_did_not_build():
    results = _results(langs={1: 2.0, 6: 7.0})
    results["languages"]["24"] = {"error": "build failed"}
    assert _budget(bench.evaluate_budgets(results), "growth per language")["passed"] is False
