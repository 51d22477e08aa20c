"""The state of one build: made in on_config of the outermost build, as a plugin keeps its
state on itself, and replaced by the next build (every rebuild of `mkdocs serve` is one).

mkdocs-static-i18n runs one build per language inside the outermost one; they share this
object. Nothing here outlives its build: the next on_config makes a new one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scripts.problems import Problem, ProblemError
from scripts.sources import page_meta, strings as site_strings
from scripts.build.page_dates import commit_dates
from scripts.config.site import SiteConfig
from scripts.config.options import SiteOptions, site_options


class SetupError(ProblemError):
    """mkdocs.yml or the environment cannot make a site: the problem says what to change."""


def _setup_problem(message: str, fix: str) -> SetupError:
    return SetupError(Problem("setup", message, fix, file="mkdocs.yml"))


@dataclass
class SiteBuild:
    site: SiteConfig
    options: SiteOptions
    handouts: object | None = None          # scripts.handout.build.HandoutBuild while PDFs render
    _strings: dict[str, dict[str, str]] = field(default_factory=dict)
    _sources: dict[str, str] = field(default_factory=dict)
    commit_dates: dict[str, str] = field(default_factory=dict)   # docs/… file -> day of its last commit

    @classmethod
    def start(cls, mkdocs_config) -> "SiteBuild":
        """Check the configuration and make the build's state (raises SetupError or OptionsError)."""
        site = SiteConfig.from_mkdocs(mkdocs_config)
        options = site_options(mkdocs_config.extra, Path(mkdocs_config.config_file_path).name)
        site.__dict__["options"] = options
        check_site_url(mkdocs_config.site_url or "")
        check_languages([language.locale for language in mkdocs_config.plugins["i18n"].config.languages])
        check_feedback_email(options.feedback_email, mkdocs_config.site_url or "")
        return cls(site, options, commit_dates=commit_dates(site.root))

    def strings(self, language: str) -> dict[str, str]:
        """The site's words in one language, read once per build."""
        if language not in self._strings:
            self._strings[language] = site_strings.load(language, self.site.docs_dir)
        return self._strings[language]

    def source(self, path: str) -> str:
        """A page's Markdown, read once per build (page_meta.read_source: UTF-8 or a clear error)."""
        if path not in self._sources:
            self._sources[path] = page_meta.read_source(path)
        return self._sources[path]

    def language_name(self, code: str) -> str:
        return next(lang.name for lang in self.site.languages if lang.code == code)


def check_site_url(site_url: str) -> None:
    url = urlsplit(site_url)
    if url.scheme != "https" and url.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise _setup_problem(f"site_url is '{site_url}'. A published site must use https:// (GitHub Pages does).",
                             "Set SITE_URL=https://… or site_url in mkdocs.yml. Only a local preview "
                             "(127.0.0.1 or localhost) may use http://.")


def check_languages(codes: list[str]) -> None:
    from babel import Locale, UnknownLocaleError

    seen = set()
    for code in codes:
        if code in seen:
            raise _setup_problem(f"the language '{code}' is listed twice under plugins: i18n: languages.",
                                 "Keep one entry per language.")
        seen.add(code)
        try:
            Locale.parse(code)
            plain = code == code.lower() and code.isalpha()
        except (ValueError, UnknownLocaleError):
            plain = False
        if not plain:
            raise _setup_problem(f"'{code}' is not a language code the site can use.",
                                 "Write a plain lower-case code such as pt or zh (not pt-BR or pt_BR), and "
                                 "name its folder docs/<code>/.")


def check_feedback_email(email: str, site_url: str) -> None:
    host = urlsplit(site_url).hostname or ""
    if email.endswith(("@example.org", "@example.com")) and not host.startswith(("example.", "127.", "localhost")):
        raise _setup_problem(f"extra.feedback_email is still '{email}', but the site is published at {site_url}.",
                             "Set FEEDBACK_EMAIL (a repository variable in GitHub) to your group's own "
                             "address, so that readers' messages reach someone.")
