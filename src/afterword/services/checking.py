"""The check use case: a note and its context in, a report out, with Harper wired in."""

from __future__ import annotations

from typing import Any

from afterword.config import Settings
from afterword.etiquette.engine.checker import check_note, default_settings
from afterword.model import Context
from afterword.report import Report


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
) -> Report:
    """Check a note against the interview it follows (the library form of `afterword check`)."""
    settings = settings or default_settings()
    proofreader = None
    reason = None
    if settings.proofreading and settings.rule_enabled("AW501") | settings.rule_enabled(
        "AW502"
    ) | settings.rule_enabled("AW503"):
        from afterword.proofread import harper

        candidate = harper.shared(dialect_for(context, settings))
        if candidate.available():
            proofreader = candidate
        else:
            reason = harper.load_error() or "proofreading is off"
    elif not settings.proofreading:
        reason = "proofreading is switched off in the settings"
    return check_note(note, context, settings=settings, proofreader=proofreader,
                      proofreading_off_reason=reason)


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
