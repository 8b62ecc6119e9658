"""What the checker says about a note: findings and their counts (the JSON contract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any


class Severity(StrEnum):
    """How much a finding matters: errors block sending."""

    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.SUGGESTION: 2}


class ExitCode(IntEnum):
    """Exit status of `afterword check` (and the other commands)."""

    OK = 0
    FINDINGS = 1
    BAD_INPUT = 2


@dataclass(frozen=True)
class Finding:
    """One problem in a note, with where it is and how to fix it."""

    code: str
    name: str
    severity: Severity
    message: str
    start: int | None = None
    end: int | None = None
    excerpt: str | None = None
    suggestions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for one finding."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "suggestions": list(self.suggestions),
        }


@dataclass(frozen=True)
class Skipped:
    """A rule that could not run, and why (usually: the context lacks what it needs)."""

    code: str
    reason: str


@dataclass
class Report:
    """The checker's verdict on one note."""

    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    proofreading: bool = True
    body: str = ""

    @property
    def counts(self) -> dict[str, int]:
        """Findings per severity, every severity present."""
        counts = {str(s): 0 for s in Severity}
        for finding in self.findings:
            counts[str(finding.severity)] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        """True when anything blocks sending."""
        return any(f.severity == Severity.ERROR for f in self.findings)

    @property
    def exit_code(self) -> ExitCode:
        """0 when nothing blocks sending, else 1."""
        return ExitCode.FINDINGS if self.has_errors else ExitCode.OK

    @property
    def codes(self) -> set[str]:
        """The distinct rule codes found."""
        return {f.code for f in self.findings}

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object: findings and counts, plus what was skipped."""
        return {
            "findings": [f.to_dict() for f in self.findings],
            "counts": self.counts,
            "skipped": [{"code": s.code, "reason": s.reason} for s in self.skipped],
            "proofreading": self.proofreading,
        }
