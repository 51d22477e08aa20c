"""The glossary explains the site's medical words, and the pages link to it."""

import re

from tests.conftest import ROOT

TERM = re.compile(r"^### .*\{ #([\w-]+) \}", re.MULTILINE)
FROM_PAGES = re.compile(r"\(glossary\.md#([\w-]+)\)")
WITHIN = re.compile(r"\]\(#([\w-]+)\)")


def terms(language: str) -> list[str]:
    return TERM.findall((ROOT / "docs" / language / "glossary.md").read_text(encoding="utf-8"))


def test_every_glossary_term_is_linked_and_every_link_has_its_term():
    glossary = set(terms("en"))
    assert len(glossary) >= 40
    from_pages = set()
    for page in (ROOT / "docs" / "en").glob("*.md"):
        from_pages |= set(FROM_PAGES.findall(page.read_text(encoding="utf-8")))
    within = set(WITHIN.findall((ROOT / "docs/en/glossary.md").read_text(encoding="utf-8")))
    assert from_pages - glossary == set(), "links to terms the glossary does not have"
    assert within - glossary == set()
    assert glossary - from_pages - within == set(), "terms nothing links to"


def test_every_language_explains_the_same_terms():
    english = sorted(terms("en"))
    for language in ("es", "fr", "de", "ar", "zh"):
        assert sorted(terms(language)) == english, language


def test_the_drugs_are_explained_where_they_first_appear():
    treatment = (ROOT / "docs/en/treatment.md").read_text(encoding="utf-8")
    assert "baclofen](glossary.md#baclofen), a medicine that can relax muscles" in treatment
    assert "(for example trihexyphenidyl)" in treatment and "(for example clonazepam or diazepam)" in treatment
