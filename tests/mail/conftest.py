"""Real servers for the delivery tests: aiosmtpd on a free loopback port, and a note to send."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller

from afterword.config import Settings
from afterword.store import repo
from afterword.store.db import session_scope
from tests.conftest import BASE_CONTEXT, BASE_NOTE

EPOCH = datetime(2026, 11, 20, 15, 30, tzinfo=ZoneInfo("America/New_York"))  # interview ends
SEND_AT = EPOCH + timedelta(hours=18)  # next morning, 09:30
PRIYA = "priya.raman@northwind.example"
SUBJECT = BASE_CONTEXT["subject"]


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Received:
    """One message as the server saw it: envelope and content."""

    mail_from: str
    rcpt_tos: list[str]
    content: bytes

    @property
    def message(self) -> EmailMessage:
        """The content parsed back into a message."""
        parsed = message_from_bytes(self.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Behaviour:
    """What the server does: scripted replies, dropped connections."""

    temp_fail_data: int = 0  # answer 451 to this many DATA, then accept
    reject: set[str] = field(default_factory=set)  # RCPT TO answered with 550
    temp_reject_rcpt: int = 0  # answer 450 to this many RCPT
    drop_at_rcpt: int = 0  # drop the connection at this many RCPT (before DATA)
    drop_after_data: int = 0  # drop this many times after the data arrived, before the reply


class Recorder:
    """An aiosmtpd handler that records what it accepts and misbehaves on request."""

    def __init__(self) -> None:
        self.behaviour = Behaviour()
        self.received: list[Received] = []
        self.rcpts_seen: list[str] = []
        self.lock = threading.Lock()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        self.rcpts_seen.append(address)
        if self.behaviour.drop_at_rcpt:
            self.behaviour.drop_at_rcpt -= 1
            server.transport.abort()
            return "250 OK"
        if self.behaviour.temp_reject_rcpt:
            self.behaviour.temp_reject_rcpt -= 1
            return "450 4.2.1 mailbox busy, try later"
        if address in self.behaviour.reject:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.behaviour.temp_fail_data:
            self.behaviour.temp_fail_data -= 1
            return "451 4.3.0 temporary trouble, try later"
        received = Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        with self.lock:
            self.received.append(received)
        if self.behaviour.drop_after_data:
            self.behaviour.drop_after_data -= 1
            server.transport.abort()
        return "250 2.0.0 queued"


@dataclass
class SmtpServer:
    """A running aiosmtpd and its recorder."""

    port: int
    recorder: Recorder

    @property
    def received(self) -> list[Received]:
        """Messages accepted so far."""
        return self.recorder.received


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd) on a free loopback port."""
    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer(port, recorder)
    finally:
        controller.stop()


# A port nothing listens on, for settings whose test never reaches the SMTP server.
UNUSED_PORT = 1


def settings_for(port: int, url: str | None = None, **changes: Any) -> Settings:
    """Settings that send through the test server, quickly."""
    values: dict[str, Any] = {
        "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_security": "none",
        "user_name": "Sam Ortiz", "user_email": "sam.ortiz@example.org",
        "database_url": url, "send_backoff_seconds": 0.01, "send_retries": 3,
    }
    return Settings(**(values | changes))


def add_note(url: str, *, name: str = "Priya Raman", email: str | None = PRIYA,
             subject: str = SUBJECT, body: str = BASE_NOTE, status: str = "approved",
             count: int = 1) -> list[int]:
    """An application like the shared example, and `count` notes to its interviewer."""
    with session_scope(url) as session:
        app = repo.add_application(session, company="Northwind Analytics",
                                   role="Senior Data Analyst", now=EPOCH,
                                   aliases=["Northwind"], timezone="America/New_York",
                                   expected_reply_by=date(2026, 12, 4))
        repo.add_interview(session, app, start=EPOCH - timedelta(minutes=90), end=EPOCH,
                           timezone="America/New_York")
        person = repo.add_person(session, app, name=name, email=email, honorific="Dr.",
                                 title="Head of Analytics")
        for moment in ("moving the sales dashboards to dbt", "her team's Friday demo sessions"):
            repo.add_moment(session, person, moment)
        notes = [repo.save_note(session, app, person=person, body=body, subject=subject,
                                status=status, report={}, now=EPOCH) for _ in range(count)]
        return [n.id for n in notes]


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh SQLite database."""
    return f"sqlite:///{tmp_path / 'afterword.db'}"


NoteMaker = Callable[..., list[int]]


@dataclass
class ImapServer:
    """A running dovecot: where it listens and who can log in."""

    port: int
    user: str
    password: str
    home: Path

    def settings(self, **changes: Any) -> Settings:
        """Settings that reach this server (plain IMAP on loopback)."""
        return settings_for(UNUSED_PORT, imap_host="127.0.0.1", imap_port=self.port,
                            imap_security="none", imap_user=self.user, **changes)


DOVECOT_CONF = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 0
default_internal_user = dovecot
default_login_user = dovenull
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
"""


def _wait_for_port(port: int, seconds: float) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


@pytest.fixture(scope="session")
def imap_server() -> Iterator[ImapServer]:
    """Debian's dovecot on a free loopback port, with one passwd-file user (started here)."""
    import os
    import shutil
    import subprocess

    dovecot = shutil.which("dovecot") or ("/usr/sbin/dovecot"
                                          if Path("/usr/sbin/dovecot").exists() else None)
    if dovecot is None:
        if os.environ.get("CI") == "true":
            pytest.fail("dovecot is not installed (apt-get install -y dovecot-imapd)")
        pytest.skip("dovecot is not installed (apt-get install -y dovecot-imapd)")
    if os.geteuid() != 0:
        pytest.skip("the throwaway dovecot runs as root")
    import tempfile

    root, port = Path(tempfile.mkdtemp(prefix="afterword-dovecot-")), free_port()
    root.chmod(0o755)  # its login and mail processes run as unprivileged users
    for folder in ("run", "state", "mail", "home"):
        (root / folder).mkdir()
    for folder in ("mail", "home"):
        shutil.chown(root / folder, "dovecot", "dovecot")
    (root / "passwd").write_text("sam:{PLAIN}imap-s3cret\n", encoding="utf-8")
    config = root / "dovecot.conf"
    config.write_text(DOVECOT_CONF.format(root=root, port=port), encoding="utf-8")
    process = subprocess.Popen([dovecot, "-F", "-c", str(config)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        if not _wait_for_port(port, 15):
            process.kill()
            output = process.communicate(timeout=5)[0].decode(errors="replace")
            log = root / "dovecot.log"
            pytest.fail("dovecot did not start: " + output
                        + (log.read_text(errors="replace") if log.exists() else ""))
        yield ImapServer(port, "sam", "imap-s3cret", root)
    finally:
        process.terminate()
        process.wait(timeout=15)
        shutil.rmtree(root, ignore_errors=True)
