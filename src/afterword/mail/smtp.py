"""Email over SMTP (STARTTLS, implicit TLS or plain), with honest failure kinds.

The conversation is driven step by step (MAIL, RCPT per recipient, then DATA) so that a
failure says where it happened: anything before DATA delivered nothing (safe to retry); a
4xx/5xx to the message is the server saying no; a lost connection while the message data
is sent or acknowledged leaves the delivery unknown (`UncertainDelivery`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import smtplib
import socket
import ssl
import threading
from collections.abc import Callable
from email import policy
from email.message import EmailMessage

from afterword.config import Settings
from afterword.mail import (
    ConfigurationMissing,
    PermanentFailure,
    SendResult,
    TemporaryFailure,
    UncertainDelivery,
)
from afterword.mail.message import envelope_recipients, envelope_sender


def send(message: EmailMessage, settings: Settings, *, password: str | None = None,
         timeout: float | None = None) -> SendResult:
    """Send `message` to the recipients its headers show; raise a DeliveryError if it fails.

    The whole conversation ends within `timeout` (default `smtp_timeout_seconds`): past it
    the socket is shut, so whoever waits on this attempt knows when it is provably over.
    """
    limit = settings.smtp_timeout_seconds if timeout is None else timeout
    recipients = envelope_recipients(message)
    sender = envelope_sender(message)
    payload = message.as_bytes(policy=policy.SMTP)
    watchdog = _Watchdog(limit)
    try:
        smtp = connect(settings, password, limit, watchdog.attach)
        try:
            accepted, refused = _envelope(smtp, sender, recipients)
            _data(smtp, payload, accepted)
        finally:
            _close(smtp)
    finally:
        watchdog.cancel()
    return SendResult(message_id=str(message.get("Message-ID", "")),
                      accepted=tuple(accepted), refused=refused)


class _Watchdog:
    """Shuts the socket of an SMTP session still going after `limit` seconds."""

    def __init__(self, limit: float) -> None:
        self.smtp: smtplib.SMTP | None = None
        self.fired = False
        self.timer = threading.Timer(limit, self._fire)
        self.timer.daemon = True
        self.timer.start()

    def attach(self, smtp: smtplib.SMTP) -> None:
        """Watch this session (cut at once if the deadline already passed)."""
        self.smtp = smtp
        if self.fired:
            self._fire()

    def _fire(self) -> None:
        self.fired = True
        sock = getattr(self.smtp, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        """The conversation is over."""
        self.timer.cancel()


def connect(settings: Settings, password: str | None, timeout: float,
            watch: Callable[[smtplib.SMTP], None] | None = None) -> smtplib.SMTP:
    """A connected, secured and logged-in SMTP session (nothing sent yet)."""
    if not settings.smtp_host:
        raise ConfigurationMissing("SMTP is not configured: set AFTERWORD_SMTP_HOST "
                                   "(and smtp_port, smtp_security, smtp_user)")
    where = f"{settings.smtp_host}:{settings.smtp_port}"
    try:
        smtp = _open(settings, timeout, watch)
    except (ssl.SSLCertVerificationError, smtplib.SMTPNotSupportedError) as exc:
        raise PermanentFailure(f"cannot secure the connection to {where}: {exc}") from None
    except smtplib.SMTPResponseException as exc:
        raise _by_code(exc.smtp_code, f"{where} refused the connection: {_text(exc)}") from None
    except OSError as exc:  # smtplib's own errors are OSErrors too
        raise TemporaryFailure(f"cannot reach {where}: {exc or type(exc).__name__}") from None
    if settings.smtp_user:
        _login(smtp, settings.smtp_user, password, where)
    return smtp


def _open(settings: Settings, timeout: float,
          watch: Callable[[smtplib.SMTP], None] | None) -> smtplib.SMTP:
    host, port = settings.smtp_host or "", settings.smtp_port
    if settings.smtp_security == "tls":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout,
                                              context=_tls_context())
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    if watch is not None:
        watch(smtp)
    smtp.ehlo()
    if settings.smtp_security == "starttls":
        smtp.starttls(context=_tls_context())
        smtp.ehlo()
    return smtp


def _tls_context() -> ssl.SSLContext:
    """The system's trusted certificates, verified (loading them costs ~0.1 s: once each)."""
    return _context_for(os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))


@functools.lru_cache(maxsize=4)
def _context_for(cert_file: str | None, cert_dir: str | None) -> ssl.SSLContext:
    return ssl.create_default_context()


def _login(smtp: smtplib.SMTP, user: str, password: str | None, where: str) -> None:
    if not password:
        _close(smtp)
        raise ConfigurationMissing(f"no SMTP password for {user}: set AFTERWORD_SMTP_PASSWORD "
                                   f"or store it with `keyring set afterword-smtp {user}`")
    try:
        smtp.login(user, password)
    except smtplib.SMTPAuthenticationError as exc:
        _close(smtp)
        raise PermanentFailure(f"{where} refused the login for {user}: {_text(exc)}") from None
    except smtplib.SMTPResponseException as exc:
        _close(smtp)
        raise _by_code(exc.smtp_code, f"{where} refused the login: {_text(exc)}") from None
    except OSError as exc:
        _close(smtp)
        raise TemporaryFailure(f"lost {where} while logging in: {exc}") from None


def _envelope(smtp: smtplib.SMTP, sender: str,
              recipients: list[str]) -> tuple[list[str], dict[str, str]]:
    """MAIL FROM and RCPT TO; nothing is delivered if this fails, so every error is safe."""
    try:
        code, reply = smtp.mail(sender)
        if not 200 <= code < 300:
            every = {r: f"{code} {_decode(reply)}" for r in recipients}
            raise _by_code(code, f"the server refused the sender {sender}: {code} "
                                 f"{_decode(reply)}", every)
        accepted, refused, later = [], {}, {}
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if 200 <= code < 300:
                accepted.append(recipient)
            elif code >= 500:
                refused[recipient] = f"{code} {_decode(reply)}"
            else:
                later[recipient] = f"{code} {_decode(reply)}"
    except OSError as exc:
        raise TemporaryFailure(f"connection lost before the message was sent: {exc}") from None
    if later:
        raise TemporaryFailure("the server asked to try later: " + _listed(later))
    if not accepted:
        raise PermanentFailure("the server refused every recipient: " + _listed(refused),
                               refused)
    return accepted, refused


def _data(smtp: smtplib.SMTP, payload: bytes, accepted: list[str]) -> None:
    """DATA: from here on a lost connection means nobody knows whether it was delivered."""
    try:
        code, reply = smtp.data(payload)
    except smtplib.SMTPDataError as exc:  # DATA itself was refused: nothing was sent
        raise _by_code(exc.smtp_code, f"the server refused the message: {_text(exc)}",
                       dict.fromkeys(accepted, f"{exc.smtp_code} {_text(exc)}")) from None
    except OSError as exc:
        raise UncertainDelivery(
            f"the connection was lost while the message was being sent ({exc or 'closed'}): "
            "it may or may not have been delivered") from None
    if 200 <= code < 300:
        return
    text = f"{code} {_decode(reply)}"
    raise _by_code(code, f"the server refused the message: {text}", dict.fromkeys(accepted, text))


def _by_code(code: int, message: str,
             per_recipient: dict[str, str] | None = None) -> TemporaryFailure | PermanentFailure:
    """4xx (and anything odd) is worth a retry; 5xx is final."""
    if 500 <= code < 600:
        return PermanentFailure(message, per_recipient)
    return TemporaryFailure(message)


def _close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except OSError:
        smtp.close()


def _text(exc: smtplib.SMTPResponseException) -> str:
    return _decode(exc.smtp_error)


def _decode(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())


def _listed(per_recipient: dict[str, str]) -> str:
    return "; ".join(f"{address}: {reply}" for address, reply in per_recipient.items())
