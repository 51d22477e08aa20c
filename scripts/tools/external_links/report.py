"""What the command reports: a `Problem` for each link that is broken (error) or could not be
checked this time (warning), an "OK" line for each of the others (with --all), and the counts."""

from __future__ import annotations

from dataclasses import dataclass

from scripts.problems import Problem, report_json, report_text
from scripts.tools.external_links.cache import CHECK, TIME_FORMAT, LinkCheck
from scripts.tools.external_links.classify import Verdict, classify, describe
from scripts.tools.external_links.markdown_links import Location

RANK = {"error": 0, "warning": 1}


@dataclass(frozen=True)
class CheckedLink:
    """One URL, every place that uses it and its last answer. Internal: it is reported as a
    Problem (`problem()`) or, when the link is fine, as an "OK" line (`ok_line()`)."""
    url: str
    locations: tuple[Location, ...]
    answer: LinkCheck
    from_cache: bool            # the answer of an earlier run, not asked now

    @property
    def verdict(self) -> Verdict:
        return classify(self.answer)

    @property
    def severity(self) -> str:
        return self.verdict.severity

    @property
    def message(self) -> str:
        return self.verdict.message

    @property
    def fix(self) -> str:
        return self.verdict.fix.format(where=", ".join(map(str, self.locations)))

    @property
    def result(self) -> str:
        """"HTTP 404 Not Found", "connection refused", …"""
        return describe(self.answer)

    @property
    def checked(self) -> str:
        return self.answer.checked.strftime(TIME_FORMAT)

    def _since(self) -> str:
        return f" (result from {self.checked})" if self.from_cache else ""

    def problem(self) -> Problem | None:
        """None when the link is fine; else the problem, at the first place that uses the link
        (the fix names them all)."""
        if self.severity == "ok":
            return None
        first = self.locations[0]
        return Problem(CHECK, f"The link {self.url} [{self.result}]{self._since()}: {self.message}", self.fix,
                       file=first.path, line=first.line, severity=self.severity, language=first.language)

    def ok_line(self) -> str:
        moved = f" -> {self.answer.final_url}" if self.answer.final_url != self.url else ""
        return f"OK {self.url}{moved} [{self.result}]{self._since()}"

    def ok_record(self) -> dict:
        return {"url": self.url, "result": self.result, "status": self.answer.status,
                "final_url": self.answer.final_url, "checked": self.checked, "from_cache": self.from_cache,
                "locations": [str(location) for location in self.locations]}


def checked_links(links: dict[str, list[Location]], answers: dict[str, LinkCheck],
                  asked: set[str]) -> list[CheckedLink]:
    """One CheckedLink per URL, in the order of first use."""
    return [CheckedLink(url, tuple(locations), answers[url], url not in asked) for url, locations in links.items()]


@dataclass
class Outcome:
    """What one run found."""
    links: list[CheckedLink]    # every link, in the order of first use
    problems: list[Problem]     # errors first, then warnings: the cache's, then the links' in order of first use
    cache: str                  # the cache file, as messages show it
    max_age_days: float

    @classmethod
    def of(cls, links: list[CheckedLink], cache_problems: list[Problem], cache: str,
           max_age_days: float) -> "Outcome":
        problems = cache_problems + [problem for link in links if (problem := link.problem())]
        return cls(links, sorted(problems, key=lambda problem: RANK[problem.severity]), cache, max_age_days)

    @property
    def ok(self) -> list[CheckedLink]:
        return [link for link in self.links if link.severity == "ok"]

    @property
    def asked(self) -> int:
        return sum(not link.from_cache for link in self.links)

    def text(self, show_ok: bool = False) -> str:
        """The OK lines (if asked for), then one line per problem, then the counts."""
        ok = [link.ok_line() for link in self.ok] if show_ok else []
        return "\n".join([*ok, f"{report_text(self.problems)} ({len(self.links)} links: {self.asked} checked "
                               f"now, {len(self.links) - self.asked} from the cache {self.cache})"])

    def json(self) -> str:
        return report_json(self.problems, links=len(self.links), checked_now=self.asked,
                           from_cache=len(self.links) - self.asked, cache=self.cache,
                           max_age_days=self.max_age_days, ok=[link.ok_record() for link in self.ok])
