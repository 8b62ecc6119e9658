"""The .eml output: built by the standard library, and no header injection, ever."""

from __future__ import annotations

from email import message_from_string, policy

import pytest

from afterword.compose import build_message, sanitise_header

HOSTILE = [
    "Eve\r\nBcc: x@evil.example",
    "Eve\nBcc: x@evil.example",
    "Eve\rCc: x@evil.example",
    "=?utf-8?q?Eve=0D=0ABcc=3A_x=40evil=2Eexample?=",
    "Smith, John <john@evil.example>",
    'Mallory "<x@evil.example>", Bcc: y@evil.example',
    "Zoë\u2028Bcc: x@evil.example",
    "Eve\x00\x0bBcc: x@evil.example",
]


def _headers(raw: str) -> dict[str, list[str]]:
    msg = message_from_string(raw, policy=policy.default)
    return {k.lower(): [str(v) for v in msg.get_all(k, [])] for k in msg}


@pytest.mark.parametrize("hostile", HOSTILE)
def test_no_header_injection(hostile: str) -> None:
    message = build_message(to_name=hostile, to_email="ana@example.org", from_name=hostile,
                            from_email="sam@example.org", subject=hostile, body="Hello.\n")
    raw = message.as_string()
    headers = _headers(raw)
    assert set(headers) <= {"to", "from", "subject", "content-type",
                            "content-transfer-encoding", "mime-version"}
    assert len(headers["to"]) == 1 and len(headers["from"]) == 1
    parsed = message_from_string(raw, policy=policy.default)
    assert [a.addr_spec for a in parsed["to"].addresses] == ["ana@example.org"]
    assert [a.addr_spec for a in parsed["from"].addresses] == ["sam@example.org"]
    assert "\n" not in str(parsed["subject"]) and "\r" not in str(parsed["subject"])


@pytest.mark.parametrize("bad", ["x@evil.example, y@evil.example", "a@b\r\nBcc: c@d",
                                 "<x@evil.example>", "no-at-sign", ""])
def test_bad_addresses_are_left_out(bad: str) -> None:
    message = build_message(to_name="Ana", to_email=bad, from_name=None, from_email=None,
                            subject="Hi there", body="Hello.\n")
    assert message["To"] is None


def test_sanitise_collapses_whitespace() -> None:
    assert sanitise_header(" a\r\n\tb\u2029c ") == "a b c"


def test_unicode_names_round_trip() -> None:
    message = build_message(to_name="Siobhán Ní Bhriain", to_email="s@example.ie",
                            from_name="Declan Ó Súilleabháin", from_email="d@example.org",
                            subject="Thank you — Trainee Solicitor", body="Dear Ms. Ní Bhriain,\n")
    parsed = message_from_string(message.as_string(), policy=policy.default)
    assert parsed["to"].addresses[0].display_name == "Siobhán Ní Bhriain"
    assert str(parsed["subject"]) == "Thank you — Trainee Solicitor"
