"""How pytest-xdist shares the tests out between its worker processes (./scripts/run test runs
one per core and one more: `worker_count`). Each test file goes whole to one worker, so a
module fixture is made once (the shared build of the allow-list cases in test_safety.py, the
emptied screenshots folder); but the per-page tests of test_accessibility.py and test_pages.py,
which read the same visit of a page (the session fixture `audit`), go page by page, each page's
two tests together: the page audit is the longest piece of work in the suite and is split
between the workers.

The order the workers take them in: the largest first, as xdist does (a long file started last
would keep one worker busy alone at the end), and the pages of the audit last: each is a second
or two of work, the smallest pieces there are, which even out the workers' ends. The files
of WHILE_THE_SITE_BUILDS come second: the largest file (test_booklet.py) starts the shared
build of the site, which keeps both cores busy for its first ten seconds or so; the other
workers would only wait for it, and these files need no built site and mostly wait themselves
(for slow test servers, for PDF workers that sleep), so they cost the build almost nothing."""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

PAGE_AUDIT_FILES = ("tests/browser/test_accessibility.py", "tests/browser/test_pages.py")
PAGE_SCOPE = "page "      # the audit of one page, in both files: "page [es/symptoms/]"
WHILE_THE_SITE_BUILDS = ("tests/test_external_links.py", "tests/test_pdf_workers.py")


def worker_count(cores: int) -> int:
    """How many workers `-n auto` starts: one per core, and one more. A worker often waits (for a
    browser's next frame, a test server, a build in another process) and leaves its core idle;
    the extra worker's tests fill those waits. Two more cost more than they fill: each worker has
    its own browser. (To compare: `./scripts/run python -m scripts.tools.bench.suite_time -n 2`,
    then `-n 3` and `-n 4`, on an idle machine.)"""
    return cores + 1


def scope_of(nodeid: str) -> str:
    file, _, test = nodeid.partition("::")
    if file in PAGE_AUDIT_FILES and test.endswith("]"):
        return PAGE_SCOPE + test[test.index("["):]
    return file


def in_scope_order(items: list) -> list:
    """The collected tests, each scope's together, in the order described above."""
    scopes: dict[str, list] = {}
    for item in items:
        scopes.setdefault(scope_of(item.nodeid), []).append(item)
    files = sorted((scope for scope in scopes if not scope.startswith(PAGE_SCOPE)),
                   key=lambda scope: -len(scopes[scope]))                 # (stable: ties keep their order)
    early = [scope for scope in WHILE_THE_SITE_BUILDS if scope in scopes]
    pages = [scope for scope in scopes if scope.startswith(PAGE_SCOPE)]
    rest = [scope for scope in files if scope not in early]
    order = rest[:1] + early + rest[1:] + pages
    return [item for scope in order for item in scopes[scope]]


class FileOrPageScheduling(LoadScopeScheduling):
    def __init__(self, config, log=None):
        super().__init__(config, log)
        # The scopes are handed out in collection order, which tests/conftest.py sets (in_scope_order).
        config.option.loadscopereorder = False

    def _split_scope(self, nodeid: str) -> str:
        return scope_of(nodeid)
