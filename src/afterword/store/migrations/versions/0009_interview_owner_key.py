"""interviews: an invite's UID is unique per account again (owner_key, uid), so two imports
of the same invite at once still make one interview, in the single-user app and per account

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply."""
    with op.batch_alter_table("interviews") as batch:
        batch.add_column(sa.Column("owner_key", sa.Integer(), nullable=False,
                                   server_default="0"))
    op.execute("UPDATE interviews SET owner_key = COALESCE((SELECT owner_id FROM applications "
               "WHERE applications.id = interviews.application_id), 0)")
    with op.batch_alter_table("interviews") as batch:
        batch.create_unique_constraint("uq_interviews_owner_uid", ["owner_key", "uid"])


def downgrade() -> None:
    """Revert."""
    with op.batch_alter_table("interviews") as batch:
        batch.drop_constraint("uq_interviews_owner_uid", type_="unique")
        batch.drop_column("owner_key")
