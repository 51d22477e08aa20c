"""The real site builds in strict mode, and any warning fails the build."""

from tests.conftest import mkdocs_build
from tests.support.small_project import cut_down


def test_real_site_builds_in_strict_mode_without_warnings(built_site):
    log = (built_site / ".build-log").read_text()
    assert "WARNING" not in log, log
    assert (built_site / "index.html").is_file()
    assert (built_site / "404.html").is_file()


def test_broken_link_is_a_warning_that_fails_the_strict_build(small_project):
    # The README's own command, `mkdocs build --strict` (never -q), in a process of its own,
    # on the cut-down project (tests/support/small_project.py) in two languages, with PDFs off.
    project_copy = small_project
    cut_down(project_copy.path, languages=("en", "fr"))
    project_copy.replace("docs/en/symptoms.md", "\n# ", "\nSee [this](no-such-page.md).\n\n# ")
    result = mkdocs_build(project_copy.path, project_copy.path / "site", env={"HANDOUT_PDFS": "false"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "no-such-page.md" in output and "symptoms.md" in output
    assert "Aborted with" in output and "strict mode" in output
