"""server mode: organisations, accounts, sessions, API tokens, one-time links, sign-in
attempts, review requests and comments, shared templates, the audit log; every
application's owner; due work per account; an invite's UID unique per account, not overall

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

STAMP = sa.String(40)  # IsoDateTime


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _user(name: str = "user_id", *, nullable: bool = False,
          ondelete: str = "CASCADE") -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), sa.ForeignKey("users.id", ondelete=ondelete),
                     nullable=nullable)


def upgrade() -> None:
    """Apply."""
    op.create_table(
        "organisations", _id(),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("house_style", sa.JSON(), nullable=False),
        sa.Column("relay", sa.JSON(), nullable=False),
        sa.Column("relay_secret", sa.Text(), nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
    )
    op.create_table(
        "users", _id(),
        sa.Column("organisation_id", sa.Integer(),
                  sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=True),
        _user("coach_id", nullable=True, ondelete="SET NULL"),
        sa.Column("cohort", sa.String(100), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.Float(), nullable=True),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("mail_secrets", sa.Text(), nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
    )
    op.create_index("ix_users_organisation_id", "users", ["organisation_id"])
    op.create_index("ix_users_coach_id", "users", ["coach_id"])
    op.create_table(
        "auth_sessions", _id(), _user(),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("last_seen_at", STAMP, nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.Column("user_agent", sa.String(300), nullable=False),
    )
    op.create_index("ix_auth_sessions_user_id", "auth_sessions", ["user_id"])
    op.create_table(
        "api_tokens", _id(), _user(),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("prefix", sa.String(12), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("last_used_at", STAMP, nullable=True),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "one_time_links", _id(), _user(),
        sa.Column("purpose", sa.String(20), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.Column("used_at", STAMP, nullable=True),
    )
    op.create_index("ix_one_time_links_user_id", "one_time_links", ["user_id"])
    op.create_table(
        "login_attempts", _id(),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_login_attempts_key", "login_attempts", ["key"])
    op.create_index("ix_login_attempts_at", "login_attempts", ["at"])
    op.create_table(
        "review_requests", _id(),
        sa.Column("note_id", sa.Integer(), sa.ForeignKey("notes.id", ondelete="CASCADE"),
                  nullable=False),
        _user("requested_by"),
        _user("coach_id", nullable=True, ondelete="SET NULL"),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
    )
    op.create_index("ix_review_requests_note_id", "review_requests", ["note_id"])
    op.create_index("ix_review_requests_coach_id", "review_requests", ["coach_id"])
    op.create_table(
        "review_comments", _id(),
        sa.Column("review_id", sa.Integer(),
                  sa.ForeignKey("review_requests.id", ondelete="CASCADE"), nullable=False),
        _user("author_id", nullable=True, ondelete="SET NULL"),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
    )
    op.create_index("ix_review_comments_review_id", "review_comments", ["review_id"])
    op.create_table(
        "shared_templates", _id(),
        sa.Column("organisation_id", sa.Integer(),
                  sa.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", STAMP, nullable=False),
    )
    op.create_index("ix_shared_templates_organisation_id", "shared_templates",
                    ["organisation_id"])
    op.create_table(
        "audit_log", _id(),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("ip", sa.String(64), nullable=False),
        sa.Column("at", STAMP, nullable=False),
    )
    op.create_index("ix_audit_log_organisation_id", "audit_log", ["organisation_id"])
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_applications_owner_id_users", "users", ["owner_id"],
                                 ["id"], ondelete="CASCADE")
        batch.create_index("ix_applications_owner_id", ["owner_id"])
    with op.batch_alter_table("due_work") as batch:
        batch.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("payload", sa.JSON(), nullable=True))
        batch.create_foreign_key("fk_due_work_user_id_users", "users", ["user_id"], ["id"],
                                 ondelete="CASCADE")
        batch.create_index("ix_due_work_user_id", ["user_id"])
    _uid_unique(drop=True)
    op.create_index("ix_interviews_uid", "interviews", ["uid"])


def _uid_unique(*, drop: bool) -> None:
    """The UID's unique constraint: unnamed in 0001 (SQLite keeps it nameless, PostgreSQL
    calls it interviews_uid_key); a naming convention lets batch mode find it by name."""
    bind = op.get_bind()
    name = "interviews_uid_key" if bind.dialect.name == "postgresql" else "uq_interviews_uid"
    convention = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
    with op.batch_alter_table("interviews", naming_convention=convention) as batch:
        if drop:
            batch.drop_constraint(name, type_="unique")
        else:
            batch.create_unique_constraint(name, ["uid"])


def downgrade() -> None:
    """Revert."""
    op.drop_index("ix_interviews_uid", "interviews")
    _uid_unique(drop=False)
    with op.batch_alter_table("due_work") as batch:
        batch.drop_index("ix_due_work_user_id")
        batch.drop_constraint("fk_due_work_user_id_users", type_="foreignkey")
        batch.drop_column("payload")
        batch.drop_column("user_id")
    with op.batch_alter_table("applications") as batch:
        batch.drop_index("ix_applications_owner_id")
        batch.drop_constraint("fk_applications_owner_id_users", type_="foreignkey")
        batch.drop_column("owner_id")
    for table in ("audit_log", "shared_templates", "review_comments", "review_requests",
                  "login_attempts", "one_time_links", "api_tokens", "auth_sessions", "users",
                  "organisations"):
        op.drop_table(table)
