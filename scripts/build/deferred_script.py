"""Material's JavaScript bundle is loaded with `defer`, so that a phone paints the page before the
script has arrived and run (Lighthouse counted it as render-blocking: about 0.6 s of a 1.4 s
first paint on its simulated mobile connection).

The bundle is the page's last script and waits for DOMContentLoaded, which a deferred script
still runs before: it starts as before, only the first paint no longer waits for it. Everything
the reader needs first (text, navigation drawer, links) is HTML and CSS.

If Material's markup changes (no bundle tag, or a script after it that would now run before it),
the build stops here: look at the new markup, then update this step.
"""

from __future__ import annotations

import re

from scripts.problems import Problem, ProblemError

BUNDLE = re.compile(r'<script src="((?:\.\./|\./|/)*[^"]*?assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
SCRIPT = re.compile(r"<script\b[^>]*>")


class BundleMarkupChanged(ProblemError):
    """Material's script tags are not what this step was written for."""


def _problem(message: str, where: str) -> BundleMarkupChanged:
    return BundleMarkupChanged(Problem(
        "deferred-script", f"{where}: {message}",
        "Material's base template changed: read its new {% block scripts %}, then update or remove "
        "scripts/build/deferred_script.py.", file="scripts/build/deferred_script.py"))


def defer_bundle(html: str, where: str) -> str:
    """The page with `defer` on Material's bundle (a page without Material's header, such as a
    bare template, is left as it is)."""
    if 'class="md-toggle"' not in html:
        return html
    found = list(BUNDLE.finditer(html))
    if len(found) != 1:
        raise _problem(f"expected Material's bundle script once, found it {len(found)} times.", where)
    later = SCRIPT.search(html, found[0].end())
    if later:
        raise _problem(f"a script comes after Material's bundle ({later.group(0)}); with the bundle "
                       "deferred it would run first.", where)
    start, end = found[0].span()
    return f'{html[:start]}<script defer src="{found[0].group(1)}"></script>{html[end:]}'
