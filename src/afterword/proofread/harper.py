"""Harper (via harper-py) behind the small `Proofreader` interface.

One Linter per thread (a Linter is not thread-safe), built once and reused. Building
costs most of a second, so `prewarm()` starts it on a background thread (Harper releases
the GIL while it builds) and the first lint takes it over. A server should lint from a
small fixed pool of threads, since each Linter holds the dictionary (~200 MiB). If
harper-py cannot load, `load_error()` says why and the checker runs without
proofreading.
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
    """Spelling and grammar by Harper, for one dialect; one Linter per thread.

    harper-py serialises with the calling Python thread while it lints (measured: running
    rules on another thread meanwhile saves nothing), so the main thread lints itself. Any
    other thread (a web server's request threads) hands the text to a small fixed pool of
    lint threads, one per core: each Linter holds the dictionary (~200 MiB), so forty
    request threads must not build forty of them. The build releases the GIL, so
    `prewarm()` runs it in the background.
    """

    def __init__(self, dialect: str = "american", workers: int | None = None) -> None:
        self.dialect = dialect
        self.workers = workers or os.cpu_count() or 1
        self._prebuilt: Future[harper_mod.Linter | None] | None = None
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    def _lint_pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="harper")
            return self._pool

    def prewarm_pool(self) -> None:
        """Build every pool thread's Linter now (a server calls this at start-up)."""
        barrier = threading.Barrier(self.workers)

        def build() -> None:
            self._linter()
            barrier.wait(timeout=120)  # keeps each build on its own thread

        for future in [self._lint_pool().submit(build) for _ in range(self.workers)]:
            future.result()

    def prewarm(self) -> None:
        """Start building a Linter in the background for the first thread that lints."""
        with self._lock:
            if self._prebuilt is None and not hasattr(_local, self.dialect):
                self._prebuilt = Future()
                threading.Thread(target=self._build_into, args=(self._prebuilt,),
                                 name="harper-build", daemon=True).start()

    def _build_into(self, future: Future[harper_mod.Linter | None]) -> None:
        future.set_result(_build(self.dialect))

    def _linter(self) -> harper_mod.Linter | None:
        """The calling thread's Linter: the prewarmed one if still unclaimed, else a new one."""
        if not hasattr(_local, self.dialect):
            with self._lock:
                prebuilt, self._prebuilt = self._prebuilt, None
            setattr(_local, self.dialect,
                    prebuilt.result() if prebuilt is not None else _build(self.dialect))
        return getattr(_local, self.dialect)  # type: ignore[no-any-return]

    def available(self) -> bool:
        """Whether Harper loads (waits for the build, on the thread that will lint)."""
        here = threading.current_thread()
        if here is threading.main_thread() or here.name.startswith("harper"):
            return self._linter() is not None
        return self._lint_pool().submit(lambda: self._linter() is not None).result()

    def lint(self, text: str) -> list[ProofIssue]:
        """Harper's findings in `text`, merged per span, mapped to our families."""
        here = threading.current_thread()
        if here is threading.main_thread() or here.name.startswith("harper"):
            return self._lint_here(text)
        return self._lint_pool().submit(self._lint_here, text).result()

    def _lint_here(self, text: str) -> list[ProofIssue]:
        linter = self._linter()
        if linter is None:
            return []
        merged: dict[tuple[int, int, str], dict[str, Any]] = {}
        # `lint` rather than `organized_lints`: the latter builds a dict of ~900 rules per call.
        for lint in linter.lint(text, language="plaintext", dedup=False):
            kind = lint.lint_kind
            rule = _rule_of(kind, lint.problem_text)
            fam = family(rule, kind)
            if fam == "style":
                continue
            span = lint.span
            entry = merged.setdefault((span.start, span.end, fam),
                                      {"rules": [], "message": lint.message, "sug": []})
            suggestions = [_suggestion(lint.problem_text, s) for s in lint.suggestions]
            if rule == _PRIMARY:  # the dictionary's suggestions first ("address", not "a dress")
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


def _rule_of(kind: str, problem: str) -> str:
    """The Harper rule behind a lint, where afterword treats it specially."""
    if kind == "Spelling":
        return _PRIMARY
    if kind == "Punctuation" and problem.casefold().replace("’", "'") in {"its", "it's"}:
        return "ItsContraction"
    return kind


_REMOVE, _INSERT_AFTER = 1, 2  # harper.SuggestionKind values (an IntEnum)


def _suggestion(problem: str, suggestion: Any) -> str:
    kind = suggestion.kind
    if kind == _REMOVE:
        return ""
    if kind == _INSERT_AFTER:
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
    """A forked child has no build thread: start afresh rather than wait on a dead one."""
    _shared.clear()
    for name in list(vars(_local)):
        delattr(_local, name)


os.register_at_fork(after_in_child=_forget_after_fork)


def shared(dialect: str = "american") -> HarperProofreader:
    """The process-wide proofreader for a dialect (its Linters are per thread)."""
    if dialect not in _shared:
        _shared[dialect] = HarperProofreader(dialect)
    return _shared[dialect]
