"""The delivery commands, end to end against aiosmtpd: exit codes, messages, what is sent."""

from __future__ import annotations

import urllib.parse
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from typer.testing import CliRunner

from afterword.cli.main import app
from afterword.store import repo
from afterword.store.db import session_scope
from tests.mail.conftest import PRIYA, SEND_AT, SUBJECT, SmtpServer, add_note

runner = CliRunner()


@pytest.fixture(autouse=True)
def _commands() -> None:
    """The delivery commands, registered here until cli/main.py registers them itself."""
    from afterword.cli import deliver

    if not any(c.name == "send" for c in app.registered_commands):
        deliver.register(app)


@pytest.fixture
def env(db_url: str, smtp_server: SmtpServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.chdir(tmp_path)
    for name in ("AFTERWORD_SMTP_PASSWORD", "AFTERWORD_IMAP_PASSWORD", "AFTERWORD_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    return {"AFTERWORD_DATABASE_URL": db_url, "AFTERWORD_NOW": SEND_AT.isoformat(),
            "AFTERWORD_SMTP_HOST": "127.0.0.1", "AFTERWORD_SMTP_PORT": str(smtp_server.port),
            "AFTERWORD_SMTP_SECURITY": "none", "AFTERWORD_USER_NAME": "Sam Ortiz",
            "AFTERWORD_USER_EMAIL": "sam.ortiz@example.org",
            "AFTERWORD_SEND_BACKOFF_SECONDS": "0.01", "NO_COLOR": "1"}


def _run(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_send_sends_and_a_second_send_is_refused(env: dict[str, str], db_url: str,
                                                 smtp_server: SmtpServer) -> None:
    [note_id] = add_note(db_url)
    code, out, _ = _run(env, "send", str(note_id))
    assert code == 0 and f"sent to {PRIYA}" in out
    code, _, err = _run(env, "send", str(note_id))
    assert code == 2 and "already sent" in err and len(err.strip().splitlines()) == 1
    assert len(smtp_server.received) == 1


def test_send_exits_1_when_uncertain_and_reconcile_settles_it(
        env: dict[str, str], db_url: str, smtp_server: SmtpServer) -> None:
    [note_id] = add_note(db_url)
    smtp_server.recorder.behaviour.drop_after_data = 1
    code, _, err = _run(env, "send", str(note_id))
    assert code == 1 and "uncertain" in err and "reconcile" in err
    code, _, err = _run(env, "reconcile", str(note_id))
    assert code == 2 and "--sent or --not-sent" in err
    code, out, _ = _run(env, "reconcile", str(note_id), "--sent")
    assert code == 0 and "recorded as sent" in out


def test_send_refuses_errors_unless_forced_with_a_reason(env: dict[str, str], db_url: str,
                                                         smtp_server: SmtpServer) -> None:
    [note_id] = add_note(db_url, body="Hi,\n\nThanks for the chat.\n\nSam Ortiz\n")
    code, _, err = _run(env, "send", str(note_id))
    assert code == 1 and "AW103" in err
    code, _, err = _run(env, "send", str(note_id), "--force")
    assert code == 2 and "--reason" in err
    code, _, _ = _run(env, "send", str(note_id), "--force", "--reason", "she asked for it")
    assert code == 0 and len(smtp_server.received) == 1


def test_send_exits_1_on_a_5xx_naming_the_recipient(env: dict[str, str], db_url: str,
                                                    smtp_server: SmtpServer) -> None:
    [note_id] = add_note(db_url)
    smtp_server.recorder.behaviour.reject = {PRIYA}
    code, _, err = _run(env, "send", str(note_id))
    assert code == 1 and f"{PRIYA}: 550" in err


def test_bad_input_is_one_line_and_exit_2(env: dict[str, str], db_url: str) -> None:
    code, _, err = _run(env, "send", "999")
    assert code == 2 and "no note 999" in err and len(err.strip().splitlines()) == 1
    [note_id] = add_note(db_url)
    code, _, err = _run(env | {"AFTERWORD_SMTP_USER": "sam"}, "send", str(note_id))
    assert code == 1 and "AFTERWORD_SMTP_PASSWORD" in err  # no password, not a terminal
    assert "s3cret" not in err


def test_eml_writes_an_rfc_5322_draft(env: dict[str, str], db_url: str, tmp_path: Path) -> None:
    [note_id] = add_note(db_url)
    target = tmp_path / "note.eml"
    code, _, _ = _run(env, "eml", str(note_id), "-o", str(target))
    assert code == 0
    message = message_from_bytes(target.read_bytes(), policy=policy.default)
    assert message["To"] == f"Priya Raman <{PRIYA}>"
    assert message["From"] == "Sam Ortiz <sam.ortiz@example.org>"
    assert message["Subject"] == SUBJECT and message["X-Unsent"] == "1"
    assert "dbt" in message.get_body().get_content()  # type: ignore[union-attr]


def test_mailto_percent_encodes_everything(env: dict[str, str], db_url: str) -> None:
    [note_id] = add_note(db_url, subject="Thank you & next steps? 100%")
    code, out, _ = _run(env, "mailto", str(note_id))
    link = out.strip()
    assert code == 0 and link.startswith(f"mailto:{PRIYA}?subject=")
    assert " " not in link and "\n" not in link and "%0D%0A" in link
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)
    assert query["subject"] == ["Thank you & next steps? 100%"]
    assert "moving the sales dashboards to dbt" in query["body"][0]


def test_ask_review_is_marked_and_never_shows_the_interviewer(
        env: dict[str, str], db_url: str, smtp_server: SmtpServer) -> None:
    body = f"Dear Dr. Raman,\n\nWrite to me at {PRIYA.upper()} if you like.\n\nSam Ortiz\n"
    [note_id] = add_note(db_url, body=body, subject=f"Thanks ({PRIYA})")
    with session_scope(db_url) as session:
        repo.get_note(session, note_id).report = {
            "counts": {"error": 1, "warning": 0, "suggestion": 0},
            "findings": [{"code": "AW101", "name": "recipient-not-interviewer",
                          "severity": "error", "message": f"{PRIYA} is not in To"}]}
    code, out, _ = _run(env, "ask-review", str(note_id), "--to", "Alex <alex@example.org>")
    assert code == 0 and "alex@example.org" in out
    [got] = smtp_server.received
    assert got.rcpt_tos == ["alex@example.org"]
    assert PRIYA not in got.content.decode().lower()
    message = got.message
    assert message["Subject"].startswith("[Draft for review] ")
    text = message.get_content()
    assert text.startswith("DRAFT FOR REVIEW") and "1 error" in text and "AW101" in text
    assert PRIYA not in text.lower() and "address removed" in text
    assert message["Reply-To"] is None and message["Cc"] is None


def test_ask_review_refuses_the_interviewers_own_address(env: dict[str, str],
                                                         db_url: str) -> None:
    [note_id] = add_note(db_url)
    code, _, err = _run(env, "ask-review", str(note_id), "--to", PRIYA.upper())
    assert code == 2 and "ask a friend" in err
