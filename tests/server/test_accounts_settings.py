"""Each account's settings in server mode: the server's base, then the organisation's house
style, then the account's own choices; the environment is read once, for the base."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from afterword.config import ConfigError, Settings
from afterword.server.settings import server_env, settings_for
from afterword.store.accounts import Organisation, User

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _org(**style: object) -> Organisation:
    return Organisation(id=1, name="Centre", house_style=dict(style), relay={}, created_at=NOW)


def _user(**own: object) -> User:
    return User(id=7, organisation_id=1, email="zoe@student.example", name="Zoë O'Brien",
                role="candidate", settings=dict(own), created_at=NOW, updated_at=NOW)


def test_an_account_signs_with_its_own_name_and_address_by_default() -> None:
    mine = settings_for(_user(), _org(), Settings())
    assert (mine.user_name, mine.user_email) == ("Zoë O'Brien", "zoe@student.example")


def test_the_house_style_overlays_the_base_and_the_account_overlays_both(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFTERWORD_USER_NAME", "The Server")  # in the base, never over a user
    base = Settings(max_note_bytes=5_000)
    org = _org(dialect="british", thresholds={"email_words_warning": 180},
               database_url="sqlite:///elsewhere.db")
    house = settings_for(_user(), org, base)
    assert house.dialect == "british" and house.thresholds.email_words_warning == 180
    assert house.max_note_bytes == 5_000 and house.database_url == base.database_url
    assert house.user_name == "Zoë O'Brien"
    own = settings_for(_user(dialect="american", signature="Zoë\n+1 555 0100",
                             max_note_bytes=10), org, base)
    assert own.dialect == "american" and own.signature == "Zoë\n+1 555 0100"
    assert own.thresholds.email_words_warning == 180
    assert own.max_note_bytes == 5_000  # not an account's to choose


def test_a_stored_value_that_no_longer_validates_falls_back_to_the_base() -> None:
    mine = settings_for(_user(smtp_port=99_999, user_name="Zoë\r\nBcc: x"), _org(), Settings())
    assert mine.smtp_port == Settings().smtp_port
    assert mine.user_name is None or "\n" not in mine.user_name


def test_nobody_signed_in_gets_the_base() -> None:
    base = Settings()
    assert settings_for(None, None, base) is base


def test_the_server_environment_is_checked_in_one_line() -> None:
    env = server_env({"AFTERWORD_BASE_URL": "https://careers.example.edu/",
                      "AFTERWORD_ALLOWED_HOSTS": "careers.example.edu, Other.Example"})
    assert env.secure_cookies and env.allowed_hosts == {"careers.example.edu", "other.example"}
    assert env.link("/invite/x") == "https://careers.example.edu/invite/x"
    assert not server_env({"AFTERWORD_BASE_URL": "http://127.0.0.1:8000"}).secure_cookies
    assert not server_env({"AFTERWORD_BASE_URL": "https://a.example",
                           "AFTERWORD_INSECURE_COOKIES": "1"}).secure_cookies
    with pytest.raises(ConfigError, match="AFTERWORD_BASE_URL"):
        server_env({"AFTERWORD_BASE_URL": "javascript:alert(1)"})
