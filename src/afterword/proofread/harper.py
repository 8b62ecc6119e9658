"""Harper (via harper-py) behind the small `Proofreader` interface.

Linters live on worker threads, one per thread (a Linter is not thread-safe), built
once and reused. Building costs most of a second, so `prewarm()` starts it at once and
the first lint waits for it; Harper releases the GIL while it builds and lints, so the
rest of the program runs meanwhile. If harper-py cannot load, `load_error()` says why
and the checker runs without proofreading.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from afterword.proofread.issue import ProofIssue

if TYPE_CHECKING:
    import harper as harper_mod

HARPER_VERSION = "0.2.0"
# Harper rules that afterword replaces with its own context-aware ones (one defect, one finding).
# LookingForwardTo also prints debug lines to stdout (harper-py 0.2.0), which would corrupt
# `--format json`; afterword checks "look forward to <verb>" itself (AW502). NominalWants
# suggests "want" for "wont"; the real-word rules suggest "won't".
DISABLED_RULES = ("AsSoonAsPossible", "LookingForwardTo", "NominalWants")
# Standard English words Harper's curated dictionary lacks (found on real notes).
ALLOWED_WORDS = ("afterwards", "Afterwards")
_SPELLING_KINDS = frozenset({"Spelling", "Typo"})
_PUNCTUATION_KINDS = frozenset({"Punctuation", "Capitalization", "Formatting"})
_STYLE_KINDS = frozenset({"Style", "Enhancement", "Readability", "Regionalism"})
_GRAMMAR_RULES = frozenset({"ItsContraction"})
_PRIMARY = "SpellCheck"

_local = threading.local()
_load_error: str | None = None


def _dialect(name: str) -> Any:
    import harper

    return harper.Dialect.BRITISH if name == "british" else harper.Dialect.AMERICAN


def _build(dialect: str) -> harper_mod.Linter | None:
    global _load_error
    try:
        import harper

        linter = harper.Linter(_dialect(dialect))
        config: dict[str, bool | None] = dict(linter.get_lint_config())
        for rule in DISABLED_RULES:
            if rule in config:
                config[rule] = False
        linter.set_lint_config(config)
        linter.import_words(list(ALLOWED_WORDS))
        return linter
    except Exception as exc:  # any failure to load means: proofreading off, say why
        _load_error = f"proofreading is off: harper-py could not load ({exc})"
        return None


def family(rule: str, lint_kind: str) -> str:
    """Which of our families (spelling, grammar, punctuation, style) a Harper lint is in."""
    if rule in _GRAMMAR_RULES:
        return "grammar"
    if rule == _PRIMARY or lint_kind in _SPELLING_KINDS:
        return "spelling"
    if lint_kind in _PUNCTUATION_KINDS:
        return "punctuation"
    if lint_kind in _STYLE_KINDS:
        return "style"
    return "grammar"


class HarperProofreader:
    """Spelling and grammar by Harper, for one dialect.

    Linting happens on worker threads that each own a Linter (a Linter is not
    thread-safe): `submit` returns at once, so the caller can run its own rules while
    Harper, which releases the GIL, lints on the other core.
    """

    def __init__(self, dialect: str = "american", workers: int = 1) -> None:
        self.dialect = dialect
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="harper")
        self._warm: Future[bool] | None = None

    def prewarm(self) -> None:
        """Start building a worker's Linter in the background."""
        if self._warm is None:
            self._warm = self._pool.submit(lambda: self._linter() is not None)

    def _linter(self) -> harper_mod.Linter | None:
        """The calling worker thread's Linter, built on first use."""
        if not hasattr(_local, "linter"):
            _local.linter = _build(self.dialect)
        return _local.linter  # type: ignore[no-any-return]

    def available(self) -> bool:
        """Whether Harper loaded (waits for the build)."""
        self.prewarm()
        assert self._warm is not None
        return self._warm.result()

    def submit(self, text: str) -> Future[list[ProofIssue]]:
        """Lint `text` on a worker thread; the future holds the issues."""
        return self._pool.submit(self._lint_here, text)

    def lint(self, text: str) -> list[ProofIssue]:
        """Harper's findings in `text`, merged per span, mapped to our families."""
        return self.submit(text).result()

    def _lint_here(self, text: str) -> list[ProofIssue]:
        linter = self._linter()
        if linter is None:
            return []
        merged: dict[tuple[int, int, str], dict[str, Any]] = {}
        for rule, lints in linter.organized_lints(text, language="plaintext", dedup=False).items():
            for lint in lints:
                fam = family(rule, lint.lint_kind)
                if fam == "style":
                    continue
                span = lint.span
                key = (span.start, span.end, fam)
                entry = merged.setdefault(key, {"rules": [], "message": lint.message, "sug": []})
                suggestions = [_suggestion(lint.problem_text, s) for s in lint.suggestions]
                if rule == _PRIMARY:
                    entry["rules"].insert(0, rule)
                    entry["message"] = lint.message
                    entry["sug"] = suggestions + entry["sug"]
                else:
                    entry["rules"].append(rule)
                    entry["sug"] += suggestions
        return [
            ProofIssue(
                family=fam, start=start, end=end, message=_message(fam, text[start:end], entry),
                suggestions=tuple(dict.fromkeys(entry["sug"]))[:5],
                source_rule=entry["rules"][0],
            )
            for (start, end, fam), entry in sorted(merged.items())
        ]


def _suggestion(problem: str, suggestion: Any) -> str:
    import harper

    if suggestion.kind == harper.SuggestionKind.REMOVE:
        return ""
    if suggestion.kind == harper.SuggestionKind.INSERT_AFTER:
        return problem + str(suggestion.replacement_text)
    return str(suggestion.replacement_text)


def _message(fam: str, problem: str, entry: dict[str, Any]) -> str:
    if fam == "spelling" and entry["rules"][0] == _PRIMARY:
        first = entry["sug"][0] if entry["sug"] else None
        return f"'{problem}' is misspelled" + (f"; did you mean '{first}'?" if first else ".")
    return str(entry["message"])


def load_error() -> str | None:
    """Why Harper could not load, once a load was tried; None when it loaded."""
    return _load_error


_shared: dict[str, HarperProofreader] = {}


def _forget_after_fork() -> None:
    """A forked child has no worker threads: start afresh rather than wait on dead ones."""
    _shared.clear()
    for name in list(vars(_local)):
        delattr(_local, name)


os.register_at_fork(after_in_child=_forget_after_fork)


def shared(dialect: str = "american") -> HarperProofreader:
    """The process-wide proofreader for a dialect (its Linters are per thread)."""
    if dialect not in _shared:
        _shared[dialect] = HarperProofreader(dialect)
    return _shared[dialect]
