"""A proofreader's finding, mapped to our families (kept import-light on purpose)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProofIssue:
    """One spelling, grammar or punctuation issue, offsets in characters."""

    family: str  # "spelling" | "grammar" | "punctuation" | "style"
    start: int
    end: int
    message: str
    suggestions: tuple[str, ...]
    source_rule: str

    def moved(self, by: int) -> ProofIssue:
        """The same issue `by` characters further on."""
        return ProofIssue(self.family, self.start + by, self.end + by, self.message,
                          self.suggestions, self.source_rule)
