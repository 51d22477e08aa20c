"""The only way WeasyPrint may read a file: a fixed list of the project's own folders.

Content and a clinic's logo come from strangers. Without this, `<link rel="attachment"
href="file:///etc/passwd">` in a page, or `<image href="file:///…">` inside an SVG logo,
would copy that file into a published PDF, and an http(s):// address would make the build
connect to another host. Every other URL is refused, and the refusal stops the PDF
(FatalURLFetchingError) with a message that names the address.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher

from scripts.config.site import ROOT
from scripts.handout.readable_files import allowed_folders


class RefusedURL(FatalURLFetchingError):
    """WeasyPrint was asked for something outside the project's own files."""


class ProjectFilesFetcher(URLFetcher):
    def __init__(self, folders: list[Path]):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.folders = [folder.resolve() for folder in folders]
        # WeasyPrint swallows some failed fetches (an <image> inside an SVG): keep every refusal,
        # so that the caller can still fail loudly (see check()).
        self.refusals: list[str] = []

    def check(self) -> None:
        """Raise the first refusal, if WeasyPrint carried on without the refused file."""
        if self.refusals:
            raise RefusedURL(self.refusals[0])

    def fetch(self, url, headers=None):
        try:
            return self._fetch(url, headers)
        except RefusedURL as refusal:
            self.refusals.append(str(refusal))
            raise

    def _fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            # Made by us (QR code, the checked logo); a data: URL inside them is fetched again
            # through here, so nothing can hide behind it.
            return super().fetch(url, headers)
        if parts.scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(unquote(parts.path)).resolve()
            if any(path.is_relative_to(folder) for folder in self.folders) and path.is_file():
                return super().fetch(path.as_uri(), headers)
            raise RefusedURL(f"the handout asked to read {path}, which is not one of the site's own "
                             "files (docs/assets/, the handout template, the font). Pages and logos "
                             "cannot bring other files into a PDF.")
        raise RefusedURL(f"the handout asked to fetch {url}. PDFs are made from the project's own files "
                         "only and never connect to other hosts: save the file under docs/assets/ and "
                         "use a relative path.")


def fetcher_for(docs_dir: Path = ROOT / "docs") -> ProjectFilesFetcher:
    return ProjectFilesFetcher(allowed_folders(docs_dir))
