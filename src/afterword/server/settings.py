"""Settings in server mode: the server's own environment, and each account's settings.

`server_env()` reads what the server itself is told (`AFTERWORD_BASE_URL` for emailed links,
`AFTERWORD_ALLOWED_HOSTS`, `AFTERWORD_INSECURE_COOKIES`). `settings_for` gives one account the
settings every service takes: the server's base settings (its environment), overlaid by the
organisation's house style (thresholds, dialect), then by the account's own choices
(identity, signature, dialect, mail servers; never a secret, never the database).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from afterword.config import ConfigError, Settings
from afterword.store.accounts import Organisation, User

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")
# what an organisation's house style may set for its members
HOUSE_STYLE_KEYS = frozenset({"thresholds", "dialect", "rules", "severity", "holidays_country"})
# what an account may set for itself
PERSONAL_KEYS = frozenset({
    "user_name", "user_email", "user_emails", "signature", "dialect", "panel_single_note",
    "smtp_host", "smtp_port", "smtp_security", "smtp_user",
    "imap_host", "imap_port", "imap_security", "imap_user", "digest_hour",
})


@dataclass(frozen=True)
class ServerEnv:
    """What the server is told by its environment."""

    base_url: str = "http://127.0.0.1:8000"
    allowed_hosts: frozenset[str] = frozenset()
    insecure_cookies: bool = False

    @property
    def secure_cookies(self) -> bool:
        """Cookies carry `Secure` unless told otherwise or served on loopback over http."""
        if self.insecure_cookies:
            return False
        parts = urlsplit(self.base_url)
        return not (parts.scheme == "http" and (parts.hostname or "") in LOOPBACK_NAMES)

    def link(self, path: str) -> str:
        """An absolute address on this server, for emailed links."""
        return self.base_url.rstrip("/") + path


def server_env(environ: dict[str, str] | None = None) -> ServerEnv:
    """The server's environment (`os.environ` unless given)."""
    env = os.environ if environ is None else environ
    base = env.get("AFTERWORD_BASE_URL", "").strip() or ServerEnv.base_url
    if urlsplit(base).scheme not in ("http", "https") or not urlsplit(base).hostname:
        raise ConfigError(f"AFTERWORD_BASE_URL must be an http(s) address, not {base[:100]!r}")
    hosts = {h.strip().lower() for h in env.get("AFTERWORD_ALLOWED_HOSTS", "").split(",")}
    hosts.discard("")
    insecure = env.get("AFTERWORD_INSECURE_COOKIES", "").strip().lower() in ("1", "true", "yes")
    return ServerEnv(base_url=base, allowed_hosts=frozenset(hosts), insecure_cookies=insecure)


class OverlaidSettings(Settings):
    """Settings validated from given values only (the environment is already in the base:
    read again, it would override every account's own choices)."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Only the values passed in."""
        return (init_settings,)


def settings_for(user: User | None, organisation: Organisation | None,
                 base: Settings) -> Settings:
    """The settings one account works with: base, then house style, then its own."""
    if user is None:
        return base
    values = base.model_dump()
    style = dict(organisation.house_style or {}) if organisation is not None else {}
    _overlay(values, {k: v for k, v in style.items() if k in HOUSE_STYLE_KEYS})
    own = {k: v for k, v in (user.settings or {}).items() if k in PERSONAL_KEYS}
    own.setdefault("user_name", user.name or None)
    own.setdefault("user_email", user.email)
    _overlay(values, own)
    return _validated(values, base.model_dump())


def _overlay(values: dict[str, Any], layer: dict[str, Any]) -> None:
    for key, value in layer.items():
        if isinstance(value, dict) and isinstance(values.get(key), dict):
            values[key] = {**values[key], **value}
        else:
            values[key] = value


def _validated(values: dict[str, Any], fallback: dict[str, Any]) -> Settings:
    """Validate the merged values; a stored value that no longer passes is left out (the
    base's value stands) rather than locking the account out of every page."""
    for _attempt in range(3):
        try:
            return OverlaidSettings(**values)
        except ValidationError as exc:
            bad = {str(e["loc"][0]) for e in exc.errors() if e.get("loc")}
            if not bad:
                raise
            values.update({key: fallback.get(key) for key in bad})
    return OverlaidSettings(**fallback)
