"""The result of each link as the command reports it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from scripts.tools.external_links.cache import LinkCheck
from scripts.tools.external_links.classify import classify, describe
from scripts.tools.external_links.markdown_links import Location


@dataclass
class LinkResult:
    url: str
    severity: str               # "ok", "warning" or "error"
    status: int | None          # HTTP status of the last answer
    error: str | None           # error kind when there was no usable answer (dns, refused, timeout…)
    result: str                 # "HTTP 404 Not Found", "connection refused", …
    message: str
    fix: str
    final_url: str
    checked: str                # ISO 8601, UTC
    from_cache: bool
    locations: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        when = f" (result from {self.checked})" if self.from_cache else ""
        if self.severity == "ok":
            moved = f" -> {self.final_url}" if self.final_url != self.url else ""
            return f"OK {self.url}{moved} [{self.result}]{when}"
        return f"{self.severity.upper()} {self.url} [{self.result}]{when}: {self.message} {self.fix}"

    def as_dict(self) -> dict:
        return asdict(self)


def report(links: dict[str, list[Location]], results: dict[str, LinkCheck], asked: set[str]) -> list[LinkResult]:
    """One LinkResult per URL: errors first, then warnings, then OK, each in order of first use."""
    out, order = [], {url: i for i, url in enumerate(links)}
    for url, locations in links.items():
        answer = results[url]
        severity, message, fix = classify(answer)
        where = ", ".join(map(str, locations))
        out.append(LinkResult(url, severity, answer.status, answer.error, describe(answer),
                              message, fix.format(where=where), answer.final_url or url,
                              answer.to_json()["checked"], url not in asked, [str(loc) for loc in locations]))
    rank = {"error": 0, "warning": 1, "ok": 2}
    return sorted(out, key=lambda r: (rank[r.severity], order[r.url]))
