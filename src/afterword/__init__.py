"""afterword: thank-you notes and follow-ups after a job interview, checked against it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Context", "Report", "__version__", "check"]

if TYPE_CHECKING:
    from afterword.model import Context
    from afterword.report import Report


def check(note: str, context: Context | dict[str, Any] | None = None) -> Report:
    """Check `note` against the interview `context` describes; see docs/check-contract.md."""
    from afterword.services.checking import check as _check

    return _check(note, context)


def __getattr__(name: str) -> Any:
    if name == "Context":
        from afterword.model import Context

        return Context
    if name == "Report":
        from afterword.report import Report

        return Report
    raise AttributeError(name)
