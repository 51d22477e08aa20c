"""Shared fixtures: one real strict build of the whole site, and broken copies for negative cases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.tools.project_copy import copy_project

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_build(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` exactly as the README runs it (never with -q: it hides warnings)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


class ProjectCopy:
    """A throwaway copy of the project, to break on purpose."""

    def __init__(self, path: Path, source: Path = ROOT):
        self.path = path
        copy_project(path, source)

    def file(self, relative: str) -> Path:
        return self.path / relative

    def replace(self, relative: str, old: str, new: str, count: int = 1) -> None:
        path = self.file(relative)
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not found in {relative}: the test's mutation is out of date"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    def build_in_process(self, *languages: str):
        """A real strict build inside the test process, with English and `languages` only, no PDFs."""
        from tests.support.inprocess import build_in_process
        return build_in_process(self.path, languages=("en", *languages))


def _build_the_real_site(folder: Path) -> dict:
    # With an empty PDF cache of its own: every PDF the tests read is rendered by this build,
    # whatever a developer's .cache/pdf holds (tests/test_pdf_cache.py builds again from it).
    result = mkdocs_build(ROOT, folder / "site", env={"PDF_CACHE_DIR": str(folder / "pdf-cache")})
    log = result.stdout + result.stderr
    if result.returncode == 0:
        (folder / "site" / ".build-log").write_text(log, encoding="utf-8")
    return {"returncode": result.returncode, "log": log}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once in strict mode, shared by every test that reads built pages
    (by every worker process too, under pytest-xdist: tests/support/once.py)."""
    from tests.support.once import once
    folder, result = once(tmp_path_factory, "built", _build_the_real_site)
    if result["returncode"] != 0:
        pytest.fail(f"The real site does not build:\n{result['log']}")
    return folder / "site"


@pytest.fixture
def project_copy(tmp_path) -> ProjectCopy:
    return ProjectCopy(tmp_path / "project")


@pytest.fixture(scope="session")
def small_project_source(tmp_path_factory) -> Path:
    """The project cut down to the home, symptoms and handout pages, made once per session."""
    from tests.support.small_project import cut_down
    path = tmp_path_factory.mktemp("small") / "project"
    copy_project(path, ROOT)
    cut_down(path)
    return path


@pytest.fixture
def small_project(tmp_path, small_project_source) -> ProjectCopy:
    """A throwaway copy of the cut-down project (tests/support/small_project.py), to break on
    purpose: its in-process build takes about half the time of a copy of the whole site."""
    return ProjectCopy(tmp_path / "project", small_project_source)



def pytest_collection_finish(session):
    """A test process is a one-off run, as a build is: what collection has loaded (modules, test
    items, MkDocs, WeasyPrint) lives until the end. Frozen out of Python's garbage collections,
    which then run less often (scripts/build/collection.py): with the PDFs' parsed objects that
    the tests keep, every full collection walked all of it again."""
    from scripts.build.collection import tune_for_one_build
    tune_for_one_build()


def pytest_collection_modifyitems(config, items):
    """The order the tests run in (tests/support/xdist_scopes.py): under pytest-xdist it is the
    order its workers take the files in."""
    from tests.support.xdist_scopes import in_scope_order
    items[:] = in_scope_order(items)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config):
    """`-n auto` (pyproject.toml): one worker per core this process may use, and one more."""
    from tests.support.xdist_scopes import worker_count
    return worker_count(len(os.sched_getaffinity(0)))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Under pytest-xdist (-n), share the tests out by file, and the page audit by page."""
    if config.getvalue("dist") == "load":       # the default for -n; an explicit --dist wins
        from tests.support.xdist_scopes import FileOrPageScheduling
        return FileOrPageScheduling(config, log)
    return None
