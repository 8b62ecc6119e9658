"""The SMTP transport against aiosmtpd: which failures are permanent, which worth a retry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from afterword.mail import (
    ConfigurationMissing,
    PermanentFailure,
    TemporaryFailure,
    UncertainDelivery,
    find_password,
    smtp,
)
from afterword.mail import message as mail_message
from afterword.services import outbox
from tests.mail.conftest import Recorder, SmtpServer, free_port, settings_for


def _two_recipients() -> Any:
    message = mail_message.build(
        to=mail_message.mailbox("Priya Raman", "priya@northwind.example", "recipient"),
        sender=mail_message.mailbox("Sam Ortiz", "sam@example.org", "sender"),
        subject="Thank you", body="Dear Dr. Raman,\n\nThank you.\n",
        message_id="<1@example.org>")
    message["Cc"] = mail_message.mailbox("Arjun Mehta", "arjun@northwind.example", "recipient")
    return message


def test_a_5xx_for_one_recipient_is_reported_and_the_others_still_get_it(
        smtp_server: SmtpServer) -> None:
    smtp_server.recorder.behaviour.reject = {"arjun@northwind.example"}
    result = smtp.send(_two_recipients(), settings_for(smtp_server.port))
    assert result.accepted == ("priya@northwind.example",)
    assert list(result.refused) == ["arjun@northwind.example"]
    assert result.refused["arjun@northwind.example"].startswith("550")
    assert smtp_server.received[0].rcpt_tos == ["priya@northwind.example"]


def test_5xx_for_every_recipient_is_permanent(smtp_server: SmtpServer) -> None:
    smtp_server.recorder.behaviour.reject = {"arjun@northwind.example", "priya@northwind.example"}
    with pytest.raises(PermanentFailure) as caught:
        smtp.send(_two_recipients(), settings_for(smtp_server.port))
    assert set(caught.value.per_recipient) == {"arjun@northwind.example",
                                               "priya@northwind.example"}
    assert not caught.value.retry


def test_each_failure_says_whether_a_retry_can_help(smtp_server: SmtpServer) -> None:
    settings = settings_for(smtp_server.port)
    behaviour = smtp_server.recorder.behaviour
    behaviour.temp_fail_data = 1
    with pytest.raises(TemporaryFailure):
        smtp.send(_two_recipients(), settings)
    behaviour.drop_at_rcpt = 1
    with pytest.raises(TemporaryFailure):
        smtp.send(_two_recipients(), settings)
    behaviour.drop_after_data = 1
    with pytest.raises(UncertainDelivery):
        smtp.send(_two_recipients(), settings)
    with pytest.raises(TemporaryFailure, match="cannot reach"):
        smtp.send(_two_recipients(), settings_for(free_port()))


class _Auth:
    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str,
                 auth_data: Any) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"s3cret"
        return AuthResult(success=ok, handled=False)


@pytest.fixture
def auth_server() -> Iterator[SmtpServer]:
    recorder, port = Recorder(), free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port, authenticator=_Auth(),
                            auth_require_tls=False, auth_required=True)
    controller.start()
    try:
        yield SmtpServer(port, recorder)
    finally:
        controller.stop()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_it_logs_in_and_a_wrong_password_is_permanent(auth_server: SmtpServer) -> None:
    settings = settings_for(auth_server.port, smtp_user="sam")
    smtp.send(_two_recipients(), settings, password="s3cret")
    assert len(auth_server.received) == 1
    with pytest.raises(PermanentFailure, match="refused the login"):
        smtp.send(_two_recipients(), settings, password="wrong")
    with pytest.raises(ConfigurationMissing, match="AFTERWORD_SMTP_PASSWORD"):
        smtp.send(_two_recipients(), settings, password=None)


def test_the_password_comes_from_the_environment_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFTERWORD_SMTP_PASSWORD", "from-env")
    assert find_password("smtp", "sam").value == "from-env"
    monkeypatch.delenv("AFTERWORD_SMTP_PASSWORD")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    missing = find_password("smtp", "sam")
    assert missing.value is None and "keyring is unavailable" in (missing.note or "")


def test_a_second_claim_of_the_same_note_changes_nothing(db_url: str) -> None:
    from tests.mail.conftest import SEND_AT, add_note

    [note_id] = add_note(db_url)
    first = outbox._claim(db_url, note_id, "<a@example.org>", None, SEND_AT)
    second = outbox._claim(db_url, note_id, "<b@example.org>", None, SEND_AT)
    assert (first, second) == ("<a@example.org>", None)
