"""A patch to Material's JavaScript for a known upstream bug, applied to the built site.

Material fetches `sitemap.xml` next to every `<link rel="alternate">` in the page head, to
map pages between languages (mkdocs-material issue #6582). Its own language links point to
language home pages; ours are hreflang links to the same page in each language, with
absolute URLs as search engines want. So every page view asked the production host for
`…/es/symptoms/sitemap.xml`: a request to another host, a 404, and a console error.
The language switcher does not need it: mkdocs-static-i18n already links each language's
version of the page. We narrow Material's selector so that it matches no element.
"""

from __future__ import annotations

from pathlib import Path

from scripts.problems import Problem, ProblemError

SELECTOR = 'M("link[rel=alternate]")'
PATCHED = 'M("link[rel=alternate][data-md-sitemap]")'


class WorkaroundError(ProblemError):
    """A patch of Material no longer applies: the theme changed, the patch must be looked at."""


def workaround_problem(message: str, fix: str, file: str = "scripts/build/material_workarounds.py") -> Problem:
    return Problem("material-workaround", message, fix, file=file)


def _problem(message: str, fix: str) -> WorkaroundError:
    return WorkaroundError(workaround_problem(message, fix))


def material_bundle(site_dir: Path) -> Path:
    """Material's one JavaScript bundle in the built site (assets/javascripts/bundle.*.min.js)."""
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise _problem(f"expected one Material bundle in {site_dir}/assets/javascripts, found {len(bundles)}.",
                       "Check that Material is installed as pinned in requirements.lock.")
    return bundles[0]


def stop_alternate_sitemap_requests(site_dir: Path) -> None:
    bundle = material_bundle(site_dir)
    text = bundle.read_text(encoding="utf-8")
    if text.count(SELECTOR) != 1:
        raise _problem(f"Material's {bundle.name} no longer contains {SELECTOR} exactly once: its code changed.",
                       "Check whether mkdocs-material issue #6582 is fixed, then update or remove "
                       "scripts/build/material_workarounds.py.")
    bundle.write_text(text.replace(SELECTOR, PATCHED), encoding="utf-8")
