"""people: a suffix typed with the name ("Jr.", "PhD") is kept apart from it

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply."""
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("suffix", sa.String(length=40), nullable=True))


def downgrade() -> None:
    """Revert."""
    with op.batch_alter_table("people") as batch:
        batch.drop_column("suffix")
