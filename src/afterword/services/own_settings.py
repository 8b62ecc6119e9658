"""Where a person's own settings are kept: the single-user app's `afterword.toml`, or, in
server mode, the signed-in account's `settings` (only the keys an account may set for
itself, `server.settings.PERSONAL_KEYS`). The server's own configuration file is never
written from a request: it is the operator's, shared by every account.

The settings page, the who-you-are page and the "this attendee is me" answer read and write
through `store_for`, so both modes use the same forms and the same checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session

from afterword import settings_file
from afterword.store.accounts import User


class SettingsStore(Protocol):
    """Somewhere a person's own settings live."""

    @property
    def where(self) -> str:
        """Where the values go, as a page says it."""

    def read(self) -> dict[str, Any]:
        """The stored values (as the file's keys)."""

    def write(self, values: dict[str, Any]) -> None:
        """Keep `values` (already validated)."""


@dataclass
class FileStore:
    """The single-user app's afterword.toml."""

    path: Path

    @property
    def where(self) -> str:
        """Where the values went, as the page says it."""
        return str(self.path)

    def read(self) -> dict[str, Any]:
        """The file's values."""
        return settings_file.read(self.path)

    def write(self, values: dict[str, Any]) -> None:
        """Write the file."""
        settings_file.write(self.path, values)


@dataclass
class AccountStore:
    """A server-mode account's own settings (never the server's file)."""

    session: Session
    user: User
    now: datetime

    @property
    def where(self) -> str:
        """Where the values went, as the page says it."""
        return "your account"

    def read(self) -> dict[str, Any]:
        """The account's own values."""
        from afterword.server.settings import PERSONAL_KEYS

        return {k: v for k, v in (self.user.settings or {}).items() if k in PERSONAL_KEYS}

    def write(self, values: dict[str, Any]) -> None:
        """Keep the keys an account may set for itself; any other key is dropped."""
        from afterword.server.settings import PERSONAL_KEYS

        others = {k: v for k, v in (self.user.settings or {}).items()
                  if k not in PERSONAL_KEYS}
        self.user.settings = {**others, **{k: v for k, v in values.items()
                                           if k in PERSONAL_KEYS}}
        self.user.updated_at = self.now
        self.session.flush()


def store_for(*, server: bool, config: Path | None, session: Session, user: User | None,
              now: datetime) -> SettingsStore:
    """The store of whoever asks: the account in server mode, else the settings file."""
    if server:
        if user is None:
            raise PermissionError("sign in to change your settings")
        return AccountStore(session, user, now)
    return FileStore(settings_file.target(config))
