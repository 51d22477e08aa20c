"""Material's style sheets without the rules this site never uses, made with PurgeCSS after the build.

Material ships one style sheet for all its features (code blocks, content tabs, annotations, blog,
versions, …): main.*.min.css is 138 KB, 23 KB gzip, and it blocks the first paint of every page
on a slow phone. This site uses a small part of it. PurgeCSS (npm, pinned in
tests/support/node/package-lock.json, installed by ./scripts/run) keeps, of Material's main.*.min.css
and palette.*.min.css, the rules whose classes, ids, elements and attributes occur

- in a built page (every .html file of the site, in every language), or
- in Material's JavaScript bundle (what it adds at run time and names in its code: the search
  results, tooltips, the focus-visible polyfill, md-nav__link--active, …), or
- in SAFELIST below: what the JavaScript adds at run time, kept by name so that it stays even if
  the bundle stopped spelling it out (search dialog and results, toggles' states, the colour
  scheme, tooltips, dialogs);

and the custom properties (--md-…) that kept rules use, in any of the style sheets (PurgeCSS
looks at one file at a time: main.css declares --md-hue, which only palette.css uses, so each
sheet is told what the others use), and the @keyframes that kept rules animate. Our extra.css is
not purged (every rule in it is meant).

Guards (UnusedCssError stops the build): each of Material's two style sheets is there once, and the
rules in MUST_KEEP (what search, the drawer, the colour switch and the keyboard focus need) are in
Material's CSS before and after purging. A Material upgrade that renames them, or a PurgeCSS that
drops them, fails the build instead of a page that looks broken only once someone searches.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from scripts.config.site import ROOT
from scripts.problems import Problem, ProblemError

NODE_TOOLS = ROOT / "tests" / "support" / "node" / "node_modules"
RUNNER = Path(__file__).with_name("purge_css.cjs")
STYLE_SHEETS = ("main.*.min.css", "palette.*.min.css")


def _regex(source: str) -> dict:
    return {"regex": source}


SAFELIST = {
    "standard": [
        _regex(r"^md-search"),            # the search dialog, its output and results (drawn by the JavaScript)
        _regex(r"^md-tooltip"),           # tooltips (link titles, abbreviations)
        _regex(r"^md-dialog"),            # Material's messages ("copied", …)
        _regex(r"--(active|passed|hidden|shadow|lifted|indeterminate)$"),   # states the JavaScript toggles
        "focus-visible", "js", "no-js",   # the focus polyfill; <html class="no-js"> becomes "js"
    ],
}
# Attributes the JavaScript sets to values that are not in the pages: keep every rule about them.
DYNAMIC_ATTRIBUTES = ["data-md-color-scheme", "data-md-color-switching", "data-md-scrolllock",
                      "data-md-state"]
# Selectors (as Material 9.8.1 writes them) that must be in the purged CSS: if one is missing
# from Material's own CSS, the theme changed; if PurgeCSS dropped it, the safelist is wrong.
MUST_KEEP = {
    "main": [
        ".md-search-result__item",                       # search results
        ".md-search-result__link",
        ".md-search-result__more>summary",
        ".md-search-result mark",                        # the searched word, highlighted in results
        "[data-md-toggle=search]:checked~.md-header .md-search__inner",    # search opened (phone)
        "[data-md-toggle=drawer]:checked~.md-overlay",   # navigation drawer open (phone)
        "[data-md-toggle=drawer]:checked~.md-container .md-sidebar--primary",
        ".md-nav__item .md-nav__link--active",           # the current page and section (toc.follow)
        ".md-tooltip",
        ".md-header__title--active .md-header__topic",   # page title in the header after scrolling
    ],
    "palette": ["[data-md-color-scheme=slate]"],      # dark colour scheme
}


class UnusedCssError(ProblemError):
    """Purging Material's CSS would break something, or cannot run."""


def _problem(message: str, fix: str) -> UnusedCssError:
    return UnusedCssError(Problem("unused-css", message, fix, file="scripts/build/unused_css.py"))


def used_variables(css: str) -> list[str]:
    """Custom properties a style sheet uses (var(--x)): the other style sheets must keep declaring them."""
    return sorted(set(re.findall(r"var\(\s*(--[\w-]+)", css)))


def selectors(css: str) -> set[str]:
    """Every selector of every rule in a minified style sheet (comma lists split, inside @media too)."""
    found = set()
    # (a prelude starts after a brace: anchored there, the search stays linear in the CSS's length)
    for prelude in re.findall(r"(?:^|(?<=[{}]))([^{}]+)\{", re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)):
        if prelude.lstrip().startswith("@"):
            continue
        found.update(part.strip() for part in _split_selector_list(prelude))
    return found


def _split_selector_list(prelude: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index])
            start = index + 1
    return parts + [prelude[start:]]


def check_kept(kind: str, before: str, after: str) -> None:
    """MUST_KEEP[kind] in Material's CSS (else the theme changed) and in the purged CSS."""
    had, has = selectors(before), selectors(after)
    for selector in MUST_KEEP[kind]:
        if selector not in had:
            raise _problem(f"Material's {kind} style sheet has no rule for {selector!r} any more: the theme changed.",
                           "Read Material's new CSS, find what replaced the rule, and update MUST_KEEP "
                           "(and SAFELIST if needed) in scripts/build/unused_css.py.")
        if selector not in has:
            raise _problem(f"PurgeCSS removed {selector!r} from Material's {kind} style sheet, which the site needs.",
                           "Add the classes that Material's JavaScript adds for it to SAFELIST in "
                           "scripts/build/unused_css.py.")


def _material_style_sheet(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise _problem(f"expected one {pattern} from Material in {folder}, found {len(found)}.",
                       "Check that Material is installed as pinned in requirements.lock, and update "
                       "STYLE_SHEETS in scripts/build/unused_css.py if it renamed its style sheets.")
    return found[0]


class PurgeSession:
    """One PurgeCSS process (scripts/build/purge_css.cjs) for several style sheets, which reads the
    pages once; each sheet's request may depend on what the one before kept."""

    def __init__(self, content: list[Path], node_tools: Path = NODE_TOOLS):
        node = shutil.which("node")
        purgecss = node_tools / "purgecss"
        if node is None or not (purgecss / "package.json").is_file():
            raise _problem(f"PurgeCSS is not installed ({purgecss}{'' if node else '; no node on PATH'}).",
                           "Build with ./scripts/run build: it installs Node.js and the pinned npm tools "
                           "(npm ci --prefix tests/support/node --ignore-scripts).")
        self.process = subprocess.Popen([node, str(RUNNER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self._send({"purgecss": str(purgecss), "content": [str(path) for path in content], "safelist": SAFELIST,
                    "dynamicAttributes": DYNAMIC_ATTRIBUTES, "variables": True, "keyframes": True,
                    "fontFace": True})

    def _send(self, request: dict) -> None:
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            self._failed()

    def _failed(self):
        # (stdin may be closed already: read what it said directly, not with communicate())
        self.process.kill()
        self.process.wait()
        stderr = self.process.stderr.read()
        raise _problem(f"PurgeCSS failed: {stderr.strip()[-2000:]}",
                       "Reinstall the npm tools (npm ci --prefix tests/support/node --ignore-scripts) and build again.")

    def purge(self, css: Path, variables: list[str]) -> str:
        """PurgeCSS's output for one style sheet (nothing is written); `variables`: custom
        properties to keep declared because something outside the sheet uses them."""
        self._send({"css": str(css), "variables": variables})
        line = self.process.stdout.readline()
        if not line:
            self._failed()
        return json.loads(line)["css"]

    def close(self) -> None:
        self.process.stdin.close()
        if self.process.wait() != 0:
            self._failed()

    def __enter__(self) -> "PurgeSession":
        return self

    def __exit__(self, *exc_info) -> None:
        if exc_info[0] is None:
            self.close()
        else:
            self.process.kill()
            self.process.wait()


def purge(css_files: list[Path], content: list[Path], variables: list[str], node_tools: Path = NODE_TOOLS) -> dict[Path, str]:
    """PurgeCSS's output for each style sheet (nothing is written)."""
    with PurgeSession(content, node_tools) as session:
        return {path: session.purge(path, variables) for path in css_files}


def drop_unused_css(site_dir: Path, extra_css: list[str]) -> None:
    """Purge Material's two style sheets in the built site, in place."""
    folder = site_dir / "assets" / "stylesheets"
    main, palette = (_material_style_sheet(folder, pattern) for pattern in STYLE_SHEETS)
    ours = "".join((site_dir / name).read_text(encoding="utf-8") for name in extra_css if (site_dir / name).is_file())
    content = sorted(site_dir.rglob("*.html")) + sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    before = {main: main.read_text(encoding="utf-8"), palette: palette.read_text(encoding="utf-8")}
    # main first, keeping what palette.css and ours use; then palette, keeping what the purged main uses.
    with PurgeSession(content) as session:
        after = {main: session.purge(main, used_variables(before[palette] + ours))}
        after[palette] = session.purge(palette, used_variables(after[main] + ours))
    for kind, path in (("main", main), ("palette", palette)):
        check_kept(kind, before[path], after[path])
        path.write_text(after[path], encoding="utf-8")
