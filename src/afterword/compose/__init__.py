"""Drafting: notes composed from the interview record, ready for `afterword check`.

`draft(context, Options(...))` returns one `Draft` per interviewer (or the one the
context's `recipient` names). Pure: pass `now`; nothing is read but package templates.
"""

from __future__ import annotations

from afterword.compose.drafts import Draft, DraftError, Options, choose_medium, draft
from afterword.compose.eml import build_message, sanitise_header
from afterword.compose.render import TemplateProblem

__all__ = [
    "Draft",
    "DraftError",
    "Options",
    "TemplateProblem",
    "build_message",
    "choose_medium",
    "draft",
    "sanitise_header",
]
