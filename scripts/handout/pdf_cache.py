"""A content-hash cache for the site's PDFs: a PDF whose inputs did not change is copied from
the cache instead of being rendered again.

The key is a SHA-256 of everything that can change a PDF's bytes. It is conservative on
purpose: an input left out would serve a stale PDF, which is worse than a slow build.

- the PDF's kind, language and paper, and the text it is rendered from (for the handout its
  whole HTML: the page, the strings, the review line, the translation notice with the git dates
  it prints, the QR code and the site's address);
- the source files its kind names (the page in that language and in English, both strings.yml)
  and mkdocs.yml;
- every file WeasyPrint may read: the fetcher's folders (scripts/handout/fetcher.py: template,
  print style, docs/assets/, the Atkinson Hyperlegible font), and the system fonts and font
  configuration fontconfig may pick from (names, sizes and times of the files);
- the text layout libraries WeasyPrint loads (Pango, HarfBuzz, FreeType, fontconfig: their files'
  names, sizes and times);
- every Python file under scripts/ (the renderer and everything it imports), the Python version,
  and the name and version of every installed package (WeasyPrint, pydyf, segno, Markdown, ...).

An entry is one file, `<key>.pdf`: a header line (format tag, key, SHA-256 of the PDF) and the
PDF. An entry whose header, key or checksum does not match, or that is not a PDF, is never
served: the PDF is rendered again and the entry replaced. Entries are written to a temporary
file in the cache folder and renamed over the old one, so a build stopped half-way leaves no
half-written entry. Entries not used for MAX_AGE_DAYS are deleted.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import platform
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from scripts.handout.readable_files import allowed_folders

FORMAT = b"runners-dystonia-pdf-cache 1"
MAX_AGE_DAYS = 30
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "/etc/fonts", "~/.fonts", "~/.local/share/fonts")
LIBRARY_FOLDERS = ("/usr/lib", "/usr/local/lib", "/lib", "/usr/lib/{multiarch}", "/lib/{multiarch}")
LIBRARIES = ("libpango-1.0", "libpangoft2-1.0", "libharfbuzz", "libfontconfig", "libfreetype",
             "libgobject-2.0", "libglib-2.0")


@dataclass(frozen=True)
class PdfInputs:
    """What one PDF is made from, as its kind declares it (see scripts/handout/build.py)."""
    files: tuple[Path, ...]       # source files it reads (pages, strings.yml)
    text: str                     # the text it is rendered from (for the handout, its HTML)


def _hash_file(digest, path: Path) -> None:
    digest.update(f"\0file {path}\0".encode())
    try:
        digest.update(path.read_bytes())
    except OSError as error:        # a missing file is an input too: its absence is hashed
        digest.update(f"unreadable: {type(error).__name__}".encode())


def _hash_tree_contents(digest, folder: Path, suffixes: tuple[str, ...] | None = None) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and (suffixes is None or path.suffix in suffixes):
            _hash_file(digest, path)


def _hash_tree_listing(digest, folder: Path) -> None:
    """Names, sizes and times of the files (system fonts are too large to read at every build)."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            digest.update(f"\0{path} {stat.st_size} {stat.st_mtime_ns}".encode())


def _library_files() -> list[Path]:
    multiarch = sysconfig.get_config_var("MULTIARCH") or f"{platform.machine()}-linux-gnu"
    found = set()
    for folder in LIBRARY_FOLDERS:
        for name in LIBRARIES:
            found.update(Path(folder.format(multiarch=multiarch)).glob(f"{name}.so*"))
    return sorted(found)


def environment_fingerprint(root: Path, docs_dir: Path) -> str:
    """The part of every key that does not depend on the PDF: code, fonts, libraries, packages."""
    digest = hashlib.sha256(FORMAT)
    digest.update(f"python {sys.version} {platform.platform()}".encode())
    packages = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions())
    digest.update("\n".join(packages).encode())
    # The code, and the templates and print styles beside it (scripts/handout/, scripts/booklet/).
    _hash_tree_contents(digest, root / "scripts", (".py", ".html", ".css"))
    for folder in allowed_folders(docs_dir):
        _hash_tree_contents(digest, folder)
    for folder in FONT_FOLDERS:
        _hash_tree_listing(digest, Path(folder).expanduser())
    for library in _library_files():
        stat = library.stat()
        digest.update(f"\0{library} {stat.st_size} {stat.st_mtime_ns}".encode())
    return digest.hexdigest()


@dataclass
class PdfCache:
    """The cache folder of one build. The environment part of the key is worked out once."""
    folder: Path
    root: Path
    docs_dir: Path
    config_file: Path
    _environment: str | None = field(default=None, repr=False)

    def key(self, kind: str, language: str, paper: str, inputs: PdfInputs) -> str:
        if self._environment is None:
            self._environment = environment_fingerprint(self.root, self.docs_dir)
        digest = hashlib.sha256(self._environment.encode())
        digest.update(f"\0kind {kind}\0language {language}\0paper {paper}\0".encode())
        for path in (self.config_file, *inputs.files):
            _hash_file(digest, path)
        digest.update(b"\0text\0" + inputs.text.encode("utf-8"))
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.pdf"

    def get(self, key: str) -> tuple[bytes | None, str]:
        """(the PDF, "hit") when a sound entry is there; (None, "miss" or why it was refused)."""
        path = self.path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None, "miss"
        except OSError as error:
            return None, f"unreadable ({error.strerror})"
        header, _, pdf = data.partition(b"\n")
        parts = header.rsplit(b" ", 2)
        if len(parts) != 3 or parts[0] != FORMAT:
            return None, "not an entry of this cache"
        if parts[1].decode("ascii", "replace") != key:
            return None, "made for another key"
        if hashlib.sha256(pdf).hexdigest().encode() != parts[2] or not pdf.startswith(b"%PDF-"):
            return None, "damaged (checksum does not match)"
        try:
            os.utime(path)       # used now: kept by prune()
        except OSError:
            pass
        return pdf, "hit"

    def put(self, key: str, pdf: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        header = b" ".join((FORMAT, key.encode(), hashlib.sha256(pdf).hexdigest().encode()))
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".writing-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(header + b"\n" + pdf)
            os.replace(temporary, self.path(key))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def prune(self, max_age_days: float = MAX_AGE_DAYS) -> None:
        """Delete entries (and temporary files left by a stopped build) not used for a while."""
        oldest = time.time() - max_age_days * 86400
        for path in self.folder.glob("*"):
            try:
                if path.is_file() and path.stat().st_mtime < oldest:
                    path.unlink()
            except OSError:
                pass
