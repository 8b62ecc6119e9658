"""The mail settings and passwords a request may use: the user's own (environment or
keyring) in the single-user app; in server mode only the signed-in account's, decrypted from
its own stored secrets (or its centre's relay). The server's own AFTERWORD_SMTP_PASSWORD /
AFTERWORD_IMAP_PASSWORD never go to a server an account typed in."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.mail import find_password
from afterword.web.deps import web_state


def mail_access(request: Request, session: Session, settings: Settings, *,
                imap: bool = False) -> tuple[Settings, str | None]:
    """(the settings to connect with, the SMTP password; or the IMAP one with `imap`)."""
    if not web_state(request).server:
        service, user = ("imap", settings.imap_user) if imap else ("smtp", settings.smtp_user)
        return settings, find_password(service, user).value if user else None
    account = getattr(request.state, "account", None)
    if account is None:
        return settings, None
    from afterword.server.secrets import SecretsUnavailable, UnreadableSecret
    from afterword.services.mail_settings import route_for
    from afterword.store.repo import Invalid

    try:
        route = route_for(session, account.id, settings)
    except (SecretsUnavailable, UnreadableSecret, Invalid):
        # no way to send for this account: nothing of the server's own mail stands in
        return settings.model_copy(update={"smtp_host": None, "imap_host": None}), None
    return route.settings, route.imap_password if imap else route.smtp_password
