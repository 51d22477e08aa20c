"""The project runs on ProperDocs, the maintained fork of MkDocs 1.x: it does not depend on which
of the two provides the `mkdocs` API. (That the site builds with ProperDocs to the same bytes as
with MkDocs, PDFs included, is tests/test_reproducible.py's: its build 400 days later is a
ProperDocs build.)"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def test_commands_import_the_mkdocs_api_through_properdocs_when_mkdocs_is_absent(tmp_path):
    # A stand-in for a machine with ProperDocs only: `import mkdocs` fails, properdocs is there.
    blocker = tmp_path / "mkdocs.py"
    blocker.write_text("raise ImportError('MkDocs is not installed')\n")
    code = ("import scripts, mkdocs.config, sys; from scripts.config.site import SiteConfig;"
            "print(mkdocs.__name__, SiteConfig().codes)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}",
                                 "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("properdocs ") and "'en'" in result.stdout
