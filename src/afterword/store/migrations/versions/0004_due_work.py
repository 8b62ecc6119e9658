"""due work: scheduled sends, retries and periodic jobs; who is sending a note, until when

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply."""
    with op.batch_alter_table("notes") as batch:
        batch.add_column(sa.Column("send_owner", sa.String(200), nullable=True))
        batch.add_column(sa.Column("send_lease_until", sa.Float(), nullable=True))
    op.create_table(
        "due_work",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(60), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("note_id", sa.Integer(), sa.ForeignKey("notes.id", ondelete="CASCADE"),
                  nullable=True),
        sa.Column("due_at", sa.Float(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False, server_default="pending"),
        sa.Column("claimed_by", sa.String(200), nullable=True),
        sa.Column("lease_until", sa.Float(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_due_work_due_at", "due_work", ["due_at"])
    op.create_index("ix_due_work_state", "due_work", ["state"])


def downgrade() -> None:
    """Revert."""
    op.drop_index("ix_due_work_state", "due_work")
    op.drop_index("ix_due_work_due_at", "due_work")
    op.drop_table("due_work")
    with op.batch_alter_table("notes") as batch:
        batch.drop_column("send_lease_until")
        batch.drop_column("send_owner")
