"""Secrets at rest: mail passwords are sealed with the server's key, readable with any key of
AFTERWORD_SECRET_KEYS, and `afterword server rotate-key` re-seals them with the newest."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import typer
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from afterword.cli.server_keys import register
from afterword.server import secrets
from afterword.store.accounts import AuditEntry, Organisation, User
from afterword.store.db import engine_for
from afterword.store.scope import system

NOW = datetime(2026, 12, 1, 15, tzinfo=UTC)
OLD, NEW = secrets.new_key(), secrets.new_key()


def test_a_sealed_password_is_not_in_the_clear_and_opens_again() -> None:
    box = secrets.Vault([OLD])
    sealed = secrets.seal_mail(box, secrets.MailSecrets(smtp="hunter2-Zoë", imap="imap pw"))
    assert sealed is not None and "hunter2" not in sealed and "imap" not in sealed
    assert secrets.open_mail(box, sealed) == secrets.MailSecrets("hunter2-Zoë", "imap pw")
    assert secrets.seal_mail(box, secrets.MailSecrets()) is None
    assert secrets.open_mail(box, None) == secrets.MailSecrets()


def test_any_listed_key_opens_and_the_first_one_seals() -> None:
    sealed = secrets.Vault([OLD]).seal("pw")
    both = secrets.Vault([NEW, OLD])
    assert both.open(sealed) == "pw"
    resealed = both.reseal(sealed)
    assert secrets.Vault([NEW]).open(resealed) == "pw"
    with pytest.raises(secrets.UnreadableSecret, match="cannot be decrypted"):
        secrets.Vault([NEW]).open(sealed)


def test_missing_or_malformed_keys_are_one_line_errors() -> None:
    with pytest.raises(secrets.SecretsUnavailable, match="AFTERWORD_SECRET_KEYS is not set"):
        secrets.vault({})
    with pytest.raises(secrets.SecretsUnavailable, match="key 2 is not a Fernet key"):
        secrets.vault({secrets.KEYS_ENV: f"{OLD}, not-a-key\r\n"})
    assert secrets.parse_keys(f" {NEW} ,, {OLD} ") == [NEW, OLD]


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'keys.db'}"


def _seed(url: str) -> sessionmaker[Session]:
    maker = sessionmaker(bind=engine_for(url), expire_on_commit=False)
    box = secrets.Vault([OLD])
    with maker() as session, session.begin():
        system(session, "test set-up")
        org = Organisation(name="Centre", house_style={}, relay={"host": "relay.example"},
                           relay_secret=box.seal("relay pw"), created_at=NOW)
        session.add(org)
        session.flush()
        for email, stored in (("a@centre.example", "smtp A"), ("b@centre.example", None)):
            session.add(User(organisation_id=org.id, email=email, name="O'Brien-Zoë",
                             role="candidate", settings={}, created_at=NOW, updated_at=NOW,
                             mail_secrets=secrets.seal_mail(box, secrets.MailSecrets(stored))))
    return maker


def _cli() -> typer.Typer:
    group = typer.Typer()
    register(group)
    group.command("noop")(lambda: None)  # a group of one command would swallow its name
    return group


def test_rotate_key_reseals_every_secret_so_the_old_key_can_go(url: str,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    maker = _seed(url)
    monkeypatch.setenv(secrets.KEYS_ENV, f"{NEW},{OLD}")
    done = CliRunner().invoke(_cli(), ["rotate-key", "--database-url", url])
    assert done.exit_code == 0, done.output
    assert "1 account(s)" in done.output and "1 organisation(s)" in done.output
    only_new = secrets.Vault([NEW])
    with maker() as session:
        system(session, "test read-back")
        users = {u.email: u for u in session.scalars(select(User))}
        assert secrets.open_mail(only_new, users["a@centre.example"].mail_secrets).smtp == \
            "smtp A"
        assert users["b@centre.example"].mail_secrets is None
        org = session.scalars(select(Organisation)).one()
        assert only_new.open(org.relay_secret or "") == "relay pw"
        (entry,) = session.scalars(select(AuditEntry).where(AuditEntry.action == "key.rotate"))
        assert entry.detail == {"users": 1, "organisations": 1}


def test_rotate_key_without_the_old_key_changes_nothing(url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    maker = _seed(url)
    with maker() as session:
        system(session, "before")
        before = [u.mail_secrets for u in session.scalars(select(User).order_by(User.id))]
    monkeypatch.setenv(secrets.KEYS_ENV, NEW)
    done = CliRunner().invoke(_cli(), ["rotate-key", "--database-url", url])
    assert done.exit_code == 2
    assert "keep the old key" in done.output
    with maker() as session:
        system(session, "after")
        assert [u.mail_secrets for u in session.scalars(select(User).order_by(User.id))] == \
            before


def test_rotate_key_prints_a_fresh_key_on_request() -> None:
    done = CliRunner().invoke(_cli(), ["rotate-key", "--new-key"])
    assert done.exit_code == 0
    secrets.Vault([done.output.strip()])  # a usable key
