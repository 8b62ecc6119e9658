"""The migrations build exactly the schema the tables declare, on SQLite and PostgreSQL,
and go down and up again cleanly (a table or column added to one and not the other fails)."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from afterword.store.db import _alembic_config, engine_for
from afterword.store.tables import Base
from afterword.web import tables as _web_tables  # noqa: F401  (registers the web tables)


def _differences(url: str) -> list[object]:
    engine = engine_for(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        diff = compare_metadata(context, Base.metadata)
    # SQLite cannot tell a nameless constraint from a named one: compare what exists
    return [d for d in diff if not (isinstance(d, tuple) and d[0] in {"add_fk", "remove_fk"}
                                     and engine.dialect.name == "sqlite")]


def test_sqlite_schema_matches_the_tables(tmp_path: Path) -> None:
    assert _differences(f"sqlite:///{tmp_path / 'a.db'}") == []


def test_postgresql_schema_matches_the_tables(postgres_url: str) -> None:
    from sqlalchemy import text

    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS schema_match"))
        connection.execute(text("CREATE DATABASE schema_match"))
    admin.dispose()
    assert _differences(postgres_url.rsplit("/", 1)[0] + "/schema_match") == []


@pytest.mark.parametrize("target", ["0007", "base"])
def test_migrations_go_down_and_up_again(tmp_path: Path, target: str) -> None:
    engine = engine_for(f"sqlite:///{tmp_path / 'b.db'}")
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, target)
        command.upgrade(config, "head")
    assert _differences(f"sqlite:///{tmp_path / 'b.db'}") == []
