"""Applying the unambiguous fixes: the exact name, the exact company, a single suggestion."""

from __future__ import annotations

from dataclasses import dataclass

from afterword.report import Finding

FIXABLE = frozenset({"AW104", "AW105", "AW106", "AW203", "AW501", "AW502", "AW503"})


@dataclass(frozen=True)
class Change:
    """One applied fix."""

    code: str
    start: int
    before: str
    after: str


def apply_fixes(body: str, findings: list[Finding]) -> tuple[str, list[Change]]:
    """The body with every unambiguous fix applied, and what changed (in text order)."""
    chosen: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start or 0, f.end or 0)):
        if (finding.code not in FIXABLE or len(finding.suggestions) != 1
                or finding.start is None or finding.end is None):
            continue
        if chosen and chosen[-1].end is not None and finding.start < chosen[-1].end:
            continue
        chosen.append(finding)
    changes: list[Change] = []
    for finding in reversed(chosen):
        assert finding.start is not None and finding.end is not None
        before = body[finding.start : finding.end]
        after = finding.suggestions[0]
        if before == after:
            continue
        body = body[: finding.start] + after + body[finding.end :]
        changes.append(Change(finding.code, finding.start, before, after))
    return body, list(reversed(changes))
