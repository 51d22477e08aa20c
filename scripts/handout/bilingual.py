"""The bilingual handout: each heading, paragraph and list item of a translation with the English
beside or under it (smaller, marked lang="en" dir="ltr"), so a clinician who reads only English
sees what the patient ticked.

Pairing never guesses: sections are matched by their heading ids (`## Mis síntomas { #my-symptoms }`
in every language), and inside a section the blocks and list items by position. A translation whose
structure differs from the English (an outdated one) is refused with both files and the section.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

import tinyhtml5

from scripts.problems import Problem

ENGLISH_CLASS = "english"


class PairingProblem(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def _blocks(html: str) -> list[ET.Element]:
    return list(tinyhtml5.parse(f"<body>{html}</body>", namespace_html_elements=False).find("body"))


def _sections(blocks: list[ET.Element]) -> list[tuple[str, ET.Element | None, list[ET.Element]]]:
    """(heading id, heading, blocks under it); the part before the first heading has id ''."""
    sections: list[tuple[str, ET.Element | None, list[ET.Element]]] = [("", None, [])]
    for block in blocks:
        if block.tag == "h2":
            sections.append((block.get("id", ""), block, []))
        else:
            sections[-1][2].append(block)
    return sections


def _shape(block: ET.Element) -> tuple:
    items = [child for child in block if child.tag == "li"] if block.tag in ("ul", "ol") else []
    return block.tag, block.get("class", ""), len(items)


def _english(element: ET.Element, tag: str) -> ET.Element:
    """A copy of the English element's content, as a secondary line marked as English."""
    wrapper = ET.Element(tag, {"class": ENGLISH_CLASS, "lang": "en", "dir": "ltr"})
    wrapper.text = element.text
    for child in element:
        if child.get("class") == "task-list-control":   # one tick box per pair: the translation's
            wrapper.text = (wrapper.text or "") + (child.tail or "")
            continue
        wrapper.append(copy.deepcopy(child))
    return wrapper


def _pair_block(translated: ET.Element, english: ET.Element) -> list[ET.Element]:
    if translated.tag in ("ul", "ol"):
        for item, english_item in zip((c for c in translated if c.tag == "li"), (c for c in english if c.tag == "li")):
            item.append(_english(english_item, "span"))
        return [translated]
    if translated.tag == "div" and "notes-lines" in translated.get("class", ""):
        return [translated]
    if translated.tag == "div":   # a boxed note: pair what is inside it
        for inner, english_inner in zip(translated, english):
            if inner.tag == "p":
                inner.append(_english(english_inner, "span"))
        return [translated]
    # A paragraph and its English stay on the same page.
    pair = ET.Element("div", {"class": "pair"})
    pair.extend([translated, _english(english, translated.tag)])
    return [pair]


def paired_html(english_html: str, translated_html: str, english_file: str, translated_file: str) -> str:
    """The translation's HTML with the English of each part beside it. Raises PairingProblem."""
    english, translated = _sections(_blocks(english_html)), _sections(_blocks(translated_html))
    fix = (f"Bring {translated_file} up to date with {english_file} (the same `{{ #id }}` headings, in "
           "the same order, each with the same paragraphs, lists and list items), then build again.")
    english_ids, translated_ids = [s[0] for s in english], [s[0] for s in translated]
    if english_ids != translated_ids:
        missing = [i for i in english_ids if i not in translated_ids]
        extra = [i for i in translated_ids if i not in english_ids]
        where = (f"section #{missing[0]} of {english_file} is not in {translated_file}" if missing else
                 f"section #{extra[0]} of {translated_file} is not in {english_file}" if extra else
                 f"the sections of {translated_file} are not in the order of {english_file}")
        raise PairingProblem(Problem("handout", f"The English and the translated handout cannot be paired: {where}.",
                                     file=translated_file, fix=fix))
    out: list[ET.Element] = []
    for (section, english_heading, english_blocks), (_, heading, blocks) in zip(english, translated):
        if [_shape(b) for b in blocks] != [_shape(b) for b in english_blocks]:
            raise PairingProblem(Problem(
                "handout", f"Section #{section or '(before the first heading)'} differs between {english_file} "
                f"and {translated_file} (paragraphs, lists or list items), so its sentences cannot be paired.",
                file=translated_file, fix=fix))
        if heading is not None:
            heading.append(_english(english_heading, "span"))
            out.append(heading)
        for block, english_block in zip(blocks, english_blocks):
            out.extend(_pair_block(block, english_block))
    return "".join(ET.tostring(element, encoding="unicode", method="html") for element in out)
