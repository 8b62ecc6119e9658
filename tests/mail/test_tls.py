"""STARTTLS and implicit TLS against a real aiosmtpd with a certificate made by the test."""

from __future__ import annotations

import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from afterword.mail import PermanentFailure, smtp
from afterword.mail import message as mail_message
from tests.mail.conftest import Recorder, free_port, settings_for


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (openssl, from the base system)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def _server_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


@pytest.fixture
def trusted(certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The client trusts the test certificate the way it trusts any CA: SSL_CERT_FILE."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    return certificate


def _note() -> object:
    return mail_message.build(
        to=mail_message.mailbox("Priya Raman", "priya@northwind.example", "recipient"),
        sender=mail_message.mailbox("Sam Ortiz", "sam@example.org", "sender"),
        subject="Thank you", body="Dear Dr. Raman,\n\nThank you.\n",
        message_id="<tls@example.org>")


@pytest.fixture
def starttls_server(certificate: tuple[Path, Path]) -> Iterator[tuple[int, Recorder]]:
    recorder, port = Recorder(), free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port,
                            tls_context=_server_context(*certificate), require_starttls=True)
    controller.start()
    yield port, recorder
    controller.stop()


@pytest.fixture
def implicit_tls_server(certificate: tuple[Path, Path]) -> Iterator[tuple[int, Recorder]]:
    recorder, port = Recorder(), free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port,
                            ssl_context=_server_context(*certificate))
    controller.start()
    yield port, recorder
    controller.stop()


def test_starttls_upgrades_before_sending(trusted: object,
                                          starttls_server: tuple[int, Recorder]) -> None:
    port, recorder = starttls_server
    smtp.send(_note(), settings_for(port, smtp_security="starttls"))  # type: ignore[arg-type]
    assert [r.rcpt_tos for r in recorder.received] == [["priya@northwind.example"]]


def test_implicit_tls_sends(trusted: object, implicit_tls_server: tuple[int, Recorder]) -> None:
    port, recorder = implicit_tls_server
    smtp.send(_note(), settings_for(port, smtp_security="tls"))  # type: ignore[arg-type]
    assert len(recorder.received) == 1


def test_an_untrusted_certificate_is_a_permanent_failure_and_nothing_is_sent(
        starttls_server: tuple[int, Recorder], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    empty = tmp_path / "none.pem"
    empty.write_text("")
    monkeypatch.setenv("SSL_CERT_FILE", str(empty))
    port, recorder = starttls_server
    with pytest.raises(PermanentFailure, match="cannot secure"):
        smtp.send(_note(), settings_for(port, smtp_security="starttls"))  # type: ignore[arg-type]
    assert recorder.received == []


def test_a_server_that_requires_starttls_refuses_a_plain_client(
        starttls_server: tuple[int, Recorder]) -> None:
    port, recorder = starttls_server
    with pytest.raises(PermanentFailure, match="STARTTLS"):
        smtp.send(_note(), settings_for(port, smtp_security="none"))  # type: ignore[arg-type]
    assert recorder.received == []
