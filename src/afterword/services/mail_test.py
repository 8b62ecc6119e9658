"""Send a test email to the user's own address: proof that the mail settings work."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from sqlalchemy.orm import Session

from afterword.config import Settings
from afterword.mail import DeliveryError, SendResult
from afterword.store.accounts import User


class MailTestError(ValueError):
    """The test email could not be sent (a one-line reason)."""


def trial_message(settings: Settings, now: datetime, *, to: str | None = None,
                  reply_to: str | None = None) -> EmailMessage:
    """The test email: from the user to the user (server mode through the organisation's
    relay: from the relay's address to the account's own, which is also its Reply-To)."""
    if not settings.smtp_host:
        raise MailTestError("no outgoing mail server is set: fill in the server below and save")
    if not settings.user_email:
        raise MailTestError("your email address is not set: fill it in under You and save")
    message = EmailMessage()
    message["From"] = settings.user_email
    message["To"] = to or settings.user_email
    if reply_to and reply_to != settings.user_email:
        message["Reply-To"] = reply_to
    message["Subject"] = "afterword test email"
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=settings.user_email.rpartition("@")[2] or None)
    message.set_content(
        "This is a test from afterword. If you are reading it, your outgoing mail settings "
        "work and afterword can send your notes.\n")
    return message


def send_test_email(settings: Settings, now: datetime, *, password: str | None = None,
                    to: str | None = None, reply_to: str | None = None) -> SendResult:
    """Send the test email through the configured SMTP server."""
    from afterword.mail import smtp

    message = trial_message(settings, now, to=to, reply_to=reply_to)
    try:
        return smtp.send(message, settings, password=password)
    except DeliveryError as exc:
        raise MailTestError(str(exc)) from None


def send_account_test_email(session: Session, user: User, settings: Settings,
                            now: datetime) -> SendResult:
    """Server mode: the test email of one account, the way its notes go (its own server with
    its own decrypted password, else its organisation's relay), to its own address; never
    through the server's own mail or keyring."""
    from afterword.server.secrets import SecretsUnavailable, UnreadableSecret
    from afterword.services.mail_settings import route_for
    from afterword.store.repo import Invalid

    try:
        route = route_for(session, user.id, settings)
    except (SecretsUnavailable, UnreadableSecret, Invalid) as exc:
        raise MailTestError(str(exc)) from None
    own = route.reply_to or route.settings.user_email
    return send_test_email(route.settings, now, password=route.smtp_password, to=own,
                           reply_to=route.reply_to)
