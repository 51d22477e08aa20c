"""Search loads when the reader opens it, not on every page view: three edits of Material's bundle.

Material 9.8 starts its search worker (assets/javascripts/workers/search.*.min.js, 12 KB gzip) and
downloads the language's search index (10-12 KB gzip) as soon as a page loads, before anyone
searches: a quarter of a first visit, on the slow phone connections many readers have. Material
already waits for the reader to open search when a site is opened from file:// (setupSearchWorker
sends the index to the worker when the "search" toggle turns on); these edits make that the rule:

1. worker:    the Worker is created when the first message is sent to it, not when the page starts
              (watchWorker's `new Worker(url)` becomes a stand-in that makes the Worker on demand);
2. setup:     the index is fetched and handed to the worker when search opens, as for file://;
3. highlight: search.highlight (?h=word in the address, on a page opened from a search result)
              asks for the index only when the address has ?h=, instead of at every page load.

Opening search (clicking the search box or the magnifier, or pressing / or s) loads both; what the
reader typed meanwhile is searched as soon as the worker is ready (Material queues the query until
the worker says it is ready). tests/browser/test_first_visit.py proves it in every language.

Each edit replaces one exact piece of Material's minified bundle that must occur exactly once.
A Material upgrade changes the bundle: the build then stops (LazySearchError) rather than ship a
search that silently never starts. Read the new code (the bundle's .map file carries the
TypeScript: integrations/search/worker, browser/worker, components/search/highlight), then update
the three pieces below or remove this step.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.build.material_workarounds import WorkaroundError, material_bundle, workaround_problem

# A stand-in for the search Worker: an EventTarget whose postMessage creates the real Worker
# (and forwards its messages) the first time it is called. `e` is the worker's URL.
ON_DEMAND_WORKER = ('(()=>{let o=new EventTarget,w;return o.postMessage=m=>{w||(w=new Worker(e),'
                    'w.onmessage=v=>o.dispatchEvent(new MessageEvent("message",{data:v.data})));'
                    'w.postMessage(m)},o})()')


@dataclass(frozen=True)
class Edit:
    name: str
    old: str     # Material 9.8.1's code, exactly once in the bundle
    new: str


EDITS = (
    Edit("worker", "function Mn(e,t=new Worker(e)){", f"function Mn(e,t={ON_DEMAND_WORKER}){{"),
    # merge(of(location.protocol !== "file:"), watchToggle("search")).pipe(first(active => active), …)
    Edit("setup", 'L($(location.protocol!=="file:"),Je("search"))', 'L($(!1),Je("search"))'),
    # combineLatest([index$, location$.pipe(startWith(…), filter(has ?h=))]) becomes
    # location$.pipe(startWith(…), filter(has ?h=), switchMap(url => index$ with url))
    Edit("highlight",
         'return z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))]).pipe(',
         'return r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),b(n=>t.pipe(m(o=>[o,n])))).pipe('),
)


class LazySearchError(WorkaroundError):
    """Material's bundle is not the code these edits were written for."""


def load_search_on_demand_code(text: str, where: str = "Material's bundle") -> str:
    """The bundle's text with the three edits made; LazySearchError when one does not fit."""
    for edit in EDITS:
        count = text.count(edit.old)
        if count != 1:
            raise LazySearchError(workaround_problem(
                f"{where} contains the code of the '{edit.name}' edit {count} times, not once: "
                f"Material's JavaScript changed ({edit.old!r}).",
                "Read the new bundle (its .map file has the TypeScript), then update EDITS in "
                "scripts/build/lazy_search.py, or remove that step from scripts/build/hooks.py "
                "(search would then load on every page again).",
                file="scripts/build/lazy_search.py"))
        text = text.replace(edit.old, edit.new)
    return text


def load_search_on_demand(site_dir: Path) -> None:
    bundle = material_bundle(site_dir)
    bundle.write_text(load_search_on_demand_code(bundle.read_text(encoding="utf-8"), bundle.name),
                      encoding="utf-8")
