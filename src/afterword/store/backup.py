"""The JSON backup: every row of every table, nested per application, lossless both ways.

export → import into an empty database → export gives the identical document.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, func, inspect, select
from sqlalchemy.orm import Session

from afterword.store.repo import Invalid
from afterword.store.tables import (
    Application,
    Base,
    FollowUp,
    Interview,
    IsoDateTime,
    Moment,
    Note,
    Person,
)

FORMAT = "afterword-backup"
VERSION = 1
# Table -> (its children's relationship name, their class), in nesting order.
CHILDREN: dict[type[Base], tuple[tuple[str, type[Base]], ...]] = {
    Application: (("interviews", Interview), ("people", Person), ("notes", Note),
                  ("follow_ups", FollowUp)),
    Person: (("moments", Moment),),
}


def export_all(session: Session, *, owner_id: int | None = None) -> dict[str, Any]:
    """The whole database as one JSON-ready document (what the session may read: in server
    mode a scoped session; `owner_id` keeps one account's applications only)."""
    query = select(Application).order_by(Application.id)
    if owner_id is not None:
        query = query.where(Application.owner_id == owner_id)
    apps = session.scalars(query)
    return {"format": FORMAT, "version": VERSION,
            "applications": [_dump(app) for app in apps]}


def _dump(row: Base) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for column in inspect(type(row)).columns:
        value = getattr(row, column.key)
        data[column.key] = value.isoformat() if isinstance(value, date | datetime) else value
    for name, child in CHILDREN.get(type(row), ()):
        items = sorted(getattr(row, name), key=lambda r: r.id)
        data[name] = [_dump(item) for item in items if isinstance(item, child)]
    return data


def import_all(session: Session, document: Any) -> int:
    """Load a backup into an empty database; returns the number of applications.

    The whole document is validated first (store.backup_check): a bad backup writes nothing.
    """
    from afterword.store.backup_check import validate_backup

    validate_backup(document)
    if session.scalar(select(func.count()).select_from(Application)):
        raise Invalid("the database already has applications; import into an empty one "
                      "(set AFTERWORD_DATABASE_URL to a new file)")
    apps = document.get("applications")
    if not isinstance(apps, list):
        raise Invalid("backup key 'applications' must be a list")
    for index, data in enumerate(apps):
        session.add(_load(Application, data, f"applications[{index}]"))
    session.flush()
    return len(apps)


def _load(table: type[Base], data: Any, where: str) -> Base:
    if not isinstance(data, dict):
        raise Invalid(f"backup {where} must be an object")
    values: dict[str, Any] = {}
    for column in inspect(table).columns:
        if column.key not in data:
            continue
        values[column.key] = _value(column.type, data[column.key], f"{where}.{column.key}")
    row = table(**values)
    for name, child in CHILDREN.get(table, ()):
        items = data.get(name, [])
        if not isinstance(items, list):
            raise Invalid(f"backup {where}.{name} must be a list")
        setattr(row, name, [_load(child, item, f"{where}.{name}[{i}]")
                            for i, item in enumerate(items)])
    return row


def _value(kind: Any, value: Any, where: str) -> Any:
    if value is None:
        return None
    try:
        if isinstance(kind, IsoDateTime):
            return datetime.fromisoformat(value)
        if isinstance(kind, Date):
            return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise Invalid(f"backup {where}: '{value}' is not a date/time") from None
    return value
