"""How the tests are shared out between pytest-xdist's workers (tests/support/xdist_scopes.py)."""

import os
import tomllib
from types import SimpleNamespace

from tests.conftest import ROOT
from tests.support.xdist_scopes import WHILE_THE_SITE_BUILDS, in_scope_order, scope_of, worker_count


def items(*nodeids):
    return [SimpleNamespace(nodeid=nodeid) for nodeid in nodeids]


def test_a_file_is_one_scope_and_the_page_audit_one_scope_per_page():
    assert scope_of("tests/test_booklet.py::test_x[en-a4]") == "tests/test_booklet.py"
    assert (scope_of("tests/browser/test_accessibility.py::test_no_axe_violations[es/symptoms/]")
            == scope_of("tests/browser/test_pages.py::test_page_loads_cleanly[es/symptoms/]")
            == "page [es/symptoms/]")
    assert scope_of("tests/browser/test_pages.py::test_the_build_has_exactly_the_pages") == "tests/browser/test_pages.py"


def test_the_largest_file_goes_first_then_the_files_that_run_while_the_site_builds_and_the_pages_last():
    early = WHILE_THE_SITE_BUILDS[0]
    collected = items("tests/test_small.py::a",
                      f"{early}::a", f"{early}::b",
                      "tests/test_large.py::a", "tests/test_large.py::b", "tests/test_large.py::c",
                      "tests/test_middle.py::a", "tests/test_middle.py::b",
                      "tests/browser/test_pages.py::t[x/]", "tests/browser/test_accessibility.py::t[x/]",
                      "tests/test_larger_than_a_page.py::a", "tests/test_larger_than_a_page.py::b")
    order = [item.nodeid for item in in_scope_order(collected)]
    assert order == ["tests/test_large.py::a", "tests/test_large.py::b", "tests/test_large.py::c",
                     f"{early}::a", f"{early}::b",
                     "tests/test_middle.py::a", "tests/test_middle.py::b",
                     "tests/test_larger_than_a_page.py::a", "tests/test_larger_than_a_page.py::b",
                     "tests/test_small.py::a",
                     "tests/browser/test_pages.py::t[x/]", "tests/browser/test_accessibility.py::t[x/]"]


def test_every_test_is_ordered_once_when_the_largest_file_also_runs_while_the_site_builds():
    early = WHILE_THE_SITE_BUILDS[0]
    collected = items(f"{early}::a", f"{early}::b", f"{early}::c", "tests/test_other.py::a")
    order = [item.nodeid for item in in_scope_order(collected)]
    assert order == ["tests/test_other.py::a", f"{early}::a", f"{early}::b", f"{early}::c"]


def test_the_suite_runs_one_worker_per_core_and_one_more(pytestconfig):
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "-n auto" in options["tool"]["pytest"]["ini_options"]["addopts"]
    assert worker_count(2) == 3
    cores = len(os.sched_getaffinity(0))
    assert pytestconfig.hook.pytest_xdist_auto_num_workers(config=pytestconfig) == cores + 1
