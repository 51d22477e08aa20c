"""What readers download stays small: compact HTML, CSS and search indexes."""

from scripts.build.css_minify import minify_css
from scripts.build.html_whitespace import strip_indentation
from scripts.build.search_index import compact


def test_css_minifier_keeps_selectors_and_values():
    css = "/* note */\n.md-typeset a:hover,\n.b :focus-visible {\n  font: 1rem \"Noto Sans\", sans-serif;\n}\n"
    assert minify_css(css) == '.md-typeset a:hover, .b :focus-visible{font: 1rem "Noto Sans", sans-serif;}'


def test_built_style_sheet_is_minified(built_site):
    css = (built_site / "assets" / "stylesheets" / "extra.css").read_text()
    assert "/*" not in css and "\n" not in css and "--md-text-font" in css


def test_html_indentation_is_dropped_but_preformatted_text_is_kept():
    assert strip_indentation("<p>\n    a\n\n\n  b</p>") == "<p>\na\nb</p>"
    assert strip_indentation("<pre>\n    code</pre>") == "<pre>\n    code</pre>"


def test_search_index_text_is_plain_words():
    assert compact("<p>Foot   <em>turns</em>\n in</p>") == "Foot turns in"
