"""The external links of the Markdown sources, with the file:line of every place that uses them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag

from scripts.config.site import SiteConfig

# A URL may contain balanced parentheses (…/Dystonia_(disorder)); it ends at whitespace, ) or >.
_URL = r"https?://(?:[^\s()<>]|\([^\s()<>]*\))+"
LINK = re.compile(
    rf"\]\(\s*<?(?P<inline>{_URL})>?"                          # [text](https://…) and ![alt](…)
    r"|<(?P<auto>https?://[^\s<>]+)>"                          # <https://…>
    r"|^[ ]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?(?P<ref>https?://[^\s<>]+)>?"  # [label]: https://…
    r"|\bhref=\"(?P<href>https?://[^\"\s]+)\"",                # <a href="https://…"> in HTML blocks
    re.MULTILINE | re.IGNORECASE,
)
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True, order=True)
class Location:
    path: str       # docs/es/about.md, relative to the project
    line: int
    language: str = field(default="", compare=False)   # es

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _without_code(text: str) -> str:
    """The text with code blocks, code spans and HTML comments blanked (same length, same lines):
    a URL there is not a link."""
    lines = text.split("\n")
    fence = ""
    for i, line in enumerate(lines):
        opening = FENCE.match(line)
        if not fence and opening:
            fence = opening.group(1)
        elif fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                    and not line.strip().lstrip(fence[0]):
                fence = ""
        else:
            continue
        lines[i] = " " * len(line)
    text = "\n".join(lines)
    text = HTML_COMMENT.sub(_blank, text)
    return CODE_SPAN.sub(_blank, text)


def find_links(text: str) -> list[tuple[str, int]]:
    """(url, line) of every external link in one Markdown text, in order; the #fragment is dropped
    (the server never sees it)."""
    found = []
    for match in LINK.finditer(_without_code(text)):
        url = next(value for value in match.groupdict().values() if value)
        found.append((urldefrag(url).url, text.count("\n", 0, match.start(match.lastgroup)) + 1))
    return found


def display(path: Path, root: Path) -> str:
    """The path relative to root when it is inside, else as it is."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def collect_links(config: SiteConfig) -> dict[str, list[Location]]:
    """Every external URL in docs/<language>/**/*.md, for every language in mkdocs.yml, with
    where it is used (source language first, then the others in mkdocs.yml's order)."""
    links: dict[str, list[Location]] = {}
    for code in config.codes:
        for path in sorted((config.docs_dir / code).rglob("*.md")):
            where = display(path, config.root)
            for url, line in find_links(path.read_text(encoding="utf-8")):
                links.setdefault(url, []).append(Location(where, line, code))
    return links
