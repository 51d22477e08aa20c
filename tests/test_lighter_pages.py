"""The two post-build steps that lighten a first visit: search loads when it is opened
(scripts/build/lazy_search.py) and Material's unused CSS is dropped (scripts/build/unused_css.py).
Each transform on a small input, each guard on a changed input, and both on the real build."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from scripts.build.lazy_search import EDITS, ON_DEMAND_WORKER, LazySearchError, load_search_on_demand, \
    load_search_on_demand_code
from scripts.build.unused_css import MUST_KEEP, NODE_TOOLS, UnusedCssError, check_kept, drop_unused_css, \
    used_variables, purge, selectors
from tests.helpers import MATERIAL_CSS

NODE = shutil.which("node")


# --------------------------------------------------------------------------------------------
# Search on demand
# --------------------------------------------------------------------------------------------
def fake_bundle() -> str:
    return "a;" + ";".join(edit.old for edit in EDITS) + ";b"


def test_the_three_edits_replace_materials_code():
    patched = load_search_on_demand_code(fake_bundle())
    assert patched == "a;" + ";".join(edit.new for edit in EDITS) + ";b"


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.name)
def test_a_changed_material_bundle_stops_the_build(edit):
    with pytest.raises(LazySearchError) as error:
        load_search_on_demand_code(fake_bundle().replace(edit.old, "changed code"), "bundle.x.min.js")
    assert f"bundle.x.min.js contains the code of the '{edit.name}' edit 0 times" in str(error.value)
    assert "scripts/build/lazy_search.py" in str(error.value)


def test_code_found_twice_stops_the_build_too():
    with pytest.raises(LazySearchError, match="'setup' edit 2 times"):
        load_search_on_demand_code(fake_bundle() + EDITS[1].old)


def test_the_step_patches_the_bundle_file(tmp_path):
    folder = tmp_path / "assets" / "javascripts"
    folder.mkdir(parents=True)
    (folder / "bundle.abc.min.js").write_text(fake_bundle())
    load_search_on_demand(tmp_path)
    assert (folder / "bundle.abc.min.js").read_text() == load_search_on_demand_code(fake_bundle())


@pytest.mark.skipif(NODE is None, reason="needs node")
def test_the_stand_in_makes_the_worker_at_the_first_message_and_passes_its_answers_on():
    script = f"""
    const made = [], sent = [];
    globalThis.Worker = class {{ constructor(url) {{ made.push(url); globalThis.real = this; }}
                                 postMessage(m) {{ sent.push(m); }} }};
    const e = "workers/search.js";
    const worker = {ON_DEMAND_WORKER};
    const heard = [];
    worker.addEventListener("message", event => heard.push(event.data));
    const before = made.length;
    worker.postMessage("setup"); worker.postMessage("query");
    real.onmessage({{data: "ready"}});
    console.log(JSON.stringify({{before, made, sent, heard}}));
    """
    result = subprocess.run([NODE, "-e", script], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == {"before": 0, "made": ["workers/search.js"],
                                         "sent": ["setup", "query"], "heard": ["ready"]}


def test_the_built_bundle_loads_search_on_demand(built_site):
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    for edit in EDITS:
        assert edit.new in bundle and edit.old not in bundle, edit.name


# --------------------------------------------------------------------------------------------
# Unused CSS
# --------------------------------------------------------------------------------------------
def test_variables_a_style_sheet_uses_are_listed():
    css = ".a{color:var(--md-primary-fg-color);box-shadow:var( --md-shadow-z3 )}.b{color:var(--md-primary-fg-color)}"
    assert used_variables(css) == ["--md-primary-fg-color", "--md-shadow-z3"]


def test_selectors_are_split_at_top_level_commas_only():
    css = "/* x{} */.a,.b:is(.c,.d){x:1}@media print{[e=\"f,g\"] .h{y:2}}"
    assert selectors(css) == {".a", ".b:is(.c,.d)", '[e="f,g"] .h'}


@pytest.mark.skipif(not (NODE_TOOLS / "purgecss").is_dir(), reason="PurgeCSS not installed (./scripts/run installs it)")
def test_purgecss_keeps_what_pages_javascript_and_safelist_use(tmp_path):
    css = tmp_path / "main.css"
    css.write_text(":root{--used:1px;--ours:2px;--unused:3px}"
                   ".on-page{margin:var(--used)}.nowhere{margin:var(--unused)}.from-js{color:red}"
                   ".md-search-result__teaser{color:blue}.md-nav__link--passed{color:green}"
                   "[data-md-color-scheme=any-value]{color:black}"
                   "@keyframes kept{to{opacity:1}}@keyframes lost{to{opacity:0}}.on-page{animation:kept 1s}")
    page, script = tmp_path / "page.html", tmp_path / "bundle.js"
    page.write_text('<p class="on-page">x</p>')
    script.write_text('e.classList.add("from-js")')
    out = purge([css], [page, script], ["--ours"])[css]
    for kept in (".on-page", ".from-js", ".md-search-result__teaser", ".md-nav__link--passed",
                 "[data-md-color-scheme=any-value]", "--used:", "--ours:", "@keyframes kept"):
        assert kept in out
    for dropped in (".nowhere", "--unused", "@keyframes lost"):
        assert dropped not in out


def test_a_failing_purgecss_stops_with_its_own_message_and_how_to_reinstall(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<p class="on-page">x</p>')
    with pytest.raises(UnusedCssError, match=r"(?s)PurgeCSS failed: Error: no style sheet at .*no-such.css.*npm ci --prefix tests/support/node"):
        purge([tmp_path / "no-such.css"], [page], [])


def test_purge_without_purgecss_says_how_to_install_it(tmp_path):
    with pytest.raises(UnusedCssError, match="PurgeCSS is not installed.*./scripts/run build"):
        purge([tmp_path / "a.css"], [], [], node_tools=tmp_path)


def test_a_renamed_material_rule_stops_the_build():
    css = ",".join(MUST_KEEP["main"][1:]) + "{x:1}"
    with pytest.raises(UnusedCssError, match=r"has no rule for '\.md-search-result__item' any more"):
        check_kept("main", css, css)


def test_a_rule_purgecss_dropped_stops_the_build():
    before = ",".join(MUST_KEEP["main"]) + "{x:1}"
    after = ",".join(MUST_KEEP["main"][:-1]) + "{x:1}"
    with pytest.raises(UnusedCssError, match="PurgeCSS removed .* Add the classes .* to SAFELIST"):
        check_kept("main", before, after)


def test_materials_style_sheets_must_be_there(tmp_path):
    (tmp_path / "assets" / "stylesheets").mkdir(parents=True)
    with pytest.raises(UnusedCssError, match=r"expected one main\.\*\.min\.css from Material .* found 0"):
        drop_unused_css(tmp_path, [])


def test_the_built_css_is_purged_and_keeps_what_the_site_needs(built_site):
    folder = built_site / "assets" / "stylesheets"
    for kind in MUST_KEEP:
        built = next(folder.glob(f"{kind}.*.min.css"))
        original = (MATERIAL_CSS / built.name).read_text(encoding="utf-8")
        purged = built.read_text(encoding="utf-8")
        assert len(purged) < 0.7 * len(original), f"{built.name} is hardly smaller than Material's"
        check_kept(kind, original, purged)


@pytest.mark.skipif(not (NODE_TOOLS / "purgecss").is_dir(), reason="PurgeCSS not installed (./scripts/run installs it)")
def test_a_variable_declared_in_one_sheet_and_used_in_another_stays(tmp_path, monkeypatch):
    monkeypatch.setitem(MUST_KEEP, "main", [])
    monkeypatch.setitem(MUST_KEEP, "palette", [])
    css, js = tmp_path / "assets" / "stylesheets", tmp_path / "assets" / "javascripts"
    css.mkdir(parents=True)
    js.mkdir(parents=True)
    (css / "main.1.min.css").write_text(":root{--md-hue:225deg;--md-lost:1px;--md-for-ours:2px}")
    (css / "palette.1.min.css").write_text("[data-md-color-scheme=slate]{--md-fg:hsla(var(--md-hue),15%,90%,.82)}"
                                           ".md-x{color:var(--md-fg)}")
    (css / "extra.css").write_text("body{margin:var(--md-for-ours)}")
    (js / "bundle.1.min.js").write_text("")
    (tmp_path / "index.html").write_text('<body data-md-color-scheme="slate"><p class="md-x">x</p></body>')
    drop_unused_css(tmp_path, ["assets/stylesheets/extra.css"])
    main = (css / "main.1.min.css").read_text()
    assert "--md-hue:225deg" in main and "--md-for-ours:2px" in main and "--md-lost" not in main
    assert "--md-fg:" in (css / "palette.1.min.css").read_text()
