"""`mkdocs serve` (the README's preview command) serves each of its languages and shows each edit:
to a page, to a strings.yml and to mkdocs.yml. Nothing is kept from one build to the next."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.support.small_project import cut_down


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The languages the test reads: English, a right-to-left one and the two whose files it edits.
# Each rebuild of `serve` builds every language of the copy, so the others only cost time.
SERVED_LANGUAGES = ("en", "ar", "fr", "de")


@pytest.fixture
def served(small_project):
    """The cut-down project (tests/support/small_project.py, SERVED_LANGUAGES only) under
    `mkdocs serve` with PDFs off, and a way to read its pages."""
    cut_down(small_project.path, languages=SERVED_LANGUAGES)
    project_copy = small_project
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project_copy.path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDOUT_PDFS": "false"})
    base = f"http://127.0.0.1:{port}/runners-dystonia/"

    def page(path: str, contains: str = "", timeout: float = 120) -> str:
        """The served page, once it contains `contains` (serve rebuilds after each edit)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                html = urllib.request.urlopen(base + path, timeout=5).read().decode()
                if contains in html:
                    return html
            except OSError:
                pass
            assert server.poll() is None, server.stdout.read()
            assert time.monotonic() < deadline, f"{path} did not show {contains!r} within {timeout:.0f} s"
            time.sleep(0.1)

    try:
        yield project_copy, page
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_serves_every_language_and_shows_each_edit(served):
    project, page = served
    assert '<html lang="en"' in page("")
    arabic = page("ar/symptoms/")
    assert '<html lang="ar"' in arabic and 'dir="rtl"' in arabic

    project.replace("docs/fr/symptoms.md", "## Les signes", "Phrase ajoutée pendant l’aperçu.\n\n## Les signes")
    page("fr/symptoms/", "Phrase ajoutée pendant l’aperçu.")

    german = page("de/symptoms/")
    assert "Aktuell geprüfter Hinweis" not in german
    project.replace("docs/de/strings.yml", "disclaimer_title: Wichtig", "disclaimer_title: Aktuell geprüfter Hinweis")
    page("de/symptoms/", "Aktuell geprüfter Hinweis")

    project.replace("mkdocs.yml", '"feedback@example.org"', '"preview-edit@example.org"')
    page("symptoms/", "preview-edit@example.org")
