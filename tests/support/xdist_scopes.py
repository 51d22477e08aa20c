"""How pytest-xdist shares the tests out between its worker processes (./scripts/run test runs
two, one per core): each test file goes whole to one worker, so a module fixture is made once
(the shared build of the allow-list cases in test_safety.py, the emptied screenshots folder);
but the per-page tests of test_accessibility.py and test_pages.py, which read the same visit
of a page (the session fixture `audit`), go page by page, each page's two tests together: the
page audit is the longest piece of work in the suite and is split between the workers."""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

PAGE_AUDIT_FILES = ("tests/browser/test_accessibility.py", "tests/browser/test_pages.py")


class FileOrPageScheduling(LoadScopeScheduling):
    def _split_scope(self, nodeid: str) -> str:
        file, _, test = nodeid.partition("::")
        if file in PAGE_AUDIT_FILES and test.endswith("]"):
            return "page " + test[test.index("["):]       # e.g. "page [es/symptoms/]"
        return file
