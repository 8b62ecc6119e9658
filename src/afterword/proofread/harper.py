"""Harper (via harper-py) behind the small `Proofreader` interface.

One Linter per thread (a Linter is not thread-safe), built once and reused. Building
costs most of a second, so `prewarm()` starts it on a background thread (Harper
releases the GIL while it builds) and the first `lint()` waits for it. If harper-py
cannot load, `load_error()` says why and the checker runs without proofreading.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from afterword.proofread.issue import ProofIssue

if TYPE_CHECKING:
    import harper as harper_mod

HARPER_VERSION = "0.2.0"
# Harper rules that afterword replaces with its own context-aware ones (one defect, one finding).
DISABLED_RULES = ("AsSoonAsPossible",)
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
    """Spelling and grammar by Harper, for one dialect, one Linter per thread."""

    def __init__(self, dialect: str = "american") -> None:
        self.dialect = dialect
        self._thread: threading.Thread | None = None

    def prewarm(self) -> None:
        """Start building this thread's Linter in the background."""
        if self._ready() or self._thread is not None:
            return
        holder: dict[str, Any] = {}

        def build() -> None:
            holder["linter"] = _build(self.dialect)

        self._holder = holder
        self._thread = threading.Thread(target=build, name="harper-build", daemon=True)
        self._thread.start()

    def _ready(self) -> bool:
        return getattr(_local, "linters", {}).get(self.dialect) is not None

    def linter(self) -> harper_mod.Linter | None:
        """This thread's Linter, built on first use."""
        linters: dict[str, Any] = getattr(_local, "linters", None) or {}
        _local.linters = linters
        if self.dialect not in linters:
            if self._thread is not None:
                self._thread.join()
                self._thread = None
                linters[self.dialect] = self._holder.get("linter")
            else:
                linters[self.dialect] = _build(self.dialect)
        return linters[self.dialect]  # type: ignore[no-any-return]

    def available(self) -> bool:
        """Whether Harper loaded."""
        return self.linter() is not None

    def lint(self, text: str) -> list[ProofIssue]:
        """Harper's findings in `text`, merged per span, mapped to our families."""
        linter = self.linter()
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


def shared(dialect: str = "american") -> HarperProofreader:
    """The process-wide proofreader for a dialect (its Linters are per thread)."""
    if dialect not in _shared:
        _shared[dialect] = HarperProofreader(dialect)
    return _shared[dialect]
