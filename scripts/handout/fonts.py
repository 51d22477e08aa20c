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
def _fonts() -> tuple[tuple[str, int], ...]:
    """(file, number in the file) of each font of the handout's set, Atkinson Hyperlegible first."""
    files = [str(path) for path in sorted(atkinson_folder().glob("*.ttf"))] + [f for f in NOTO_FILES if Path(f).is_file()]
    fonts = []
    for file in files:
        if file.endswith(".ttc"):
            from fontTools.ttLib import TTCollection
            fonts += [(file, number) for number in range(len(TTCollection(file, lazy=True).fonts))]
        else:
            fonts.append((file, 0))
    return tuple(fonts)


@lru_cache(maxsize=None)
def _characters_of(file: str, number: int) -> frozenset[str]:
    """Every character one font has a glyph for (read from its cmap once per process)."""
    from fontTools.ttLib import TTFont

    return frozenset(chr(code) for code in TTFont(file, fontNumber=number, lazy=True).getBestCmap())


def undrawable(text: str) -> list[str]:
    """Characters of `text` that no handout font can draw (they would print as empty boxes).
    The fonts are asked in turn, each only for what the ones before lack: a text that Atkinson
    Hyperlegible and Noto Sans cover never loads the ten large fonts of Noto Sans CJK."""
    missing = {char for char in text if not char.isspace()}
    for font in _fonts():
        if not missing:
            break
        missing -= _characters_of(*font)
    return sorted(missing)
