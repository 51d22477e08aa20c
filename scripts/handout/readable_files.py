"""The folders whose files WeasyPrint may read for a PDF (enforced by fetcher.py). Kept apart
from the fetcher, which loads WeasyPrint, so that the PDF cache can hash them cheaply."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def allowed_folders(docs_dir: Path) -> list[Path]:
    """The handout's template and style, the site's shared images, and the shipped body font."""
    import fontpkg_atkinson_hyperlegible

    return [HERE, (docs_dir / "assets").resolve(), Path(fontpkg_atkinson_hyperlegible.__file__).resolve().parent]
