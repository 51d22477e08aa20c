"""Every fact from the source is stated on its page, in every language.

docs/facts.yml lists the facts (id, page). The Markdown marks the paragraph that states a
fact with {: data-fact="id" }, which becomes a data-fact attribute in the built page and
survives translation. A translation that drops a paragraph drops its marker, and is caught.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from scripts.checks.built_site import BuiltSite
from scripts.problems import Problem, error
from scripts.sources.yaml_text import load_with_lines

MARKER = re.compile(r'data-fact="([^"]+)"')


class FactsFileError(Exception):
    pass


def load_facts(path: Path) -> list[dict]:
    try:
        data, root = load_with_lines(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as problem:
        raise FactsFileError(f"{path}: cannot be read as YAML ({problem}).") from None
    data = data or {}
    facts = data.get("facts") or []
    entries = next((value.value for key, value in root.value if key.value == "facts"), []) if root else []
    for number, fact in enumerate(facts, start=1):
        if not isinstance(fact, dict) or not fact.get("id") or not fact.get("page"):
            raise FactsFileError(f"{path}: fact number {number} needs an 'id' and a 'page'.")
        # The line of the entry's 'page:', for messages about it.
        node = entries[number - 1] if number - 1 < len(entries) else None
        fact["_line"] = next((v.start_mark.line + 1 for k, v in node.value if k.value == "page"), None) if node else None
    return facts


def run(site: BuiltSite) -> list[Problem]:
    facts_file = site.facts_file
    try:
        facts = load_facts(facts_file)
    except FactsFileError as problem:
        return [error("facts", str(problem), "Fix docs/facts.yml: a list 'facts:' of entries with id, page, says.",
                      file=facts_file.relative_to(site.docs_dir.parent).as_posix())]
    findings = []
    known = {fact["id"] for fact in facts}
    # A marker in English that facts.yml does not list is probably a typo.
    for path in sorted((site.docs_dir / site.default_language).rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for fact_id in MARKER.findall(line):
                if fact_id not in known:
                    findings.append(error("facts", f"the fact marker '{fact_id}' is not listed in docs/facts.yml.",
                                          "Add it to docs/facts.yml (id, page, says) or correct the id.",
                                          file=path.relative_to(site.docs_dir.parent).as_posix(), line=number,
                                          language=site.default_language))
    for fact in facts:
        if fact["page"] not in site.pages:
            findings.append(error("facts", f"the fact '{fact['id']}' names the page '{fact['page']}', which the "
                                  "site does not have.",
                                  f"Write one of the site's pages ({', '.join(site.pages)}), as a file name.",
                                  file=facts_file.relative_to(site.docs_dir.parent).as_posix(), line=fact["_line"]))
    facts = [fact for fact in facts if fact["page"] in site.pages]
    for language in site.languages:
        for fact in facts:
            built = site.built_file(language, fact["page"])
            source = (site.docs_dir / language / fact["page"]).relative_to(site.docs_dir.parent).as_posix()
            if not built.is_file():
                continue  # a missing page is reported by the completeness check
            if site.tree(built).css_first(f'[data-fact="{fact["id"]}"]') is None:
                findings.append(error(
                    "facts",
                    f"the fact '{fact['id']}' ({fact.get('says', '').rstrip('.')}) is not marked on {fact['page']}.",
                    f"State it on this page and put {{: data-fact=\"{fact['id']}\" }} on the line after "
                    f"the paragraph or list item, as in docs/{site.default_language}/{fact['page']}.",
                    file=source, language=language))
    return findings
