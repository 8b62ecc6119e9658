"""dismissals: planned steps the user dismissed from Today

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply."""
    op.create_table(
        "dismissals",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("application_id", sa.Integer(),
                  sa.ForeignKey("applications.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("dismissed_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("application_id", "kind", "number"),
    )
    op.create_index("ix_dismissals_application_id", "dismissals", ["application_id"])


def downgrade() -> None:
    """Revert."""
    op.drop_index("ix_dismissals_application_id", "dismissals")
    op.drop_table("dismissals")
