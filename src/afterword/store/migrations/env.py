"""Alembic environment: migrations run on the connection afterword hands over."""

from __future__ import annotations

from alembic import context

from afterword.store.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - afterword always passes a connection
    raise RuntimeError("afterword runs its migrations itself (afterword.store.db.migrate)")
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
