"""Whose settings apply: a config file in the current folder is trusted only once the user
says so (`afterword config trust`), and only while it stays the file they trusted.

A folder's `afterword.toml` may come from anyone (a cloned repository, a shared drive). Until
it is trusted it may only tune the checker (rules, severities, thresholds, dialect…); keys
that would send the user's stored or environment passwords elsewhere (SMTP/IMAP hosts and
users), change whose identity is signed, or point at another database are ignored with a
one-line notice, and the user's own config file stays in force for them.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from afterword.private import private_dir, private_write

LOCAL_NAME = "afterword.toml"
# What an untrusted folder config may set: how notes are checked, nothing that moves data.
SAFE_KEYS = frozenset({"dialect", "rules", "severity", "thresholds", "proofreading",
                       "max_note_bytes", "holidays_country", "panel_single_note"})
_said: set[str] = set()


def trust_store() -> Path:
    """Where the trusted files' hashes are kept (the user data dir)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("afterword")) / "trusted-configs.json"


def digest(path: Path) -> str:
    """The file's SHA-256 (a trusted file that changes is no longer trusted)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _trusted() -> dict[str, str]:
    try:
        data = json.loads(trust_store().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def trusted_paths() -> frozenset[str]:
    """The files the user has trusted (in some version)."""
    return frozenset(_trusted())


def is_trusted(path: Path) -> bool:
    """Whether the user trusted this file, as it is now."""
    try:
        return _trusted().get(str(path.resolve())) == digest(path)
    except OSError:
        return False


def trust(path: Path) -> str:
    """Trust `path` as it is now; returns its hash."""
    known = _trusted()
    known[str(path.resolve())] = digest(path)
    private_dir(trust_store().parent)
    private_write(trust_store(), json.dumps(known, indent=2) + "\n")
    return known[str(path.resolve())]


def local_candidate() -> Path | None:
    """The current folder's afterword.toml, unless it is the user's own config file."""
    from afterword.config import user_config_path

    local = Path.cwd() / LOCAL_NAME
    if not local.is_file():
        return None
    user = user_config_path()
    if user.is_file() and local.samefile(user):
        return None
    return local


def owned_by_user(path: Path) -> bool:
    """Whether the current user owns `path` (a file of another account is never read)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or path.stat().st_uid == getuid()


def restrict(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """The keys an untrusted file may set; a one-line notice names the ones ignored."""
    if not owned_by_user(path):
        notice(f"{path} belongs to another user: ignored")
        return {}
    ignored = sorted(set(data) - SAFE_KEYS)
    if ignored:
        notice(f"{path} is not trusted, so only its checking settings apply (ignored: "
               f"{', '.join(ignored)}); `afterword config trust` to use all of it")
    return {k: v for k, v in data.items() if k in SAFE_KEYS}


def notice(message: str) -> None:
    """Say something on stderr once per process."""
    if message not in _said:
        _said.add(message)
        sys.stderr.write(f"afterword: notice: {message}\n")
