"""The site's own settings under `extra:` in mkdocs.yml, declared once and validated at start-up.

Declared with MkDocs' own `config_options`, as mkdocs-static-i18n and Material declare their
plugin settings, so that a misspelt key or a wrong type stops the build with the key's name and
what it may be, instead of a KeyError later or a check that silently turns itself off.

    extra:
      feedback_email: feedback@example.org
      trim_css: true        # minify the style sheets and drop Material's unused rules (PurgeCSS)
      handout: {page: handout.md, papers: [a4, letter], pdfs: true, cache: true, cache_dir: .cache/pdf}
      checks:
        translation_grace_days: 30
        local_sections: [where-to-find-support]
        unordered_pages: [glossary.md]
        external_links: {max_age_days: 7}
        readability:
          languages: {en: {formula: flesch_kincaid_grade, max: 8}}
          skip_sections: [references]
          skip_pages: [languages.md]
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from mkdocs.config import base
from mkdocs.config import config_options as c

from scripts.problems import Problem, ProblemError

@dataclass(frozen=True)
class Paper:
    name: str           # as a reader knows it
    width_mm: float
    height_mm: float


# The paper sizes PDFs are made for: the one list (extra.handout.papers chooses among them).
PAPER_SIZES = {"a4": Paper("A4", 210, 297), "letter": Paper("US Letter", 215.9, 279.4)}
PAPERS = tuple(PAPER_SIZES)


def unknown_paper(papers) -> str | None:
    """What is wrong with a list of paper sizes asked for (None: nothing)."""
    unknown = [paper for paper in papers if paper not in PAPER_SIZES]
    return f"Unknown paper size '{unknown[0]}'. Choose one of: {', '.join(PAPERS)}." if unknown else None
READABILITY_FORMULAS = ("flesch_kincaid_grade", "fernandez_huerta", "flesch_reading_ease",
                        "wiener_sachtextformel")
# Keys of `extra:` that Material and mkdocs-static-i18n read themselves: not ours to check.
THEME_KEYS = ("alternate", "analytics", "annotate", "consent", "generator", "homepage", "social",
              "status", "tags", "version")


class OptionsError(ProblemError):
    """mkdocs.yml's extra: settings are wrong; each problem names the key and what it may be."""


class Switch(c.BaseConfigOption[bool]):
    """true/false, also as the text an environment variable gives (!ENV [HANDOUT_PDFS, true])."""

    WORDS = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}

    def __init__(self, default: bool):
        super().__init__()
        self.default = default

    def run_validation(self, value):
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word not in self.WORDS:
            raise c.ValidationError(f"Expected true or false, but got {value!r}.")
        return self.WORDS[word]


class Email(c.Type):
    PATTERN = re.compile(r"[^@\s<>\"']+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")

    def __init__(self, default: str):
        super().__init__(str, default=default)

    def run_validation(self, value):
        value = super().run_validation(value)
        if not self.PATTERN.fullmatch(value):
            raise c.ValidationError(f"'{value}' is not an e-mail address. Write the address readers can "
                                    "write to, for example feedback@your-group.org.")
        return value


class HandoutOptions(base.Config):
    page = c.Type(str, default="handout.md")
    papers = c.ListOfItems(c.Choice(PAPERS), default=list(PAPERS))
    pdfs = Switch(default=True)
    # Content-hash cache of the PDFs (scripts/handout/pdf_cache.py), relative to the project.
    cache = Switch(default=True)
    cache_dir = c.Type(str, default=".cache/pdf")


class ReadabilityRule(base.Config):
    formula = c.Choice(READABILITY_FORMULAS)
    max = c.Optional(c.Type((int, float)))
    min = c.Optional(c.Type((int, float)))


class ReadabilityOptions(base.Config):
    languages = c.DictOfItems(c.SubConfig(ReadabilityRule), default={})
    skip_sections = c.ListOfItems(c.Type(str), default=[])
    skip_pages = c.ListOfItems(c.Type(str), default=[])


class ExternalLinkOptions(base.Config):
    max_age_days = c.Type(int, default=7)


class CheckOptions(base.Config):
    translation_grace_days = c.Type(int, default=30)
    local_sections = c.ListOfItems(c.Type(str), default=[])
    unordered_pages = c.ListOfItems(c.Type(str), default=[])
    external_links = c.SubConfig(ExternalLinkOptions)
    readability = c.SubConfig(ReadabilityOptions)


class SiteOptions(base.Config):
    feedback_email = Email(default="feedback@example.org")
    # Lighter first visits (scripts/build/unused_css.py). Off only for builds whose style sheets
    # nobody loads: the tests' negative cases. (`mkdocs serve` skips it anyway.)
    trim_css = Switch(default=True)
    handout = c.SubConfig(HandoutOptions)
    checks = c.SubConfig(CheckOptions)


def site_options(extra: dict, config_file: str = "mkdocs.yml") -> SiteOptions:
    """extra: of mkdocs.yml as typed options, or an OptionsError naming every wrong key."""
    # (a deep copy: validation replaces nested dicts in place, and mkdocs.yml is read again per language)
    ours = copy.deepcopy({key: value for key, value in dict(extra).items() if key not in THEME_KEYS})
    problems = _unknown_keys(ours, SiteOptions, "extra", config_file)
    options = SiteOptions(config_file_path=config_file)
    options.load_dict(ours)
    errors, _warnings = options.validate()   # unknown keys are reported above, with their path
    for key, error in errors:
        path, message = f"extra.{key}", str(error)
        while (nested := SUB_OPTION.match(message)):
            path, message = f"{path}.{nested.group(1)}", message[nested.end():]
        problems.append(Problem("options", f"{path}: {message}", "", file=config_file))
    if problems:
        raise OptionsError(problems)
    return options


SUB_OPTION = re.compile(r"Sub-option '([^']+)': ")


def _unknown_keys(data, config: type[base.Config], path: str, config_file: str) -> list[Problem]:
    if not isinstance(data, dict):
        return []
    schema = dict(config._schema)
    problems = []
    for key, value in data.items():
        option = schema.get(key)
        if option is None:
            allowed = list(schema) + (list(THEME_KEYS) if config is SiteOptions else [])
            problems.append(Problem("options", f"{path}.{key}: unknown setting.",
                                    f"The settings here are: {', '.join(allowed)}.", file=config_file))
        elif isinstance(option, c.SubConfig):
            problems += _unknown_keys(value, option.config_class, f"{path}.{key}", config_file)
        elif isinstance(option, c.DictOfItems) and isinstance(option.option_type, c.SubConfig) and isinstance(value, dict):
            for name, item in value.items():
                problems += _unknown_keys(item, option.option_type.config_class, f"{path}.{key}.{name}",
                                          config_file)
    return problems
