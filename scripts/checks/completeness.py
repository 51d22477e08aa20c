"""Every language has every page, with the same structure as English.

Compared on the built HTML (what readers get): headings (level and id), the number of
items in each list, link targets, admonition types, and alt text on images. Differences
are reported against the translated Markdown file, at the line where they can be found.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from scripts.checks.built_site import BuiltSite
from scripts.problems import Problem, error

# Parts of the article added by our templates, not by the page's Markdown.
TEMPLATE_PARTS = (".translation-notice", ".review-line", ".disclaimer", ".handout-links", ".print-url",
                  "a.headerlink")


def structure(site: BuiltSite, path: Path) -> dict:
    article = site.tree(path).css_first("article.md-content__inner")
    if article is None:
        return {}
    # Work on a private copy: the shared tree is read by other checks too.
    content = HTMLParser(article.html)
    for node in content.css(", ".join(TEMPLATE_PARTS)):
        node.decompose()
    for section in site.options.local_sections:
        _empty_section(content, section)
    return {
        # The H1 id comes from its (translated) text; the others carry stable { #id }s.
        "headings": [(n.tag, "" if n.tag == "h1" else n.attributes.get("id") or "")
                     for n in content.css("h1, h2, h3, h4, h5, h6")],
        "lists": [sum(1 for child in n.iter() if child.tag == "li") for n in content.css("ul, ol")],
        "links": Counter(n.attributes.get("href") or "" for n in content.css("a[href]")),
        "admonitions": [" ".join(c for c in (n.attributes.get("class") or "").split() if c != "admonition")
                        for n in content.css(".admonition, details")],
        "images": [(n.attributes.get("src") or "", (n.attributes.get("alt") or "").strip())
                   for n in content.css("img")],
    }


def _empty_section(content, heading_id: str) -> None:
    """Drop what follows the heading #heading_id up to the next heading of its level or higher:
    a section whose links and lists may differ by language (say, each country's support groups)."""
    heading = content.css_first(f'[id="{heading_id}"]')
    if heading is None:
        return
    level = heading.tag
    node = heading.next
    while node is not None and not (node.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and node.tag <= level):
        following = node.next
        node.decompose()
        node = following


def source_line(source: Path, needle: str) -> int | None:
    if not needle or not source.is_file():
        return None
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    return None


def run(site: BuiltSite) -> list[Problem]:
    pages = site.pages
    findings: list[Problem] = []
    english = {page: structure(site, site.built_file(site.default_language, page)) for page in pages}
    for page, reference in english.items():
        for src, alt in reference.get("images", []):
            if not alt:
                findings.append(_alt_missing(site, site.default_language, page, src))
    for language in site.languages:
        if language == site.default_language:
            continue
        for page in pages:
            findings.extend(_compare(site, language, page, english[page]))
    return findings


def _alt_missing(site, language, page, src) -> Problem:
    source = site.docs_dir / language / page
    return error("completeness", f"the image {src} has no alt text, so blind readers learn nothing from it.",
                 "Describe the image in the brackets: ![A foot turning inwards](image.png).",
                 file=_rel(site, source), line=source_line(source, Path(src).name), language=language)


def _rel(site: BuiltSite, path: Path) -> str:
    return path.relative_to(site.docs_dir.parent).as_posix()


def _compare(site: BuiltSite, language: str, page: str, reference: dict) -> list[Problem]:
    source = site.docs_dir / language / page
    english_source = f"docs/{site.default_language}/{page}"
    where = {"file": _rel(site, source), "language": language}
    if not site.is_translated(language, page):
        return [error("completeness", f"the page {page} is missing in '{language}'.",
                      f"Translate {english_source} into {_rel(site, source)}, or copy it there and "
                      "mark it 'translation: machine' until it is translated.", **where)]
    built = site.built_file(language, page)
    if not built.is_file():
        return [error("completeness", f"{page} was not built for '{language}'.",
                      "Check that it is listed in nav: in mkdocs.yml and that the build has no warnings.", **where)]
    mine = structure(site, built)
    findings = []
    if page in site.options.unordered_pages:
        # A glossary, A to Z in each language: the same terms (the h3 headings and their ids) in any
        # order, grouped under each language's own letter headings.
        mine, reference = _as_unordered(mine), _as_unordered(reference)
    if [h[0] for h in mine["headings"]] != [h[0] for h in reference["headings"]] or \
            [h[1] for h in mine["headings"]] != [h[1] for h in reference["headings"]]:
        first = next((i for i, (a, b) in enumerate(zip(mine["headings"], reference["headings"])) if a != b),
                     min(len(mine["headings"]), len(reference["headings"])))
        got = mine["headings"][first] if first < len(mine["headings"]) else None
        want = reference["headings"][first] if first < len(reference["headings"]) else None
        line = source_line(source, f"#{got[1]}") if got and got[1] else None
        findings.append(error(
            "completeness",
            f"the headings differ from English: heading {first + 1} is "
            f"{_heading(got)} here but {_heading(want)} in {english_source} "
            f"({len(mine['headings'])} headings here, {len(reference['headings'])} in English).",
            "Use the same headings, levels and order as English, each with the English { #id }.",
            line=line, **where))
    if mine["lists"] != reference["lists"]:
        first = next((i for i, (a, b) in enumerate(zip(mine["lists"], reference["lists"])) if a != b),
                     min(len(mine["lists"]), len(reference["lists"])))
        findings.append(error(
            "completeness",
            f"the lists differ from English: list {first + 1} has "
            f"{_nth(mine['lists'], first)} items here but {_nth(reference['lists'], first)} in {english_source} "
            f"({len(mine['lists'])} lists here, {len(reference['lists'])} in English).",
            "Translate every list item; do not merge, split, add or drop items.", **where))
    if mine["links"] != reference["links"]:
        missing = sorted((reference["links"] - mine["links"]).elements())
        extra = sorted((mine["links"] - reference["links"]).elements())
        line = source_line(source, extra[0].split("#")[0].replace("../", "")) if extra else None
        findings.append(error(
            "completeness",
            "the links differ from English:"
            + (f" missing {', '.join(missing)}" if missing else "")
            + (f"; not in English {', '.join(extra)}" if extra else "") + ".",
            "Keep every link target exactly as in English and translate only the link text.",
            line=line, **where))
    if mine["admonitions"] != reference["admonitions"]:
        findings.append(error(
            "completeness",
            f"the boxes (admonitions) differ from English: {mine['admonitions']} here, "
            f"{reference['admonitions']} in {english_source}.",
            "Keep each '!!! type \"Title\"' box with the same type; translate only its title and text.", **where))
    for src, alt in mine["images"]:
        if not alt:
            findings.append(_alt_missing(site, language, page, src))
    return findings


def _as_unordered(structure: dict) -> dict:
    terms = sorted(h for h in structure["headings"] if h[0] not in ("h1", "h2"))
    return {**structure, "headings": terms, "lists": sorted(structure["lists"])}


def _heading(heading) -> str:
    if heading is None:
        return "absent"
    level, anchor = heading
    return f"<{level}{' #' + anchor if anchor else ''}>"


def _nth(items: list, index: int):
    return items[index] if index < len(items) else "no"
