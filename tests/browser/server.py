"""A tiny static server that serves a built site under a sub-path, as GitHub Pages does.

http://127.0.0.1:<port>/runners-dystonia/symptoms/ -> <site>/symptoms/index.html
Anything it cannot find gets the site's 404.html with status 404 (GitHub Pages does the same).
"""

from __future__ import annotations

import http.server
import threading
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"  # set by SiteServer on a subclass

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass

    def _resolve(self) -> Path | None:
        """The file a request maps to, or None when GitHub Pages would answer 404."""
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return None
        relative = path[len(self.prefix):]
        root = Path(self.directory).resolve()
        target = (root / relative).resolve()
        if root != target and root not in target.parents:
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def _send_not_found(self, head_only: bool) -> None:
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def _serve(self, head_only: bool) -> None:
        path = urlsplit(self.path).path
        if path + "/" == self.prefix:  # /runners-dystonia -> /runners-dystonia/
            self.send_response(301)
            self.send_header("Location", self.prefix)
            self.end_headers()
            return
        if self._resolve() is None:
            self._send_not_found(head_only)
            return
        # SimpleHTTPRequestHandler redirects folders without a slash and guesses types.
        super().do_HEAD() if head_only else super().do_GET()

    def do_GET(self):
        self._serve(head_only=False)

    def do_HEAD(self):
        self._serve(head_only=True)

    def translate_path(self, path):
        path = unquote(urlsplit(path).path)
        return str(Path(self.directory) / path[len(self.prefix):])


class SiteServer:
    """Serve `site_dir` at http://127.0.0.1:<free port><prefix> in a background thread."""

    def __init__(self, site_dir: Path, prefix: str = "/"):
        if not (prefix.startswith("/") and prefix.endswith("/")):
            raise ValueError(f"prefix must start and end with '/': {prefix!r}")
        handler = type("Handler", (SubPathHandler,), {"prefix": prefix})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), partial(handler, directory=str(Path(site_dir).resolve())))
        self.httpd.daemon_threads = True
        self.host = f"127.0.0.1:{self.httpd.server_address[1]}"
        self.origin = f"http://{self.host}"
        self.base_url = self.origin + prefix
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="site-server", daemon=True)

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def url(self, path: str = "") -> str:
        """Absolute URL of a path below the site root ('es/symptoms/')."""
        return self.base_url + path.lstrip("/")
