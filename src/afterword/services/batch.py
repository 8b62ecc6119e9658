"""`afterword check --batch`: many cases, in order, on every core when it pays."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

from afterword.config import Settings
from afterword.limits import MAX_DEPTH
from afterword.model import ContextError

PARALLEL_FROM = 200
CHUNK = 64


def check_line(line: str, settings: Settings) -> dict[str, Any]:
    """One JSONL case to its result object (with 'error' instead of findings when bad)."""
    from afterword.services.checking import check

    try:
        case = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"not valid JSON: {exc.msg} (column {exc.colno})"}
    except RecursionError:  # the context's own depth is checked (with the id) by check()
        return {"id": None, "error": f"the case is nested more than {MAX_DEPTH} levels deep "
                                     "(limit: nesting depth)"}
    if not isinstance(case, dict):
        return {"id": None, "error": "a case must be an object with 'id', 'note', 'context'"}
    case_id = case.get("id")
    note = case.get("note")
    if not isinstance(note, str) or not note.strip():
        return {"id": case_id, "error": "'note' must be a non-empty string"}
    if len(note.encode("utf-8", "surrogatepass")) > settings.max_note_bytes:
        return {"id": case_id, "error": f"note is over the {settings.max_note_bytes:,}-byte limit"}
    context = case.get("context")
    if context is not None and not isinstance(context, dict):
        return {"id": case_id, "error": "'context' must be an object"}
    try:
        report = check(note, context, settings=settings)
    except ContextError as exc:
        return {"id": case_id, "error": str(exc)}
    return {"id": case_id, **report.to_dict(), "warnings": report.warnings}


def _chunk(args: tuple[list[str], Settings]) -> list[dict[str, Any]]:
    lines, settings = args
    return [check_line(line, settings) for line in lines]


def run_batch(
    lines: list[str], settings: Settings, jobs: int | None = None
) -> Iterator[dict[str, Any]]:
    """Results for each non-blank line, in input order."""
    cases = [line for line in lines if line.strip()]
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(cases) < PARALLEL_FROM:
        for line in cases:
            yield check_line(line, settings)
        return
    chunks = [(cases[i : i + CHUNK], settings) for i in range(0, len(cases), CHUNK)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        for results in pool.map(_chunk, chunks):
            yield from results
