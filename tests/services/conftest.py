"""A fresh database per test, a named epoch, and an application like a real one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from afterword.config import Thresholds
from afterword.services.applications import InterviewInput, create_application
from afterword.store.db import session_scope
from afterword.store.tables import Application

NEW_YORK = ZoneInfo("America/New_York")
EPOCH = datetime(2026, 11, 20, 16, 0, tzinfo=NEW_YORK)  # an hour after the interview ended


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A SQLite file of this test's own."""
    return f"sqlite:///{tmp_path / 'services.db'}"


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    """A session whose work is committed when the test ends well."""
    with session_scope(db_url) as opened:
        yield opened


@pytest.fixture
def northwind(session: Session) -> Application:
    """Northwind's Senior Data Analyst interview with Priya Raman and Dr. Nia Okoye."""
    return create_application(
        session, now=EPOCH, thresholds=Thresholds(), company="Northwind Analytics",
        role="Senior Data Analyst", timezone="America/New_York",
        interview=InterviewInput(start=datetime(2026, 11, 20, 14, 0), end=None,
                                 timezone="America/New_York"),
        people=[("Priya Raman", "priya.raman@northwind.example", "interviewer"),
                ("Dr. Nia Okoye", "nia.okoye@northwind.example", "interviewer"),
                ("Leo Park", "recruiting@northwind.example", "scheduler")])
