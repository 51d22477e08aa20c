"""`mkdocs serve` (the README's preview command) starts and serves every language."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_mkdocs_serve_serves_english_and_arabic_pages():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        deadline = time.monotonic() + 120
        # serve puts the site under site_url's path (/runners-dystonia/ by default).
        base = f"http://127.0.0.1:{port}/runners-dystonia/"
        while True:
            try:
                home = urllib.request.urlopen(base, timeout=5).read().decode()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "mkdocs serve did not answer within 120 s"
                time.sleep(1)
        assert '<html lang="en"' in home
        arabic = urllib.request.urlopen(base + "ar/symptoms/", timeout=5).read().decode()
        assert '<html lang="ar"' in arabic and 'dir="rtl"' in arabic
    finally:
        server.terminate()
        server.wait(timeout=30)
