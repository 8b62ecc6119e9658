"""Run every enabled rule over a note and its context: the pure core of `afterword check`."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any, Protocol

from afterword.config import Settings
from afterword.etiquette.engine.catalogue import RULES
from afterword.etiquette.engine.kept import Kept
from afterword.etiquette.engine.registry import Facts, Hit, ProofIssue, Rule
from afterword.etiquette.text.note import parse_note
from afterword.model import Context, parse_context
from afterword.report import SEVERITY_ORDER, Finding, Report, Severity, Skipped

PROOF_CODES = frozenset({"AW501", "AW502", "AW503"})
_EXCERPT_CHARS = 80


class Proofreader(Protocol):
    """Spelling and grammar for a text (Harper behind an adapter)."""

    def lint(self, text: str) -> list[ProofIssue]:
        """Issues in `text`, offsets in characters."""
        ...


def check_note(
    note: str,
    context: Context | dict[str, Any] | None = None,
    *,
    settings: Settings | None = None,
    proofreader: Proofreader | None = None,
    proofreading_off_reason: str | None = None,
    proof: list[ProofIssue] | None = None,
    now: datetime | None = None,
) -> Report:
    """Check one note against its context. Raises ContextError for a malformed context.

    `proof` is the proofreader's issues for the note's body when the caller already has
    them (an incremental session keeps them per paragraph); otherwise `proofreader` lints
    the body. `now` stands in for the send time when the context has no `send_at`.
    """
    ctx, warnings = parse_context(context)
    return check_parsed(note, ctx, warnings, settings=settings, proofreader=proofreader,
                        proofreading_off_reason=proofreading_off_reason, proof=proof, now=now)


def check_parsed(
    note: str,
    ctx: Context,
    warnings: list[str],
    *,
    settings: Settings | None = None,
    proofreader: Proofreader | None = None,
    proofreading_off_reason: str | None = None,
    proof: list[ProofIssue] | None = None,
    now: datetime | None = None,
    kept: Kept | None = None,
) -> Report:
    """`check_note` for a context already parsed (with its unknown keys, `warnings`).
    `kept` is an editing session's store of rule work per paragraph (engine/kept.py)."""
    settings = settings or default_settings()
    parsed = parse_note(note)
    if proof is None and proofreader is not None:
        proof = proofreader.lint(parsed.body)
    facts = Facts(parsed, ctx, settings, proof, now=now, kept=kept)
    report = Report(warnings=[f"unknown context key '{k}' ignored" for k in warnings],
                    proofreading=proof is not None, body=parsed.body)
    _run_rules(report, facts, RULES, proofreading_off_reason)
    report.findings = _one_defect_one_finding(report.findings)
    report.skipped.sort(key=lambda skipped: skipped.code)
    return report


def _run_rules(
    report: Report, facts: Facts, rules: tuple[Rule, ...], off_reason: str | None
) -> None:
    settings = facts.settings
    for rule in rules:
        if not settings.rule_enabled(rule.code) or not rule.applies(facts):
            continue
        reason = rule.skip_reason(facts)
        if reason is None and rule.code == "AW501" and off_reason:
            reason = off_reason
        if reason is not None:
            report.skipped.append(Skipped(rule.code, reason))
            continue
        report.findings += [_finding(rule, hit, facts, settings) for hit in rule.check(facts)]


@lru_cache(maxsize=1)
def default_settings() -> Settings:
    """The defaults (built once: reading the environment is not free)."""
    return Settings()


def _finding(rule: Rule, hit: Hit, facts: Facts, settings: Settings) -> Finding:
    severity = settings.severity.get(rule.code) or hit.severity or rule.severity
    excerpt = hit.excerpt
    if excerpt is None and hit.start is not None and hit.end is not None:
        excerpt = facts.note.body[hit.start : hit.end][:_EXCERPT_CHARS]
    suggestions = tuple(dict.fromkeys(s for s in hit.suggestions if s is not None))
    return Finding(rule.code, rule.name, Severity(severity), hit.message, hit.start, hit.end,
                   excerpt, suggestions)


def _one_defect_one_finding(findings: list[Finding]) -> list[Finding]:
    """Drop proofreading findings that overlap a more specific one, and exact repeats."""
    specific = [(f.start, f.end) for f in findings
                if f.code not in PROOF_CODES and f.start is not None and f.end is not None]
    kept: list[Finding] = []
    seen: set[tuple[str, int | None, int | None]] = set()
    for finding in findings:
        key = (finding.code, finding.start, finding.end)
        if key in seen:
            continue
        if (finding.code in PROOF_CODES and finding.start is not None and finding.end is not None
                and any(s is not None and e is not None and s < finding.end and finding.start < e
                        for s, e in specific)):
            continue
        seen.add(key)
        kept.append(finding)
    return sorted(kept, key=lambda f: (f.start is None, f.start or 0, SEVERITY_ORDER[f.severity],
                                       f.code))
