"""Checking as the user types: an editing session that redoes only what changed.

A page that checks a draft on every pause sends nearly the same text again and again.
`CheckSession` is built once per (context, settings) for one editing session;
`session.check(text)` returns exactly the `Report` that `afterword.check(text, context,
settings=settings)` would, for less work:
- Harper sees only the sentences and paragraphs it has not seen before
  (`proofread.paragraphs.ParagraphCache`, cut only where Harper never reads across);
- the rules keep their work per piece of text (`etiquette.engine.kept`): names, employers,
  roles and time words per sentence, time expressions, real-word errors and pushy phrases
  per paragraph, what depends on the context alone once; the whole-note judgements
  (length, share of "I", the timeline) are then sums and look-ups over kept pieces;
- the context is parsed once, and the same text twice costs nothing.

What it saves, measured with bench/live.py (a loaded machine): Harper alone re-linting
the whole note pays for all of it on every word (harper-py caches inside a Linter, but a
sentence it has seen still costs a good part of a fresh one); the session pays for the
sentence being typed, a fixed cost of running the catalogue over kept pieces, and
nothing else.

For callers that keep no objects between requests (the compose page, the LanguageTool
endpoint) `live_check(session_key, context, settings, text)` keeps a small LRU of sessions,
one per key (a note id, say). A key whose context or settings changed gets a fresh session,
keeping Harper's paragraphs when the dialect is the same. Thread-safe.
"""

from __future__ import annotations

import copy
import json
import threading
from collections import OrderedDict
from collections.abc import Hashable
from datetime import UTC, datetime
from typing import Any

from afterword.config import Settings
from afterword.etiquette.engine.checker import check_parsed, default_settings
from afterword.etiquette.engine.kept import Kept
from afterword.model import Context, ContextError, parse_context
from afterword.proofread.paragraphs import ParagraphCache
from afterword.report import Report
from afterword.services.checking import dialect_for, proofreader_for

SESSIONS_KEPT = 64


class CheckSession:
    """One editing session's checker: `check(text)` equals a full check, for less."""

    def __init__(
        self,
        context: Context | dict[str, Any] | None = None,
        settings: Settings | None = None,
        *,
        cache: ParagraphCache | None = None,
    ) -> None:
        self.settings = settings or default_settings()
        # A copy, so a caller's later change to its dict cannot make the session stale.
        self.context = copy.deepcopy(context) if isinstance(context, dict) else context
        self.dialect = dialect_for(context, self.settings)
        self._parsed: tuple[Context, list[str]] | ContextError
        try:
            self._parsed = parse_context(self.context)
        except ContextError as exc:  # raised by every check, as a full check would
            self._parsed = exc
        self.kept = Kept()
        inner, self.off_reason = proofreader_for(context, self.settings)
        self.proofreader: ParagraphCache | None = None
        if inner is not None:
            self.proofreader = (cache if cache is not None and cache.inner is inner
                                else ParagraphCache(inner))
        self._last: tuple[tuple[str, str], Report] | None = None
        self._lock = threading.Lock()

    def check(self, text: str, *, now: datetime | None = None) -> Report:
        """The report a full check of `text` gives, re-linting only changed paragraphs.
        Time words are judged against context `send_at`, else `now` (default: the clock),
        exactly as `afterword.check` judges them."""
        moment = now or datetime.now(UTC)
        # The remembered report holds for the same text within the same minute.
        key = (text, moment.strftime("%Y-%m-%dT%H:%M%z"))
        with self._lock:
            if self._last is not None and self._last[0] == key:
                return _copy(self._last[1])
            if isinstance(self._parsed, ContextError):
                raise self._parsed
            ctx, warnings = self._parsed
            try:
                report = check_parsed(text, ctx, warnings, settings=self.settings,
                                      proofreader=self.proofreader,
                                      proofreading_off_reason=self.off_reason, now=moment,
                                      kept=self.kept)
            finally:
                self.kept.turn()
            self._last = (key, report)
            return _copy(report)


def _copy(report: Report) -> Report:
    """A report the caller may change without changing the remembered one."""
    return Report(findings=list(report.findings), skipped=list(report.skipped),
                  warnings=list(report.warnings), proofreading=report.proofreading,
                  body=report.body)


def fingerprint(context: Context | dict[str, Any] | None, settings: Settings) -> str:
    """What a session depends on, as one comparable string."""
    if isinstance(context, Context):
        ctx = context.model_dump_json()
    else:
        ctx = json.dumps(context, sort_keys=True, default=str)
    return ctx + "\x00" + settings.model_dump_json()


class SessionPool:
    """The most recently used sessions, one per key (thread-safe)."""

    def __init__(self, capacity: int = SESSIONS_KEPT) -> None:
        self.capacity = capacity
        self._sessions: OrderedDict[Hashable, tuple[str, CheckSession]] = OrderedDict()
        self._lock = threading.Lock()

    def session(
        self, key: Hashable, context: Context | dict[str, Any] | None, settings: Settings
    ) -> CheckSession:
        """The session for `key`, rebuilt when its context or settings changed."""
        mark = fingerprint(context, settings)
        with self._lock:
            kept = self._sessions.get(key)
            if kept is not None and kept[0] == mark:
                self._sessions.move_to_end(key)
                return kept[1]
        old = kept[1] if kept is not None else None
        cache = old.proofreader if old is not None else None
        fresh = CheckSession(context, settings, cache=cache)
        with self._lock:
            self._sessions[key] = (mark, fresh)
            self._sessions.move_to_end(key)
            while len(self._sessions) > self.capacity:
                self._sessions.popitem(last=False)
        return fresh

    def forget(self, key: Hashable) -> None:
        """Drop the session of `key` (its note was deleted or sent)."""
        with self._lock:
            self._sessions.pop(key, None)


_pool = SessionPool()


def live_check(
    session_key: Hashable,
    context: Context | dict[str, Any] | None,
    settings: Settings | None,
    text: str,
) -> Report:
    """Check `text` in the editing session `session_key` (e.g. a note id): a full check's
    report, re-linting only the paragraphs that changed since that session's last check."""
    return _pool.session(session_key, context, settings or default_settings()).check(text)
