"""Reading a note and a context from disk or stdin, with one-line errors for bad input."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from afterword.limits import LimitError, load_json, load_yaml


class InputError(ValueError):
    """Bad input: unreadable, not UTF-8, too large, malformed. The message is one line."""


def read_text(source: str, *, what: str, limit: int) -> str:
    """The UTF-8 text of a file path, or of stdin for '-'; InputError when unusable."""
    try:
        if source == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            path = Path(source)
            if path.is_dir():
                raise InputError(f"{what} {source} is a folder, not a file")
            with path.open("rb") as handle:
                data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{what} {source} does not exist") from None
    except OSError as exc:
        raise InputError(f"cannot read {what} {source}: {exc.strerror or exc}") from None
    return decode(data, what=what, source=source, limit=limit)


def decode(data: bytes, *, what: str, source: str, limit: int) -> str:
    """Bytes to text, refusing binary, non-UTF-8 and oversized input."""
    name = "stdin" if source == "-" else source
    if len(data) > limit:
        raise InputError(f"{what} {name} is over the {limit:,}-byte limit (max_note_bytes)")
    if b"\x00" in data:
        raise InputError(f"{what} {name} looks binary (it contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{what} {name} is not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})"
        ) from None


def load_mapping(text: str, *, source: str) -> dict[str, Any]:
    """A JSON or YAML object; InputError naming the position of a syntax error."""
    stripped = text.lstrip()
    if not stripped:
        raise InputError(f"context {source} is empty")
    try:
        if stripped[0] in "{[" or source.endswith(".json"):
            try:
                data = load_json(text, f"context {source}")
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"context {source} is not valid JSON: {exc.msg} (line {exc.lineno}, "
                    f"column {exc.colno})"
                ) from None
        else:
            data = _yaml(text, source)
    except LimitError as exc:
        raise InputError(str(exc)) from None
    if not isinstance(data, dict):
        raise InputError(f"context {source} must be an object (a mapping of keys), "
                         f"not {type(data).__name__}")
    return data


def _yaml(text: str, source: str) -> Any:
    import yaml

    try:
        return load_yaml(text, f"context {source}")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise InputError(f"context {source} is not valid YAML or JSON{where}") from None
