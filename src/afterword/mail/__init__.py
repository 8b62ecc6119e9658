"""Delivery channels: SMTP, a draft in the mailbox, an .eml file, a mailto: link.

Every channel speaks the same small language: it returns a `SendResult`, or raises a
`DeliveryError` that says whether trying again could help (`TemporaryFailure`), cannot
(`PermanentFailure`), or whether nobody can know if the message went (`UncertainDelivery`:
never resent automatically).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field


class DeliveryError(Exception):
    """A delivery that did not (or may not have) happened; `retry` says if trying again helps."""

    retry = False


class TemporaryFailure(DeliveryError):
    """Nothing was delivered and trying again later may work (a 4xx reply, a lost connection
    before the message data was sent)."""

    retry = True


class PermanentFailure(DeliveryError):
    """Nothing was delivered and trying again will not help (a 5xx reply, bad settings);
    `per_recipient` maps each refused address to the server's reply."""

    def __init__(self, message: str, per_recipient: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.per_recipient = dict(per_recipient or {})


class UncertainDelivery(DeliveryError):
    """The connection was lost while the message data was being sent or acknowledged: it may
    or may not have been delivered, so it must not be sent again without asking the user."""


class ConfigurationMissing(PermanentFailure):
    """A channel is not configured (no host, no password); the message says what to set."""


@dataclass(frozen=True)
class SendResult:
    """What the server accepted: the Message-ID, the accepted and the refused recipients."""

    message_id: str
    accepted: tuple[str, ...]
    refused: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Secret:
    """A password found (or not) and, when not, why a place to look could not be used."""

    value: str | None
    note: str | None = None


def find_password(service: str, user: str | None) -> Secret:
    """The password for `service` ('smtp' or 'imap'): AFTERWORD_<SERVICE>_PASSWORD, then the
    OS keyring (service 'afterword-<service>', the configured user). Never from a file."""
    value = os.environ.get(f"AFTERWORD_{service.upper()}_PASSWORD")
    if value:
        return Secret(value)
    if not user:
        return Secret(None)
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return Secret(None, "the keyring package is not installed")
    try:
        return Secret(keyring.get_password(f"afterword-{service}", user))
    except KeyringError as exc:
        return Secret(None, f"the OS keyring is unavailable ({type(exc).__name__}: {exc})")
    except Exception as exc:  # a broken backend must not stop the prompt fallback
        return Secret(None, f"the OS keyring is unavailable ({type(exc).__name__})")
