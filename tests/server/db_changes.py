"""The database before and after a request, and who may change which row: the isolation
test's rules of ownership (an application's rows are its owner's; a coach comments on their
candidates' reviews; an admin changes the organisation's people and settings)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from afterword.store.db import engine_for
from afterword.store.tables import Base
from tests.server.personas import World

# -- the database before and after ---------------------------------------------------------

Snapshot = dict[str, dict[Any, dict[str, Any]]]


def snapshot(world: World) -> Snapshot:
    """Every row of every table, by primary key."""
    tables: Snapshot = {}
    with engine_for(world.url).connect() as connection:
        for table in Base.metadata.sorted_tables:
            keys = [c.name for c in table.primary_key.columns]
            tables[table.name] = {
                tuple(row[k] for k in keys): dict(row)
                for row in (r._mapping for r in connection.execute(select(table)))}
    return tables


@dataclass
class Owners:
    """Who owns what in a snapshot: the rules of what a persona may change."""

    snap: Snapshot
    app_owner: dict[int, int | None] = field(default_factory=dict)
    person_app: dict[int, int] = field(default_factory=dict)
    note_app: dict[int, int] = field(default_factory=dict)
    review_note: dict[int, int] = field(default_factory=dict)
    user_org: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.app_owner = {k[0]: r["owner_id"] for k, r in self.snap["applications"].items()}
        self.person_app = {k[0]: r["application_id"] for k, r in self.snap["people"].items()}
        self.note_app = {k[0]: r["application_id"] for k, r in self.snap["notes"].items()}
        self.review_note = {k[0]: r["note_id"] for k, r in self.snap["review_requests"].items()}
        self.user_org = {k[0]: r["organisation_id"] for k, r in self.snap["users"].items()}

    def of_note(self, note_id: int | None) -> int | None:
        """The account a note belongs to."""
        app = self.note_app.get(note_id) if note_id is not None else None
        return self.app_owner.get(app) if app is not None else None

    def owner(self, table: str, row: dict[str, Any]) -> int | None:
        """The account an application-bound row belongs to (None: not application-bound)."""
        if table == "applications":
            return row["owner_id"]
        if table == "moments":
            return self.app_owner.get(self.person_app.get(row["person_id"], -1))
        if table == "review_requests":
            return self.of_note(row["note_id"])
        if table == "review_comments":
            return self.of_note(self.review_note.get(row["review_id"]))
        if "application_id" in row:
            return self.app_owner.get(row["application_id"])
        if table == "due_work" and row.get("note_id") is not None:
            return self.of_note(row["note_id"])
        return None


def may_change(owners: Owners, persona: str, me: int | None, reads: set[int], table: str,
               row: dict[str, Any], *, added: bool) -> bool:
    """Whether `persona` (account `me`, reading the accounts `reads`) may add, change or
    delete `row` of `table`."""
    if table == "login_attempts":
        return True  # anyone may try to sign in
    if table == "audit_log":
        return added and row["actor_id"] in (me, None)
    if me is None:
        return False
    org = owners.user_org.get(me)
    admin = persona in ("admin", "other_admin")
    by_user = {"auth_sessions": "user_id", "api_tokens": "user_id", "one_time_links": "user_id"}
    if table in by_user:
        return row[by_user[table]] == me or (
            admin and table == "one_time_links" and owners.user_org.get(row["user_id"]) == org)
    if table == "users":
        return row["id"] == me or (admin and row["organisation_id"] == org)
    if table == "organisations":
        return admin and row["id"] == org
    if table == "shared_templates":
        return persona not in ("a", "b") and row["organisation_id"] == org
    if table == "due_work" and row.get("note_id") is None:
        return row.get("user_id") == me or (admin and owners.user_org.get(row["user_id"]) == org)
    if table == "review_comments":
        return owners.owner(table, row) == me or (
            row.get("author_id") == me and owners.owner(table, row) in reads)
    if table == "review_requests":
        return owners.owner(table, row) == me or (
            row.get("coach_id") == me and owners.owner(table, row) in reads)
    owner = owners.owner(table, row)
    return owner is not None and owner == me


def merged(before: Snapshot, after: Snapshot) -> Snapshot:
    """Every row of either snapshot (the newer version where both have it)."""
    return {t: {**before.get(t, {}), **after.get(t, {})} for t in {*before, *after}}


def changes(before: Snapshot, after: Snapshot) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """(table, row, added?) for each row added, changed or removed."""
    for table, rows in after.items():
        old = before.get(table, {})
        for key, row in rows.items():
            if key not in old:
                yield table, row, True
            elif old[key] != row:
                yield table, old[key], False
                yield table, row, False
        for key, row in old.items():
            if key not in rows:
                yield table, row, False


