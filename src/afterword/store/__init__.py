"""Storage: SQLAlchemy tables, Alembic migrations, data helpers and the JSON backup."""
