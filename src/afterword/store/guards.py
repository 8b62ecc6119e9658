"""The store's last line: no row is written with a date outside afterword's limits.

Every entry (forms, the API, invites, backups, the CLI) checks its own dates first, with its
own wording; this listener makes the limit hold for any code path that forgets, so a year
9999 can never reach the database and break every page that adds a day to it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, event, inspect
from sqlalchemy.orm import Session

from afterword.limits import date_problem
from afterword.store.repo import Invalid
from afterword.store.tables import IsoDateTime


def _dated_columns(table: type[Any]) -> list[str]:
    return [column.key for column in inspect(table).columns
            if isinstance(column.type, IsoDateTime | Date)]


def _check(session: Session, _context: Any, _instances: Any) -> None:
    for row in (*session.new, *session.dirty):
        for key in _dated_columns(type(row)):
            value = getattr(row, key, None)
            if isinstance(value, date | datetime):
                problem = date_problem(value, f"{type(row).__name__.lower()} {key}")
                if problem:
                    raise Invalid(problem)


event.listen(Session, "before_flush", _check)
