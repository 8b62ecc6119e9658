"""Storage: migrations apply themselves, a newer schema is refused, the backup is lossless."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text

from afterword.store import repo
from afterword.store.backup import export_all, import_all
from afterword.store.db import (
    StoreError,
    current_revision,
    engine_for,
    head_revision,
    session_scope,
)
from afterword.store.tables import FollowUp

EPOCH = datetime(2026, 11, 20, 15, 30, tzinfo=ZoneInfo("America/New_York"))


def _url(tmp_path: Path, name: str = "afterword.db") -> str:
    return f"sqlite:///{tmp_path / name}"


def _fill(url: str) -> None:
    with session_scope(url) as session:
        app = repo.add_application(session, company="Northwind Analytics", role="Data Analyst",
                                   now=EPOCH, aliases=["Northwind"], timezone="America/New_York",
                                   expected_reply_by=date(2026, 12, 4), industry="tech")
        repo.add_interview(session, app, start=EPOCH - timedelta(hours=2), end=EPOCH,
                           timezone="America/New_York", format="video", uid="abc@google.com")
        priya = repo.add_person(session, app, name="Priya Raman", email="Priya@Northwind.example",
                                honorific="Dr.")
        zoe = repo.add_person(session, app, name="Zoë O'Brien-Müller <script>", role="scheduler")
        repo.add_moment(session, priya, "moving the sales dashboards to dbt")
        repo.add_moment(session, zoe, "line one\r\nBcc: x@evil.example")
        repo.save_note(session, app, person=priya, body="Dear Dr. Raman,\n\nThanks.",
                       subject="Thanks", report={"counts": {"error": 0}}, now=EPOCH,
                       status="sent", sent_at=EPOCH + timedelta(hours=18))
        app.follow_ups.append(FollowUp(kind="check_in", number=1, due=EPOCH + timedelta(days=17),
                                       reason="the business day after December 4"))
        other = repo.add_application(session, company="Globex", role="Analyst",
                                     now=EPOCH.astimezone(ZoneInfo("Asia/Kolkata")))
        repo.set_status(other, "rejected", EPOCH)


def test_a_new_database_is_migrated_on_first_use_in_wal_mode(tmp_path: Path) -> None:
    engine = engine_for(_url(tmp_path))
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_a_database_from_a_newer_afterword_is_refused_untouched(tmp_path: Path) -> None:
    url = _url(tmp_path)
    engine_for(url)
    raw = create_engine(url)
    with raw.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine_for.cache_clear()
    with pytest.raises(StoreError, match="newer than this afterword knows"):
        engine_for(url)
    with raw.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "9999_future")


def test_export_import_export_is_identical(tmp_path: Path) -> None:
    first, second = _url(tmp_path, "a.db"), _url(tmp_path, "b.db")
    _fill(first)
    with session_scope(first) as session:
        exported = export_all(session)
    document = json.loads(json.dumps(exported))  # through real JSON text
    with session_scope(second) as session:
        assert import_all(session, document) == 2
    with session_scope(second) as session:
        again = export_all(session)
    assert json.dumps(again, sort_keys=True) == json.dumps(exported, sort_keys=True)
    note = exported["applications"][0]["notes"][0]
    assert note["sent_at"] == (EPOCH + timedelta(hours=18)).isoformat()


def test_import_refuses_a_database_that_has_data(tmp_path: Path) -> None:
    url = _url(tmp_path)
    _fill(url)
    with session_scope(url) as session:
        document = export_all(session)
    with pytest.raises(repo.Invalid, match="already has applications"), session_scope(url) as s:
        import_all(s, document)


@pytest.mark.parametrize(("document", "message"), [
    ({"format": "something-else"}, "not an afterword backup"),
    ({"format": "afterword-backup", "version": 99}, "version 99"),
    ({"format": "afterword-backup", "version": 1, "applications": {}}, "must be a list"),
    ({"format": "afterword-backup", "version": 1,
      "applications": [{"company": "A", "created_at": "yesterday"}]}, "not a date/time"),
])
def test_a_bad_backup_is_refused_with_the_reason(tmp_path: Path, document: object,
                                                 message: str) -> None:
    with pytest.raises(repo.Invalid, match=message), session_scope(_url(tmp_path)) as session:
        import_all(session, document)


def test_names_are_stored_as_one_clean_line(tmp_path: Path) -> None:
    url = _url(tmp_path)
    _fill(url)
    with session_scope(url) as session:
        app = repo.get_application(session, 1)
        zoe = next(p for p in app.people if p.name == "Zoë O'Brien-Müller <script>")
        assert zoe.moments[0].text == "line one Bcc: x@evil.example"


def test_naive_datetimes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="aware"), session_scope(_url(tmp_path)) as session:
        repo.add_application(session, company="A", role="B", now=datetime(2026, 1, 1))


def test_postgresql_is_migrated_and_round_trips_the_backup(postgres_url: str,
                                                           tmp_path: Path) -> None:
    _fill(postgres_url)
    with session_scope(postgres_url) as session:
        exported = export_all(session)
    lite = _url(tmp_path, "copy.db")
    with session_scope(lite) as session:
        import_all(session, json.loads(json.dumps(exported)))
    with session_scope(lite) as session:
        assert json.dumps(export_all(session), sort_keys=True) == json.dumps(exported,
                                                                             sort_keys=True)
    assert current_revision(engine_for(postgres_url)) == head_revision()
