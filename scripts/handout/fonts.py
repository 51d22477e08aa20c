"""The fonts the handout is set in, and which characters they can draw."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# Debian's Noto fonts (scripts/apt-packages.txt) for everything Atkinson Hyperlegible lacks.
NOTO_FILES = ["/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
              "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
              "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]


def atkinson_folder() -> Path:
    import fontpkg_atkinson_hyperlegible

    return Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"


@lru_cache(maxsize=None)
def covered_characters() -> frozenset[str]:
    """Every character at least one of the handout's fonts has a glyph for."""
    from fontTools.ttLib import TTCollection, TTFont

    files = [str(path) for path in atkinson_folder().glob("*.ttf")] + [f for f in NOTO_FILES if Path(f).is_file()]
    chars: set[str] = set()
    for file in files:
        fonts = TTCollection(file).fonts if file.endswith(".ttc") else [TTFont(file, lazy=True)]
        for font in fonts:
            chars.update(chr(code) for code in font.getBestCmap())
    return frozenset(chars)


def undrawable(text: str) -> list[str]:
    """Characters of `text` that no handout font can draw (they would print as empty boxes)."""
    covered = covered_characters()
    return sorted({char for char in text if not char.isspace() and char not in covered})
