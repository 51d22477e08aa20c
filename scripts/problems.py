"""The one kind of problem every part of the project reports: the build, the checks, the
pre-commit hook and the commands. Written for the person who must fix it: which check found it,
how bad it is, which file and line, what is wrong and how to fix it.

One text rendering (`str(problem)`, one line) and one JSON rendering (`as_dict`, and
`report_json` for a list) serve every tool.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Iterable

SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Problem:
    check: str              # which rule found it, e.g. "front-matter", "links", "strings"
    message: str            # what is wrong, one or more sentences
    fix: str = ""           # how to fix it
    file: str = ""          # docs/es/symptoms.md, site/es/index.html, mkdocs.yml; relative to the project
    line: int | None = None
    severity: str = "error"  # "error" fails the build or the command; "warning" is reported only
    language: str = ""

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")

    @property
    def location(self) -> str:
        if not self.file:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        where = f"{self.location}: " if self.file else ""
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{where}{self.message}{fix} [{self.check}]"

    def as_dict(self) -> dict:
        return asdict(self)


def error(check: str, message: str, fix: str = "", **where) -> Problem:
    return Problem(check, message, fix, severity="error", **where)


def warning(check: str, message: str, fix: str = "", **where) -> Problem:
    return Problem(check, message, fix, severity="warning", **where)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == "error"]


def report_text(problems: list[Problem]) -> str:
    """One line per problem, its severity first, then a count."""
    lines = [f"{problem.severity.upper()} {problem}" for problem in problems]
    failed = len(errors(problems))
    lines.append(f"{failed} errors, {len(problems) - failed} warnings")
    return "\n".join(lines)


def report_json(problems: list[Problem], **extra) -> str:
    failed = len(errors(problems))
    return json.dumps({"errors": failed, "warnings": len(problems) - failed, **extra,
                       "problems": [problem.as_dict() for problem in problems]}, indent=2, ensure_ascii=False)


class ProblemError(ValueError):
    """Stops a build or a command with one or more problems (never a traceback)."""

    def __init__(self, problems: Problem | list[Problem]):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(problem) for problem in self.problems))
