"""Upgrading an existing SQLite database keeps every row: a batch migration rebuilds a
table (copy, drop, rename), and with foreign keys on, dropping `applications` would
cascade-delete every interview, person and note that points at it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from afterword.store import db


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return {table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("applications", "interviews", "people", "notes", "moments")}


def test_upgrading_a_database_with_records_loses_none_of_them(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    config = db._alembic_config()
    with engine.begin() as connection:  # a user's database of an earlier release (0007)
        config.attributes["connection"] = connection
        command.upgrade(config, "0007")
    engine.dispose()
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO applications (id, company, aliases, role, status, timezone, "
                    "corresponded_by_email, drop_off, other_companies, other_roles, "
                    "created_at, updated_at) VALUES (1, 'Northwind', '[]', 'Analyst', "
                    "'active', 'America/New_York', 1, 0, '[]', '[]', '2026-11-20 10:00:00', "
                    "'2026-11-20 10:00:00')")
        raw.execute("INSERT INTO interviews (id, application_id, start, \"end\", timezone, "
                    "format, round, location, sequence, cancelled) VALUES (1, 1, "
                    "'2026-11-20 19:00:00', '2026-11-20 20:30:00', 'America/New_York', "
                    "'video', 1, '', 0, 0)")
        raw.execute("INSERT INTO people (id, application_id, name, role, spelling_confirmed, "
                    "first_name_terms) VALUES (1, 1, 'Priya Raman', 'interviewer', 1, 0)")
        raw.execute("INSERT INTO moments (id, person_id, text) VALUES (1, 1, 'the dbt move')")
        raw.execute("INSERT INTO notes (id, application_id, person_id, kind, medium, subject, "
                    "body, status, report, created_at) VALUES (1, 1, 1, 'thank_you', 'email', "
                    "'Thanks', 'Dear Dr. Raman,', 'draft', '{}', '2026-11-20 21:00:00')")
    before = _counts(path)
    assert set(before.values()) == {1}

    db.engine_for.cache_clear()
    upgraded = db.engine_for(f"sqlite:///{path}")  # opening migrates to the head
    assert db.current_revision(upgraded) == db.head_revision()
    upgraded.dispose()
    assert _counts(path) == before
    with sqlite3.connect(path) as raw:  # foreign keys are enforced again afterwards
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    with upgraded.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
