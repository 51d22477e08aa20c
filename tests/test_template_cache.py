"""Theme templates compiled once per process (scripts/build/template_cache.py): an edited template
is compiled again, and environments that compile differently do not share compiled code."""

from __future__ import annotations

import jinja2

from scripts.build.template_cache import reuse_compiled_templates


def _env(folder, **options) -> jinja2.Environment:
    return reuse_compiled_templates(jinja2.Environment(loader=jinja2.FileSystemLoader(folder), **options))


def test_a_template_is_compiled_once_and_again_when_it_changes(tmp_path):
    (tmp_path / "page.html").write_text("one {{ x }}")
    first = _env(tmp_path)
    assert first.get_template("page.html").render(x=1) == "one 1"
    cache = first.bytecode_cache
    assert len(cache.compiled) == 1
    second = _env(tmp_path)                       # the next build's new environment
    assert second.bytecode_cache is cache
    assert second.get_template("page.html").render(x=2) == "one 2"
    (tmp_path / "page.html").write_text("two {{ x }}")
    assert _env(tmp_path).get_template("page.html").render(x=3) == "two 3"


def test_environments_that_compile_differently_do_not_share(tmp_path):
    (tmp_path / "page.html").write_text("{% for i in [1, 2] %}{% if i == 1 %}{% continue %}{% endif %}{{ i }}{% endfor %}")
    plain = _env(tmp_path)
    loops = _env(tmp_path, extensions=["jinja2.ext.loopcontrols"])
    assert loops.bytecode_cache is not plain.bytecode_cache
    assert loops.get_template("page.html").render() == "2"
    escaping = _env(tmp_path, autoescape=jinja2.select_autoescape())
    assert escaping.bytecode_cache is None          # decided per template: not shared
