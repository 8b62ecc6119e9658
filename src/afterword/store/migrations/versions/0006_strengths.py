"""strengths: what the writer brings to this job, in their words (the only claim about
the writer a draft may make)

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply."""
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("strengths", sa.Text(), nullable=True))


def downgrade() -> None:
    """Revert."""
    with op.batch_alter_table("applications") as batch:
        batch.drop_column("strengths")
