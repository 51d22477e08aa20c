"""A tiny static server that serves a built site under a sub-path, as GitHub Pages does.

http://127.0.0.1:<port>/runners-dystonia/symptoms/ -> <site>/symptoms/index.html
Anything it cannot find gets the site's 404.html with status 404 (GitHub Pages does the same).
With gzip on, text files are sent compressed, as GitHub Pages sends them (for Lighthouse).

    python -m scripts.tools.static_server site --prefix /runners-dystonia/ --port 8765 --gzip

Used by the browser tests and scripts/tools/lighthouse.sh.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import mimetypes
import threading
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"  # set by SiteServer on a subclass
    compress = False
    # As GitHub Pages: connections are kept open, and every answer may be cached for 10 minutes
    # (a browser then asks again only after that, as a reader's browser does).
    protocol_version = "HTTP/1.1"
    CACHE_CONTROL = "max-age=600"

    def end_headers(self):
        self.send_header("Cache-Control", self.CACHE_CONTROL)
        super().end_headers()

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
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        target = self._resolve()
        if target is None:
            self._send_not_found(head_only)
            return
        # A folder asked for without its slash is redirected by SimpleHTTPRequestHandler below.
        needs_redirect = target.name == "index.html" and not path.endswith(("/", "index.html"))
        if (self.compress and not head_only and not needs_redirect and target.suffix in COMPRESSIBLE
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(target.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", mimetypes.guess_type(target.name)[0] or "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
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

    def __init__(self, site_dir: Path, prefix: str = "/", port: int = 0, compress: bool = False):
        if not (prefix.startswith("/") and prefix.endswith("/")):
            raise ValueError(f"prefix must start and end with '/': {prefix!r}")
        handler = type("Handler", (SubPathHandler,), {"prefix": prefix, "compress": compress})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), partial(handler, directory=str(Path(site_dir).resolve())))
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.static_server", description=__doc__.split("\n")[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--prefix", default="/")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--gzip", action="store_true", help="compress text files, as GitHub Pages does")
    args = parser.parse_args(argv)
    with SiteServer(args.site_dir, args.prefix, args.port, args.gzip) as server:
        print(f"Serving {args.site_dir} at {server.base_url} (Ctrl+C to stop)")
        try:
            server.thread.join()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
