"""A real SMTP server that wants a login (aiosmtpd with AUTH on plain loopback), recording
who logged in: proof that the right password reached the right server."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

from tests.mail.conftest import Recorder, free_port

CANDIDATE_PW = "candidate pw 'O'Brien' %s \\"
RELAY_PW = "relay pw"


@dataclass
class AuthServer:
    """aiosmtpd that accepts one user/password and records who logged in."""

    port: int
    recorder: Recorder
    logins: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture
def smtp_auth() -> Iterator[AuthServer]:
    recorder = Recorder()
    server = AuthServer(free_port(), recorder)

    def authenticate(_server: SMTP, _session: Any, _envelope: Any, _mechanism: str,
                     data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        login = (data.login.decode(), data.password.decode())
        server.logins.append(login)
        return AuthResult(success=login[1] in {CANDIDATE_PW, RELAY_PW})

    controller = Controller(recorder, hostname="127.0.0.1", port=server.port,
                            authenticator=authenticate, auth_require_tls=False)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


