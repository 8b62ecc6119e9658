"""Header safety: nothing a user typed can add a header or a recipient.

Every payload goes into every field that becomes a header (the interviewer's name and
address, the subject, the user's name and address, the reviewer's name and address) and is
sent to a real SMTP server: the set of headers never changes, and the address the envelope
sends to (RCPT TO as aiosmtpd saw it) is always the one the To header shows.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from afterword.mail import message as mail_message
from afterword.mail import smtp
from afterword.mail.review import review_message
from afterword.services import outbox
from tests.mail.conftest import (
    PRIYA,
    SEND_AT,
    Recorder,
    SmtpServer,
    add_note,
    free_port,
    settings_for,
)

EVIL = "evil@attacker.example"
_B64 = base64.b64encode(f"Priya\r\nBcc: {EVIL}".encode()).decode()
PAYLOADS = [
    f"Priya\r\nBcc: {EVIL}", f"Priya\nBcc: {EVIL}", f"Priya\rBcc: {EVIL}",
    "Priya\r\n\r\nan injected body", f"Priya%0d%0aBcc: {EVIL}", f"Priya%0ABcc:{EVIL}",
    f"=?utf-8?q?Priya=0D=0ABcc:_{EVIL}?=", "=?utf-8?q?Priya=0ABcc=3A_evil=40attacker.example?=",
    f"=?utf-8?b?{_B64}?=", f"=?iso-8859-1?q?Priya=0D=0ATo:_{EVIL}?=",
    "=?utf-8?q?=3D=3Futf-8=3Fq=3FPriya=3D0D=3D0ABcc=3A_evil=40attacker.example=3F=3D?=",
    f"=?utf-8?q?Priya?= =?utf-8?q?=0D=0A?= =?utf-8?q?Bcc:_{EVIL}?=",
    f"=?utf-8?Q?Priya=E2=80=A8Bcc:_{EVIL}?=", f"=?utf-8?q?Priya=00Bcc:_{EVIL}?=",
    "Raman, Priya", f"Priya <{EVIL}>", EVIL, f'"Priya" <{EVIL}>, other@attacker.example',
    f"Priya>, {EVIL} <", f"Priya\x00Bcc: {EVIL}", f"Priya\u2028Bcc: {EVIL}",
    f"Priya\u2029Bcc: {EVIL}", f"Priya\x85Bcc: {EVIL}", f"Priya\x0bBcc: {EVIL}",
    f"Priya\x0cBcc: {EVIL}", f"Priya\tBcc: {EVIL}", "Priya\r\n Bcc: folded@attacker.example",
    "Priya\r\n\tX-Evil: 1", f"Priya\\r\\nBcc: {EVIL}", f"Priya&#13;&#10;Bcc: {EVIL}",
    f"Priya;{EVIL}", f"Priya:;{EVIL}", "undisclosed-recipients:;", "(comment) Priya",
    f"Priya (Bcc: {EVIL})", f'"Priya\\"\r\nBcc: {EVIL}', f"李 Priya\r\nBcc: {EVIL}",
    "Priya" + " " * 500 + f"Bcc: {EVIL}", "A" * 2000, "Priya\r\nContent-Type: text/html",
    "Priya\r\nSubject: hijacked", "Priya\r\nMIME-Version: 2.0",
    f"Priya\r\n.\r\nMAIL FROM:<{EVIL}>\r\nRCPT TO:<{EVIL}>", f"Priya\n.\nRCPT TO:<{EVIL}>",
    "Priya\r\n\x00.", f"Priya\x1bBcc: {EVIL}", f"Priya\u0085\u2028\r\nReply-To: {EVIL}",
]
HEADERS = ["content-transfer-encoding", "content-type", "date", "from", "message-id",
           "mime-version", "subject", "to"]
FIELDS = ["to_name", "to_email", "subject", "from_name", "from_email"]


def _as_address(payload: str, address: str) -> str:
    """The payload grafted onto a real address (for the address fields)."""
    return address + payload[len("Priya"):] if payload.startswith("Priya") else payload


@pytest.fixture(scope="module")
def server() -> Iterator[SmtpServer]:
    recorder, port = Recorder(), free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer(port, recorder)
    finally:
        controller.stop()


def _fields(field: str, payload: str) -> dict[str, str]:
    values = {"to_name": "Priya Raman", "to_email": PRIYA, "subject": "Thank you",
              "from_name": "Sam Ortiz", "from_email": "sam@example.org"}
    values[field] = _as_address(payload, values[field]) if field.endswith("email") else payload
    return values


def assert_safe(server: SmtpServer, message: EmailMessage, *, shown_to: str) -> None:
    """Send `message`; the server got the same headers, and the envelope = the To shown."""
    before = len(server.received)
    smtp.send(message, settings_for(server.port))
    [got] = server.received[before:]
    parsed = got.message
    assert sorted(k.lower() for k in parsed) == HEADERS
    [to] = parsed["To"].addresses
    assert got.rcpt_tos == [to.addr_spec] == [shown_to]
    assert got.mail_from == parsed["From"].addresses[0].addr_spec
    if shown_to != EVIL:  # unless the user typed exactly that address as the recipient
        assert EVIL not in got.rcpt_tos
    for value in parsed.values():
        assert "\n" not in str(value) and "\r" not in str(value)


def test_there_are_enough_payloads() -> None:
    assert len(PAYLOADS) >= 40 and len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_no_payload_adds_a_header_or_a_recipient(server: SmtpServer, field: str,
                                                 payload: str) -> None:
    values = _fields(field, payload)
    try:
        to = mail_message.mailbox(values["to_name"], values["to_email"], "recipient")
        sender = mail_message.mailbox(values["from_name"], values["from_email"], "sender")
    except mail_message.InvalidAddress:
        assert field.endswith("email")  # refusing a mangled address is safe
        return
    message = mail_message.build(to=to, sender=sender, subject=values["subject"],
                                 body="Dear Dr. Raman,\n\nThank you.\n",
                                 message_id=mail_message.new_message_id(sender), date=SEND_AT)
    assert_safe(server, message, shown_to=to.addr_spec)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_no_payload_in_the_reviewer_reaches_the_interviewer(server: SmtpServer,
                                                             payload: str) -> None:
    sender = mail_message.mailbox("Sam Ortiz", "sam@example.org", "sender")
    for name, email in ((payload, "alex@example.org"),
                        ("Alex", _as_address(payload, "alex@example.org"))):
        try:
            friend = mail_message.mailbox(name, email, "reviewer")
        except mail_message.InvalidAddress:
            continue
        message = review_message(friend=friend, sender=sender, subject=payload,
                                 body=f"Dear Dr. Raman,\n\n{payload}\n", report={},
                                 addressee=payload, company="Northwind", hidden=[PRIYA],
                                 date=SEND_AT)
        assert_safe(server, message, shown_to=friend.addr_spec)
        assert PRIYA not in server.received[-1].content.decode().lower()


def test_the_outbox_keeps_names_and_subjects_from_the_store_in_their_place(
        server: SmtpServer, db_url: str) -> None:
    # Settings refuse control characters when they are set; a value that got past them
    # anyway (an old file, a bug) must still not reach the headers.
    settings = settings_for(server.port).model_copy(update={"user_name": "Sam\r\nBcc: " + EVIL})
    for payload in PAYLOADS:
        for note_id in add_note(db_url, name=payload, subject=payload):
            before = len(server.received)
            outcome = outbox.send_note(db_url, note_id, settings, now=SEND_AT,
                                       force_reason="header-safety test")
            assert outcome.sent, outcome.detail
            [got] = server.received[before:]
            assert sorted(k.lower() for k in got.message) == HEADERS
            assert got.rcpt_tos == [got.message["To"].addresses[0].addr_spec] == [PRIYA]
