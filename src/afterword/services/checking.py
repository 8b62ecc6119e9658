"""The check use case: a note and its context in, a report out, with Harper wired in."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from afterword.config import Settings
from afterword.etiquette.engine.checker import check_note, default_settings
from afterword.model import Context
from afterword.report import Report

if TYPE_CHECKING:
    from afterword.proofread.harper import HarperProofreader


def dialect_for(context: Context | dict[str, Any] | None, settings: Settings) -> str:
    """The context's dialect if it names one, else the configured one."""
    value = context.dialect if isinstance(context, Context) else (
        (context or {}).get("dialect") if isinstance(context, dict) else None
    )
    if isinstance(value, str) and value.strip().lower() in {"british", "uk", "en-gb", "gb"}:
        return "british"
    if isinstance(value, str) and value.strip().lower() in {"american", "us", "en-us"}:
        return "american"
    return settings.dialect


def check(
    note: str,
    context: Context | dict[str, Any] | None = None,
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> Report:
    """Check a note against the interview it follows (the library form of `afterword check`).
    Relative time words are judged against context `send_at`, else `now` (default: the
    clock)."""
    settings = settings or default_settings()
    proofreader, reason = proofreader_for(context, settings)
    return check_note(note, context, settings=settings, proofreader=proofreader,
                      proofreading_off_reason=reason, now=now or datetime.now(UTC))


def proofreader_for(
    context: Context | dict[str, Any] | None, settings: Settings
) -> tuple[HarperProofreader | None, str | None]:
    """The shared Harper proofreader for this note's dialect, or None and why it is off."""
    if not settings.proofreading:
        return None, "proofreading is switched off in the settings"
    if not any(settings.rule_enabled(code) for code in ("AW501", "AW502", "AW503")):
        return None, None
    from afterword.proofread import harper

    candidate = harper.shared(dialect_for(context, settings))
    if candidate.available():
        return candidate, None
    return None, harper.load_error() or "proofreading is off"


def prewarm_server(dialect: str = "american") -> None:
    """Build the proofreader of every lint thread in the background (a server's start-up)."""
    import threading

    from afterword.proofread import harper

    threading.Thread(target=harper.shared(dialect).prewarm_pool, name="harper-warm",
                     daemon=True).start()


def prewarm(dialect: str = "american") -> None:
    """Start building the proofreader in the background (hides Harper's start-up)."""
    from afterword.proofread import harper

    harper.shared(dialect).prewarm()
