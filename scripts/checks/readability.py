"""Reading level of every page, with textstat formulas per language.

English uses the Flesch-Kincaid grade (a US school year; 8 or below is plain language).
Spanish, French and German use textstat's formulas for those languages; other languages
have no formula in textstat and are not scored. Thresholds live in mkdocs.yml
(extra.checks.readability) so they can be changed without touching code.

What is measured is the page's own prose. Left out: the references list (titles of papers),
short lists of names such as medicines (items of three words or fewer), tables, and the
parts our templates add. Each paragraph, list item and heading counts as its own sentence,
so a list without full stops is not read as one endless sentence.
"""

from __future__ import annotations

import re

import textstat
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from scripts.checks.built_site import BuiltSite
from scripts.checks.completeness import TEMPLATE_PARTS
from scripts.problems import Problem, error

NAME_LIST_MAX_WORDS = 3


def prose(html: str, skip_sections: list[str]) -> str:
    """The text of a page's article that a reading-level formula should judge."""
    content = HTMLParser(html)
    for node in content.css(", ".join(TEMPLATE_PARTS) + ", table, .task-list-control"):
        node.decompose()
    # Drop whole sections whose heading id is listed (e.g. the references list).
    for section_id in skip_sections:
        heading = content.css_first(f"h2#{section_id}")
        while heading is not None:
            following = heading.next
            heading.decompose()
            heading = following if following is not None and following.tag != "h2" else None
    for listing in content.css("ul, ol"):
        items = [li.text(strip=True) for li in listing.iter() if li.tag == "li"]
        if items and all(len(item.split()) <= NAME_LIST_MAX_WORDS for item in items):
            listing.decompose()  # a list of names (medicines, devices), not sentences
    blocks = []
    for node in content.css("h1, h2, h3, p, li"):
        if node.tag == "li" and node.css_first("p"):
            continue  # its paragraphs are counted on their own
        text = re.sub(r"\s+", " ", node.text()).strip()
        if text:
            blocks.append(text if text[-1] in ".!?:;。！？" else text + ".")
    return " ".join(blocks)


def score(text: str, language: str, formula: str) -> float:
    textstat.set_lang(language)
    function = getattr(textstat, formula)
    return float(function(text, 1) if formula == "wiener_sachtextformel" else function(text))


def run(site: BuiltSite) -> list[Problem]:
    settings = site.options.readability
    skip_sections = settings.skip_sections
    skip_pages = set(settings.skip_pages)
    findings = []
    for language in site.languages:
        rule = settings.languages.get(language)
        if not rule:
            continue
        for page in site.pages:
            built = site.built_file(language, page)
            if page in skip_pages or not built.is_file() or not site.is_translated(language, page):
                continue
            article = site.tree(built).css_first("article.md-content__inner")
            value = score(prose(article.html, skip_sections), language, rule.formula)
            too_hard = value > rule.max if rule.max is not None else value < rule.min
            if too_hard:
                limit = f"at most {rule.max}" if rule.max is not None else f"at least {rule.min}"
                findings.append(error(
                    "readability",
                    f"{rule.formula} is {value:.1f} on this page; it must be {limit} (mkdocs.yml, extra.checks.readability).",
                    "Use shorter sentences and everyday words; explain medical terms in a few plain words.",
                    file=f"docs/{language}/{page}", language=language))
    return findings

