"""A backup is checked whole before one row of it is written: types, ids, references, limits.

The record schemas are built from the tables themselves (a column's type, length and
nullability), so a column added later is checked without anyone remembering to; on top of
them come the rules a table cannot say on its own: ids unique per table, a note's person
belongs to the same application, dates aware and within limits.py's years, names visible.
The first problem is reported with its path in the file (`applications[0].people[2].id`).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    create_model,
)
from sqlalchemy import JSON, Boolean, Date, Integer, String, inspect

from afterword.limits import LimitError as _LimitError
from afterword.limits import check_date, check_structure, people_problem
from afterword.store import tables
from afterword.store.backup import CHILDREN, FORMAT, VERSION
from afterword.store.repo import Invalid, visible
from afterword.store.tables import Application, Base, IsoDateTime

_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("applications", "status"): tables.STATUSES,
    ("people", "role"): tables.PERSON_ROLES,
    ("notes", "status"): tables.NOTE_STATUSES,
}
_VISIBLE = {("applications", "company"), ("people", "name")}
_ID = Annotated[StrictInt, Field(ge=1, le=2**63 - 1)]


def _day(value: date) -> date:
    return check_date(value, "the date")


def _moment(value: datetime) -> datetime:
    return check_date(value, "the date")


def _seen(value: str) -> str:
    if not visible(value):
        raise ValueError("is empty (or only invisible characters)")
    return value


def _field(table: str, column: Any) -> tuple[Any, Any]:
    kind = column.type
    if column.primary_key:
        annotation: Any = _ID
    elif isinstance(kind, IsoDateTime):
        annotation = Annotated[AwareDatetime, AfterValidator(_moment)]
    elif isinstance(kind, Date):
        annotation = Annotated[date, AfterValidator(_day)]
    elif isinstance(kind, Boolean):
        annotation = StrictBool
    elif isinstance(kind, Integer):
        annotation = Annotated[StrictInt, Field(ge=-(2**63), le=2**63 - 1)]
    elif isinstance(kind, JSON):
        annotation = dict[str, Any] if column.key == "report" else list[StrictStr]
    elif isinstance(kind, String):
        annotation = Annotated[StrictStr, Field(max_length=kind.length)]
    else:
        annotation = StrictStr
    choices = _CHOICES.get((table, column.key))
    if choices:
        annotation = Annotated[annotation, AfterValidator(_one_of(choices))]
    if (table, column.key) in _VISIBLE:
        annotation = Annotated[annotation, AfterValidator(_seen)]
    if column.nullable or column.primary_key or column.default is not None:
        return annotation | None, None
    return annotation, ...


def _one_of(choices: tuple[str, ...]) -> Any:
    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"is one of {', '.join(choices)}, not '{value}'")
        return value
    return check


@lru_cache(maxsize=16)
def record_model(table: type[Base]) -> type[BaseModel]:
    """The schema of one row of `table` in a backup (children validated separately)."""
    name = table.__tablename__
    fields = {column.key: _field(name, column) for column in inspect(table).columns}
    for child_name, _child in CHILDREN.get(table, ()):
        fields[child_name] = (list[dict[str, Any]], [])
    model: type[BaseModel] = create_model(  # type: ignore[call-overload]
        f"Backup{table.__name__}", __config__=ConfigDict(extra="forbid"), **fields)
    return model


def validate_backup(document: Any) -> None:
    """Invalid naming the first problem (with its path) unless the whole backup is sound."""
    try:
        check_structure(document, "the backup")
    except _LimitError as exc:
        raise Invalid(str(exc)) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise Invalid("this is not an afterword backup (no \"format\": \"afterword-backup\")")
    if document.get("version") != VERSION:
        raise Invalid(f"backup version {document.get('version')!r} is not one this afterword "
                      "reads")
    apps = document.get("applications")
    if not isinstance(apps, list):
        raise Invalid("backup key 'applications' must be a list")
    ids: dict[str, set[int]] = {}
    for index, app in enumerate(apps):
        _check_row(Application, app, f"applications[{index}]", ids, parent=None)
        _check_references(app, f"applications[{index}]")


def _check_row(table: type[Base], data: Any, where: str, ids: dict[str, set[int]],
               parent: tuple[str, int | None] | None) -> None:
    if not isinstance(data, dict):
        raise Invalid(f"backup {where} must be an object")
    try:
        record = record_model(table).model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"])
        raise Invalid(f"backup {where}{path}: {_reason(first)}") from None
    row_id: int | None = record.id  # type: ignore[attr-defined]
    _check_id(table.__tablename__, row_id, where, ids)
    if parent is not None and getattr(record, parent[0], None) not in (None, parent[1]):
        raise Invalid(f"backup {where}.{parent[0]}: it sits under id {parent[1]}, not "
                      f"{getattr(record, parent[0])}")
    for name, child in CHILDREN.get(table, ()):
        items = getattr(record, name)
        problem = people_problem(len(items), "application") if name == "people" else None
        if problem:
            raise Invalid(f"backup {where}.people: {problem}")
        for i, item in enumerate(items):
            _check_row(child, item, f"{where}.{name}[{i}]", ids, (_parent_key(table), row_id))


def _check_id(table: str, row_id: int | None, where: str, ids: dict[str, set[int]]) -> None:
    """Ids unique per table; every row of a table has one, or none has (no clash on insert)."""
    seen = ids.setdefault(table, set())
    without = ids.setdefault(f"{table} without id", set())
    if (row_id is None and seen) or (row_id is not None and without):
        raise Invalid(f"backup {where}.id: give every row an id, or none")
    if row_id is None:
        without.add(0)
    elif row_id in seen:
        raise Invalid(f"backup {where}.id: {row_id} is used twice")
    else:
        seen.add(row_id)


def _reason(error: Any) -> str:
    kind, value = str(error.get("type", "")), error.get("input")
    if kind == "timezone_aware":
        return f"'{value}' has no time zone (a naive date/time is ambiguous)"
    if kind.startswith(("datetime", "date")):
        return f"'{value}' is not a date/time"
    return str(error.get("msg", "invalid"))


def _parent_key(table: type[Base]) -> str:
    return {"applications": "application_id", "people": "person_id"}[table.__tablename__]


def _check_references(app: dict[str, Any], where: str) -> None:
    people = {p.get("id") for p in app.get("people", []) if isinstance(p, dict)}
    for index, note in enumerate(app.get("notes", [])):
        person = note.get("person_id") if isinstance(note, dict) else None
        if person is not None and person not in people:
            raise Invalid(f"backup {where}.notes[{index}].person_id: no person {person} in "
                          "this application")
