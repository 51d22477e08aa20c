"""Material markup that the W3C Nu Html Checker reports as an error, made valid after each page
is rendered (Material's base template has no block around it to override).

Material writes autocomplete="off" on its two hidden check boxes (the navigation drawer and the
search toggle), so that Firefox does not restore them when a page is reloaded. HTML allows
autocomplete only on text-like inputs. Without it, Firefox may reopen the drawer on a reload
after the reader left it open; nothing else changes.

If Material changes this markup, the check boxes are not found and the build stops: look at the
new markup, then update or remove this step.
"""

from __future__ import annotations

import re

from scripts.problems import Problem, ProblemError

TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" '
                    r'id="__(?:drawer|search)") autocomplete="off">')
EXPECTED_TOGGLES = 2


class MarkupChanged(ProblemError):
    """The theme's markup is not what this step was written for."""


def valid_toggles(html: str, where: str) -> str:
    """The page without autocomplete on Material's two check boxes (a page without Material's
    header, such as a bare template, is left as it is)."""
    if 'class="md-toggle"' not in html:
        return html
    fixed, count = TOGGLE.subn(r"\1>", html)
    if count != EXPECTED_TOGGLES:
        raise MarkupChanged(Problem(
            "valid-html", f"Material's check boxes (drawer and search) on {where} are not as expected: "
                          f"{count} of {EXPECTED_TOGGLES} found with autocomplete=\"off\".",
            "Material's base template changed: read its new <input class=\"md-toggle\"> markup, then update "
            "or remove scripts/build/valid_html.py.", file="scripts/build/valid_html.py"))
    return fixed
