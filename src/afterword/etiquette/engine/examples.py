"""The sample interview every rule's examples edit: a clean note and the context it fits.

The context is the shipped example (``afterword/examples/interview.json``) with the note's
To and subject; the note passes every rule, so an example's edit alone decides it.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

from afterword.etiquette.engine.registry import Example

SAMPLE_NOTE = """Dear Dr. Raman,

Thank you for meeting with me yesterday about the Senior Data Analyst role. Hearing how your \
team is moving the sales dashboards to dbt was the highlight of the afternoon, and I would \
enjoy helping with the testing side of that work. Your Friday demo sessions also sound like a \
generous way to share work early.

You mentioned a decision by December 4, so I will check in on December 7 if I have not heard \
from you before then.

Best regards,
Sam Ortiz
"""


@lru_cache(maxsize=1)
def _sample_context() -> dict[str, Any]:
    text = (files("afterword") / "examples" / "interview.json").read_text(encoding="utf-8")
    ctx: dict[str, Any] = json.loads(text)
    ctx["to"] = ["priya.raman@northwind.example"]
    ctx["subject"] = "Thank you for yesterday's conversation"
    return ctx


def sample_context(**changes: Any) -> dict[str, Any]:
    """The sample context with top-level keys replaced (None removes a key)."""
    ctx = copy.deepcopy(_sample_context())
    for key, value in changes.items():
        if value is None:
            ctx.pop(key, None)
        else:
            ctx[key] = value
    return ctx


def render(example: Example) -> tuple[str, dict[str, Any]]:
    """The note and context an example stands for. Raises ValueError for an edit whose
    old text is not in the sample note (a stale example)."""
    text = SAMPLE_NOTE if example.note is None else example.note
    for old, new in example.edits:
        if old not in text:
            raise ValueError(f"example '{example.why}': {old!r} is not in the sample note")
        text = text.replace(old, new)
    return text, sample_context(**example.context)


def describe(example: Example) -> str:
    """One line for people: what the example changes, and why it is there."""
    parts = [f"'{new}'" + (f" for '{old}'" if old and len(old) < 40 else "")
             if new else f"without '{old.strip()}'" for old, new in example.edits]
    parts += [f"{key}={json.dumps(value)}" if value is not None else f"no {key}"
              for key, value in example.context.items()]
    if example.note is not None:
        parts.insert(0, "the note " + json.dumps(example.note[:60]) + "…")
    shown = "; ".join(parts) or "the sample note as it is"
    return f"{example.why}: {shown}"
