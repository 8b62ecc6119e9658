"""Send a test email to the user's own address: proof that the mail settings work."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from afterword.config import Settings
from afterword.mail import DeliveryError, SendResult


class MailTestError(ValueError):
    """The test email could not be sent (a one-line reason)."""


def trial_message(settings: Settings, now: datetime) -> EmailMessage:
    """The test email: from the user to the user."""
    if not settings.smtp_host:
        raise MailTestError("no outgoing mail server is set: fill in the server below and save")
    if not settings.user_email:
        raise MailTestError("your email address is not set: fill it in under You and save")
    message = EmailMessage()
    message["From"] = settings.user_email
    message["To"] = settings.user_email
    message["Subject"] = "afterword test email"
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=settings.user_email.rpartition("@")[2] or None)
    message.set_content(
        "This is a test from afterword. If you are reading it, your outgoing mail settings "
        "work and afterword can send your notes.\n")
    return message


def send_test_email(settings: Settings, now: datetime, *,
                    password: str | None = None) -> SendResult:
    """Send the test email through the configured SMTP server."""
    from afterword.mail import smtp

    message = trial_message(settings, now)
    try:
        return smtp.send(message, settings, password=password)
    except DeliveryError as exc:
        raise MailTestError(str(exc)) from None
