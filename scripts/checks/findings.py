"""What a check reports: one finding per problem, written for the person who must fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
    check: str          # short name of the check, e.g. "links"
    severity: str       # "error" fails the run; "warning" is reported only
    message: str        # what is wrong
    fix: str            # how to fix it
    path: str = ""      # source file (docs/es/symptoms.md) or built file (site/es/index.html)
    line: int | None = None
    language: str = ""

    def location(self) -> str:
        if not self.path:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        where = self.location()
        lang = f" [{self.language}]" if self.language else ""
        return f"{self.severity.upper()} {self.check}{lang} {where}: {self.message} Fix: {self.fix}"

    def as_dict(self) -> dict:
        return asdict(self)


def error(check: str, message: str, fix: str, **where) -> Finding:
    return Finding(check, "error", message, fix, **where)


def warning(check: str, message: str, fix: str, **where) -> Finding:
    return Finding(check, "warning", message, fix, **where)
