"""The site builds on ProperDocs, the maintained fork of MkDocs 1.x, to the same output as on
MkDocs: the project does not depend on which of the two provides the `mkdocs` API."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

# The only thing allowed to differ: <meta name="generator" content="mkdocs-1.6.1, …">.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
NOT_COMPARED = {".pdf", ".gz"}   # PDFs are switched off here; the .gz has the build time in it
# With PDFs off there is no booklet to weigh, so the size beside its link is left out.
PDF_SIZE = re.compile(rb'<span class="pdf-size">[^<]*</span>')


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): PDF_SIZE.sub(b"", GENERATOR.sub(b"", path.read_bytes()))
            for path in site.rglob("*") if path.is_file() and path.suffix not in NOT_COMPARED
            and path.name != ".build-log"}


def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDOUT_PDFS": "false"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    ours, theirs = files(built_site), files(site)
    assert sorted(ours) == sorted(theirs)
    different = [name for name in ours if ours[name] != theirs[name]]
    assert different == [], f"{len(different)} files differ, e.g. {different[:5]}"


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
