"""GitHub Actions workflows are valid (actionlint), and a broken one is caught."""

import subprocess
from pathlib import Path

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["actionlint", "-no-color", *map(str, files)], capture_output=True, text=True)


def test_workflows_pass_actionlint():
    assert WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_broken_workflow_is_reported(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n"
                      "      - run: echo ${{ github.nonsense_key }}\n")
    result = actionlint(broken)
    assert result.returncode != 0
    assert "broken.yml:6" in result.stdout


def test_deploy_runs_only_on_main_and_pull_requests_only_test_and_build():
    text = (ROOT / ".github" / "workflows" / "site.yml").read_text()
    assert "pull_request:" in text and "branches: [main]" in text
    assert "./scripts/run test" in text and "./scripts/run build" in text
    assert "if: github.event_name != 'pull_request' && github.ref == 'refs/heads/main'" in text
    assert "actions/deploy-pages@" in text
