"""The database: where it lives, its engine, and migrations that apply themselves.

SQLite in the user data dir by default (WAL mode); `AFTERWORD_DATABASE_URL` or the config
file's `database_url` for any other URL, PostgreSQL included (postgresql+psycopg://…).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from afterword.private import private_database, private_dir
from afterword.store import (
    guards,  # noqa: F401  (dates within limits on every flush)
    scope,  # noqa: F401  (server mode: every query scoped)
)


class StoreError(RuntimeError):
    """The database cannot be used; the message says why, in one line."""


BUSY_TIMEOUT_SECONDS = 5


def busy_message(exc: BaseException) -> str | None:
    """The one-line explanation of a database that stayed locked, or None for other errors."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text or "lock timeout" in text:
        return (f"the database is busy: another afterword process held it for over "
                f"{BUSY_TIMEOUT_SECONDS} s; nothing was changed, try again in a moment")
    return None


def default_url() -> str:
    """SQLite under the user data dir (created when missing)."""
    from platformdirs import user_data_dir

    folder = private_dir(Path(user_data_dir("afterword")))
    return f"sqlite:///{folder / 'afterword.db'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.close()


def _postgres_lock_timeout(dbapi_connection: Any, _record: Any) -> None:
    """Wait for a lock as long as SQLite does, then fail with a message (not forever)."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"SET lock_timeout = '{BUSY_TIMEOUT_SECONDS}s'")
    cursor.close()
    dbapi_connection.commit()


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """An engine for `url`, migrated to the code's schema (refusing a newer one)."""
    try:
        engine = create_engine(url, future=True)
    except (SQLAlchemyError, ValueError, ImportError) as exc:
        raise StoreError(f"cannot use database {_safe(url)}: {exc}") from None
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                private_database(Path(database))
            except OSError as exc:
                raise StoreError(f"cannot use database {_safe(url)}: {exc.strerror}") from None
        event.listen(engine, "connect", _sqlite_pragmas)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _postgres_lock_timeout)
    migrate(engine)
    return engine


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("afterword.store") / "migrations"))
    return config


def head_revision() -> str:
    """The newest schema revision this code knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None when empty)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the schema up to date; refuse a database made by a newer afterword."""
    from alembic import command
    from alembic.script import ScriptDirectory

    config = _alembic_config()
    script = ScriptDirectory.from_config(config)
    try:
        current = current_revision(engine)
        known = {revision.revision for revision in script.walk_revisions()}
        if current is not None and current not in known:
            raise StoreError(
                f"the database at {_safe(str(engine.url))} has schema {current}, newer than "
                "this afterword knows; upgrade afterword (nothing was changed)")
        if current != script.get_current_head():
            _upgrade(engine, config, command)
    except StoreError:
        raise
    except Exception as exc:  # any driver or migration failure: one line, nothing lost
        raise StoreError(f"cannot open database {_safe(str(engine.url))}: {exc}") from None


def _upgrade(engine: Engine, config: Any, command: Any) -> None:
    """Run the migrations in one transaction. On SQLite, with foreign keys off meanwhile:
    a batch migration rebuilds a table (copy, drop, rename), and dropping `applications`
    with them on would cascade-delete every interview, person and note pointing at it.
    The keys are checked before the transaction commits, and switched on again after."""
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:  # a no-op inside a transaction: before it begins
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StoreError("the upgrade would leave rows pointing at nothing; "
                                     "nothing was changed")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def _safe(url: str) -> str:
    """The URL without its password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<database>"


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    maker = sessionmaker(bind=engine_for(url), expire_on_commit=False)
    session = maker()
    try:
        yield session
        session.commit()
    except OperationalError as exc:
        session.rollback()
        message = busy_message(exc)
        if message is None:
            raise
        raise StoreError(message) from None
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
