"""Files only their owner can read: the data dir 0700; the database (with its WAL and SHM),
the config, backups, `.eml` files and PDFs 0600, whatever the umask.

Notes, interviewers' names and mail settings are personal: another account on the same
computer has no business reading them.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """`path` created (with parents) and, being afterword's own folder, closed to others."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        path.chmod(DIR_MODE)
    return path


def private_write(path: Path, data: str | bytes) -> None:
    """Write `data` to `path`, readable and writable by its owner only."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(handle, FILE_MODE)  # an existing file keeps no wider mode
        view = memoryview(raw)
        while view:
            view = view[os.write(handle, view):]
    finally:
        os.close(handle)


def private_database(path: Path) -> None:
    """Create the SQLite file 0600 before SQLite does (its WAL and SHM copy the mode), and
    tighten an existing one others can read, saying so once on stderr."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
        return
    loose = [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal"))
             if p.exists() and stat.S_IMODE(p.stat().st_mode) & 0o077]
    for item in loose:
        try:
            item.chmod(FILE_MODE)
        except OSError:
            return  # not ours to change (a shared database): leave it as it is
    if loose:
        sys.stderr.write(f"afterword: notice: {path} was readable by other users; it is now "
                         "private (0600)\n")
